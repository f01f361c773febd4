import { InputError } from '../../core/errors.js';
import type { Queryable, Row, SqlValue } from '../../store/store.js';

/**
 * Shared by the customer-value SQL loaders (customer-features.ts, purchase-summary-sql.ts,
 * cohort-sql.ts), which are the customer-value feature layer: per-customer aggregates pushed into SQL that runs as the
 * same text on DuckDB and PostgreSQL (portable-SQL rules of store/store.ts: doubles cast before
 * `/`, NULLIF on denominators that can be 0, `$n` parameters, no INTERVAL arithmetic, no TEMP
 * tables). The database does the GROUP BY over orders, order lines and events; JS only copies the
 * per-customer rows into typed arrays.
 *
 * Shared conventions of every loader here:
 * - a *counted order* is an order whose status is not 'cancelled' or 'returned' (NULL status
 *   counts, 'pending' counts) and whose total is not negative (`countedOrder`);
 * - days are UTC calendar days (both stores run with TimeZone=UTC);
 * - customers come back ordered by id in byte order (`ORDER BY customer_id COLLATE "C"`, the same
 *   order on both engines whatever the database collation);
 * - amounts are summed as stored unless a `money` conversion (money.ts) is given, which converts
 *   each order's amount to the reporting currency in SQL first.
 */

/**
 * An order that counts as a purchase: not cancelled or returned, and not a negative total (a
 * refund written as an order; ingest quarantines those, direct writes may not).
 */
export const countedOrder =
  "(status IS NULL OR status NOT IN ('cancelled', 'returned')) AND total_amount >= 0";

export const dayMs = 86_400_000;

// ---------------------------------------------------------------------------------------------
// Shared helpers

export function checkDate(value: unknown, what: string): asserts value is Date {
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

export async function defaultAsOf(store: Queryable, asOf: Date | undefined, caller: string): Promise<Date> {
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

export const asNumber = (value: SqlValue | undefined): number =>
  typeof value === 'number' ? value : Number.NaN;

/** A Float64Array that grows by doubling, for result sets of unknown size. */
export class GrowableColumn {
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

export const streamBatchRows = 20_000;
