import { type ForecastModelName, forecastSeries } from '../../forecast/forecast-series.js';
import type { JobDefinition, PartitionContext } from '../../jobs/job.js';

/**
 * The batch-forecasting job: one partition = a chunk of series, forecast in a worker thread (the job is
 * `cpuHeavy`), results returned as plain JSON to the main thread, which writes them to the store. Keep this
 * module free of store access: it runs wherever the job runner puts it (a thread now, another machine later).
 */

/** The job (this module, `forecastPartition`), run on the worker-thread pool. */
export const forecastJob: JobDefinition = {
  name: 'forecast.series',
  module: import.meta.url,
  exportName: 'forecastPartition',
  cpuHeavy: true,
};

export interface ForecastPartitionInput {
  readonly series: readonly { readonly key: string; readonly values: readonly number[] }[];
  readonly horizon: number;
  readonly seasonLength: number;
  readonly model: ForecastModelName;
  readonly levels: readonly number[];
  readonly windows: number;
  /** Return the in-sample one-step fitted values too (for reconciliation residuals). */
  readonly withFitted?: boolean;
}

export interface SeriesResult {
  readonly key: string;
  readonly ok: boolean;
  /** Model kept and its display form, e.g. 'ets' / 'ETS(M,Ad,M)'. */
  readonly chosen: string;
  readonly model: string;
  readonly point: readonly number[];
  readonly intervals: readonly { level: number; lower: readonly number[]; upper: readonly number[] }[];
  readonly intervalMethod: string;
  readonly params: Readonly<Record<string, number>>;
  readonly aicc: number | null;
  readonly demand: string;
  /** Back-test scores of the kept model (undefined scores are null). */
  readonly mase: number | null;
  readonly smape: number | null;
  readonly rmsse: number | null;
  readonly bias: number | null;
  readonly coverage80: number | null;
  readonly scores: readonly { name: string; score: number | null; error?: string }[];
  readonly notes: readonly string[];
  /** One-step in-sample fitted values (null where undefined: outputs are JSON), when asked for. */
  readonly fitted?: readonly (number | null)[];
  /** Why the series could not be forecast (ok = false). */
  readonly error?: string;
}

const numberOrNull = (x: number | undefined): number | null =>
  x !== undefined && Number.isFinite(x) ? x : null;

export function forecastOne(
  key: string,
  values: readonly number[],
  input: Omit<ForecastPartitionInput, 'series'>,
): SeriesResult {
  try {
    const result = forecastSeries(values, {
      horizon: input.horizon,
      seasonLength: input.seasonLength,
      model: input.model,
      levels: input.levels,
      windows: input.windows,
    });
    const kept = result.scores.find((s) => s.name === result.chosen);
    const summary = kept?.summary;
    const coverage = summary?.intervals.find((c) => c.level === 80)?.coverage;
    return {
      key,
      ok: true,
      chosen: result.chosen,
      model: result.forecast.model,
      point: result.forecast.point,
      intervals: result.forecast.intervals,
      intervalMethod: result.forecast.intervalMethod,
      params: result.forecast.params,
      aicc: numberOrNull(result.forecast.aicc),
      demand: result.demand.kind,
      mase: numberOrNull(summary?.mase),
      smape: numberOrNull(summary?.smape),
      rmsse: numberOrNull(summary?.rmsse),
      bias: numberOrNull(summary?.bias),
      coverage80: numberOrNull(coverage),
      scores: result.scores.map((s) => ({
        name: s.name,
        score: numberOrNull(s.score),
        ...(s.error ? { error: s.error } : {}),
      })),
      notes: [...result.notes, ...(result.forecast.notes ?? [])],
      ...(input.withFitted ? { fitted: result.forecast.fitted.map((x) => numberOrNull(x)) } : {}),
    };
  } catch (error) {
    return {
      key,
      ok: false,
      chosen: '',
      model: '',
      point: [],
      intervals: [],
      intervalMethod: 'none',
      params: {},
      aicc: null,
      demand: '',
      mase: null,
      smape: null,
      rmsse: null,
      bias: null,
      coverage80: null,
      scores: [],
      notes: [],
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

/** Job handler: forecasts every series of the partition, reporting progress as it goes. */
export async function forecastPartition(
  input: ForecastPartitionInput,
  context: PartitionContext,
): Promise<SeriesResult[]> {
  const out: SeriesResult[] = [];
  input.series.forEach((s, i) => {
    if (context.signal.aborted) return;
    out.push(forecastOne(s.key, s.values, input));
    context.reportProgress((i + 1) / input.series.length);
  });
  return out;
}
