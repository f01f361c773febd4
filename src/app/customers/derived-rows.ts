import { InternalError } from '../../core/errors.js';
import { findTable } from '../../core/schema/index.js';
import type { Queryable, SqlValue } from '../../store/store.js';

/**
 * Writing per-customer results: `customer_scores` (one row per customer and score kind, with an
 * interval where the model gives one) and `segments`. Row ids are `<run>:<kind>:<index>` — unique,
 * readable and cheap for a million rows. Call inside the transaction that records the run.
 */

const batchRows = 50_000;

function columnsOf(table: string) {
  const spec = findTable(table);
  if (!spec) throw new InternalError('missing_table', `table ${table} is not in the data model`);
  return spec.columns;
}

export async function insertInBatches(
  db: Queryable,
  table: string,
  count: number,
  row: (index: number) => readonly SqlValue[],
): Promise<void> {
  const columns = columnsOf(table);
  for (let start = 0; start < count; start += batchRows) {
    const rows: SqlValue[][] = [];
    const end = Math.min(count, start + batchRows);
    for (let i = start; i < end; i++) {
      const values = row(i);
      if (values.length !== columns.length) {
        throw new InternalError(
          'row_shape',
          `${table} row has ${values.length} values for ${columns.length} columns`,
        );
      }
      rows.push(values as SqlValue[]);
    }
    await db.bulkInsert(table, columns, rows);
  }
}

export interface ScoreColumns {
  readonly kind: string;
  readonly customerIds: readonly string[];
  readonly value: ArrayLike<number>;
  readonly lower?: ArrayLike<number>;
  readonly upper?: ArrayLike<number>;
  readonly details?: (index: number) => Record<string, unknown> | null;
}

const finiteOrNull = (v: number | undefined): number | null =>
  v !== undefined && Number.isFinite(v) ? v : null;

/** customer_scores columns: id, model_run_id, customer_id, score_kind, value, lower, upper, details. */
export async function insertCustomerScores(
  db: Queryable,
  modelRunId: string,
  scores: ScoreColumns,
): Promise<void> {
  await insertInBatches(db, 'customer_scores', scores.customerIds.length, (i) => [
    `${modelRunId}:${scores.kind}:${i}`,
    modelRunId,
    scores.customerIds[i] as string,
    scores.kind,
    finiteOrNull(scores.value[i]),
    finiteOrNull(scores.lower?.[i]),
    finiteOrNull(scores.upper?.[i]),
    scores.details?.(i) ?? null,
  ]);
}

export interface SegmentColumns {
  readonly customerIds: readonly string[];
  readonly segment: (index: number) => string;
  readonly label: (index: number) => { readonly en: string; readonly zh: string };
}

/** segments columns: id, model_run_id, customer_id, segment, label_en, label_zh. */
export async function insertSegments(db: Queryable, modelRunId: string, rows: SegmentColumns): Promise<void> {
  await insertInBatches(db, 'segments', rows.customerIds.length, (i) => {
    const label = rows.label(i);
    return [
      `${modelRunId}:${i}`,
      modelRunId,
      rows.customerIds[i] as string,
      rows.segment(i),
      label.en,
      label.zh,
    ];
  });
}
