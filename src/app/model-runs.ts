import { newId } from '../core/ids.js';
import { version } from '../core/version.js';
import type { Queryable, Row } from '../store/store.js';

/**
 * The `model_runs` ledger: every fitted model or analysis run gets one row (kind, engine,
 * parameters, metrics, data window, code version), and every derived row it writes carries the
 * run's id — so any number a user sees can be traced to the run that made it.
 */

export interface ModelRunRecord {
  readonly id?: string;
  /** What ran, dotted: `clv.bg_nbd`, `customers.segmentation`, `data_quality` … */
  readonly kind: string;
  /** `classic`, or the model name of an LLM. */
  readonly engine: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly metrics: Readonly<Record<string, unknown>>;
  readonly dataWindow?: { readonly start: Date; readonly end: Date } | null;
  readonly startedAt: Date;
  readonly finishedAt?: Date;
}

export interface ModelRun {
  readonly id: string;
  readonly kind: string;
  readonly engine: string;
  readonly params: Record<string, unknown>;
  readonly metrics: Record<string, unknown>;
  readonly dataWindow: { readonly start: Date; readonly end: Date } | null;
  readonly createdAt: Date;
  readonly finishedAt: Date | null;
}

/** Inserts a succeeded run; returns its id. Call inside the transaction that writes its rows. */
export async function insertModelRun(db: Queryable, run: ModelRunRecord): Promise<string> {
  const id = run.id ?? newId('run');
  const finished = run.finishedAt ?? new Date(Math.max(Date.now(), run.startedAt.getTime()));
  await db.execute(
    `INSERT INTO model_runs (id, kind, engine, status, params, metrics, data_window_start, data_window_end, code_version, created_at, finished_at)
     VALUES ($1, $2, $3, 'succeeded', $4, $5, $6, $7, $8, $9, $10)`,
    [
      id,
      run.kind,
      run.engine,
      run.params as Record<string, unknown>,
      run.metrics as Record<string, unknown>,
      run.dataWindow?.start ?? null,
      run.dataWindow?.end ?? null,
      version,
      run.startedAt,
      finished,
    ],
  );
  return id;
}

function toModelRun(row: Row): ModelRun {
  const start = row.data_window_start;
  const end = row.data_window_end;
  return {
    id: String(row.id),
    kind: String(row.kind),
    engine: String(row.engine),
    params: (row.params ?? {}) as Record<string, unknown>,
    metrics: (row.metrics ?? {}) as Record<string, unknown>,
    dataWindow: start instanceof Date && end instanceof Date ? { start, end } : null,
    createdAt: row.created_at as Date,
    finishedAt: row.finished_at instanceof Date ? row.finished_at : null,
  };
}

const columns =
  'id, kind, engine, params, metrics, data_window_start, data_window_end, created_at, finished_at';

/**
 * Succeeded runs of a kind, newest first: by creation time, or with `by: 'dataEnd'` by the end of
 * the data they saw (a back-test fitted today on last year's data is not "the latest"), then by
 * creation; ties broken by id for a stable order.
 */
export async function listModelRuns(
  db: Queryable,
  kind: string,
  limit = 10,
  by: 'created' | 'dataEnd' = 'created',
): Promise<ModelRun[]> {
  const order =
    by === 'dataEnd'
      ? 'data_window_end DESC NULLS LAST, created_at DESC, id DESC'
      : 'created_at DESC, id DESC';
  const rows = await db.query(
    `SELECT ${columns} FROM model_runs WHERE kind = $1 AND status = 'succeeded'
     ORDER BY ${order} LIMIT ${Math.max(1, Math.floor(limit))}`,
    [kind],
  );
  return rows.map(toModelRun);
}

export async function findModelRun(db: Queryable, id: string): Promise<ModelRun | null> {
  const rows = await db.query(`SELECT ${columns} FROM model_runs WHERE id = $1`, [id]);
  return rows[0] ? toModelRun(rows[0]) : null;
}
