import type { ColumnSpec } from '../../core/schema/index.js';
import type { Transaction } from '../store.js';
import { ingestCsvFast } from './fast-csv.js';
import type { FastCsvDecision } from './fast-plan.js';
import { type FileCounters, useWorker } from './ingest-steps.js';
import { type FilePlan, produceRows } from './produce-rows.js';
import type { QuarantineEntry, QuarantineWriter } from './quarantine.js';
import type { OpenedSource } from './source-types.js';
import { workerRows } from './worker-rows.js';

/** Loading one file of an import into the staging table: the fast path when it applies, else the exact one. */

/** One import attempt's mutable state. */
export interface Attempt {
  readonly counters: FileCounters[];
  readonly issuesByReason: Record<string, number>;
  readonly quarantine: QuarantineWriter;
  readonly engines: ('exact' | 'fast')[];
  readonly skipped: (string | undefined)[];
}

export interface FileJob {
  readonly tx: Transaction;
  readonly plan: FilePlan;
  readonly source: OpenedSource;
  readonly columns: readonly ColumnSpec[];
  readonly stage: string;
  readonly stageColumns: readonly ColumnSpec[];
  readonly attempt: Attempt;
}

export interface LoadOptions {
  readonly workerMinBytes?: number;
  readonly onProgress?: (progress: {
    readonly file: string;
    readonly bytesRead: number;
    readonly bytesTotal: number;
    readonly records: number;
  }) => void;
}

/** Loads one file into the staging table, on the fast path when `decision` allows and it succeeds. */
export async function loadFile(
  job: FileJob,
  decision: FastCsvDecision | undefined,
  options: LoadOptions,
): Promise<void> {
  const { plan, source, attempt } = job;
  const f = plan.fileIndex;
  const counter = attempt.counters[f] as FileCounters;
  const reject = (entry: QuarantineEntry): void => {
    for (const issue of entry.issues)
      attempt.issuesByReason[issue.code] = (attempt.issuesByReason[issue.code] ?? 0) + 1;
    attempt.quarantine.add(entry);
  };
  const progress = (records: number, bytesRead: number): void =>
    options.onProgress?.({ file: source.path, bytesRead, bytesTotal: source.bytesTotal, records });
  if (decision?.eligible) {
    const outcome = await ingestCsvFast({
      ...job,
      file: decision.file,
      onReject: reject,
      onProgress: (records) => progress(records, source.bytesTotal),
    });
    if (outcome.kind === 'done') {
      counter.read = outcome.read;
      counter.rejected = outcome.rejected;
      counter.accepted = outcome.read - outcome.rejected;
      attempt.engines[f] = 'fast';
      return;
    }
    attempt.skipped[f] = outcome.reason;
  }
  const batches = useWorker(options.workerMinBytes, source) ? workerRows(plan) : produceRows(plan, source);
  for await (const batch of batches) {
    counter.read += batch.read;
    counter.accepted += batch.rows.length;
    counter.rejected += batch.rejects.length;
    for (const entry of batch.rejects) reject(entry);
    if (batch.rows.length > 0) await job.tx.bulkInsert(job.stage, job.stageColumns, batch.rows);
    progress(counter.read, batch.bytesRead);
  }
}
