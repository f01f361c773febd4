import { InternalError } from '../../core/errors.js';
import { findTable } from '../../core/schema/index.js';
import type { SqlValue } from '../store.js';
import type { DayOrder } from './coerce-date.js';
import type { QuarantineEntry } from './quarantine.js';
import { RowBuilder } from './row-builder.js';
import { type OpenedSource, type OpenSourceOptions, openSource } from './sources.js';

/**
 * The parse → coerce → validate stage for one file, as batches of staging rows and rejects.
 * It runs in the main thread or, for big files, in a worker thread (parse-worker.ts) while the
 * main thread loads the previous batch into the store; the plan is plain data so it can be
 * posted to a worker.
 */

export interface FilePlan {
  readonly path: string;
  readonly open: OpenSourceOptions;
  readonly table: string;
  /** Staging column names (table order). */
  readonly columns: readonly string[];
  readonly sourceIndex: readonly number[];
  readonly headers: readonly string[];
  readonly defaults: Readonly<Record<string, string | number | boolean | null>>;
  readonly dayOrder?: DayOrder;
  readonly batchSize: number;
  /** Index of the file among the import's files (stored in `__file` for append-only tables). */
  readonly fileIndex: number;
  /** `__row` of the file's first record minus one. */
  readonly sequenceStart: number;
  /** Append-only tables also stage file index, row number, line and raw text. */
  readonly provenance: boolean;
}

export interface RowBatch {
  readonly rows: SqlValue[][];
  readonly rejects: QuarantineEntry[];
  /** Records read in this batch (= rows + rejects). */
  readonly read: number;
  readonly bytesRead: number;
  readonly bytesTotal: number;
}

export function rowBuilderFor(plan: FilePlan, source: Pick<OpenedSource, 'sample'>): RowBuilder {
  const table = findTable(plan.table);
  if (!table) throw new InternalError('missing_table_spec', `No spec for table ${plan.table}`);
  const wanted = new Set(plan.columns);
  return new RowBuilder({
    columns: table.columns.filter((c) => wanted.has(c.name)),
    sourceIndex: plan.sourceIndex,
    headerCount: plan.headers.length,
    defaults: plan.defaults,
    ...(plan.dayOrder === undefined ? {} : { dayOrder: plan.dayOrder }),
    sample: source.sample,
  });
}

/** Reads `source` (already opened) and yields batches of at most `plan.batchSize` rows. */
export async function* produceRows(plan: FilePlan, source: OpenedSource): AsyncGenerator<RowBatch> {
  const builder = rowBuilderFor(plan, source);
  const width = plan.columns.length;
  const extraSlots = plan.provenance ? 5 : 1;
  let sequence = plan.sequenceStart;
  let rows: SqlValue[][] = [];
  let rejects: QuarantineEntry[] = [];
  let read = 0;
  for await (const batch of source.records()) {
    for (const record of batch) {
      read += 1;
      sequence += 1;
      const row = builder.build(record, sequence, extraSlots);
      if (row === undefined) {
        rejects.push({
          file: plan.path,
          rowNumber: record.rowNumber,
          line: record.line,
          issues: builder.issues,
          original: record.raw,
        });
        continue;
      }
      if (plan.provenance) {
        row[width + 1] = plan.fileIndex;
        row[width + 2] = record.rowNumber;
        row[width + 3] = record.line;
        row[width + 4] = record.raw;
      }
      rows.push(row);
      if (rows.length >= plan.batchSize) {
        yield { rows, rejects, read, bytesRead: source.bytesRead(), bytesTotal: source.bytesTotal };
        rows = [];
        rejects = [];
        read = 0;
      }
    }
  }
  if (read > 0 || rows.length > 0) {
    yield { rows, rejects, read, bytesRead: source.bytesRead(), bytesTotal: source.bytesTotal };
  }
}

/** Opens the plan's file and checks that it still has the header the plan was made for. */
export async function openPlannedSource(plan: FilePlan): Promise<OpenedSource> {
  const source = await openSource(plan.path, plan.open);
  if (source.headers.length !== plan.headers.length || source.headers.some((h, i) => h !== plan.headers[i])) {
    await source.close();
    throw new InternalError('file_changed', `${plan.path} changed while it was being imported`);
  }
  return source;
}
