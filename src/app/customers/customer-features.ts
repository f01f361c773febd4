import {
  type CustomerFeatureName,
  type CustomerFeatureTable,
  customerFeatureNames,
} from '../../customers/features.js';
import type { Queryable } from '../../store/store.js';
import { asNumber, countedOrder, defaultAsOf, GrowableColumn, streamBatchRows } from './customer-sql.js';
import type { MoneyConversion } from './money.js';

/** Per-customer features in SQL (conventions: customer-sql.ts). */

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
