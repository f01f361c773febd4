import { availableParallelism } from 'node:os';
import { InputError, InternalError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { type ColumnSpec, col, findTable, type TableSpec, tables } from '../../core/schema/index.js';
import type { SqlValue, Store, Transaction } from '../store.js';
import { loadMappingFile, type MappingSpec, mergeMappings, resolveMapping } from './column-mapping.js';
import { type FilePlan, produceRows, rowBuilderFor } from './produce-rows.js';
import { QuarantineWriter } from './quarantine.js';
import { type OpenedSource, type OpenSourceOptions, openSource, type SourceFormat } from './sources.js';
import {
  countStage,
  createStage,
  dropStage,
  findAppendOnlyConflicts,
  type StageCounts,
  upsertFromStage,
} from './stage-sql.js';
import { workerRows } from './worker-rows.js';

/**
 * The ingest pipeline: files → records → mapped, coerced, validated rows → one store
 * transaction. Guarantees:
 * - accepted + rejected = read, per file and in total (checked; a violation is an InternalError);
 * - every rejected record is in the quarantine file with its row number, physical line, columns,
 *   reasons and original text; the file is renamed into place only after the commit;
 * - all-or-nothing: staging table, upsert and the `imports` row are one `store.transaction`, so
 *   a thrown error, a crash or a kill -9 leaves the store as before;
 * - last occurrence of an id in the input wins; append-only tables never change an existing
 *   row (a changed row is rejected as `append_only_conflict`, an identical one is a no-op).
 * Memory: rows are streamed into the staging table in batches of `batchSize` (default 50 000).
 */

export interface IngestOptions {
  readonly table: string;
  readonly files: readonly string[];
  readonly mapping?: Readonly<Record<string, string>>;
  readonly mappingFile?: string;
  /** Else by extension: .csv/.tsv/.txt/.jsonl/.ndjson/.parquet, incl. .gz for csv/jsonl. */
  readonly format?: SourceFormat;
  /** Overrides encoding detection. */
  readonly encoding?: string;
  readonly delimiter?: string;
  readonly quarantineDir: string;
  readonly onProgress?: (progress: {
    readonly file: string;
    readonly bytesRead: number;
    readonly bytesTotal: number;
    readonly records: number;
  }) => void;
  readonly batchSize?: number;
  /** Files of at least this many bytes are parsed in a worker thread (default: 8 MiB on ≥ 4 cores, else never; 0 = always). */
  readonly workerMinBytes?: number;
}

export interface IngestFileResult {
  readonly path: string;
  readonly format: string;
  readonly encoding: string;
  readonly delimiter?: string;
  readonly read: number;
  readonly accepted: number;
  readonly rejected: number;
}

export interface IngestResult {
  readonly importId: string;
  readonly table: string;
  readonly files: readonly IngestFileResult[];
  readonly read: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly inserted: number;
  readonly updated: number;
  readonly duplicateIdsInInput: number;
  readonly quarantine: string | null;
  readonly issuesByReason: Readonly<Record<string, number>>;
  /** Things the user should know that are not rejections (ignored columns, late JSON keys). */
  readonly notes: readonly string[];
  readonly durationMs: number;
}

/**
 * 50k rows per bulkInsert: on the 1M-row bench, 5k/10k/20k/50k batches took 9.7/9.1/8.5/7.6 s
 * (each bulkInsert has a fixed cost), and 50k rows of orders are ~25 MB in memory.
 */
const defaultBatchSize = 50_000;

/** Tables a user may ingest into: source tables and the demo's ground truth. */
export function ingestibleTables(): readonly TableSpec[] {
  return tables.filter((t) => t.kind === 'source' || t.name === 'ground_truth');
}

export async function ingestFiles(store: Store, options: IngestOptions): Promise<IngestResult> {
  const started = performance.now();
  const startedAt = new Date();
  const table = findTable(options.table);
  if (!table || !ingestibleTables().includes(table)) {
    const names = ingestibleTables()
      .map((t) => t.name)
      .join(', ');
    throw new InputError(
      'unknown_table',
      `Cannot ingest into '${options.table}': not an ingestible table. Ingestible tables: ${names}`,
    );
  }
  if (options.files.length === 0) throw new InputError('no_files', 'No input files given');
  const batchSize = options.batchSize ?? defaultBatchSize;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new InputError('invalid_batch_size', `batchSize must be a positive integer, got ${batchSize}`);
  }
  const mapping = mergeMappings(
    options.mappingFile === undefined ? undefined : await loadMappingFile(options.mappingFile),
    options.mapping,
  );
  const sources: OpenedSource[] = [];
  try {
    for (const file of options.files) {
      sources.push(await openSource(file, openOptions(options)));
    }
    return await runIngest(store, options, table, mapping, sources, batchSize, started, startedAt);
  } finally {
    for (const source of sources) await source.close().catch(() => undefined);
  }
}

interface FileCounters {
  read: number;
  accepted: number;
  rejected: number;
}

async function runIngest(
  store: Store,
  options: IngestOptions,
  table: TableSpec,
  mapping: MappingSpec,
  sources: readonly OpenedSource[],
  batchSize: number,
  started: number,
  startedAt: Date,
): Promise<IngestResult> {
  // Every mapping is resolved (and may throw) before anything is written.
  const resolved = sources.map((s) => resolveMapping(table, s.headers, mapping, s.path));
  const columns = table.columns.filter((c) => resolved.some((r) => r.targets.includes(c)));
  const appendOnly = table.appendOnly === true;
  const plans: FilePlan[] = sources.map((source, i) => {
    const r = resolved[i] as (typeof resolved)[number];
    return {
      path: source.path,
      open: openOptions(options),
      table: table.name,
      columns: columns.map((c) => c.name),
      sourceIndex: columns.map((c) => {
        const k = r.targets.indexOf(c);
        return k < 0 ? -1 : (r.sourceIndex[k] as number);
      }),
      headers: source.headers,
      defaults: mapping.defaults,
      ...(mapping.dayOrder === undefined ? {} : { dayOrder: mapping.dayOrder }),
      batchSize,
      fileIndex: i,
      sequenceStart: 0,
      provenance: appendOnly,
    };
  });
  // Defaults and day orders are checked here, before the transaction (throws InputError).
  plans.forEach((plan, i) => {
    rowBuilderFor(plan, sources[i] as OpenedSource);
  });
  const notes: string[] = [];
  resolved.forEach((r, i) => {
    if (r.ignored.length > 0) {
      notes.push(
        `${sources[i]?.path}: columns not in table ${table.name} were ignored: ${r.ignored.join(', ')}`,
      );
    }
  });
  const importId = newId('imp');
  const stageColumns: readonly ColumnSpec[] = [
    ...columns,
    col('__row', 'integer', 'input order'),
    ...(appendOnly
      ? [
          col('__file', 'integer', 'file index'),
          col('__rownum', 'integer', 'row number'),
          col('__line', 'integer', 'line'),
          col('__raw', 'text', 'original'),
        ]
      : []),
  ];
  const counters: FileCounters[] = sources.map(() => ({ read: 0, accepted: 0, rejected: 0 }));
  const issuesByReason: Record<string, number> = {};
  const quarantine = new QuarantineWriter(options.quarantineDir, table.name, importId);
  const stage = `mm_ingest_${importId}`;

  let outcome: { counts: StageCounts; totals: FileCounters };
  try {
    outcome = await store.transaction(async (tx) => {
      await createStage(tx, stage, stageColumns);
      let sequence = 0;
      for (let f = 0; f < sources.length; f += 1) {
        const source = sources[f] as OpenedSource;
        const counter = counters[f] as FileCounters;
        const plan = { ...(plans[f] as FilePlan), sequenceStart: sequence };
        const batches = useWorker(options, source) ? workerRows(plan) : produceRows(plan, source);
        for await (const batch of batches) {
          counter.read += batch.read;
          counter.accepted += batch.rows.length;
          counter.rejected += batch.rejects.length;
          for (const reject of batch.rejects) {
            for (const issue of reject.issues)
              issuesByReason[issue.code] = (issuesByReason[issue.code] ?? 0) + 1;
            quarantine.add(reject);
          }
          if (batch.rows.length > 0) await tx.bulkInsert(stage, stageColumns, batch.rows);
          options.onProgress?.({
            file: source.path,
            bytesRead: batch.bytesRead,
            bytesTotal: batch.bytesTotal,
            records: counter.read,
          });
        }
        sequence += counter.read;
      }
      if (appendOnly)
        await rejectAppendOnlyConflicts(
          tx,
          table,
          stage,
          columns,
          sources,
          counters,
          quarantine,
          issuesByReason,
        );
      assertArithmetic(counters);
      const totals = sumCounters(counters);
      const counts = await countStage(tx, table, stage);
      if (counts.rows !== totals.accepted) {
        throw new InternalError(
          'ingest_count_mismatch',
          `Staging table holds ${counts.rows} rows but ${totals.accepted} were accepted`,
        );
      }
      await upsertFromStage(tx, table, stage, columns, counts, appendOnly);
      const quarantinePath = quarantine.entries > 0 ? quarantine.finalPath : null;
      await writeImportRow(
        tx,
        importId,
        table,
        options,
        sources,
        counters,
        totals,
        quarantinePath,
        startedAt,
      );
      await dropStage(tx, stage);
      return { counts, totals };
    });
  } catch (error) {
    quarantine.abort();
    throw error;
  }
  // Committed: only now does the quarantine file get its final name.
  const committedPath = quarantine.commit();
  const { counts, totals } = outcome;
  for (const source of sources) notes.push(...source.notes());
  return {
    importId,
    table: table.name,
    files: sources.map((source, i) => ({
      path: options.files[i] ?? source.path,
      format: source.format,
      encoding: source.encoding,
      ...(source.delimiter === undefined ? {} : { delimiter: source.delimiter }),
      ...(counters[i] as FileCounters),
    })),
    ...totals,
    inserted: counts.distinctIds - counts.existingIds,
    updated: appendOnly ? 0 : counts.existingIds,
    duplicateIdsInInput: counts.rows - counts.distinctIds,
    quarantine: committedPath,
    issuesByReason,
    notes,
    durationMs: Math.round(performance.now() - started),
  };
}

function openOptions(options: IngestOptions): OpenSourceOptions {
  return {
    ...(options.format === undefined ? {} : { format: options.format }),
    ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
    ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
  };
}

/**
 * Parse in a worker thread for CSV / JSON Lines files of `workerMinBytes` or more. Default:
 * 8 MiB when the machine has 4 or more cores, else never — measured on 2 cores (1M-row bench),
 * the worker saved 0.3–0.5 s of ~8 s when the machine was otherwise idle but cost up to 3 s
 * under load, because it competes with DuckDB's own threads and the main thread then also pays
 * for deserialising every batch (structured clone).
 */
function useWorker(options: IngestOptions, source: OpenedSource): boolean {
  if (source.format === 'parquet') return false;
  const fallback = availableParallelism() >= 4 ? 8 * 1024 * 1024 : Number.POSITIVE_INFINITY;
  return source.bytesTotal >= (options.workerMinBytes ?? fallback);
}

function sumCounters(counters: readonly FileCounters[]): FileCounters {
  const total = { read: 0, accepted: 0, rejected: 0 };
  for (const c of counters) {
    total.read += c.read;
    total.accepted += c.accepted;
    total.rejected += c.rejected;
  }
  return total;
}

function assertArithmetic(counters: readonly FileCounters[]): void {
  for (const c of counters) {
    if (c.accepted + c.rejected !== c.read) {
      throw new InternalError(
        'ingest_count_mismatch',
        `accepted (${c.accepted}) + rejected (${c.rejected}) != read (${c.read})`,
      );
    }
  }
}

async function rejectAppendOnlyConflicts(
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

async function writeImportRow(
  tx: Transaction,
  importId: string,
  table: TableSpec,
  options: IngestOptions,
  sources: readonly OpenedSource[],
  counters: readonly FileCounters[],
  totals: FileCounters,
  quarantinePath: string | null,
  startedAt: Date,
): Promise<void> {
  const spec = findTable('imports');
  if (!spec) throw new InternalError('missing_table_spec', 'The imports table spec is missing');
  const files = sources.map((source, i) => ({
    path: options.files[i] ?? source.path,
    format: source.format,
    encoding: source.encoding,
    ...(source.delimiter === undefined ? {} : { delimiter: source.delimiter }),
    ...(counters[i] as FileCounters),
  }));
  const values: Record<string, SqlValue> = {
    id: importId,
    table_name: table.name,
    files,
    read: totals.read,
    accepted: totals.accepted,
    rejected: totals.rejected,
    quarantine_path: quarantinePath,
    started_at: startedAt,
    finished_at: new Date(),
  };
  await tx.bulkInsert('imports', spec.columns, [spec.columns.map((c) => values[c.name] ?? null)]);
}
