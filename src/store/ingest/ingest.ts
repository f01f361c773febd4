import { InputError, InternalError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { type ColumnSpec, col, findTable, type TableSpec, tables } from '../../core/schema/index.js';
import type { Store } from '../store.js';
import { loadMappingFile, type MappingSpec, mergeMappings, resolveMapping } from './column-mapping.js';
import { FastPathAbort } from './fast-csv.js';
import { discard, type FastCsvDecision, planFastCsv } from './fast-plan.js';
import {
  assertArithmetic,
  type FileCounters,
  rejectAppendOnlyConflicts,
  sumCounters,
  writeImportRow,
} from './ingest-steps.js';
import { type Attempt, loadFile } from './load-file.js';
import { type FilePlan, rowBuilderFor } from './produce-rows.js';
import { QuarantineWriter } from './quarantine.js';
import { type OpenedSource, type OpenSourceOptions, openSource, type SourceFormat } from './sources.js';
import { countStage, createStage, dropStage, type StageCounts, upsertFromStage } from './stage-sql.js';

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
 *
 * Two engines load a file into the staging table. The exact path (produce-rows.ts) parses,
 * coerces and validates every record in JavaScript and is the authority on semantics. The fast
 * path (fast-csv.ts: CSV into a DuckDB store) lets DuckDB read and coerce the canonical values
 * and sends only the other records through the exact path's code; it produces the same staged
 * rows, counts and quarantine records, and hands a file back to the exact path whenever it
 * cannot guarantee that (see fast-plan.ts and fast-csv.ts). `engine` chooses:
 * - 'auto' (default): the fast path for eligible files of at least `fastMinBytes` (1 MiB);
 * - 'fast': the fast path for every eligible file (ineligible ones still go the exact way;
 *   `files[i].engine` and `files[i].fastPathSkipped` say what happened);
 * - 'exact': always the exact path.
 * Memory: the exact path streams rows into the staging table in batches of `batchSize`.
 */

export type IngestEngine = 'auto' | 'exact' | 'fast';

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
  /** Default 'auto'; see the module comment. */
  readonly engine?: IngestEngine;
  /** With engine 'auto', the smallest file (bytes on disk) that takes the fast path (default 1 MiB). */
  readonly fastMinBytes?: number;
}

export interface IngestFileResult {
  readonly path: string;
  readonly format: string;
  readonly encoding: string;
  readonly delimiter?: string;
  readonly read: number;
  readonly accepted: number;
  readonly rejected: number;
  /** Which path loaded the file. */
  readonly engine: 'exact' | 'fast';
  /** Why the fast path was not used, when it was asked for (engine 'fast', or 'auto' on a big enough file). */
  readonly fastPathSkipped?: string;
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
/** Below ~1 MiB the exact path takes milliseconds and the fast path's fixed cost does not pay. */
const defaultFastMinBytes = 1024 * 1024;

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
  const engine = options.engine ?? 'auto';
  if (engine !== 'auto' && engine !== 'exact' && engine !== 'fast') {
    throw new InputError(
      'invalid_engine',
      `Unknown ingest engine '${String(engine)}': use auto, exact or fast`,
    );
  }
  if (options.fastMinBytes !== undefined && !(options.fastMinBytes >= 0)) {
    throw new InputError('invalid_option', `fastMinBytes must be a number ≥ 0, got ${options.fastMinBytes}`);
  }
  const batchSize = options.batchSize ?? defaultBatchSize;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new InputError('invalid_batch_size', `batchSize must be a positive integer, got ${batchSize}`);
  }
  const mapping = mergeMappings(
    options.mappingFile === undefined ? undefined : await loadMappingFile(options.mappingFile),
    options.mapping,
  );
  // A fast-path statement that fails aborts the transaction: the import is then run again from
  // the start (sources reopened, nothing was committed) with that file on the exact path.
  const forcedExact = new Map<number, string>();
  for (;;) {
    const sources: OpenedSource[] = [];
    try {
      for (const file of options.files) sources.push(await openSource(file, openOptions(options)));
      const context: IngestContext = { store, options, table, mapping, sources, batchSize, forcedExact };
      return await runIngest(context, started, startedAt);
    } catch (error) {
      if (error instanceof FastPathAbort && !forcedExact.has(error.fileIndex)) {
        const cause = error.cause instanceof Error ? error.cause.message : String(error.cause);
        forcedExact.set(error.fileIndex, `the fast path failed (${cause.split('\n')[0]})`);
        continue;
      }
      throw error;
    } finally {
      for (const source of sources) await source.close().catch(() => undefined);
    }
  }
}

interface IngestContext {
  readonly store: Store;
  readonly options: IngestOptions;
  readonly table: TableSpec;
  readonly mapping: MappingSpec;
  readonly sources: readonly OpenedSource[];
  readonly batchSize: number;
  readonly forcedExact: ReadonlyMap<number, string>;
}

async function runIngest(context: IngestContext, started: number, startedAt: Date): Promise<IngestResult> {
  const { options, table, mapping, sources } = context;
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
      batchSize: context.batchSize,
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
  const decisions: (FastCsvDecision | undefined)[] = [];
  try {
    for (let i = 0; i < sources.length; i += 1) {
      decisions.push(await fastDecision(context, sources[i] as OpenedSource, i));
    }
    return await load(context, plans, columns, decisions, notes, started, startedAt);
  } finally {
    for (const decision of decisions) if (decision?.eligible) discard(decision.file);
  }
}

async function load(
  context: IngestContext,
  plans: readonly FilePlan[],
  columns: readonly ColumnSpec[],
  decisions: readonly (FastCsvDecision | undefined)[],
  notes: string[],
  started: number,
  startedAt: Date,
): Promise<IngestResult> {
  const { options, table, sources } = context;
  const appendOnly = table.appendOnly === true;
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
  const attempt: Attempt = {
    counters: sources.map(() => ({ read: 0, accepted: 0, rejected: 0 })),
    issuesByReason: {},
    quarantine: new QuarantineWriter(options.quarantineDir, table.name, importId),
    engines: sources.map(() => 'exact'),
    skipped: decisions.map((d) => (d !== undefined && !d.eligible ? d.reason : undefined)),
  };
  const { counters, quarantine, issuesByReason } = attempt;
  const stage = `mm_ingest_${importId}`;
  const fileResults = () =>
    sources.map((source, i) => ({
      path: options.files[i] ?? source.path,
      format: source.format,
      encoding: source.encoding,
      ...(source.delimiter === undefined ? {} : { delimiter: source.delimiter }),
      ...(counters[i] as FileCounters),
      engine: attempt.engines[i] ?? 'exact',
      ...(attempt.skipped[i] === undefined ? {} : { fastPathSkipped: attempt.skipped[i] }),
    }));

  let outcome: { counts: StageCounts; totals: FileCounters };
  try {
    outcome = await context.store.transaction(async (tx) => {
      await createStage(tx, stage, stageColumns);
      let sequence = 0;
      for (let f = 0; f < sources.length; f += 1) {
        const plan = { ...(plans[f] as FilePlan), sequenceStart: sequence };
        const job = { tx, plan, source: sources[f] as OpenedSource, columns, stage, stageColumns, attempt };
        await loadFile(job, decisions[f], options);
        sequence += (counters[f] as FileCounters).read;
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
      await writeImportRow(tx, importId, table, fileResults(), totals, quarantinePath, startedAt);
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
    files: fileResults(),
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

/** Whether to try the fast path on a file (undefined: not asked for). */
async function fastDecision(
  context: IngestContext,
  source: OpenedSource,
  index: number,
): Promise<FastCsvDecision | undefined> {
  const engine = context.options.engine ?? 'auto';
  if (engine === 'exact') return undefined;
  if (engine === 'auto' && source.bytesTotal < (context.options.fastMinBytes ?? defaultFastMinBytes)) {
    return undefined;
  }
  const forced = context.forcedExact.get(index);
  if (forced !== undefined) return { eligible: false, reason: forced };
  return planFastCsv(source, context.store.dialect);
}

function openOptions(options: IngestOptions): OpenSourceOptions {
  return {
    ...(options.format === undefined ? {} : { format: options.format }),
    ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
    ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
  };
}
