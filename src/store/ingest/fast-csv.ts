import { InternalError } from '../../core/errors.js';
import type { ColumnSpec } from '../../core/schema/index.js';
import { quoteIdent } from '../sql.js';
import type { Row, SqlValue, Transaction } from '../store.js';
import { CsvRecord, CsvRecordScanner } from './csv-records.js';
import {
  dropTablesSql,
  linesSql,
  loadSql,
  maxMaskedColumns,
  reorderingOperators,
  type TempNames,
  tempNames,
} from './fast-load-sql.js';
import type { FastCsvFile } from './fast-plan.js';
import { type FilePlan, rowBuilderFor } from './produce-rows.js';
import type { QuarantineEntry } from './quarantine.js';
import type { OpenedSource } from './source-types.js';

/**
 * The fast path of one CSV file into a DuckDB store: DuckDB reads and coerces the file, and only
 * the records it cannot coerce exactly go through JavaScript. The exact path (produce-rows.ts)
 * stays the authority on semantics; this path stages the same rows and writes the same counts
 * and quarantine records (row number, physical line, reasons, original text) — checked by
 * ingest.equivalence.test.ts — and hands the file back to the exact path when it cannot
 * guarantee that.
 *
 * Steps, all inside the import transaction (SQL in fast-load-sql.ts):
 * 1. `lines`: DuckDB reads the file as physical lines (no quoting, a delimiter that cannot occur
 *    in text); blank lines come back as NULL, so a line's position + 1 is its line number. Each
 *    line gets `suspect` (see linesSql). Checks: nothing rejected, no `\r` inside a line, first
 *    line non-blank and split by the scanner into the header it read.
 * 2. DuckDB reads the file again as CSV straight into the staging table, with the canonical SQL
 *    coercion of fast-sql.ts and `__row` = −(1 + a mask of the non-empty fields). Checks: DuckDB
 *    rejected nothing (a wrong number of fields, malformed quoting) and records = non-blank lines
 *    − 1, i.e. every record is one line (a quoted line break would shift records against lines).
 *    DuckDB keeps the input order through a single-table SELECT (each such statement's plan is
 *    checked with EXPLAIN first), so the staged rows' row ids number the records: one UPDATE
 *    sets `__row` = record number, negated ("pending") where a non-empty value was not canonical
 *    or is invalid. (A window row_number() would cost ~0.6 s per 1M rows; this UPDATE ~0.1 s.)
 * 3. Records of suspect lines become pending too.
 * 4. Pending records are read back with their line, split by the exact scanner (a record that is
 *    one line scans the same alone as in the file), coerced and validated by the exact
 *    RowBuilder: accepted ones are appended to the stage, rejected ones go to the quarantine with
 *    the exact path's reasons. Then the pending rows are deleted.
 * A failed check deletes this file's staged rows and returns 'fallback' (the caller runs the
 * exact path in the same transaction). A failed statement (DuckDB throws on some malformed input,
 * e.g. mixed line endings, and the transaction is then aborted) becomes a FastPathAbort, on which
 * ingestFiles runs the whole import again with this file on the exact path.
 */

export class FastPathAbort extends InternalError {
  constructor(
    readonly fileIndex: number,
    cause: unknown,
  ) {
    const message = cause instanceof Error ? cause.message : String(cause);
    super('fast_path_failed', `The DuckDB fast path failed: ${message}`, { cause });
  }
}

export interface FastFileJob {
  readonly tx: Transaction;
  readonly file: FastCsvFile;
  readonly plan: FilePlan;
  readonly source: OpenedSource;
  /** Staged target columns (specs of `plan.columns`). */
  readonly columns: readonly ColumnSpec[];
  readonly stage: string;
  readonly stageColumns: readonly ColumnSpec[];
  readonly onReject: (entry: QuarantineEntry) => void;
  /** Records fully processed so far: the SQL-accepted ones, then pending ones as they are handled. */
  readonly onProgress: (records: number) => void;
}

export type FastFileOutcome =
  | { readonly kind: 'done'; readonly read: number; readonly rejected: number }
  | { readonly kind: 'fallback'; readonly reason: string };

type Query = (sql: string, params?: readonly SqlValue[]) => Promise<Row[]>;
type Execute = (sql: string, params?: readonly SqlValue[]) => Promise<number>;

interface Statements {
  readonly query: Query;
  readonly execute: Execute;
  /** Undefined when DuckDB keeps the input order through the statement, else the reason. */
  readonly reorders: (sql: string, params?: readonly SqlValue[]) => Promise<string | undefined>;
}

export async function ingestCsvFast(job: FastFileJob): Promise<FastFileOutcome> {
  const { tx, plan } = job;
  const names = tempNames(job.stage, plan.fileIndex);
  const run = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw new FastPathAbort(plan.fileIndex, error);
    }
  };
  const query: Query = (sql, params) => run(() => tx.query(sql, params));
  const execute: Execute = (sql, params) => run(() => tx.execute(sql, params));
  const reorders = async (sql: string, params?: readonly SqlValue[]) => {
    const [plan] = await query(`EXPLAIN (FORMAT json) ${sql}`, params);
    const operators = reorderingOperators(String(plan?.explain_value ?? '[]'));
    return operators.length === 0 ? undefined : `DuckDB would run it through ${operators.join(', ')}`;
  };
  try {
    const outcome = await ingest(job, names, { query, execute, reorders });
    await execute(dropTablesSql(names));
    return outcome;
  } catch (error) {
    // After a failed statement the transaction is aborted; its rollback drops the TEMP tables.
    if (!(error instanceof FastPathAbort)) await execute(dropTablesSql(names)).catch(() => undefined);
    throw error;
  }
}

async function ingest(job: FastFileJob, names: TempNames, sql: Statements): Promise<FastFileOutcome> {
  const { plan, file } = job;
  const { query, execute } = sql;
  const fallback = (reason: string): FastFileOutcome => ({ kind: 'fallback', reason });
  const [session] = await query(`SELECT current_setting('preserve_insertion_order') AS ordered`);
  if (session?.ordered !== true) return fallback('DuckDB does not preserve insertion order');
  if (job.columns.length > maxMaskedColumns) return fallback(`more than ${maxMaskedColumns} columns`);

  // 1. Physical lines.
  const lines = quoteIdent(names.lines);
  const readLines = linesSql(file, names);
  const linesReordered = await sql.reorders(readLines);
  if (linesReordered !== undefined) return fallback(linesReordered);
  await execute(readLines);
  const [shape] = await query(
    `SELECT count(*) AS total, count(line) AS nonblank, max(rowid) - min(rowid) + 1 AS span,
       count(*) FILTER (WHERE contains(line, chr(13))) AS cr,
       (SELECT count(*) FROM ${quoteIdent(names.lineRejects)}) AS rejected,
       (SELECT line FROM ${lines} ORDER BY rowid LIMIT 1) AS first
     FROM ${lines}`,
  );
  if (Number(shape?.rejected) > 0) return fallback('DuckDB could not read every line');
  if (Number(shape?.span) !== Number(shape?.total)) return fallback('the lines are not contiguous');
  if (Number(shape?.cr) > 0) return fallback('a line contains a carriage return');
  if (typeof shape?.first !== 'string') return fallback('the file starts with a blank line');
  const header = splitLine(shape.first, file.delimiter, 0, 1);
  if (header.error || !sameFields(header.fields, plan.headers)) {
    return fallback('the first line is not the header the scanner read');
  }
  const nonBlank = Number(shape.nonblank);
  const blank = Number(shape.total) - nonBlank;

  // 2. Records, coerced in SQL, straight into the stage; then numbered.
  const builder = rowBuilderFor(plan, job.source);
  const load = loadSql(file, plan, job.columns, builder, job.stage, names);
  const loadReordered = await sql.reorders(load.sql, load.params);
  if (loadReordered !== undefined) return fallback(loadReordered);
  const inserted = await execute(load.sql, load.params);
  const stage = quoteIdent(job.stage);
  const [check] = await query(
    `SELECT count(*) AS n, CAST(min(rowid) AS VARCHAR) AS first, max(rowid) - min(rowid) + 1 AS span,
       (SELECT count(*) FROM ${quoteIdent(names.rejects)}) AS rejected
     FROM ${stage} WHERE "__row" < 0`,
  );
  const n = Number(check?.n);
  const reason =
    Number(check?.rejected) > 0
      ? 'DuckDB rejected a record (malformed quoting or a wrong number of fields)'
      : n !== nonBlank - 1
        ? 'a record spans several lines'
        : n !== inserted || (n > 0 && Number(check?.span) !== n)
          ? 'the staged rows are not contiguous'
          : undefined;
  if (reason !== undefined) {
    await execute(`DELETE FROM ${stage} WHERE "__row" < 0`);
    return fallback(reason);
  }
  const seq = plan.sequenceStart;
  if (n > 0) {
    const row = `(rowid - ${exactRowId(check?.first)} + ${seq + 1})`;
    await execute(
      `UPDATE ${stage} SET "__row" = CASE WHEN ${load.ok} THEN ${row} ELSE -${row} END WHERE "__row" < 0`,
    );
  }

  // 3. Record k (1-based; 0 is the header) ↔ its 0-based physical line; suspect records pending.
  const lineBase = await firstRowId(query, lines);
  let records = `(SELECT rowid - ${lineBase} AS k, rowid - ${lineBase} AS idx, line, suspect FROM ${lines})`;
  if (blank > 0) {
    const nonBlankLines = quoteIdent(names.records);
    const keep = `CREATE TEMP TABLE ${nonBlankLines} AS
      SELECT rowid - ${lineBase} AS idx, line, suspect FROM ${lines} WHERE line IS NOT NULL`;
    const keepReordered = await sql.reorders(keep);
    if (keepReordered !== undefined) throw new FastPathAbort(plan.fileIndex, new Error(keepReordered));
    await execute(keep);
    records = `(SELECT rowid - ${await firstRowId(query, nonBlankLines)} AS k, idx, line, suspect FROM ${nonBlankLines})`;
  }
  const pending = quoteIdent(names.pending);
  await execute(
    `CREATE TEMP TABLE ${pending} AS SELECT k, idx, line FROM ${records}
     WHERE k > 0 AND (suspect OR k IN (SELECT -"__row" - ${seq} FROM ${stage} WHERE "__row" < 0))
     ORDER BY k`,
  );
  await execute(
    `UPDATE ${stage} SET "__row" = -"__row" WHERE "__row" > ${seq} AND "__row" - ${seq} IN (SELECT k FROM ${pending})`,
  );
  if (plan.provenance) {
    await execute(
      `UPDATE ${stage} SET "__rownum" = "__row" - ${seq}, "__line" = r.idx + 1, "__raw" = r.line
       FROM ${records} AS r WHERE ${stage}."__row" > ${seq} AND r.k = ${stage}."__row" - ${seq}`,
    );
  }

  // 4. Pending records through the exact RowBuilder.
  const [{ count: pendingCount } = { count: 0 }] = await query(`SELECT count(*) AS count FROM ${pending}`);
  let done = n - Number(pendingCount);
  job.onProgress(done);
  const rejected = await processPending(job, pending, query, (count) => {
    done += count;
    job.onProgress(done);
  });
  await execute(`DELETE FROM ${stage} WHERE "__row" < 0`);
  return { kind: 'done', read: n, rejected };
}

/** Row ids of rows written in a transaction exceed 2^53: they stay SQL text, where they are exact. */
function exactRowId(value: unknown): string {
  const text = String(value);
  if (!/^\d+$/.test(text)) throw new InternalError('fast_path_rowid', `unexpected row id ${text}`);
  return text;
}

async function firstRowId(query: Query, table: string): Promise<string> {
  const [row] = await query(`SELECT CAST(coalesce(min(rowid), 0) AS VARCHAR) AS first FROM ${table}`);
  return exactRowId(row?.first);
}

/** Rows per page of pending records. */
const pendingPage = 20_000;

async function processPending(
  job: FastFileJob,
  pending: string,
  query: Query,
  progress: (count: number) => void,
): Promise<number> {
  const { plan, tx } = job;
  const builder = rowBuilderFor(plan, job.source);
  const width = plan.columns.length;
  const extraSlots = plan.provenance ? 5 : 1;
  let rejected = 0;
  let last = 0;
  for (;;) {
    const page = await query(
      `SELECT k, idx, line FROM ${pending} WHERE k > $1 ORDER BY k LIMIT ${pendingPage}`,
      [last],
    );
    if (page.length === 0) return rejected;
    const rows: SqlValue[][] = [];
    for (const item of page) {
      const k = Number(item.k);
      const record = splitLine(String(item.line), job.file.delimiter, k, Number(item.idx) + 1);
      const row = builder.build(record, plan.sequenceStart + k, extraSlots);
      if (row === undefined) {
        rejected += 1;
        job.onReject({
          file: plan.path,
          rowNumber: k,
          line: record.line,
          issues: builder.issues,
          original: record.raw,
        });
        continue;
      }
      if (plan.provenance) {
        row[width + 1] = plan.fileIndex;
        row[width + 2] = k;
        row[width + 3] = record.line;
        row[width + 4] = record.raw;
      }
      rows.push(row);
    }
    if (rows.length > 0) {
      try {
        await tx.bulkInsert(job.stage, job.stageColumns, rows);
      } catch (error) {
        throw new FastPathAbort(plan.fileIndex, error);
      }
    }
    last = Number(page.at(-1)?.k);
    progress(page.length);
  }
}

/** The exact scanner's record for one physical line. */
function splitLine(text: string, delimiter: string, rowNumber: number, line: number): CsvRecord {
  const scanner = new CsvRecordScanner({ delimiter, header: false });
  const out: CsvRecord[] = [];
  scanner.push(text, out);
  scanner.end(out);
  const record = out[0];
  if (out.length !== 1 || record === undefined) {
    throw new InternalError('fast_path_line', `line ${line} did not scan as one record`);
  }
  return new CsvRecord(rowNumber, line, record.fields, record.raw, record.error);
}

function sameFields(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
