import { InputError } from '../../core/errors.js';
import { type PurchaseSummary, TIME_UNIT_DAYS, type TimeUnit } from '../../customers/clv/purchase-summary.js';
import {
  type CustomerFeatureName,
  type CustomerFeatureTable,
  customerFeatureNames,
} from '../../customers/features.js';
import type { Queryable, Row, SqlValue } from '../../store/store.js';
import type { MoneyConversion } from './money.js';

/**
 * The customer-value feature layer: per-customer aggregates pushed into SQL that runs as the
 * same text on DuckDB and PostgreSQL (portable-SQL rules of store/store.ts: doubles cast before
 * `/`, NULLIF on denominators that can be 0, `$n` parameters, no INTERVAL arithmetic, no TEMP
 * tables). The database does the GROUP BY over orders, order lines and events; JS only copies the
 * per-customer rows into typed arrays.
 *
 * Shared conventions of every loader here:
 * - a *counted order* is an order whose status is not 'cancelled' or 'returned' (NULL status
 *   counts, 'pending' counts);
 * - days are UTC calendar days (both stores run with TimeZone=UTC);
 * - customers come back ordered by id in byte order (`ORDER BY customer_id COLLATE "C"`, the same
 *   order on both engines whatever the database collation);
 * - amounts are summed as stored unless a `money` conversion (money.ts) is given, which converts
 *   each order's amount to the reporting currency in SQL first.
 */

/** SQL predicate of a counted order (alias-free: used on `orders`). */
/**
 * An order that counts as a purchase: not cancelled or returned, and not a negative total (a
 * refund written as an order; ingest quarantines those, direct writes may not).
 */
export const countedOrder =
  "(status IS NULL OR status NOT IN ('cancelled', 'returned')) AND total_amount >= 0";

const dayMs = 86_400_000;

// ---------------------------------------------------------------------------------------------
// Shared helpers

function checkDate(value: unknown, what: string): asserts value is Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new InputError('invalid_argument', `${what} must be a valid Date, got ${String(value)}`);
  }
}

/** The instant of the latest order (any status), or undefined when there are no orders. */
async function latestOrderAt(store: Queryable): Promise<Date | undefined> {
  // Latest order time over all orders: the default "as of" of the data set.
  const [row] = await store.query<Row & { latest: Date | null }>(
    'SELECT max(ordered_at) AS latest FROM orders',
  );
  return row?.latest instanceof Date ? row.latest : undefined;
}

async function defaultAsOf(store: Queryable, asOf: Date | undefined, caller: string): Promise<Date> {
  if (asOf !== undefined) {
    checkDate(asOf, `${caller}: asOf`);
    return asOf;
  }
  const latest = await latestOrderAt(store);
  if (!latest) {
    throw new InputError(
      'insufficient_data',
      `${caller}: the orders table is empty, so there is no default asOf`,
      {
        hint: 'Import orders first (marketmind import) or pass asOf explicitly',
      },
    );
  }
  return latest;
}

const asNumber = (value: SqlValue | undefined): number => (typeof value === 'number' ? value : Number.NaN);

/** A Float64Array that grows by doubling, for result sets of unknown size. */
class GrowableColumn {
  private data = new Float64Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }
  toArray(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

const streamBatchRows = 20_000;

// ---------------------------------------------------------------------------------------------
// Customer features

export interface CustomerFeatureOptions {
  /** Features as of this instant; orders and events after it are ignored. Default: the latest order time. */
  readonly asOf?: Date | undefined;
  /**
   * Converts order amounts to one reporting currency (money.ts `resolveMoney`); without it
   * amounts are used as stored, whatever their currency.
   */
  readonly money?: Pick<MoneyConversion, 'sql'> | undefined;
}

/**
 * Per-customer features of all customers with at least one counted order at or before `$1`
 * (asOf). One statement; the database aggregates orders, order_lines ⋈ products and events.
 * Times are epoch seconds (doubles) so every difference is a plain subtraction. `amount` is the
 * SQL expression of an order's amount (converted to the reporting currency when configured).
 * Exported for the benchmark and for EXPLAIN; callers use `loadCustomerFeatures`.
 */
export const customerFeaturesSql = (amount: string): string => `
WITH counted AS (
  -- counted orders up to asOf, amounts in the reporting currency
  SELECT o.id, o.customer_id, o.ordered_at, ${amount} AS total_amount, o.channel, o.discount_amount
  FROM orders AS o
  WHERE o.ordered_at <= CAST($1 AS TIMESTAMPTZ) AND ${countedOrder}
),
per_customer AS (
  -- order count, spend, first and last order, orders by channel, orders with a discount
  SELECT customer_id,
         count(*) AS orders,
         sum(total_amount) AS total_spend,
         CAST(extract(epoch FROM min(ordered_at)) AS DOUBLE PRECISION) AS first_epoch,
         CAST(extract(epoch FROM max(ordered_at)) AS DOUBLE PRECISION) AS last_epoch,
         count(*) FILTER (WHERE channel = 'online') AS online_orders,
         count(*) FILTER (WHERE channel = 'store') AS store_orders,
         count(*) FILTER (WHERE channel = 'miniprogram') AS miniprogram_orders,
         count(*) FILTER (WHERE discount_amount > 0) AS discounted_orders
  FROM counted
  GROUP BY customer_id
),
categories AS (
  -- distinct product categories over the lines of counted orders
  SELECT counted.customer_id, count(DISTINCT products.category) AS category_breadth
  FROM counted
  JOIN order_lines ON order_lines.order_id = counted.id
  JOIN products ON products.id = order_lines.product_id
  GROUP BY counted.customer_id
),
sessions AS (
  -- distinct web/app sessions of identified customers up to asOf
  SELECT customer_id, count(DISTINCT session_id) AS sessions
  FROM events
  WHERE customer_id IS NOT NULL AND ts <= CAST($1 AS TIMESTAMPTZ)
  GROUP BY customer_id
),
as_of AS (
  SELECT CAST(extract(epoch FROM CAST($1 AS TIMESTAMPTZ)) AS DOUBLE PRECISION) AS epoch
)
SELECT p.customer_id,
       (as_of.epoch - p.last_epoch) / 86400 AS recency_days,
       p.orders AS frequency,
       CAST(p.total_spend AS DOUBLE PRECISION) / p.orders AS monetary,
       CAST(p.total_spend AS DOUBLE PRECISION) AS total_spend,
       (as_of.epoch - p.first_epoch) / 86400 AS tenure_days,
       (p.last_epoch - p.first_epoch) / 86400 / NULLIF(p.orders - 1, 0) AS interpurchase_days,
       coalesce(c.category_breadth, 0) AS category_breadth,
       CAST(p.online_orders AS DOUBLE PRECISION) / p.orders AS share_online,
       CAST(p.store_orders AS DOUBLE PRECISION) / p.orders AS share_store,
       CAST(p.miniprogram_orders AS DOUBLE PRECISION) / p.orders AS share_miniprogram,
       CAST(p.discounted_orders AS DOUBLE PRECISION) / p.orders AS discount_share,
       CAST(coalesce(s.sessions, 0) AS DOUBLE PRECISION)
         / GREATEST(1, (as_of.epoch - p.first_epoch) / 86400 / 7) AS sessions_per_week
FROM per_customer AS p
CROSS JOIN as_of
LEFT JOIN categories AS c ON c.customer_id = p.customer_id
LEFT JOIN sessions AS s ON s.customer_id = p.customer_id
ORDER BY p.customer_id COLLATE "C"`;

/**
 * Customer feature table (features.ts) computed in the database: recency, frequency, average
 * order value, total spend, tenure, mean inter-purchase time, category breadth, channel mix,
 * discount share and web engagement, for every customer with ≥ 1 counted order up to `asOf`.
 *
 * Formulas (per customer, counted orders with ordered_at ≤ asOf; days fractional):
 *   recency_days = (asOf − last order) / 1 day;  tenure_days = (asOf − first order) / 1 day
 *   frequency = n orders;  total_spend = Σ total_amount;  monetary = total_spend / n
 *   interpurchase_days = (last − first) / (n − 1) days, NaN when n = 1 (the only NaN column)
 *   category_breadth = distinct products.category over the order lines (0 without lines)
 *   share_online|store|miniprogram = orders of that channel / n (other or NULL channels count in n only)
 *   discount_share = orders with discount_amount > 0 / n
 *   sessions_per_week = distinct events.session_id of the customer with ts ≤ asOf / max(1, tenure_days / 7)
 *     (sessions before the first order count too: they are engagement of the same person).
 * Default asOf: the latest ordered_at over all orders (InputError when there are none). An asOf
 * before every counted order gives an empty table. With `money`, total_amount is converted to the
 * reporting currency in SQL before anything is summed (monetary and total_spend are then in it).
 *
 * Cost: one statement, hash aggregates over orders + order_lines + events (O(rows) in the
 * database), rows streamed in batches into 12 Float64Arrays (O(customers) memory in JS).
 * Measured: bench/customers/features.bench.ts.
 * Reference: RFM variables after Hughes (1994), "Strategic Database Marketing"; the
 * feature set follows issue 3 of this repo.
 */
export async function loadCustomerFeatures(
  store: Queryable,
  options: CustomerFeatureOptions = {},
): Promise<CustomerFeatureTable> {
  const asOf = await defaultAsOf(store, options.asOf, 'loadCustomerFeatures');
  const customerIds: string[] = [];
  const builders = Object.fromEntries(
    customerFeatureNames.map((name) => [name, new GrowableColumn()]),
  ) as Record<CustomerFeatureName, GrowableColumn>;
  const sql = customerFeaturesSql(options.money ? options.money.sql('o', 'total_amount') : 'o.total_amount');
  for await (const batch of store.stream(sql, [asOf], streamBatchRows)) {
    for (const row of batch) {
      customerIds.push(String(row.customer_id));
      for (const name of customerFeatureNames) builders[name].push(asNumber(row[name]));
    }
  }
  const columns = Object.fromEntries(
    customerFeatureNames.map((name) => [name, builders[name].toArray()]),
  ) as Record<CustomerFeatureName, Float64Array>;
  return { asOf, customerIds, columns };
}

// ---------------------------------------------------------------------------------------------
// Purchase summary (frequency, recency, T, monetary) for BG/NBD and Gamma-Gamma

export interface PurchaseSummaryOptions {
  /**
   * Last day of the calibration period (its UTC day, inclusive; T is measured to its 00:00 UTC).
   * Default: observationEnd when given, else the day of the latest counted order.
   */
  readonly calibrationEnd?: Date | undefined;
  /** Last day of the holdout period (UTC day, inclusive); a holdout exists when it is a later day. */
  readonly observationEnd?: Date | undefined;
  readonly timeUnit: TimeUnit;
  /** Converts order amounts to one reporting currency (money.ts); default: amounts as stored. */
  readonly money?: Pick<MoneyConversion, 'sql'> | undefined;
}

/**
 * Purchase days per customer: counted orders up to the end of the observation day (`$1`,
 * exclusive instant) grouped by UTC day, same-day amounts summed; then for each customer whose
 * first purchase day is on or before the calibration day `$2`: repeat days x, days from first to
 * last calibration purchase, days from the first purchase to the calibration day, mean amount of
 * the repeat days, and the holdout days (after `$2`) with their mean amount. `amount` is the SQL
 * expression of an order's amount on alias `o`. Exported for the benchmark and for EXPLAIN;
 * callers use `loadPurchaseSummary`.
 */
export const purchaseSummarySql = (amount: string): string => `
WITH days AS (
  -- one row per customer and UTC purchase day, amounts in the reporting currency
  SELECT o.customer_id, CAST(o.ordered_at AS DATE) AS day, sum(${amount}) AS amount
  FROM orders AS o
  WHERE o.ordered_at < CAST($1 AS TIMESTAMPTZ) AND ${countedOrder}
  GROUP BY o.customer_id, CAST(o.ordered_at AS DATE)
),
firsts AS (
  -- first purchase day; customers who first bought after the calibration day are left out
  SELECT customer_id, min(day) AS first_day
  FROM days
  GROUP BY customer_id
  HAVING min(day) <= CAST($2 AS DATE)
)
SELECT f.customer_id,
       count(*) FILTER (WHERE d.day <= CAST($2 AS DATE)) - 1 AS frequency,
       max(d.day) FILTER (WHERE d.day <= CAST($2 AS DATE)) - f.first_day AS recency_days,
       CAST($2 AS DATE) - f.first_day AS age_days,
       coalesce(avg(d.amount) FILTER (WHERE d.day <= CAST($2 AS DATE) AND d.day > f.first_day), 0) AS monetary,
       count(*) FILTER (WHERE d.day > CAST($2 AS DATE)) AS holdout_frequency,
       coalesce(avg(d.amount) FILTER (WHERE d.day > CAST($2 AS DATE)), 0) AS holdout_monetary
FROM firsts AS f
JOIN days AS d ON d.customer_id = f.customer_id
GROUP BY f.customer_id, f.first_day
ORDER BY f.customer_id COLLATE "C"`;

/** UTC day number (days since 1970-01-01) of an instant. */
const utcDayNumber = (date: Date) => Math.floor(date.getTime() / dayMs);
const isoDay = (dayNumber: number) => new Date(dayNumber * dayMs).toISOString().slice(0, 10);

/**
 * Purchase summary for buy-till-you-die models (BG/NBD, Pareto/NBD, Gamma-Gamma), computed in
 * the database from counted orders, with the conventions of `summarisePurchases`
 * (customers/clv/purchase-summary.ts, lifetimes' freq='D'), which it equals on the same orders
 * (counts and times exactly; mean amounts to the last bit or two, the database sums in its own order):
 *   purchase day = UTC day of ordered_at; same-day orders are one purchase (amounts summed);
 *   calibrationEnd / observationEnd count by their UTC day, inclusive;
 *   x = calibration purchase days − 1;  t_x = (last − first calibration day) / unit;
 *   T = (calibration day − first purchase day) / unit (CDNOW: 1997-01-01 → 1997-09-30 = 272/7 weeks);
 *   monetary = mean amount of the repeat purchase days (first excluded; 0 when x = 0);
 *   holdout (observation day after the calibration day): purchase days in (calibration day,
 *   observation day] and their mean amount; duration = day difference / unit.
 * unit = 1, 7 or 365.25/12 days. Returned calibrationEnd / holdout.end are 00:00 UTC of their day.
 * With `money`, order amounts are converted to the reporting currency in SQL before summing.
 * InputError for an unknown time unit, invalid dates, observationEnd before calibrationEnd, no
 * orders (no default), or no customer with a purchase on or before the calibration day.
 *
 * Reference: Fader, Hardie & Lee (2005), "Counting your customers the easy way", Marketing Science
 * 24(2) (x, t_x, T); Fader & Hardie, note 025 (mean repeat spend); lifetimes
 * `summary_data_from_transaction_data` / `calibration_and_holdout_data`.
 * Cost: one statement (two hash aggregates over the orders), O(customers) memory in JS.
 */
export async function loadPurchaseSummary(
  store: Queryable,
  options: PurchaseSummaryOptions,
): Promise<PurchaseSummary> {
  const { timeUnit } = options;
  if (!Object.hasOwn(TIME_UNIT_DAYS, timeUnit)) {
    throw new InputError(
      'invalid_argument',
      `loadPurchaseSummary: timeUnit must be 'day', 'week' or 'month', got ${JSON.stringify(timeUnit)}`,
    );
  }
  if (options.calibrationEnd !== undefined)
    checkDate(options.calibrationEnd, 'loadPurchaseSummary: calibrationEnd');
  if (options.observationEnd !== undefined)
    checkDate(options.observationEnd, 'loadPurchaseSummary: observationEnd');
  let calibrationEnd = options.calibrationEnd ?? options.observationEnd;
  if (calibrationEnd === undefined) {
    // Latest counted order: the default end of the calibration period.
    const [row] = await store.query<Row & { latest: Date | null }>(
      `SELECT max(ordered_at) AS latest FROM orders WHERE ${countedOrder}`,
    );
    if (!(row?.latest instanceof Date))
      throw new InputError('insufficient_data', 'loadPurchaseSummary: there are no counted orders', {
        hint: 'Import orders first (marketmind import)',
      });
    calibrationEnd = row.latest;
  }
  const calibrationDay = utcDayNumber(calibrationEnd);
  const observationDay = options.observationEnd ? utcDayNumber(options.observationEnd) : calibrationDay;
  if (observationDay < calibrationDay) {
    throw new InputError(
      'invalid_argument',
      `loadPurchaseSummary: observationEnd (${isoDay(observationDay)}) is before calibrationEnd (${isoDay(calibrationDay)})`,
    );
  }
  const unitDays = TIME_UNIT_DAYS[timeUnit];
  const customerIds: string[] = [];
  const frequency = new GrowableColumn();
  const recency = new GrowableColumn();
  const age = new GrowableColumn();
  const monetary = new GrowableColumn();
  const holdoutFrequency = new GrowableColumn();
  const holdoutMonetary = new GrowableColumn();
  const params = [new Date((observationDay + 1) * dayMs), isoDay(calibrationDay)];
  const sql = purchaseSummarySql(options.money ? options.money.sql('o', 'total_amount') : 'o.total_amount');
  for await (const batch of store.stream(sql, params, streamBatchRows)) {
    for (const row of batch) {
      customerIds.push(String(row.customer_id));
      frequency.push(asNumber(row.frequency));
      recency.push(asNumber(row.recency_days) / unitDays);
      age.push(asNumber(row.age_days) / unitDays);
      monetary.push(asNumber(row.monetary));
      holdoutFrequency.push(asNumber(row.holdout_frequency));
      holdoutMonetary.push(asNumber(row.holdout_monetary));
    }
  }
  if (customerIds.length === 0) {
    throw new InputError(
      'insufficient_data',
      `loadPurchaseSummary: no customer made a counted purchase on or before calibrationEnd (${isoDay(calibrationDay)})`,
    );
  }
  const summary: PurchaseSummary = {
    timeUnit,
    calibrationEnd: new Date(calibrationDay * dayMs),
    customerIds,
    frequency: frequency.toArray(),
    recency: recency.toArray(),
    age: age.toArray(),
    monetary: monetary.toArray(),
  };
  if (observationDay === calibrationDay) return summary;
  return {
    ...summary,
    holdout: {
      end: new Date(observationDay * dayMs),
      duration: (observationDay - calibrationDay) / unitDays,
      frequency: holdoutFrequency.toArray(),
      monetary: holdoutMonetary.toArray(),
    },
  };
}

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
