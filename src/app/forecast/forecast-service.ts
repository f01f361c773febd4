import { availableParallelism } from 'node:os';
import { InputError } from '../../core/errors.js';
import { stableId } from '../../core/ids.js';
import { type ForecastModelName, forecastModelNames } from '../../forecast/forecast-series.js';
import {
  buildHierarchy,
  type Forecast,
  type ReconciliationMethod,
  reconcileForecasts,
  reconciliationInputFromForecasts,
} from '../../forecast/index.js';
import { createInProcessRunner } from '../../jobs/index.js';
import type { JobRunner } from '../../jobs/job.js';
import type { Store } from '../../store/store.js';
import { insertInBatches } from '../customers/derived-rows.js';
import { type MoneySettings, resolveMoney } from '../customers/money.js';
import { insertModelRun } from '../model-runs.js';
import { type ForecastPartitionInput, forecastJob, type SeriesResult } from './forecast-job.js';
import {
  futurePeriodStarts,
  loadSalesSeries,
  type SalesLevel,
  type SalesMeasure,
  type SalesPeriod,
} from './sales-series-sql.js';

/**
 * Sales and demand forecasting as a use case: sales series from the store (sales-series-sql.ts) →
 * per series, demand classification, rolling-origin back-tests of the suitable models and the best model
 * or ensemble (forecast/forecast-series.ts), computed in chunks by the job runner on worker threads →
 * one `forecast` model run (settings, accuracy summary, per-series choice and scores) and the forecasts
 * with 80/95% intervals in `forecasts` (series_key = 'level:key', one row per future period).
 */

export const forecastRunKind = 'forecast';

export const defaultSeasonLength: Readonly<Record<SalesPeriod, number>> = { day: 7, week: 52, month: 12 };
export const defaultHorizon: Readonly<Record<SalesPeriod, number>> = { day: 90, week: 13, month: 12 };

export interface ForecastRunOptions {
  readonly level?: SalesLevel;
  readonly measure?: SalesMeasure;
  readonly period?: SalesPeriod;
  readonly horizon?: number;
  readonly seasonLength?: number;
  readonly model?: ForecastModelName;
  /** Back-test windows per series (default 3). */
  readonly windows?: number;
  /** Only the `top` series by total volume (default: all). */
  readonly top?: number;
  /**
   * SKU level only: also forecast every category and the total (their histories summed from the SKUs) and
   * reconcile all three levels with this method so categories add up to the total and SKUs to categories.
   */
  readonly reconcile?: ReconciliationMethod;
  readonly money?: MoneySettings;
  /** Series per job partition (default 50). */
  readonly chunkSize?: number;
  /** A runner to use (default: a new in-process runner with a worker-thread pool, closed afterwards). */
  readonly runner?: JobRunner;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface ForecastSeriesResult extends SeriesResult {
  /** The node's level: the run's level, or 'total' / 'category' / 'sku' when reconciled. */
  readonly node: string;
  /** The hierarchy parent (a SKU's category, a category's 'total'); null otherwise. */
  readonly parent: string | null;
  readonly history: readonly number[];
}

export interface ForecastRun {
  readonly modelRunId: string;
  readonly engine: 'classic';
  readonly level: SalesLevel;
  readonly measure: SalesMeasure;
  readonly period: SalesPeriod;
  readonly horizon: number;
  readonly seasonLength: number;
  readonly currency: string | null;
  /** The history the models saw. */
  readonly dataWindow: { readonly start: Date; readonly end: Date };
  readonly periodStarts: readonly string[];
  readonly futureStarts: readonly string[];
  readonly series: readonly ForecastSeriesResult[];
  readonly summary: ForecastSummary;
  /** How the levels were made coherent, when they were. */
  readonly reconciliation: {
    readonly method: ReconciliationMethod;
    readonly shrinkageIntensity: number | null;
    readonly notes: readonly string[];
  } | null;
}

export interface ForecastSummary {
  readonly series: number;
  readonly failed: number;
  /** How often each model was kept. */
  readonly chosen: Readonly<Record<string, number>>;
  /** Means over the series with a back-test. */
  readonly meanMase: number | null;
  readonly meanSmape: number | null;
  readonly meanCoverage80: number | null;
  readonly backtested: number;
  readonly durationMs: number;
}

const mean = (xs: readonly (number | null)[]): number | null => {
  const ok = xs.filter((x): x is number => x !== null);
  return ok.length === 0 ? null : ok.reduce((s, x) => s + x, 0) / ok.length;
};

function positiveInteger(value: number, what: string, max: number): number {
  if (!(Number.isInteger(value) && value >= 1 && value <= max))
    throw new InputError('invalid_argument', `${what} must be a whole number from 1 to ${max}, got ${value}`);
  return value;
}

/** Forecasts the store's sales series and records the run; see the file comment. */
export async function runForecast(store: Store, options: ForecastRunOptions = {}): Promise<ForecastRun> {
  const started = Date.now();
  const level = options.level ?? 'total';
  const measure = options.measure ?? 'revenue';
  const period = options.period ?? 'day';
  const horizon = positiveInteger(options.horizon ?? defaultHorizon[period], 'The horizon', 3650);
  const seasonLength = positiveInteger(
    options.seasonLength ?? defaultSeasonLength[period],
    'The season length',
    366,
  );
  const windows = positiveInteger(options.windows ?? 3, 'The number of back-test windows', 50);
  const model = options.model ?? 'auto';
  if (!forecastModelNames.includes(model))
    throw new InputError('invalid_argument', `Unknown forecasting model "${model}"`, {
      hint: `choose one of ${forecastModelNames.join(', ')}`,
    });
  const money = await resolveMoney(store, options.money);
  const set = await loadSalesSeries(store, { level, measure, period, money });
  if (set.series.length === 0 || set.periodStarts.length === 0 || set.dataEnd === null)
    throw new InputError('insufficient_data', `There are no counted orders to forecast ${measure} from`, {
      hint: 'Load orders (and order lines for units or SKU/category levels) first, or run marketmind demo.',
    });
  if (set.periodStarts.length < 3)
    throw new InputError(
      'insufficient_data',
      `Only ${set.periodStarts.length} complete ${period}(s) of sales; forecasting needs at least 3`,
      { hint: 'Use a shorter period (--period day) or load more history.' },
    );
  let series: { key: string; node: string; parent: string | null; values: readonly number[] }[] =
    set.series.map((x) => ({ ...x, node: level }));
  if (options.reconcile !== undefined) {
    if (level !== 'sku' || options.top !== undefined)
      throw new InputError(
        'invalid_argument',
        'Reconciliation needs the whole SKU level: --level sku without --top',
        { hint: 'marketmind forecast run --level sku --measure units --reconcile mint_shrink' },
      );
    series = withAggregates(series);
  }
  if (options.top !== undefined) {
    const top = positiveInteger(options.top, '--top', 10_000_000);
    const volume = (values: readonly number[]) => values.reduce((s, v) => s + Math.abs(v), 0);
    series = [...series].sort((a, b) => volume(b.values) - volume(a.values)).slice(0, top);
  }
  const chunkSize = options.chunkSize ?? 50;
  const partitions = [];
  for (let i = 0; i < series.length; i += chunkSize) {
    const chunk = series.slice(i, i + chunkSize);
    const input: ForecastPartitionInput = {
      // node:key is unique even where a category and a SKU share a name
      series: chunk.map((s) => ({ key: `${s.node}:${s.key}`, values: s.values })),
      horizon,
      seasonLength,
      model,
      levels: [80, 95],
      windows,
      withFitted: options.reconcile !== undefined,
    };
    partitions.push({ key: `chunk-${String(i / chunkSize).padStart(6, '0')}`, input });
  }
  const runner =
    options.runner ?? createInProcessRunner({ poolSize: Math.max(1, Math.min(availableParallelism(), 8)) });
  const results = new Map<string, SeriesResult>();
  let done = 0;
  try {
    const run = await runner.run(forecastJob, partitions, {
      runId: stableId('forecast', String(started), level, measure, period),
      retries: 0,
      onEvent: (event) => {
        if (event.type === 'partition-succeeded') {
          done += Math.min(chunkSize, series.length - done);
          options.onProgress?.(done, series.length);
        }
      },
    });
    for (const partition of run.partitions) {
      if (partition.status === 'failed')
        throw new InputError(
          'forecast_failed',
          `Forecasting chunk ${partition.key} failed: ${partition.error?.message ?? 'unknown error'}`,
        );
      for (const r of (partition.output ?? []) as SeriesResult[]) results.set(r.key, r);
    }
  } finally {
    if (!options.runner) await runner.close();
  }
  let ordered: ForecastSeriesResult[] = series.map((s) => ({
    ...(results.get(`${s.node}:${s.key}`) as SeriesResult),
    key: s.key,
    node: s.node,
    parent: s.parent,
    history: s.values,
  }));
  let reconciliation: ForecastRun['reconciliation'] = null;
  if (options.reconcile !== undefined) {
    const reconciled = reconcile(series, ordered, options.reconcile, horizon);
    ordered = reconciled.series;
    reconciliation = reconciled.summary;
  }
  const futureStarts = futurePeriodStarts(set.periodStarts.at(-1) as string, period, horizon);
  const ok = ordered.filter((r) => r.ok);
  const chosen: Record<string, number> = {};
  for (const r of ok) chosen[r.chosen] = (chosen[r.chosen] ?? 0) + 1;
  const summary: ForecastSummary = {
    series: ordered.length,
    failed: ordered.length - ok.length,
    chosen,
    meanMase: mean(ok.map((r) => r.mase)),
    meanSmape: mean(ok.map((r) => r.smape)),
    meanCoverage80: mean(ok.map((r) => r.coverage80)),
    backtested: ok.filter((r) => r.scores.length > 0).length,
    durationMs: Date.now() - started,
  };
  const dataWindow = {
    start: new Date(`${set.periodStarts[0]}T00:00:00Z`),
    end: new Date(Date.parse(`${futureStarts[0]}T00:00:00Z`) - 1),
  };
  const modelRunId = await store.transaction(async (tx) => {
    const id = await insertModelRun(tx, {
      kind: forecastRunKind,
      engine: 'classic',
      params: {
        level,
        measure,
        period,
        horizon,
        seasonLength,
        model,
        windows,
        top: options.top ?? null,
        currency: set.currency,
      },
      metrics: {
        summary,
        series: ordered.map(
          ({ history: _history, point: _point, intervals: _intervals, fitted: _fitted, ...rest }) => rest,
        ),
        reconciliation,
      },
      dataWindow,
      startedAt: new Date(started),
    });
    const rows: { key: string; step: number; r: ForecastSeriesResult }[] = [];
    for (const r of ok) for (let h = 0; h < r.point.length; h++) rows.push({ key: r.key, step: h, r });
    const bound = (r: SeriesResult, level: number, side: 'lower' | 'upper', h: number) =>
      r.intervals.find((i) => i.level === level)?.[side][h] ?? null;
    await insertInBatches(tx, 'forecasts', rows.length, (i) => {
      const { key, step, r } = rows[i] as (typeof rows)[number];
      return [
        `${id}:${i}`,
        id,
        `${r.node}:${key}`,
        futureStarts[step] as string,
        step + 1,
        r.point[step] as number,
        bound(r, 80, 'lower', step),
        bound(r, 80, 'upper', step),
        bound(r, 95, 'lower', step),
        bound(r, 95, 'upper', step),
      ];
    });
    return id;
  });
  return {
    modelRunId,
    engine: 'classic',
    level,
    measure,
    period,
    horizon,
    seasonLength,
    currency: set.currency,
    dataWindow,
    periodStarts: set.periodStarts,
    futureStarts,
    series: ordered,
    summary,
    reconciliation,
  };
}

/** SKU series plus one series per category and the total, histories summed from the SKUs. */
function withAggregates(
  skus: readonly { key: string; node: string; parent: string | null; values: readonly number[] }[],
): { key: string; node: string; parent: string | null; values: readonly number[] }[] {
  const length = skus[0]?.values.length ?? 0;
  const total = new Array<number>(length).fill(0);
  const categories = new Map<string, number[]>();
  for (const s of skus) {
    const category = s.parent ?? '(none)';
    const sums = categories.get(category) ?? new Array<number>(length).fill(0);
    s.values.forEach((v, t) => {
      sums[t] = (sums[t] as number) + v;
      total[t] = (total[t] as number) + v;
    });
    categories.set(category, sums);
  }
  return [
    { key: 'total', node: 'total', parent: null, values: total },
    ...[...categories].map(([key, values]) => ({ key, node: 'category', parent: 'total', values })),
    ...skus.map((s) => ({ ...s, node: 'sku', parent: s.parent ?? '(none)' })),
  ];
}

/** Reconciles total / category / SKU forecasts (reconcile.ts) and puts the coherent numbers in place. */
function reconcile(
  series: readonly { key: string; node: string; parent: string | null; values: readonly number[] }[],
  results: readonly ForecastSeriesResult[],
  method: ReconciliationMethod,
  horizon: number,
): { series: ForecastSeriesResult[]; summary: NonNullable<ForecastRun['reconciliation']> } {
  const failed = results.filter((r) => !r.ok);
  if (failed.length > 0)
    throw new InputError(
      'forecast_failed',
      `Cannot reconcile: ${failed.length} series could not be forecast (${failed[0]?.key}: ${failed[0]?.error})`,
    );
  const hierarchy = buildHierarchy(
    series.filter((s) => s.node === 'sku').map((s) => ({ key: s.key, path: [s.parent ?? '(none)'] })),
    { levelNames: ['category'], bottomLevelName: 'sku' },
  );
  const forecasts: Record<string, Forecast> = {};
  const actuals: Record<string, readonly number[]> = {};
  for (const [i, r] of results.entries()) {
    forecasts[r.key] = {
      model: r.model,
      method: r.chosen,
      point: r.point,
      intervals: r.intervals,
      intervalMethod: 'none',
      fitted: (r.fitted ?? []).map((x) => x ?? Number.NaN),
      params: r.params,
    };
    actuals[r.key] = series[i]?.values ?? [];
  }
  const input = reconciliationInputFromForecasts(hierarchy, forecasts, actuals);
  const reconciled = reconcileForecasts(hierarchy, { method, ...input });
  const byKey = new Map(reconciled.nodes.map((n) => [n.key, n]));
  return {
    series: results.map((r) => {
      const node = byKey.get(r.key);
      if (!node) return r;
      const { fitted: _fitted, ...rest } = r;
      return {
        ...rest,
        point: node.point.slice(0, horizon),
        intervals: node.intervals.length > 0 ? node.intervals : r.intervals,
        intervalMethod: node.intervals.length > 0 ? 'reconciled' : r.intervalMethod,
      };
    }),
    summary: {
      method: reconciled.method,
      shrinkageIntensity: reconciled.shrinkageIntensity ?? null,
      notes: reconciled.notes,
    },
  };
}
