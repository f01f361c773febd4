import { InputError } from '../../core/errors.js';
import type { Queryable } from '../../store/store.js';
import { countedOrder } from '../customers/customer-sql.js';
import type { MoneyConversion } from '../customers/money.js';

/**
 * Sales series from the store, one per key of a level, on a common zero-filled calendar.
 *
 * Periods are UTC calendar days, ISO weeks (starting Monday) or months: date_trunc(period, ordered_at).
 * Measures: revenue (order totals, or line amounts quantity × unit_price − line discount at SKU and
 * category level, in the reporting currency), units (Σ quantity of the lines) and orders (distinct
 * orders). Only counted orders (not cancelled or returned, total ≥ 0). Every series spans the same
 * periods, from the first period with a sale at that level to the last complete period — a period
 * with no sale is 0, and a trailing period the data does not cover to its end is dropped (a partial
 * week or month would look like a collapse). One statement for DuckDB and PostgreSQL; the zero-filling
 * is done here.
 */

export type SalesLevel = 'total' | 'category' | 'sku' | 'channel' | 'store';
export type SalesMeasure = 'revenue' | 'units' | 'orders';
export type SalesPeriod = 'day' | 'week' | 'month';

export const salesLevels: readonly SalesLevel[] = ['total', 'category', 'sku', 'channel', 'store'];
export const salesMeasures: readonly SalesMeasure[] = ['revenue', 'units', 'orders'];
export const salesPeriods: readonly SalesPeriod[] = ['day', 'week', 'month'];

export interface SalesSeries {
  /** The level's key: 'total', a category, a product id, a channel or a store id ('(none)' when empty). */
  readonly key: string;
  /** For SKUs, the product's category (the hierarchy parent); null otherwise. */
  readonly parent: string | null;
  readonly values: readonly number[];
}

export interface SalesSeriesSet {
  readonly level: SalesLevel;
  readonly measure: SalesMeasure;
  readonly period: SalesPeriod;
  /** First day of every period, 'YYYY-MM-DD', oldest first; shared by all series. */
  readonly periodStarts: readonly string[];
  readonly series: readonly SalesSeries[];
  /** Reporting currency of revenue; null for units and orders. */
  readonly currency: string | null;
  /** Last order instant covered; the last period ends at or before it (complete periods only). */
  readonly dataEnd: Date | null;
}

export interface SalesSeriesOptions {
  readonly level: SalesLevel;
  readonly measure: SalesMeasure;
  readonly period: SalesPeriod;
  readonly money: Pick<MoneyConversion, 'convert' | 'currency'>;
  /** Only orders at or after / at or before these instants. */
  readonly from?: Date;
  readonly to?: Date;
}

const dayMs = 86_400_000;

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The start of the period after the one starting at `start` ('YYYY-MM-DD'). */
export function nextPeriodStart(start: string, period: SalesPeriod): string {
  const ms = Date.parse(`${start}T00:00:00Z`);
  if (period === 'day') return isoDay(ms + dayMs);
  if (period === 'week') return isoDay(ms + 7 * dayMs);
  const d = new Date(ms);
  return isoDay(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
}

/** The `count` period starts following `last`. */
export function futurePeriodStarts(last: string, period: SalesPeriod, count: number): string[] {
  const out: string[] = [];
  let current = last;
  for (let i = 0; i < count; i++) {
    current = nextPeriodStart(current, period);
    out.push(current);
  }
  return out;
}

function check<T extends string>(value: T, allowed: readonly T[], what: string): void {
  if (!allowed.includes(value))
    throw new InputError('invalid_argument', `Unknown ${what} "${value}"`, {
      hint: `choose one of ${allowed.join(', ')}`,
    });
}

export async function loadSalesSeries(db: Queryable, options: SalesSeriesOptions): Promise<SalesSeriesSet> {
  const { level, measure, period } = options;
  check(level, salesLevels, 'level');
  check(measure, salesMeasures, 'measure');
  check(period, salesPeriods, 'period');
  const lineLevel = level === 'sku' || level === 'category';
  const useLines = lineLevel || measure === 'units';
  const keySql = {
    total: "'total'",
    category: 'p.category',
    sku: 'l.product_id',
    channel: 'o.channel',
    store: 'o.store_id',
  }[level];
  const parentSql = level === 'sku' ? 'min(p.category)' : 'CAST(NULL AS TEXT)';
  // line amounts are in their order's currency
  const convert = (expression: string) => options.money.convert(expression, 'o');
  const valueSql =
    measure === 'orders'
      ? 'count(DISTINCT o.id)'
      : measure === 'units'
        ? 'sum(l.quantity)'
        : lineLevel
          ? `sum(${convert('l.quantity * l.unit_price - coalesce(l.discount_amount, 0)')})`
          : `sum(${convert('o.total_amount')})`;
  const from = options.from ?? new Date(0);
  const to = options.to ?? new Date(8.64e15);
  const rows = await db.query(
    `SELECT CAST(date_trunc('${period}', o.ordered_at) AS DATE) AS period_start,
            coalesce(CAST(${keySql} AS TEXT), '(none)') AS key, ${parentSql} AS parent,
            ${valueSql} AS value
     FROM orders AS o
     ${useLines ? 'JOIN order_lines AS l ON l.order_id = o.id' : ''}
     ${lineLevel ? 'LEFT JOIN products AS p ON p.id = l.product_id' : ''}
     WHERE ${countedOrder}
       AND o.ordered_at >= CAST($1 AS TIMESTAMPTZ) AND o.ordered_at <= CAST($2 AS TIMESTAMPTZ)
     GROUP BY 1, 2
     ORDER BY 1, 2`,
    [from, to],
  );
  const [span] = await db.query(
    `SELECT max(o.ordered_at) AS last FROM orders AS o
     WHERE o.ordered_at >= CAST($1 AS TIMESTAMPTZ) AND o.ordered_at <= CAST($2 AS TIMESTAMPTZ)`,
    [from, to],
  );
  const dataEnd = span?.last instanceof Date ? span.last : null;
  const currency = measure === 'revenue' ? options.money.currency : null;
  if (rows.length === 0 || dataEnd === null)
    return { level, measure, period, periodStarts: [], series: [], currency, dataEnd };

  const dayOf = (v: unknown) => (v instanceof Date ? isoDay(v.getTime()) : String(v).slice(0, 10));
  const first = dayOf(rows[0]?.period_start);
  // the last complete period: the one whose successor starts at or before the day after the data end
  const endDay = isoDay(dataEnd.getTime() + dayMs);
  const periodStarts: string[] = [];
  for (let p = first; nextPeriodStart(p, period) <= endDay; p = nextPeriodStart(p, period))
    periodStarts.push(p);
  const index = new Map(periodStarts.map((p, i) => [p, i]));
  const byKey = new Map<string, { parent: string | null; values: number[] }>();
  for (const row of rows) {
    const at = index.get(dayOf(row.period_start));
    if (at === undefined) continue; // the dropped partial period
    const key = String(row.key);
    let entry = byKey.get(key);
    if (!entry) {
      entry = {
        parent: row.parent === null ? null : String(row.parent),
        values: new Array(periodStarts.length).fill(0),
      };
      byKey.set(key, entry);
    }
    entry.values[at] = Number(row.value);
  }
  const series = [...byKey]
    .map(([key, e]) => ({ key, parent: e.parent, values: e.values }))
    .sort((a, b) => a.key.localeCompare(b.key));
  return { level, measure, period, periodStarts, series, currency, dataEnd };
}
