import { isValidPhoneNumber } from 'libphonenumber-js';
import { InputError } from '../../core/errors.js';
import type { ColumnSpec, TableSpec } from '../../core/schema/index.js';
import { findTable } from '../../core/schema/index.js';
import type { Queryable } from '../../store/store.js';
import {
  type ColumnProfile,
  type Finding,
  type FindingCode,
  severityFor,
  type TableQualityReport,
} from './quality-report.js';

/**
 * Data-quality checks of one table, pushed into SQL that runs unchanged on DuckDB and
 * PostgreSQL (phone numbers are checked in JS with libphonenumber-js, streamed).
 *
 * Outliers: modified z-score M = 0.6745·(y − median) / MAD on y = ln(1 + x) for amounts x > 0,
 * flagged when |M| > 3.5 (Iglewicz & Hoaglin 1993, "How to Detect and Handle Outliers"). The log
 * is taken because order values are right-skewed (Gamma-like): on the raw scale every large but
 * ordinary basket would be flagged. When MAD = 0 the mean absolute deviation is used instead,
 * M = (y − median) / (1.253314·MeanAD) (IBM SPSS convention). Negative amounts are their own finding.
 */

const emailPattern = '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$';
const currencyPattern = '^[A-Z]{3}$';
const maxExamples = 5;

export interface TableQualityOptions {
  readonly now?: Date;
  readonly importId?: string | null;
  /** The model run (data-quality run) this check belongs to. */
  readonly modelRunId?: string | null;
  /** Extra findings known to the caller (e.g. duplicate ids or rejected rows from the import). */
  readonly extraFindings?: readonly Omit<Finding, 'rate' | 'severity'>[];
  /** Default region for phone numbers without a country code. */
  readonly defaultPhoneCountry?: 'CN' | 'US' | 'GB';
}

const q = (name: string): string => `"${name.replaceAll('"', '""')}"`;

function regexMatch(db: Queryable, expression: string, placeholder: string): string {
  return db.dialect === 'duckdb'
    ? `regexp_full_match(${expression}, ${placeholder})`
    : `${expression} ~ ${placeholder}`;
}

async function scalar(
  db: Queryable,
  sql: string,
  params: readonly (string | number | Date)[] = [],
): Promise<number> {
  const rows = await db.query(sql, params);
  const value = rows[0] ? Object.values(rows[0])[0] : 0;
  return typeof value === 'number' ? value : Number(value ?? 0);
}

async function examples(
  db: Queryable,
  table: string,
  where: string,
  params: readonly (string | number | Date)[],
) {
  const rows = await db.query(
    `SELECT id FROM ${q(table)} WHERE ${where} ORDER BY id LIMIT ${maxExamples}`,
    params,
  );
  return rows.map((r) => String(r.id));
}

interface Check {
  readonly code: FindingCode;
  readonly column: string | null;
  readonly where: string;
  readonly params: readonly (string | number | Date)[];
  readonly message: string;
}

function columnChecks(db: Queryable, spec: TableSpec, now: Date): Check[] {
  const checks: Check[] = [];
  const future = new Date(now.getTime() + 24 * 3600 * 1000);
  for (const column of spec.columns) {
    const c = q(column.name);
    if (column.check === 'email') {
      checks.push({
        code: 'invalid_email',
        column: column.name,
        where: `${c} IS NOT NULL AND NOT ${regexMatch(db, `trim(${c})`, '$1')}`,
        params: [emailPattern],
        message: `${column.name} is not a valid email address`,
      });
    }
    if (column.check === 'currency') {
      checks.push({
        code: 'invalid_currency',
        column: column.name,
        where: `${c} IS NOT NULL AND NOT ${regexMatch(db, c, '$1')}`,
        params: [currencyPattern],
        message: `${column.name} is not an ISO 4217 currency code`,
      });
    }
    if (column.type === 'timestamp' || column.type === 'date') {
      const isBirth = column.name === 'birth_date';
      const lowest = isBirth
        ? new Date(Date.UTC(now.getUTCFullYear() - 120, 0, 1))
        : new Date(Date.UTC(1971, 0, 1));
      const cast = column.type === 'date' ? 'CAST($1 AS DATE)' : '$1';
      // Planned dates (campaign ends, forecasts) may lie ahead.
      if (!column.allowFuture) {
        checks.push({
          code: 'future_date',
          column: column.name,
          where: `${c} > ${cast}`,
          params: [column.type === 'date' ? future.toISOString().slice(0, 10) : future],
          message: `${column.name} is in the future`,
        });
      }
      checks.push({
        code: 'impossible_date',
        column: column.name,
        where: `${c} < ${cast}`,
        params: [column.type === 'date' ? lowest.toISOString().slice(0, 10) : lowest],
        message: `${column.name} is before ${lowest.toISOString().slice(0, 10)}`,
      });
    }
    if (column.amount) {
      checks.push({
        code: 'negative_amount',
        column: column.name,
        where: `${c} < 0`,
        params: [],
        message: `${column.name} is negative`,
      });
    }
    if (column.references && column.references.table !== spec.name) {
      const target = column.references;
      checks.push({
        code: 'orphan_reference',
        column: column.name,
        where: `${c} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${q(target.table)} r WHERE r.${q(target.column)} = ${q(spec.name)}.${c})`,
        params: [],
        message: `${column.name} refers to a ${target.table} row that does not exist`,
      });
    }
  }
  return checks;
}

async function outlierCheck(db: Queryable, table: string, column: ColumnSpec): Promise<Check | null> {
  const c = q(column.name);
  const y = `ln(1 + ${c})`;
  // zero is a common, legitimate value (no discount): the distribution is judged on positive amounts
  const valid = `${c} > 0`;
  const rows = await db.query(
    `WITH m AS (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ${y}) AS med FROM ${q(table)} WHERE ${valid})
     SELECT m.med AS med,
            (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY abs(ln(1 + t.${c}) - m.med)) FROM ${q(table)} t WHERE ${valid}) AS mad,
            (SELECT avg(abs(ln(1 + t.${c}) - m.med)) FROM ${q(table)} t WHERE ${valid}) AS mean_ad
     FROM m`,
  );
  const row = rows[0];
  if (!row || row.med === null) return null;
  const median = Number(row.med);
  const mad = Number(row.mad);
  const meanAd = Number(row.mean_ad);
  const scale = mad > 0 ? mad / 0.6745 : meanAd > 0 ? 1.253314 * meanAd : 0;
  if (!(scale > 0)) return null;
  const typical = Math.expm1(median);
  return {
    code: 'outlier_amount',
    column: column.name,
    where: `${valid} AND abs(${y} - $1) / $2 > 3.5`,
    params: [median, scale],
    message: `${column.name} is an outlier (robust z-score of ln(1 + x) > 3.5; typical value ${typical.toFixed(2)})`,
  };
}

async function invalidPhones(
  db: Queryable,
  spec: TableSpec,
  column: ColumnSpec,
  defaultCountry: 'CN' | 'US' | 'GB',
): Promise<{ count: number; exampleIds: string[] }> {
  const hasCountry = spec.columns.some((c) => c.name === 'country');
  const sql = `SELECT id, ${q(column.name)} AS phone${hasCountry ? ', country' : ''} FROM ${q(spec.name)} WHERE ${q(column.name)} IS NOT NULL ORDER BY id`;
  let count = 0;
  const exampleIds: string[] = [];
  for await (const batch of db.stream(sql, [], 5000)) {
    for (const row of batch) {
      const country =
        typeof row.country === 'string' && /^[A-Z]{2}$/.test(row.country) ? row.country : defaultCountry;
      // biome-ignore lint/suspicious/noExplicitAny: libphonenumber's CountryCode union is wider than our config values
      if (!isValidPhoneNumber(String(row.phone), country as any)) {
        count++;
        if (exampleIds.length < maxExamples) exampleIds.push(String(row.id));
      }
    }
  }
  return { count, exampleIds };
}

async function profileColumns(db: Queryable, spec: TableSpec, rowCount: number): Promise<ColumnProfile[]> {
  const parts = spec.columns.flatMap((column) => [
    `count(*) - count(${q(column.name)}) AS ${q(`${column.name}__missing`)}`,
    column.type === 'json'
      ? `NULL AS ${q(`${column.name}__distinct`)}`
      : `count(DISTINCT ${q(column.name)}) AS ${q(`${column.name}__distinct`)}`,
  ]);
  const rows = await db.query(`SELECT ${parts.join(', ')} FROM ${q(spec.name)}`);
  const row = rows[0] ?? {};
  return spec.columns.map((column) => {
    const missing = Number(row[`${column.name}__missing`] ?? 0);
    const distinct = row[`${column.name}__distinct`];
    return {
      column: column.name,
      type: column.type,
      missing,
      missingRate: rowCount === 0 ? 0 : missing / rowCount,
      distinct: distinct === null || distinct === undefined ? null : Number(distinct),
    };
  });
}

async function duplicateCustomerFindings(
  db: Queryable,
  rowCount: number,
): Promise<Omit<Finding, 'severity' | 'rate'>[]> {
  const out: Omit<Finding, 'severity' | 'rate'>[] = [];
  // Normalised key and what makes a key meaningful (junk such as '' or 00000000000 matches junk, not a person).
  const keys = [
    ['email', 'lower(trim(email))', "position('@' in k) > 1"],
    [
      'phone',
      "right(regexp_replace(phone, '[^0-9]', '', 'g'), 11)",
      'length(k) >= 7 AND k <> repeat(left(k, 1), length(k))',
    ],
  ] as const;
  for (const [column, key, meaningful] of keys) {
    const rows = await db.query(
      `SELECT count(*) AS n, min(id) AS example FROM (
         SELECT id, k, count(*) OVER (PARTITION BY k) AS c
         FROM (SELECT id, ${key} AS k FROM customers WHERE ${column} IS NOT NULL) keyed WHERE ${meaningful}
       ) s WHERE c > 1`,
    );
    const n = Number(rows[0]?.n ?? 0);
    if (n > 0 && rowCount > 0) {
      out.push({
        code: 'possible_duplicate_customer',
        column,
        count: n,
        message: `${n} customer records share a normalised ${column} with another record (identity resolution will merge them)`,
        exampleIds: rows[0]?.example ? [String(rows[0].example)] : [],
      });
    }
  }
  return out;
}

/** Runs every check on one table and returns the report (does not store it). */
export async function checkTableQuality(
  db: Queryable,
  tableName: string,
  options: TableQualityOptions = {},
): Promise<TableQualityReport> {
  const spec = findTable(tableName);
  if (!spec) throw new InputError('unknown_table', `There is no table named "${tableName}"`);
  const now = options.now ?? new Date();
  const rowCount = await scalar(db, `SELECT count(*) FROM ${q(spec.name)}`);
  const columns = await profileColumns(db, spec, rowCount);
  const findings: Finding[] = [];
  const add = (f: Omit<Finding, 'severity' | 'rate'>): void => {
    if (f.count <= 0) return;
    const rate = rowCount === 0 ? 0 : f.count / rowCount;
    findings.push({ ...f, rate, severity: severityFor(f.code, rate) });
  };

  for (const profile of columns) {
    const column = spec.columns.find((c) => c.name === profile.column);
    if (!column || column.required || profile.missing === 0) continue;
    add({
      code: 'missing_values',
      column: profile.column,
      count: profile.missing,
      message: `${profile.column} is empty in ${profile.missing} rows`,
      exampleIds: [],
    });
  }
  const checks = columnChecks(db, spec, now);
  for (const column of spec.columns.filter((c) => c.amount)) {
    const check = await outlierCheck(db, spec.name, column);
    if (check) checks.push(check);
  }
  for (const check of checks) {
    const count = await scalar(db, `SELECT count(*) FROM ${q(spec.name)} WHERE ${check.where}`, check.params);
    if (count === 0) continue;
    add({ ...check, count, exampleIds: await examples(db, spec.name, check.where, check.params) });
  }
  for (const column of spec.columns.filter((c) => c.check === 'phone')) {
    const { count, exampleIds } = await invalidPhones(db, spec, column, options.defaultPhoneCountry ?? 'CN');
    add({
      code: 'invalid_phone',
      column: column.name,
      count,
      message: `${column.name} is not a valid phone number`,
      exampleIds,
    });
  }
  if (spec.name === 'customers') for (const f of await duplicateCustomerFindings(db, rowCount)) add(f);
  for (const f of options.extraFindings ?? []) add(f);

  return {
    table: spec.name,
    rowCount,
    checkedAt: now.toISOString(),
    importId: options.importId ?? null,
    modelRunId: options.modelRunId ?? null,
    columns,
    findings,
    method:
      'SQL profile of every column; email/currency by pattern; phones by libphonenumber-js; dates before 1971 (epoch-zero placeholders) or after now+1d (birth dates: 120 years); amounts < 0; outliers by modified z-score > 3.5 (Iglewicz & Hoaglin 1993); orphans by anti-join on logical foreign keys.',
  };
}
