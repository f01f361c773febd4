import { InputError } from '../../core/errors.js';
import type { Queryable } from '../../store/store.js';
import { countedOrder } from '../customers/customer-sql.js';

/**
 * Sufficient statistics of an experiment from the store: per variant, the customers exposed
 * (`assignments`), how many converted — a `conversion` event of the customer within the window
 * after its first exposure — and the revenue per exposed customer (sum and sum of squares of the
 * conversion events' `value`, 0 for customers without one), for the conversion-rate and
 * revenue-per-user metrics. One statement, identical on DuckDB and PostgreSQL; no JSON access, so
 * outcomes are tied to the exposure by customer and time, as the assignments table documents.
 */

export interface VariantStatistics {
  readonly variant: string;
  readonly users: number;
  readonly conversions: number;
  readonly revenueSum: number;
  readonly revenueSumSquares: number;
}

export interface ExperimentData {
  readonly id: string;
  readonly name: string;
  readonly hypothesis: string | null;
  readonly primaryMetric: string | null;
  /** Planned split per variant, when the experiment row declares one. */
  readonly plannedWeights: Readonly<Record<string, number>> | null;
  readonly start: Date | null;
  readonly end: Date | null;
  readonly windowDays: number;
  readonly variants: readonly VariantStatistics[];
}

export async function loadExperimentData(
  db: Queryable,
  experimentId: string,
  options: { readonly windowDays?: number } = {},
): Promise<ExperimentData> {
  const windowDays = options.windowDays ?? 14;
  if (!(Number.isFinite(windowDays) && windowDays > 0)) {
    throw new InputError(
      'invalid_argument',
      `The conversion window must be a positive number of days, got ${windowDays}`,
    );
  }
  const [experiment] = await db.query(
    'SELECT id, name, hypothesis, primary_metric, variants, start_at, end_at FROM experiments WHERE id = $1',
    [experimentId],
  );
  if (!experiment) {
    const known = await db.query('SELECT id FROM experiments ORDER BY id LIMIT 20');
    throw new InputError('unknown_experiment', `There is no experiment "${experimentId}"`, {
      hint: known.length
        ? `Experiments: ${known.map((r) => String(r.id)).join(', ')}`
        : 'Import experiments first.',
    });
  }
  const rows = await variantStatistics(db, experimentId, windowDays, null);
  const planned = experiment.variants as { name?: string; weight?: number }[] | null;
  const plannedWeights =
    Array.isArray(planned) && planned.every((v) => typeof v.name === 'string' && typeof v.weight === 'number')
      ? Object.fromEntries(planned.map((v) => [v.name as string, v.weight as number]))
      : null;
  return {
    id: String(experiment.id),
    name: String(experiment.name),
    hypothesis: experiment.hypothesis === null ? null : String(experiment.hypothesis),
    primaryMetric: experiment.primary_metric === null ? null : String(experiment.primary_metric),
    plannedWeights,
    start: experiment.start_at instanceof Date ? experiment.start_at : null,
    end: experiment.end_at instanceof Date ? experiment.end_at : null,
    windowDays,
    variants: rows.map(toStatistics),
  };
}

/** Dimensions an experiment can be broken down by, and the SQL of each (over customers `c`, exposure `x`). */
export const segmentDimensions = {
  country: 'c.country',
  locale: 'c.locale',
  gender: 'c.gender',
  acquisition_channel: 'c.acquisition_channel',
  customer_type: `CASE WHEN EXISTS (
      SELECT 1 FROM orders AS o WHERE o.customer_id = x.customer_id AND o.ordered_at < x.assigned_at AND ${countedOrder}
    ) THEN 'returning' ELSE 'new' END`,
} as const;

export type SegmentDimension = keyof typeof segmentDimensions;

export interface SegmentStatistics {
  /** The segment's value ('(unknown)' when the customer attribute is empty). */
  readonly segment: string;
  readonly variants: readonly VariantStatistics[];
}

/** Per segment of `dimension`, the same per-variant statistics as loadExperimentData. */
export async function loadExperimentSegments(
  db: Queryable,
  experimentId: string,
  dimension: string,
  options: { readonly windowDays?: number } = {},
): Promise<SegmentStatistics[]> {
  if (!Object.hasOwn(segmentDimensions, dimension))
    throw new InputError('invalid_argument', `Cannot break an experiment down by "${dimension}"`, {
      hint: `choose one of ${Object.keys(segmentDimensions).join(', ')}`,
    });
  const data = await loadExperimentData(db, experimentId, options);
  const rows = await variantStatistics(
    db,
    experimentId,
    data.windowDays,
    segmentDimensions[dimension as SegmentDimension],
  );
  const bySegment = new Map<string, VariantStatistics[]>();
  for (const row of rows) {
    const segment = row.segment === null || row.segment === '' ? '(unknown)' : String(row.segment);
    const list = bySegment.get(segment) ?? [];
    list.push(toStatistics(row));
    bySegment.set(segment, list);
  }
  return [...bySegment].map(([segment, variants]) => ({ segment, variants }));
}

function toStatistics(r: Record<string, unknown>): VariantStatistics {
  return {
    variant: String(r.variant),
    users: Number(r.users),
    conversions: Number(r.converted),
    revenueSum: Number(r.revenue_sum),
    revenueSumSquares: Number(r.revenue_sum_squares),
  };
}

/**
 * Per exposed customer (first exposure): conversions and revenue in (assigned_at, assigned_at + window],
 * summed per variant (and per segment when `segmentSql` is given). Customers in two variants are an error.
 */
async function variantStatistics(
  db: Queryable,
  experimentId: string,
  windowDays: number,
  segmentSql: string | null,
): Promise<Record<string, unknown>[]> {
  const segment = segmentSql ?? 'CAST(NULL AS TEXT)';
  const rows = await db.query(
    `WITH exposed AS (
       SELECT customer_id, min(variant) AS variant, count(DISTINCT variant) AS variants, min(assigned_at) AS assigned_at
       FROM assignments WHERE experiment_id = $1 GROUP BY customer_id
     ),
     segmented AS (
       SELECT x.customer_id, x.variant, x.variants, x.assigned_at, ${segment} AS segment
       FROM exposed AS x LEFT JOIN customers AS c ON c.id = x.customer_id
     ),
     outcomes AS (
       SELECT x.customer_id, x.variant, x.variants, x.segment,
              count(e.id) AS conversions,
              coalesce(sum(e.value), 0) AS revenue
       FROM segmented AS x
       LEFT JOIN events AS e
         ON e.customer_id = x.customer_id AND e.event_type = 'conversion'
        AND e.ts > x.assigned_at AND e.ts <= x.assigned_at + CAST($2 AS INTEGER) * INTERVAL '1 day'
       GROUP BY x.customer_id, x.variant, x.variants, x.segment
     )
     SELECT segment, variant, count(*) AS users, sum(CASE WHEN conversions > 0 THEN 1 ELSE 0 END) AS converted,
            sum(revenue) AS revenue_sum, sum(revenue * revenue) AS revenue_sum_squares,
            sum(CASE WHEN variants > 1 THEN 1 ELSE 0 END) AS switched
     FROM outcomes GROUP BY segment, variant ORDER BY segment, variant`,
    [experimentId, windowDays],
  );
  const switched = rows.reduce((s, r) => s + Number(r.switched), 0);
  if (switched > 0) {
    throw new InputError(
      'inconsistent_assignments',
      `${switched} customers of experiment "${experimentId}" were assigned to more than one variant`,
      { hint: 'Each customer must see one variant; fix the assignments export.' },
    );
  }
  return rows;
}
