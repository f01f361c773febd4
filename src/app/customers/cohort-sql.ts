import { InputError } from '../../core/errors.js';
import type { Queryable, Row } from '../../store/store.js';
import { checkDate, countedOrder, dayMs, defaultAsOf } from './customer-sql.js';

/** Acquisition cohorts and active-customer counts in SQL (conventions: customer-sql.ts). */

// ---------------------------------------------------------------------------------------------
// Cohorts and active-customer counts

export type CohortPeriod = 'month' | 'week';

export interface CohortActivityOptions {
  readonly period: CohortPeriod;
  /** Only orders at or before this instant. Default: the latest order time. */
  readonly asOf?: Date;
}

/** Customers of one acquisition cohort active (≥ 1 counted order) in one period. */
export interface CohortActivityRow {
  /** Cohort label: 'YYYY-MM' (month) or the ISO week's Monday 'YYYY-MM-DD' (week). */
  readonly cohort: string;
  /** Periods since the cohort's period (0 = the acquisition period). */
  readonly periodIndex: number;
  readonly customers: number;
}

/** Calendar months from `from` to `to`, both 'YYYY-MM…' strings. */
function monthsBetween(from: string, to: string): number {
  const months = (text: string) => Number(text.slice(0, 4)) * 12 + Number(text.slice(5, 7)) - 1;
  return months(to) - months(from);
}

/**
 * Acquisition-cohort activity: for each cohort (the month or ISO week of a customer's first
 * counted order) and each later period, the number of the cohort's customers with a counted
 * order in that period. Only non-zero cells are returned, ordered by cohort then periodIndex;
 * feed them to `buildRetentionMatrix` (customers/retention.ts).
 *
 * The usual acquisition-cohort table (e.g. Fader & Hardie 2007, "How to project customer
 * retention"); periods are date_trunc('month' | 'week', ordered_at) in UTC (weeks start on Monday on both
 * engines). Cost: one statement (DISTINCT customer × period, one aggregate); result size
 * O(cohorts × periods).
 */
export async function loadCohortActivity(
  store: Queryable,
  options: CohortActivityOptions,
): Promise<CohortActivityRow[]> {
  const { period } = options;
  if (period !== 'month' && period !== 'week') {
    throw new InputError(
      'invalid_argument',
      `loadCohortActivity: period must be 'month' or 'week', got ${JSON.stringify(period)}`,
    );
  }
  const asOf = await defaultAsOf(store, options.asOf, 'loadCohortActivity');
  // Active customers per (acquisition cohort, period); the period unit is one of two literals.
  const rows = await store.query<Row & { cohort: string; period: string; customers: number }>(
    `WITH activity AS (
       -- customers with a counted order in each period
       SELECT DISTINCT customer_id, CAST(date_trunc('${period}', ordered_at) AS DATE) AS period
       FROM orders
       WHERE ordered_at <= CAST($1 AS TIMESTAMPTZ) AND ${countedOrder}
     ),
     cohorts AS (
       -- acquisition cohort = period of the first counted order
       SELECT customer_id, min(period) AS cohort FROM activity GROUP BY customer_id
     )
     SELECT c.cohort, a.period, count(*) AS customers
     FROM activity AS a
     JOIN cohorts AS c ON c.customer_id = a.customer_id
     GROUP BY c.cohort, a.period
     ORDER BY c.cohort, a.period`,
    [asOf],
  );
  return rows.map((row) => ({
    cohort: period === 'month' ? row.cohort.slice(0, 7) : row.cohort,
    periodIndex:
      period === 'month'
        ? monthsBetween(row.cohort, row.period)
        : Math.round((Date.parse(row.period) - Date.parse(row.cohort)) / (7 * dayMs)),
    customers: row.customers,
  }));
}

export interface ActiveCustomerOptions {
  /** Start of the period (S is measured at this instant). */
  readonly start: Date;
  /** End of the period (E is measured at this instant); must be after start. */
  readonly end: Date;
  /** A customer is active at d when it has a counted order in (d − activeWindowDays, d]. */
  readonly activeWindowDays: number;
}

/** Inputs of a period retention rate (customers/retention.ts `retentionRate`). */
export interface ActiveCustomerCounts {
  readonly start: Date;
  readonly end: Date;
  readonly activeWindowDays: number;
  /** S: customers active at start. */
  readonly atStart: number;
  /** E: customers active at end. */
  readonly atEnd: number;
  /** N: customers active at end whose first counted order is in (start, end] (acquired in the period). */
  readonly newInPeriod: number;
  /** Customers active both at start and at end (the strict "still there" count). */
  readonly retained: number;
}

/**
 * Active-customer counts for a period retention rate: S (active at start), E (active at end), N
 * (of E, those acquired during the period) and the customers active at both ends. A customer is
 * active at instant d when it has a counted order in (d − window, d]. Then (E − N) / S is the
 * classic customer retention rate (Kumar & Reinartz, "Customer Relationship Management", ch. 5);
 * E − N = retained + reactivated (customers inactive at start who came back), so
 * `retained / atStart` is the strict variant. N counts only new customers still active at end,
 * so E − N ≥ 0.
 *
 * Cost: one statement, one hash aggregate over the orders up to `end`.
 */
export async function loadActiveCustomerCounts(
  store: Queryable,
  options: ActiveCustomerOptions,
): Promise<ActiveCustomerCounts> {
  const { start, end, activeWindowDays } = options;
  checkDate(start, 'loadActiveCustomerCounts: start');
  checkDate(end, 'loadActiveCustomerCounts: end');
  if (end.getTime() <= start.getTime()) {
    throw new InputError(
      'invalid_argument',
      `loadActiveCustomerCounts: end (${end.toISOString()}) must be after start (${start.toISOString()})`,
    );
  }
  if (!(Number.isFinite(activeWindowDays) && activeWindowDays > 0)) {
    throw new InputError(
      'invalid_argument',
      `loadActiveCustomerCounts: activeWindowDays must be a positive number of days, got ${activeWindowDays}`,
    );
  }
  const windowMs = activeWindowDays * dayMs;
  const startWindow = new Date(start.getTime() - windowMs);
  const endWindow = new Date(end.getTime() - windowMs);
  // Per customer: active at start, active at end, first order after start; then the four counts.
  const [row] = await store.query<Row & Record<'at_start' | 'at_end' | 'new_in_period' | 'retained', number>>(
    `WITH per_customer AS (
       SELECT customer_id,
              max(CASE WHEN ordered_at > CAST($3 AS TIMESTAMPTZ) AND ordered_at <= CAST($1 AS TIMESTAMPTZ)
                       THEN 1 ELSE 0 END) AS active_start,
              max(CASE WHEN ordered_at > CAST($4 AS TIMESTAMPTZ) THEN 1 ELSE 0 END) AS active_end,
              min(ordered_at) AS first_at
       FROM orders
       WHERE ordered_at <= CAST($2 AS TIMESTAMPTZ) AND ${countedOrder}
       GROUP BY customer_id
     )
     SELECT count(*) FILTER (WHERE active_start = 1) AS at_start,
            count(*) FILTER (WHERE active_end = 1) AS at_end,
            count(*) FILTER (WHERE active_end = 1 AND first_at > CAST($1 AS TIMESTAMPTZ)) AS new_in_period,
            count(*) FILTER (WHERE active_start = 1 AND active_end = 1) AS retained
     FROM per_customer`,
    [start, end, startWindow, endWindow],
  );
  return {
    start,
    end,
    activeWindowDays,
    atStart: row?.at_start ?? 0,
    atEnd: row?.at_end ?? 0,
    newInPeriod: row?.new_in_period ?? 0,
    retained: row?.retained ?? 0,
  };
}
