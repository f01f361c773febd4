import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ColumnSpec, col } from '../../core/schema/index.js';
import { openDuckDbStore } from '../duckdb/duckdb-store.js';
import type { SqlValue, Store } from '../store.js';
import { CoerceFailure, compileCoercer } from './coerce.js';
import { CsvRecordScanner } from './csv-records.js';
import {
  canonicalValueSql,
  stagedValueOkSql,
  wellFormedLinePattern,
  whitespaceBoundaryPattern,
  whitespaceCodePoints,
} from './fast-sql.js';
import { compileColumnCheck } from './validate.js';

/**
 * The SQL coercion of the fast path against the JavaScript coercer + validator, value by value:
 * whenever SQL says "canonical and valid", JavaScript must accept the value and produce exactly
 * the same result (same instant, same double bit for bit, same text). Inputs are generated from
 * a grammar of canonical forms and their near misses (wrong ranges, extra spaces, other
 * separators, lookalike Unicode). A second set of checks makes sure the canonical forms the
 * benchmark and real exports use are actually handled in SQL (else the fast path is slow).
 */

let store: Store;
const inputColumns = [col('i', 'integer', 'index'), col('raw', 'text', 'raw value')];

beforeAll(async () => {
  store = await openDuckDbStore({ path: ':memory:' });
});

afterAll(async () => {
  await store.close();
});

interface SqlResult {
  readonly value: SqlValue;
  readonly ok: boolean;
}

async function runSql(column: ColumnSpec, raws: readonly string[]): Promise<SqlResult[]> {
  await store.execute('CREATE OR REPLACE TEMP TABLE fast_sql_inputs (i BIGINT, raw VARCHAR)');
  await store.bulkInsert(
    'fast_sql_inputs',
    inputColumns,
    raws.map((raw, i) => [i, raw]),
  );
  const value = canonicalValueSql(column, 'raw');
  // As in the fast path: a value with whitespace at its ends is never taken (its line is pending).
  const rows = await store.query(
    `SELECT i, v AS value,
       NOT regexp_matches(raw, '${whitespaceBoundaryPattern(',')}') AND ${stagedValueOkSql(column, 'v')} AS ok
       FROM (SELECT i, raw, ${value} AS v FROM fast_sql_inputs) ORDER BY i`,
  );
  return rows.map((r) => ({ value: r.value as SqlValue, ok: r.ok === true }));
}

function jsResult(column: ColumnSpec, raw: string): { accepted: boolean; value: SqlValue } {
  const value = compileCoercer(column)(raw);
  if (value instanceof CoerceFailure) return { accepted: false, value: null };
  return { accepted: compileColumnCheck(column)(value) === undefined, value };
}

function same(a: SqlValue, b: SqlValue): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return Object.is(a, b);
}

/** Asserts SQL ⊆ JS with equal values; returns the share of inputs SQL handled. */
async function expectAgreement(column: ColumnSpec, raws: readonly string[]): Promise<number> {
  const sql = await runSql(column, raws);
  let handled = 0;
  raws.forEach((raw, i) => {
    const s = sql[i] as SqlResult;
    if (!s.ok) return;
    handled += 1;
    const js = jsResult(column, raw);
    if (!js.accepted || !same(js.value, s.value)) {
      throw new Error(
        `${column.name} (${column.type}): SQL accepted ${JSON.stringify(raw)} as ${String(s.value)}, JS gives ${js.accepted ? String(js.value) : 'a rejection'}`,
      );
    }
  });
  return handled / raws.length;
}

async function expectAllHandled(column: ColumnSpec, raws: readonly string[]): Promise<void> {
  const sql = await runSql(column, raws);
  const missed = raws.filter((_, i) => !sql[i]?.ok);
  expect(missed).toEqual([]);
  await expectAgreement(column, raws);
}

const pick = <T>(...values: T[]) => fc.constantFrom(...values);
const digits = (min: number, max: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((d) => d.join(''));
const pad = (n: number, width: number) => String(n).padStart(width, '0');

const dateArb = fc
  .tuple(
    pick(999, 1000, 1970, 2023, 2024, 9999),
    pick('-', '/', '.', '-/'),
    fc.integer({ min: 0, max: 13 }),
    fc.integer({ min: 0, max: 32 }),
    fc.boolean(),
  )
  .map(([y, sep, m, d, padded]) => {
    const [s1, s2] = sep.length === 2 ? [sep[0], sep[1]] : [sep, sep];
    const p = (n: number) => (padded ? pad(n, 2) : String(n));
    return `${pad(y, 4)}${s1}${p(m)}${s2}${p(d)}`;
  });
const timeArb = fc
  .tuple(
    pick('T', ' ', '  ', 't'),
    fc.integer({ min: 0, max: 25 }),
    fc.integer({ min: 0, max: 61 }),
    fc.option(fc.integer({ min: 0, max: 61 })),
    fc.option(fc.tuple(pick('.', ','), digits(1, 4))),
    fc.option(pick('Z', '+08:00', '+0800', '+08', '-05:30', ' Z', 'UTC', '+24:00', '+05:60', 'z', ' PM')),
    fc.boolean(),
  )
  .map(([sep, h, m, s, fraction, zone, padHour]) => {
    let text = `${sep}${padHour ? pad(h, 2) : h}:${pad(m, 2)}`;
    if (s !== null) text += `:${pad(s, 2)}${fraction ? `${fraction[0]}${fraction[1]}` : ''}`;
    return text + (zone ?? '');
  });
const chineseArb = fc
  .tuple(
    pick(999, 2023, 2024),
    fc.integer({ min: 0, max: 13 }),
    fc.integer({ min: 0, max: 32 }),
    pick('日', '号', ''),
    fc.option(
      fc.tuple(pick(' ', '', '  '), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 })),
    ),
    fc.option(fc.integer({ min: 0, max: 61 })),
  )
  .map(([y, m, d, end, time, s]) => {
    let text = `${pad(y, 4)}年${m}月${d}${end}`;
    if (time) text += `${time[0]}${time[1]}:${pad(time[2], 2)}${s === null ? '' : `:${pad(s, 2)}`}`;
    return text;
  });
const dateTimeArb = fc.oneof(
  dateArb,
  fc.tuple(dateArb, timeArb).map(([d, t]) => d + t),
  chineseArb,
  fc.string({ maxLength: 12 }),
);

const amountArb = fc
  .tuple(
    pick('', '-', '+', '--'),
    pick('', '¥', '￥', '$', '€', '£', 'RMB', '元', '¥¥'),
    pick('', '-'),
    fc.oneof(
      digits(1, 18),
      fc
        .tuple(fc.integer({ min: 0, max: 999 }), fc.array(digits(2, 4), { maxLength: 4 }))
        .map(([h, g]) => [String(h), ...g].join(',')),
    ),
    fc.option(fc.tuple(pick('.', ','), digits(0, 14))),
    pick('', '', '', '%', ' ', 'e3', '元'),
  )
  .map(([s1, cur, s2, int, frac, tail]) => `${s1}${cur}${s2}${int}${frac ? frac[0] + frac[1] : ''}${tail}`);

const textChars = [
  'a',
  'Z',
  '7',
  ',',
  '"',
  '张',
  '伟',
  '😀',
  'é',
  '\u0085',
  '\u180e',
  '\u200b',
  ...whitespaceCodePoints.map((c) => String.fromCodePoint(c)),
];
const textArb = fc
  .array(fc.constantFrom(...textChars), { minLength: 1, maxLength: 6 })
  .map((chars) => chars.join(''));

describe('whitespace', () => {
  it('lists exactly the code points String.prototype.trim removes', () => {
    const trimmed: number[] = [];
    for (let c = 0; c <= 0x10ffff; c += 1) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      if (String.fromCodePoint(c).trim() === '') trimmed.push(c);
    }
    expect(trimmed).toEqual(whitespaceCodePoints);
  });

  it.each([',', '\t'])(
    'flags every line in which a field starts or ends with whitespace, for every BMP character (%j)',
    async (d) => {
      const raws: string[] = [];
      for (let c = 1; c <= 0xffff; c += 1) {
        if ((c >= 0xd800 && c <= 0xdfff) || c === 10 || c === 13) continue;
        const ch = String.fromCharCode(c);
        raws.push(
          ...[
            `${ch}x,a`,
            `a,x${ch}`,
            `a,${ch}x,b`,
            `"x${ch}",a`,
            `a,"${ch}x"`,
            `a,"y,x${ch}"`,
            `a,,${ch}`,
          ].map((l) => l.replaceAll(',', d)),
        );
      }
      await store.execute('CREATE OR REPLACE TEMP TABLE fast_ws (i BIGINT, raw VARCHAR)');
      await store.bulkInsert(
        'fast_ws',
        inputColumns,
        raws.map((raw, i) => [i, raw]),
      );
      const rows = await store.query(
        `SELECT i, regexp_matches(raw, '${whitespaceBoundaryPattern(d)}') AS flagged FROM fast_ws ORDER BY i`,
      );
      // Sound: a line that is not flagged has no field the coercer would trim.
      const missed = raws.filter(
        (raw, i) => rows[i]?.flagged !== true && scanFields(raw, d).some((f) => f.trim() !== f),
      );
      expect(missed).toEqual([]);
      // Not over-eager on ordinary text: no field has any whitespace, no flag.
      const plain = raws.filter((raw, i) => {
        const fields = scanFields(raw, d);
        return rows[i]?.flagged === true && fields.length > 0 && fields.every((f) => !/\s/u.test(f));
      });
      expect(plain).toEqual([]);
    },
  );
});

/** The JavaScript scanner's fields of one line (empty when malformed). */
function scanFields(line: string, delimiter: string): string[] {
  const scanner = new CsvRecordScanner({ delimiter, header: false });
  const out: { fields: string[]; error: unknown }[] = [];
  scanner.push(line, out as never);
  scanner.end(out as never);
  return out[0]?.error === undefined ? (out[0]?.fields ?? []) : [];
}

describe('canonical SQL coercion agrees with the JavaScript coercer', () => {
  const runs = { numRuns: 12, timeout: 20_000 };
  const batch = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, { minLength: 300, maxLength: 300 });

  it.each([col('ts', 'timestamp', 'time'), col('d', 'date', 'date')])('$type', async (column) => {
    await fc.assert(
      fc.asyncProperty(batch(dateTimeArb), async (raws) => {
        await expectAgreement(column, raws);
      }),
      runs,
    );
  });

  it.each([
    col('amount', 'double', 'amount', { check: 'nonNegative' }),
    col('p', 'double', 'probability', { check: 'probability' }),
    col('n', 'integer', 'count', { check: 'positive' }),
    col('x', 'double', 'any'),
  ])('$name ($type, $check)', async (column) => {
    await fc.assert(
      fc.asyncProperty(batch(amountArb), async (raws) => {
        await expectAgreement(column, raws);
      }),
      runs,
    );
  });

  it('text, enum and boolean', async () => {
    const words = pick('online', 'Online', 'ONLINE', 'onlİne', 'marKetplace', 'marketplace', 'store ', 'x');
    const booleans = pick(
      'true',
      'TRUE',
      'Yes',
      'n',
      'T',
      '0',
      '1',
      'off',
      'ON',
      '是',
      '否',
      '对',
      'nope',
      'ｙes',
    );
    await fc.assert(
      fc.asyncProperty(
        batch(textArb),
        batch(fc.oneof(words, textArb)),
        batch(fc.oneof(booleans, textArb)),
        async (texts, enums, bools) => {
          await expectAgreement(col('t', 'text', 'text'), texts);
          await expectAgreement(
            col('channel', 'text', 'enum', { enum: ['online', 'store', 'marketplace'] }),
            enums,
          );
          await expectAgreement(col('b', 'boolean', 'flag'), bools);
        },
      ),
      runs,
    );
  });
});

describe('canonical forms handled in SQL', () => {
  it('takes the common export forms without JavaScript', async () => {
    await expectAllHandled(col('ts', 'timestamp', 't'), [
      '2023-03-05',
      '2023-3-5',
      '2023-03-05 14:30:00',
      '2023-03-05T14:30:00Z',
      '2023-03-05T14:30:00.123Z',
      '2023-03-05T14:30:00+08:00',
      '2023-03-05 14:30',
      '2023/03/05 14:30',
      '2023/3/5',
      '2023年3月5日',
      '2023年3月5日 14:30',
      '2024-02-29 23:59:59',
    ]);
    await expectAllHandled(col('d', 'date', 'd'), ['2023-03-05', '1988/03/05', '2023-03-05T23:00:00-05:00']);
    await expectAllHandled(col('a', 'double', 'a', { check: 'nonNegative' }), [
      '0',
      '12.5',
      '1858.31',
      '¥1,234.50',
      '¥12.30',
      '$1,000,000',
      '€0.99',
      '007.5',
    ]);
    await expectAllHandled(col('n', 'integer', 'n'), ['0', '-3', '123456789012345']);
    await expectAllHandled(col('c', 'text', 'c', { enum: ['online', 'store'] }), [
      'online',
      'Online',
      'STORE',
    ]);
    await expectAllHandled(col('b', 'boolean', 'b'), ['true', 'FALSE', 'yes', 'N', '1', '是', '否']);
    await expectAllHandled(col('t', 'text', 't'), ['张伟', 'a b', 'x', '"quoted"', 'o00000001']);
  });

  it('leaves impossible and ambiguous values to JavaScript', async () => {
    const sql = await runSql(col('ts', 'timestamp', 't'), [
      '2023-02-30',
      '05/03/2023',
      '2023-03-05 24:00',
      '0999-01-01',
      ' 2023-03-05',
    ]);
    expect(sql.map((r) => r.ok)).toEqual([false, false, false, false, false]);
    const amounts = await runSql(col('a', 'double', 'a', { check: 'nonNegative' }), [
      '-1',
      '1,5',
      '0,234',
      '1e3',
      '(5)',
    ]);
    expect(amounts.map((r) => r.ok)).toEqual([false, false, false, false, false]);
  });
});

describe('wellFormedLinePattern', () => {
  /** What the JavaScript scanner does with one line: its fields, or undefined when malformed. */
  function scan(line: string, delimiter: string): string[] | undefined {
    const scanner = new CsvRecordScanner({ delimiter, header: false });
    const out: { fields: string[]; error: unknown }[] = [];
    scanner.push(line, out as never);
    scanner.end(out as never);
    const first = out[0];
    return out.length === 1 && first !== undefined && first.error === undefined ? first.fields : undefined;
  }

  it.each([',', '\t', ';', '|'])('matches only lines the scanner reads as RFC 4180 (%j)', async (d) => {
    const cell = fc.oneof(
      pick('a', '', ' ', '"x"', '"a""b"', `"x${d}y"`, '" x"', 'x"y', '"x" ', ' "x"', '"unterminated', '""'),
      fc.string({ maxLength: 3 }),
    );
    const lines = fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), {
      minLength: 200,
      maxLength: 200,
    });
    await fc.assert(
      fc.asyncProperty(lines, async (cells) => {
        const raws = cells.map((c) => c.join(d)).filter((l) => !/[\r\n]/.test(l) && l.length > 0);
        await store.execute('CREATE OR REPLACE TEMP TABLE fast_lines (i BIGINT, raw VARCHAR)');
        await store.bulkInsert(
          'fast_lines',
          inputColumns,
          raws.map((raw, i) => [i, raw]),
        );
        const rows = await store.query(
          `SELECT i, regexp_full_match(raw, '${wellFormedLinePattern(d)}') AS ok FROM fast_lines ORDER BY i`,
        );
        raws.forEach((raw, i) => {
          if (rows[i]?.ok !== true) return;
          // Well-formed per the pattern ⇒ the scanner reads it without error (fields checked in fast-csv tests).
          expect(scan(raw, d), raw).toBeDefined();
        });
      }),
      { numRuns: 5 },
    );
  });
});
