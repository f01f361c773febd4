import { InputError } from '../../core/errors.js';
import {
  buildHierarchy,
  buildSalesPlan,
  type InventorySuggestion,
  type SalesPlan,
  suggestInventory,
} from '../../forecast/index.js';
import { normalQuantile } from '../../stats/normal-quantile.js';
import { openSource } from '../../store/ingest/index.js';
import type { Queryable } from '../../store/store.js';
import { cellNumber, cellText, columnIndex, RowProblems } from '../files/row-file.js';
import { findModelRun, listModelRuns, type ModelRun } from '../model-runs.js';
import { forecastRunKind } from './forecast-service.js';

/**
 * Planning outputs from a stored forecast run:
 * - inventory suggestions per series (meant for SKU-level unit forecasts): demand over the lead time and
 *   review period from the point forecasts; the one-step forecast-error σ₁ read from the first period's 80%
 *   interval, (upper − lower) / (2 · z₀.₉) — a symmetric normal reading of an interval that may be
 *   asymmetric — and σ over P periods = σ₁ √P (independent errors, inventory.ts); safety stock, reorder
 *   point, order-up-to level and the order to place now given the on-hand stock (0 unless given);
 * - a sales plan when targets are given: per series and period the gap to the target and the probability of
 *   reaching it (sales-plan.ts), rolled up to a total (series are treated as independent).
 */

export interface StoredForecast {
  readonly run: ModelRun;
  readonly periodStarts: readonly string[];
  /** Per series key (without the level prefix): points and 80/95% bounds per period. */
  readonly series: ReadonlyMap<
    string,
    {
      readonly point: number[];
      readonly lo80: number[];
      readonly hi80: number[];
      readonly lo95: number[];
      readonly hi95: number[];
    }
  >;
}

/** The latest `forecast` run (or `runId`) with its forecasts. */
export async function loadStoredForecast(db: Queryable, runId?: string): Promise<StoredForecast> {
  const run = runId
    ? await findModelRun(db, runId)
    : ((await listModelRuns(db, forecastRunKind, 1))[0] ?? null);
  if (!run || run.kind !== forecastRunKind)
    throw new InputError(
      'insufficient_data',
      runId ? `There is no forecast run "${runId}"` : 'There is no forecast run in this workspace yet',
      { hint: 'Run one first: marketmind forecast run --level sku --measure units --horizon 90' },
    );
  const rows = await db.query(
    `SELECT series_key, CAST(period_start AS TEXT) AS period_start, horizon, point, lo80, hi80, lo95, hi95
     FROM forecasts WHERE model_run_id = $1 ORDER BY series_key, horizon`,
    [run.id],
  );
  const series = new Map<
    string,
    { point: number[]; lo80: number[]; hi80: number[]; lo95: number[]; hi95: number[] }
  >();
  const periods = new Map<number, string>();
  for (const row of rows) {
    const key = String(row.series_key).replace(/^[a-z]+:/, '');
    let entry = series.get(key);
    if (!entry) {
      entry = { point: [], lo80: [], hi80: [], lo95: [], hi95: [] };
      series.set(key, entry);
    }
    const num = (v: unknown) => (v === null || v === undefined ? Number.NaN : Number(v));
    entry.point.push(num(row.point));
    entry.lo80.push(num(row.lo80));
    entry.hi80.push(num(row.hi80));
    entry.lo95.push(num(row.lo95));
    entry.hi95.push(num(row.hi95));
    periods.set(Number(row.horizon), String(row.period_start).slice(0, 10));
  }
  const periodStarts = [...periods].sort((a, b) => a[0] - b[0]).map(([, p]) => p);
  return { run, periodStarts, series };
}

export interface InventoryPlanOptions {
  /** Lead time in forecast periods. */
  readonly leadTime: number;
  /** Review period in forecast periods (default 1). */
  readonly reviewPeriod?: number;
  /** Cycle service level (default 0.95). */
  readonly serviceLevel?: number;
  /** On-hand stock per series key (default 0). */
  readonly onHand?: ReadonlyMap<string, number>;
}

export interface InventoryLine extends InventorySuggestion {
  readonly key: string;
  readonly oneStepStandardDeviation: number;
}

const z80 = normalQuantile(0.9);

export function inventoryPlan(stored: StoredForecast, options: InventoryPlanOptions): InventoryLine[] {
  return [...stored.series].map(([key, s]) => {
    const width = (s.hi80[0] ?? Number.NaN) - (s.lo80[0] ?? Number.NaN);
    const sigma = Number.isFinite(width) && width > 0 ? width / (2 * z80) : 0;
    const suggestion = suggestInventory({
      forecast: s.point,
      leadTime: options.leadTime,
      reviewPeriod: options.reviewPeriod ?? 1,
      serviceLevel: options.serviceLevel ?? 0.95,
      oneStepStandardDeviation: sigma,
      onHand: options.onHand?.get(key) ?? 0,
    });
    return { key, oneStepStandardDeviation: sigma, ...suggestion };
  });
}

/** Targets per series key and period start. */
export type Targets = ReadonlyMap<string, ReadonlyMap<string, number>>;

/** The sales plan over the stored forecast's periods that have a target for every series given. */
export function salesPlanFromTargets(stored: StoredForecast, targets: Targets): SalesPlan {
  const periods = stored.periodStarts.filter((p) => [...targets.values()].some((t) => t.has(p)));
  if (periods.length === 0)
    throw new InputError(
      'invalid_argument',
      `No target falls in the forecast's periods (${stored.periodStarts[0]} … ${stored.periodStarts.at(-1)})`,
      { hint: 'Targets are per series and period start date (YYYY-MM-DD, the first day of the period).' },
    );
  const unknown = [...targets.keys()].filter((k) => !stored.series.has(k));
  if (unknown.length > 0)
    throw new InputError(
      'invalid_argument',
      `Targets name series the forecast does not have: ${unknown.slice(0, 5).join(', ')}`,
      {
        hint: `series: ${[...stored.series.keys()].slice(0, 10).join(', ')}`,
      },
    );
  const keys = [...targets.keys()];
  const hierarchy = buildHierarchy(keys.map((key) => ({ key, path: [] })));
  const at = periods.map((p) => stored.periodStarts.indexOf(p));
  const forecasts = Object.fromEntries(
    keys.map((key) => {
      const s = stored.series.get(key) as NonNullable<ReturnType<StoredForecast['series']['get']>>;
      return [
        key,
        {
          point: at.map((i) => s.point[i] as number),
          intervals: [
            {
              level: 80,
              lower: at.map((i) => s.lo80[i] as number),
              upper: at.map((i) => s.hi80[i] as number),
            },
            {
              level: 95,
              lower: at.map((i) => s.lo95[i] as number),
              upper: at.map((i) => s.hi95[i] as number),
            },
          ],
        },
      ];
    }),
  );
  const targetRows = Object.fromEntries(
    keys.map((key) => [key, periods.map((p) => targets.get(key)?.get(p) ?? 0)]),
  );
  return buildSalesPlan(hierarchy, { targets: targetRows, forecasts, periods });
}

/**
 * Reads `series,period,target` rows (column names configurable) from any file the ingest reads. A period
 * is a date 'YYYY-MM-DD' (the period's first day); unreadable rows are named, nothing is half-read.
 */
export async function readKeyedNumbers(
  path: string,
  columns: { readonly key: string; readonly value: string; readonly period?: string },
): Promise<Map<string, Map<string, number>>> {
  const source = await openSource(path, {});
  const out = new Map<string, Map<string, number>>();
  try {
    const keyAt = columnIndex(source.headers, columns.key, 'key column', path);
    const valueAt = columnIndex(source.headers, columns.value, 'value column', path);
    const periodAt =
      columns.period === undefined ? -1 : columnIndex(source.headers, columns.period, 'period column', path);
    const problems = new RowProblems();
    for await (const batch of source.records()) {
      for (const record of batch) {
        if (record.error) {
          problems.add(record.rowNumber, record.error.message);
          continue;
        }
        const key = cellText(record.fields[keyAt]);
        const value = cellNumber(record.fields[valueAt]);
        const period = periodAt === -1 ? '' : cellText(record.fields[periodAt]).slice(0, 10);
        if (key === '') problems.add(record.rowNumber, `${columns.key} is empty`);
        else if (value === undefined || !Number.isFinite(value))
          problems.add(
            record.rowNumber,
            `${columns.value} "${cellText(record.fields[valueAt])}" is not a number`,
          );
        else if (periodAt !== -1 && !/^\d{4}-\d{2}-\d{2}$/.test(period))
          problems.add(record.rowNumber, `${columns.period} "${period}" is not a date YYYY-MM-DD`);
        else {
          const entry = out.get(key) ?? new Map<string, number>();
          if (entry.has(period)) problems.add(record.rowNumber, `${key} ${period} appears twice`);
          entry.set(period, value);
          out.set(key, entry);
        }
      }
    }
    problems.throwIfAny(
      'invalid_file',
      `${path}: {count} row(s) could not be read`,
      'Fix the rows named and retry.',
    );
  } finally {
    await source.close();
  }
  return out;
}
