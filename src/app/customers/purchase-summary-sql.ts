import { InputError } from '../../core/errors.js';
import { type PurchaseSummary, TIME_UNIT_DAYS, type TimeUnit } from '../../customers/clv/purchase-summary.js';
import type { Queryable, Row } from '../../store/store.js';
import { asNumber, checkDate, countedOrder, dayMs, GrowableColumn, streamBatchRows } from './customer-sql.js';
import type { MoneyConversion } from './money.js';

/** The BG/NBD purchase summary in SQL (conventions: customer-sql.ts). */

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
