import { InputError } from '../../core/errors.js';
import type { Queryable } from '../../store/store.js';
import { countedOrder } from '../customers/customer-sql.js';
import type { MoneyConversion } from '../customers/money.js';

/**
 * Customer journeys for attribution, aggregated by path (the shape ChannelAttribution takes): a
 * touchpoint belongs to the journey that ends with the customer's next counted order when that
 * order comes within `lookbackDays`; touches with no order within the lookback form
 * non-converting journeys, a new one starting after a gap longer than the lookback. Path = the journey's channels in time order. One statement for DuckDB and
 * PostgreSQL; the timeline of touches and orders is ordered with window functions.
 */

export interface PathAggregate {
  readonly path: readonly string[];
  readonly conversions: number;
  readonly value: number;
  readonly nulls: number;
}

export interface JourneyOptions {
  readonly lookbackDays?: number;
  readonly from?: Date;
  readonly to?: Date;
  readonly money?: Pick<MoneyConversion, 'sql'>;
}

export const pathSeparator = ' > ';

export async function loadJourneyPaths(
  db: Queryable,
  options: JourneyOptions = {},
): Promise<PathAggregate[]> {
  const lookbackDays = options.lookbackDays ?? 30;
  if (!(Number.isInteger(lookbackDays) && lookbackDays > 0)) {
    throw new InputError(
      'invalid_argument',
      `The lookback window must be a whole number of days ≥ 1, got ${lookbackDays}`,
    );
  }
  const from = options.from ?? new Date(0);
  const to = options.to ?? new Date(8.64e15);
  const amount = options.money ? options.money.sql('o', 'total_amount') : 'o.total_amount';
  const rows = await db.query(
    `WITH timeline AS (
       -- touches (kind 1) and counted orders (kind 0: an order at the same instant closes the journey first)
       SELECT customer_id, ts, 1 AS kind, channel, CAST(NULL AS DOUBLE PRECISION) AS amount
       FROM touchpoints WHERE ts >= CAST($1 AS TIMESTAMPTZ) AND ts <= CAST($2 AS TIMESTAMPTZ)
       UNION ALL
       SELECT o.customer_id, o.ordered_at, 0, NULL, ${amount}
       FROM orders AS o WHERE o.ordered_at >= CAST($1 AS TIMESTAMPTZ) AND o.ordered_at <= CAST($2 AS TIMESTAMPTZ) AND ${countedOrder}
     ),
     ordered AS (
       SELECT customer_id, ts, kind, channel, amount,
              -- the next order at or after this row (orders sort before touches at the same instant)
              min(CASE WHEN kind = 0 THEN ts END) OVER (
                PARTITION BY customer_id ORDER BY ts, kind ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING
              ) AS next_order_at
       FROM timeline
     ),
     orders_at AS (
       SELECT customer_id, ts, sum(amount) AS amount FROM timeline WHERE kind = 0 GROUP BY customer_id, ts
     ),
     touches AS (
       SELECT t.customer_id, t.ts, t.channel, t.next_order_at,
              CASE WHEN t.next_order_at IS NOT NULL
                    AND t.next_order_at <= t.ts + CAST($3 AS INTEGER) * INTERVAL '1 day' THEN 1 ELSE 0 END AS converts
       FROM ordered AS t WHERE t.kind = 1
     ),
     gaps AS (
       -- a touch more than the lookback after the previous one (same customer, same next order) starts a new journey
       SELECT customer_id, ts, channel, next_order_at, converts,
              CASE WHEN lag(ts) OVER (PARTITION BY customer_id, next_order_at, converts ORDER BY ts, channel) IS NULL
                     OR ts > lag(ts) OVER (PARTITION BY customer_id, next_order_at, converts ORDER BY ts, channel)
                             + CAST($3 AS INTEGER) * INTERVAL '1 day'
                   THEN 1 ELSE 0 END AS starts
       FROM touches
     ),
     numbered AS (
       SELECT customer_id, ts, channel, next_order_at, converts,
              sum(starts) OVER (PARTITION BY customer_id, next_order_at, converts ORDER BY ts, channel
                                ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS journey
       FROM gaps
     ),
     journeys AS (
       -- a converting journey is everything before its order; gaps split only the non-converting ones
       SELECT customer_id, next_order_at, converts, CASE WHEN converts = 1 THEN 0 ELSE journey END AS journey,
              string_agg(channel, '${pathSeparator}' ORDER BY ts, channel) AS path
       FROM numbered GROUP BY customer_id, next_order_at, converts, CASE WHEN converts = 1 THEN 0 ELSE journey END
     )
     SELECT j.path,
            sum(j.converts) AS conversions,
            sum(CASE WHEN j.converts = 1 THEN coalesce(a.amount, 0) ELSE 0 END) AS value,
            sum(1 - j.converts) AS nulls
     FROM journeys AS j
     LEFT JOIN orders_at AS a ON a.customer_id = j.customer_id AND a.ts = j.next_order_at
     GROUP BY j.path
     ORDER BY j.path`,
    [from, to, lookbackDays],
  );
  return rows.map((r) => ({
    path: String(r.path).split(pathSeparator),
    conversions: Number(r.conversions),
    value: Number(r.value),
    nulls: Number(r.nulls),
  }));
}
