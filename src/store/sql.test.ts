import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError, OperationalError } from '../core/errors.js';
import {
  epochDaysToIsoDate,
  isoDateToEpochDays,
  normaliseParam,
  quoteIdent,
  quoteQualifiedName,
  sqlColumnType,
  sqlError,
} from './sql.js';

describe('quoteIdent', () => {
  it('double-quotes and escapes embedded quotes', () => {
    expect(quoteIdent('orders')).toBe('"orders"');
    expect(quoteIdent('order "lines"')).toBe('"order ""lines"""');
    expect(quoteQualifiedName('temp.stage')).toBe('"temp"."stage"');
  });

  it('refuses empty names and NUL characters', () => {
    expect(() => quoteIdent('')).toThrow(InputError);
    expect(() => quoteIdent('a\u0000b')).toThrow(/NUL/);
  });
});

describe('sqlColumnType', () => {
  it('maps every column type on both engines', () => {
    const types = ['text', 'integer', 'double', 'boolean', 'timestamp', 'date', 'json'] as const;
    expect(types.map((t) => sqlColumnType(t, 'duckdb'))).toEqual([
      'VARCHAR',
      'BIGINT',
      'DOUBLE',
      'BOOLEAN',
      'TIMESTAMPTZ',
      'DATE',
      'JSON',
    ]);
    expect(types.map((t) => sqlColumnType(t, 'postgres'))).toEqual([
      'TEXT',
      'BIGINT',
      'DOUBLE PRECISION',
      'BOOLEAN',
      'TIMESTAMPTZ',
      'DATE',
      'JSONB',
    ]);
  });
});

describe('ISO dates ↔ epoch days', () => {
  it('matches known values', () => {
    expect(isoDateToEpochDays('1970-01-01')).toBe(0);
    expect(isoDateToEpochDays('2024-02-29')).toBe(19_782);
    expect(isoDateToEpochDays('1969-12-31')).toBe(-1);
    expect(isoDateToEpochDays('0000-01-01')).toBe(-719_528);
    expect(epochDaysToIsoDate(19_782)).toBe('2024-02-29');
    expect(epochDaysToIsoDate(2_932_896)).toBe('9999-12-31');
  });

  it('agrees with Date for every day of years 0-9999 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -719_528, max: 2_932_896 }), (days) => {
        const iso = new Date(days * 86_400_000).toISOString().slice(0, 10);
        expect(epochDaysToIsoDate(days)).toBe(iso);
        expect(isoDateToEpochDays(iso)).toBe(days);
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    '2023-02-29',
    '1900-02-29',
    '2024-13-01',
    '2024-04-31',
    '2024-01-00',
    '2024-1-01',
    '2024/01/01',
    'abcd-ef-gh',
    '',
  ])('rejects %j', (value) => {
    expect(() => isoDateToEpochDays(value)).toThrow(InputError);
  });

  it('accepts 2000-02-29 (divisible by 400)', () => {
    expect(isoDateToEpochDays('2000-02-29')).toBe(11_016);
  });
});

describe('normaliseParam', () => {
  it('stringifies json containers and keeps primitives and Dates', () => {
    const at = new Date('2024-01-01T00:00:00Z');
    expect(normaliseParam({ a: [1, '中'] })).toBe('{"a":[1,"中"]}');
    expect(normaliseParam([1, 2])).toBe('[1,2]');
    expect(normaliseParam(at)).toBe(at);
    expect(normaliseParam(undefined)).toBeNull();
    expect(normaliseParam('x')).toBe('x');
    expect(normaliseParam(false)).toBe(false);
  });

  it('refuses an invalid Date', () => {
    expect(() => normaliseParam(new Date('nope'))).toThrow(InputError);
  });
});

describe('sqlError', () => {
  it('wraps engine errors as OperationalError(sql_error) with the cause and a hint', () => {
    const cause = Object.assign(new Error('could not serialize access'), { code: '40001' });
    const error = sqlError(cause, 'UPDATE   orders\n SET x = 1');
    expect(error).toBeInstanceOf(OperationalError);
    expect(error).toMatchObject({ code: 'sql_error', message: cause.message, isRetryable: true, cause });
    expect((error as OperationalError).hint).toBe('while running: UPDATE orders SET x = 1');
    expect(sqlError(new Error('Parser Error: syntax error'), 'x')).toMatchObject({ isRetryable: false });
  });

  it('passes our own errors through', () => {
    const input = new InputError('invalid_value', 'bad');
    expect(sqlError(input, 'x')).toBe(input);
  });
});
