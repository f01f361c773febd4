import type { ColumnSpec } from '../../core/schema/index.js';
import { quoteIdent, sqlColumnType } from '../sql.js';
import type { SqlValue } from '../store.js';
import type { FastCsvFile } from './fast-plan.js';
import {
  canonicalValueSql,
  sqlString,
  stagedValueOkSql,
  wellFormedLinePattern,
  whitespaceBoundaryPattern,
} from './fast-sql.js';
import type { FilePlan } from './produce-rows.js';
import type { RowBuilder } from './row-builder.js';
import { compileColumnCheck } from './validate.js';

/**
 * The statements of the fast path (fast-csv.ts) as SQL text: the two DuckDB reads of the file
 * and the check that DuckDB keeps their input order.
 */

/** A delimiter for reading whole lines: 4 control bytes no text file has (if one does, DuckDB rejects the line). */
const lineDelimiter = '\u0001\u0002\u0003\u0004';
/** Lines this long with a quote are pending: the scanner's 1 MiB quoted-field limit might apply. */
const maxCheckedLineBytes = 1_000_000;
/** Staged columns whose field presence fits in the `__row` mask (a BIGINT). */
export const maxMaskedColumns = 60;

export interface TempNames {
  readonly lines: string;
  readonly records: string;
  readonly pending: string;
  readonly rejects: string;
  readonly rejectScans: string;
  readonly lineRejects: string;
  readonly lineRejectScans: string;
}

export function tempNames(stage: string, fileIndex: number): TempNames {
  const base = `${stage}_f${fileIndex}`;
  return {
    lines: `${base}_lines`,
    records: `${base}_records`,
    pending: `${base}_pending`,
    rejects: `${base}_rejects`,
    rejectScans: `${base}_reject_scans`,
    lineRejects: `${base}_line_rejects`,
    lineRejectScans: `${base}_line_reject_scans`,
  };
}

export function dropTablesSql(names: TempNames): string {
  return Object.values(names)
    .map((name) => `DROP TABLE IF EXISTS ${quoteIdent(name)};`)
    .join('\n');
}

/**
 * `read_csv` with nothing left to detection: all VARCHAR, the given delimiter and quoting,
 * `strict_mode` (no lenient repair of malformed lines), rejected lines stored instead of thrown,
 * compression from the name, and `new_line='\n'` for files without `\r` (DuckDB then fails on
 * any `\r`, which the scanner would keep inside a value).
 */
function readCsvSql(
  file: FastCsvFile,
  options: { header: boolean; delimiter: string; quoted: boolean; columns: readonly string[] },
  rejects: string,
  rejectScans: string,
): string {
  const quote = options.quoted ? `'"'` : `''`;
  const columns = options.columns.map((c) => `${sqlString(c)}: 'VARCHAR'`).join(', ');
  return `read_csv(${sqlString(file.absolutePath)}, header = ${options.header}, auto_detect = false,
    delim = ${sqlString(options.delimiter)}, quote = ${quote}, escape = ${quote}, strict_mode = true,
    store_rejects = true, rejects_table = ${sqlString(rejects)}, rejects_scan = ${sqlString(rejectScans)},
    rejects_limit = 10, compression = '${file.compression}',${file.newline === 'lf' ? ` new_line = '\\n',` : ''}
    columns = {${columns}})`;
}

/**
 * Step 1: the file's physical lines (NULL for a blank one) with `suspect`: DuckDB and the
 * scanner may split the line differently (it has a quote and is not RFC 4180 well-formed), or a
 * field may start or end with whitespace the coercer trims (text is staged untrimmed), so its
 * record must be pending. Computed while reading, where DuckDB runs it in parallel (a separate
 * pass over the transaction's table took twice as long).
 */
export function linesSql(file: FastCsvFile, names: TempNames): string {
  const read = readCsvSql(
    file,
    { header: false, delimiter: lineDelimiter, quoted: false, columns: ['line'] },
    names.lineRejects,
    names.lineRejectScans,
  );
  return `CREATE TEMP TABLE ${quoteIdent(names.lines)} AS SELECT line,
       regexp_matches(line, ${sqlString(whitespaceBoundaryPattern(file.delimiter))})
       OR (contains(line, '"') AND (strlen(line) > ${maxCheckedLineBytes}
         OR NOT regexp_full_match(line, ${sqlString(wellFormedLinePattern(file.delimiter))}))) AS suspect
     FROM ${read}`;
}

export interface LoadSql {
  /** INSERT into the stage: typed values, `__row` = −(1 + mask), `__file` for append-only tables. */
  readonly sql: string;
  readonly params: SqlValue[];
  /** Over a staged row of this file: every value is canonical and valid (for the numbering UPDATE). */
  readonly ok: string;
}

/**
 * Step 2: the records, coerced by fast-sql.ts, straight into the stage. Mask bit 0: a required
 * field without a source column or default (the row is pending); the next bits: which typed
 * fields (and required text fields) are non-empty, so a NULL typed value can be told apart from
 * an empty field without evaluating any coercion twice. Text is staged as it is (lines with
 * whitespace at a field's end are suspect). An empty field takes the mapping default the exact
 * RowBuilder resolved (`builder.fallbacks`), as a parameter.
 */
export function loadSql(
  file: FastCsvFile,
  plan: FilePlan,
  columns: readonly ColumnSpec[],
  builder: RowBuilder,
  stage: string,
  names: TempNames,
): LoadSql {
  const params: SqlValue[] = [];
  const raw = (index: number) => quoteIdent(`c${index}`);
  const values: string[] = [];
  const mask: string[] = [];
  const constantOks: string[] = [];
  const oks: string[] = ['((-"__row" - 1) & 1) = 0'];
  columns.forEach((column, j) => {
    const source = plan.sourceIndex[j] as number;
    const fallbackValue = builder.fallbacks[j];
    const type = sqlColumnType(column.type, 'duckdb');
    let fallback = `NULL::${type}`;
    if (fallbackValue !== undefined) {
      params.push(column.type === 'json' ? JSON.stringify(fallbackValue) : fallbackValue);
      fallback = `CAST($${params.length} AS ${type})`;
    }
    // An empty field takes the default (if the exact validator accepts it), else null (a
    // missing required value is a rejection, which only the exact RowBuilder writes).
    const emptyOk =
      fallbackValue !== undefined
        ? compileColumnCheck(column)(fallbackValue) === undefined
        : !column.required;
    if (source < 0) {
      values.push(fallback);
      if (!emptyOk) constantOks.push('FALSE');
      return;
    }
    const value = canonicalValueSql(column, raw(source));
    // Every canonical expression is NULL on a NULL input, so without a default no CASE is needed.
    values.push(
      fallbackValue === undefined
        ? value
        : `CASE WHEN ${raw(source)} IS NULL THEN ${fallback} ELSE ${value} END`,
    );
    if (column.type === 'text' && !column.enum && emptyOk) return;
    const bit = 2 ** (mask.length + 1);
    mask.push(`CASE WHEN ${raw(source)} IS NULL THEN 0 ELSE ${bit}::BIGINT END`);
    const present = `((-"__row" - 1) & ${bit}) <> 0`;
    const valueOk = stagedValueOkSql(column, quoteIdent(column.name));
    oks.push(emptyOk ? `(NOT ${present} OR ${valueOk})` : `(${present} AND ${valueOk})`);
  });
  const read = readCsvSql(
    file,
    { header: true, delimiter: file.delimiter, quoted: true, columns: plan.headers.map((_, i) => `c${i}`) },
    names.rejects,
    names.rejectScans,
  );
  const targets = [
    ...columns.map((c) => quoteIdent(c.name)),
    '"__row"',
    ...(plan.provenance ? ['"__file"'] : []),
  ];
  const flag = constantOks.length > 0 ? '1' : '0';
  const outputs = [
    ...values,
    `-(1 + ${[flag, ...mask].join(' + ')})`,
    ...(plan.provenance ? [String(plan.fileIndex)] : []),
  ];
  const sql = `INSERT INTO ${quoteIdent(stage)} (${targets.join(', ')})
    SELECT ${outputs.join(',\n      ')} FROM ${read}`;
  return { sql, params, ok: oks.join(' AND ') };
}

/**
 * Operators through which DuckDB keeps the input order — its documentation guarantees it for a
 * single-table FROM, SELECT and WHERE, which is all the fast path's reads use. Each order-
 * dependent statement is checked with EXPLAIN before it runs, because the optimizer may add
 * others: it plans `x IN (<constants>)` as a hash join, which reorders rows.
 */
const orderPreservingOperators = new Set([
  'BATCH_INSERT',
  'BATCH_CREATE_TABLE_AS',
  'PROJECTION',
  'FILTER',
  'READ_CSV',
  'SEQ_SCAN',
  'TABLE_SCAN',
]);

/** The operators of an `EXPLAIN (FORMAT json)` plan that may reorder rows. */
export function reorderingOperators(explained: string): string[] {
  const names: string[] = [];
  const walk = (node: { name?: unknown; children?: unknown }): void => {
    names.push(String(node.name));
    if (Array.isArray(node.children)) for (const child of node.children) walk(child);
  };
  const tree: unknown = JSON.parse(explained);
  for (const node of Array.isArray(tree) ? tree : [tree]) walk(node as { name?: unknown });
  return names.filter((name) => !orderPreservingOperators.has(name));
}
