import { availableParallelism } from 'node:os';
import { InternalError } from '../../core/errors.js';
import { type ColumnSpec, findTable, type TableSpec } from '../../core/schema/index.js';
import type { SqlValue, Transaction } from '../store.js';
import type { QuarantineWriter } from './quarantine.js';
import type { OpenedSource } from './source-types.js';
import { findAppendOnlyConflicts } from './stage-sql.js';

/** Helpers of ingest.ts: counters, the append-only rule, the `imports` row, worker choice. */

export interface FileCounters {
  read: number;
  accepted: number;
  rejected: number;
}

export function sumCounters(counters: readonly FileCounters[]): FileCounters {
  const total = { read: 0, accepted: 0, rejected: 0 };
  for (const c of counters) {
    total.read += c.read;
    total.accepted += c.accepted;
    total.rejected += c.rejected;
  }
  return total;
}

export function assertArithmetic(counters: readonly FileCounters[]): void {
  for (const c of counters) {
    if (c.accepted + c.rejected !== c.read) {
      throw new InternalError(
        'ingest_count_mismatch',
        `accepted (${c.accepted}) + rejected (${c.rejected}) != read (${c.read})`,
      );
    }
  }
}

/**
 * Parse in a worker thread for CSV / JSON Lines files of `workerMinBytes` or more. Default:
 * 8 MiB when the machine has 4 or more cores, else never — measured on 2 cores (1M-row bench),
 * the worker saved 0.3–0.5 s of ~8 s when the machine was otherwise idle but cost up to 3 s
 * under load, because it competes with DuckDB's own threads and the main thread then also pays
 * for deserialising every batch (structured clone).
 */
export function useWorker(workerMinBytes: number | undefined, source: OpenedSource): boolean {
  if (source.format === 'parquet') return false;
  const fallback = availableParallelism() >= 4 ? 8 * 1024 * 1024 : Number.POSITIVE_INFINITY;
  return source.bytesTotal >= (workerMinBytes ?? fallback);
}

export async function rejectAppendOnlyConflicts(
  tx: Transaction,
  table: TableSpec,
  stage: string,
  columns: readonly ColumnSpec[],
  sources: readonly OpenedSource[],
  counters: FileCounters[],
  quarantine: QuarantineWriter,
  issuesByReason: Record<string, number>,
): Promise<void> {
  const conflicts = await findAppendOnlyConflicts(tx, table, stage, columns);
  for (const conflict of conflicts) {
    const counter = counters[conflict.file] as FileCounters;
    counter.accepted -= 1;
    counter.rejected += 1;
    issuesByReason.append_only_conflict = (issuesByReason.append_only_conflict ?? 0) + 1;
    quarantine.add({
      file: sources[conflict.file]?.path ?? '',
      rowNumber: conflict.rowNumber,
      line: conflict.line,
      issues: [
        {
          column: 'id',
          code: 'append_only_conflict',
          message: `${table.name} is append-only and a different row with this id already exists`,
        },
      ],
      original: conflict.raw,
    });
  }
}

export interface ImportFileSummary {
  readonly path: string;
  readonly format: string;
  readonly encoding: string;
  readonly delimiter?: string;
  readonly read: number;
  readonly accepted: number;
  readonly rejected: number;
}

export async function writeImportRow(
  tx: Transaction,
  importId: string,
  table: TableSpec,
  files: readonly ImportFileSummary[],
  totals: FileCounters,
  quarantinePath: string | null,
  startedAt: Date,
): Promise<void> {
  const spec = findTable('imports');
  if (!spec) throw new InternalError('missing_table_spec', 'The imports table spec is missing');
  const values: Record<string, SqlValue> = {
    id: importId,
    table_name: table.name,
    files: files as unknown as SqlValue,
    read: totals.read,
    accepted: totals.accepted,
    rejected: totals.rejected,
    quarantine_path: quarantinePath,
    started_at: startedAt,
    finished_at: new Date(),
  };
  await tx.bulkInsert('imports', spec.columns, [spec.columns.map((c) => values[c.name] ?? null)]);
}
