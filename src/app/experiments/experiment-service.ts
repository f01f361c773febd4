import { InputError } from '../../core/errors.js';
import {
  analyzeExperiment,
  type ExperimentAnalysis,
  type GuardrailSetting,
  type MeanMetricInput,
  type MetricInput,
} from '../../experiments/analyze-experiment.js';
import { analyzeSegments, type SegmentBreakdown } from '../../experiments/segment-breakdown.js';
import { openSource } from '../../store/ingest/index.js';
import type { Store } from '../../store/store.js';
import { cellNumber, cellText, columnIndex, RowProblems } from '../files/row-file.js';
import { insertModelRun } from '../model-runs.js';
import { type ExperimentData, loadExperimentData, loadExperimentSegments } from './experiment-data.js';

/**
 * Experiment analysis as a use case.
 *
 * Store mode (`runExperimentAnalysis`): the per-variant sufficient statistics of one experiment
 * (`loadExperimentData`: exposed customers, conversions and revenue within the window after exposure)
 * → `analyzeExperiment` on two metrics, the conversion rate (proportion) and revenue per exposed user
 * (mean) → one `experiments.analysis` model run whose metrics hold the whole results object.
 * Revenue is the sum of the conversion events' `value` as recorded (not currency-converted).
 *
 * File mode (`analyzeExperimentFile`): one row per user with a variant column and a metric column (and
 * optionally a pre-period column); a 0/1 metric is a conversion (proportion), anything else a mean; a pre
 * column makes the metric a mean with CUPED. Nothing is stored.
 */

// The domain file is imported directly: src/experiments/index.ts is the lead's to edit (it does not list it yet).

export const experimentAnalysisRunKind = 'experiments.analysis';

export interface ExperimentAnalysisOptions {
  readonly experimentId: string;
  /** Conversion window after exposure, days (default 14). */
  readonly windowDays?: number;
  readonly alpha?: number;
  /** Metrics the change must not hurt (conversion_rate, revenue_per_user), with tolerances. */
  readonly guardrails?: readonly GuardrailSetting[];
  /** Break every metric down by this customer dimension (experiment-data.ts `segmentDimensions`). */
  readonly segmentBy?: string;
}

export interface ExperimentAnalysisRun {
  readonly modelRunId: string;
  readonly engine: 'classic';
  /** Exposure start to the end of the last conversion window; null when the experiment has no dates. */
  readonly dataWindow: { readonly start: Date; readonly end: Date } | null;
  readonly windowDays: number;
  readonly analysis: ExperimentAnalysis;
  /** One breakdown per metric when `segmentBy` was given (each metric's segments corrected as one family). */
  readonly segments: readonly SegmentBreakdown[];
}

const dayMs = 86_400_000;

/** Maps the experiment's declared primary metric (e.g. `revenue_per_user_14d`) to one of our metric keys. */
export function primaryMetricKey(declared: string | null): string | null {
  if (!declared) return null;
  const key = declared.toLowerCase();
  if (key.startsWith('conversion')) return 'conversion_rate';
  if (key.startsWith('revenue')) return 'revenue_per_user';
  return null;
}

/** The two metrics of a stored experiment, labelled with the window. */
export function storeMetrics(data: ExperimentData): MetricInput[] {
  const days = data.windowDays;
  return [
    {
      key: 'conversion_rate',
      kind: 'proportion',
      label: { en: `${days}-day conversion rate`, zh: `${days} 天转化率` },
      variants: data.variants.map((v) => ({
        variant: v.variant,
        conversions: v.conversions,
        users: v.users,
      })),
    },
    {
      key: 'revenue_per_user',
      kind: 'mean',
      label: { en: `${days}-day revenue per user`, zh: `${days} 天人均收入` },
      variants: data.variants.map((v) => ({
        variant: v.variant,
        n: v.users,
        sum: v.revenueSum,
        sumSquares: v.revenueSumSquares,
      })),
    },
  ];
}

/** Analyses one stored experiment and records the run; see the file comment. */
export async function runExperimentAnalysis(
  store: Store,
  options: ExperimentAnalysisOptions,
): Promise<ExperimentAnalysisRun> {
  const started = new Date();
  const data = await loadExperimentData(store, options.experimentId, { windowDays: options.windowDays });
  if (data.variants.length < 2)
    throw new InputError(
      'insufficient_data',
      `Experiment "${data.id}" has ${data.variants.length === 0 ? 'no exposed customers' : `exposed customers in one variant only (${data.variants[0]?.variant})`}`,
      { hint: 'Import its assignments (customer, variant, assigned_at) first.' },
    );
  const analysis = analyzeExperiment({
    experiment: { id: data.id, name: data.name, hypothesis: data.hypothesis },
    variants: data.variants.map((v) => ({ name: v.variant, users: v.users })),
    metrics: storeMetrics(data),
    primaryMetric: primaryMetricKey(data.primaryMetric),
    plannedWeights: data.plannedWeights,
    alpha: options.alpha,
    guardrails: options.guardrails,
  });
  const segments =
    options.segmentBy === undefined ? [] : await breakDown(store, data, options.segmentBy, analysis);
  const dataWindow =
    data.start && data.end
      ? { start: data.start, end: new Date(data.end.getTime() + data.windowDays * dayMs) }
      : null;
  const modelRunId = await insertModelRun(store, {
    kind: experimentAnalysisRunKind,
    engine: 'classic',
    params: {
      experimentId: data.id,
      windowDays: data.windowDays,
      alpha: analysis.alpha,
      power: analysis.power,
      primaryMetric: analysis.primaryMetric,
      plannedWeights: data.plannedWeights,
      guardrails: options.guardrails ?? [],
      segmentBy: options.segmentBy ?? null,
    },
    metrics: { ...analysis, segments } as unknown as Record<string, unknown>,
    dataWindow,
    startedAt: started,
  });
  return { modelRunId, engine: 'classic', dataWindow, windowDays: data.windowDays, analysis, segments };
}

async function breakDown(
  store: Store,
  data: ExperimentData,
  dimension: string,
  analysis: ExperimentAnalysis,
): Promise<SegmentBreakdown[]> {
  const segments = await loadExperimentSegments(store, data.id, dimension, { windowDays: data.windowDays });
  const perSegment = segments.map((s) => ({
    segment: s.segment,
    metrics: storeMetrics({ ...data, variants: s.variants }),
  }));
  return analysis.metrics.map((_metric, i) =>
    analyzeSegments({
      dimension,
      control: analysis.control,
      alpha: analysis.alpha,
      segments: perSegment.map((s) => ({ segment: s.segment, metric: s.metrics[i] as MetricInput })),
    }),
  );
}

// ------------------------------------------------------------------------------------------- file mode

export interface ExperimentFileOptions {
  readonly variantColumn: string;
  readonly metricColumn: string;
  readonly preColumn?: string;
  readonly controlVariant?: string;
  readonly encoding?: string;
  readonly delimiter?: string;
  readonly alpha?: number;
}

export interface ExperimentFileAnalysis {
  readonly path: string;
  readonly rows: number;
  readonly encoding: string;
  readonly metricKind: 'proportion' | 'mean';
  readonly cuped: boolean;
  readonly analysis: ExperimentAnalysis;
}

interface Accumulator {
  n: number;
  sum: number;
  sumSquares: number;
  preSum: number;
  preSumSquares: number;
  products: number;
}

/**
 * Reads a one-row-per-user file and analyses it (nothing stored). Rows with an empty variant, or a metric /
 * pre value that is not a number, are errors naming the row (up to 10 listed; nothing is analysed on a
 * half-read file). Control: `controlVariant`, else a variant named `control`, else the first one seen.
 */
export async function analyzeExperimentFile(
  path: string,
  options: ExperimentFileOptions,
): Promise<ExperimentFileAnalysis> {
  const source = await openSource(path, { encoding: options.encoding, delimiter: options.delimiter });
  const arms = new Map<string, Accumulator>();
  let rows = 0;
  let binary = true;
  try {
    const variantAt = columnIndex(source.headers, options.variantColumn, '--variant-col', path);
    const metricAt = columnIndex(source.headers, options.metricColumn, '--metric-col', path);
    const preAt =
      options.preColumn === undefined
        ? -1
        : columnIndex(source.headers, options.preColumn, '--pre-col', path);
    const problems = new RowProblems();
    for await (const batch of source.records()) {
      for (const record of batch) {
        rows += 1;
        if (record.error) {
          problems.add(record.rowNumber, record.error.message);
          continue;
        }
        const variant = cellText(record.fields[variantAt]);
        if (variant === '') {
          problems.add(record.rowNumber, `${options.variantColumn} is empty`);
          continue;
        }
        const y = cellNumber(record.fields[metricAt]);
        if (y === undefined || !Number.isFinite(y)) {
          problems.add(
            record.rowNumber,
            `${options.metricColumn} "${cellText(record.fields[metricAt])}" is not a number`,
          );
          continue;
        }
        let x = 0;
        if (preAt !== -1) {
          const pre = cellNumber(record.fields[preAt]);
          if (pre === undefined || !Number.isFinite(pre)) {
            problems.add(
              record.rowNumber,
              `${options.preColumn} "${cellText(record.fields[preAt])}" is not a number`,
            );
            continue;
          }
          x = pre;
        }
        if (y !== 0 && y !== 1) binary = false;
        let arm = arms.get(variant);
        if (!arm) {
          arm = { n: 0, sum: 0, sumSquares: 0, preSum: 0, preSumSquares: 0, products: 0 };
          arms.set(variant, arm);
        }
        arm.n += 1;
        arm.sum += y;
        arm.sumSquares += y * y;
        arm.preSum += x;
        arm.preSumSquares += x * x;
        arm.products += x * y;
      }
    }
    problems.throwIfAny(
      'invalid_experiment_file',
      `${path}: {count} of ${rows} rows cannot be read`,
      'Fix or remove those rows, or check --variant-col / --metric-col / --pre-col.',
    );
  } finally {
    await source.close();
  }
  if (arms.size < 2)
    throw new InputError(
      'insufficient_data',
      `${path} has ${arms.size === 0 ? 'no rows' : `only one variant (${[...arms.keys()][0]})`} in ${options.variantColumn}; an experiment needs at least two`,
    );
  const names = [...arms.keys()];
  if (options.controlVariant !== undefined && !arms.has(options.controlVariant))
    throw new InputError(
      'invalid_argument',
      `${path} has no variant "${options.controlVariant}" (--control); variants: ${names.join(', ')}`,
    );
  const cuped = options.preColumn !== undefined;
  const metricKind = binary && !cuped ? 'proportion' : 'mean';
  const sums = names.map((variant) => {
    const a = arms.get(variant) as Accumulator;
    return {
      variant,
      n: a.n,
      sum: a.sum,
      sumSquares: a.sumSquares,
      pre: cuped ? { sum: a.preSum, sumSquares: a.preSumSquares, sumOfProducts: a.products } : undefined,
    };
  });
  const column = options.metricColumn;
  const label =
    metricKind === 'proportion'
      ? { en: `${column} rate`, zh: `${column} 比例` }
      : { en: `mean ${column}`, zh: `${column} 均值` };
  const metric: MetricInput =
    metricKind === 'proportion'
      ? {
          key: options.metricColumn,
          kind: 'proportion',
          label,
          variants: sums.map((v) => ({ variant: v.variant, conversions: Math.round(v.sum), users: v.n })),
        }
      : ({
          key: options.metricColumn,
          kind: 'mean',
          label: cuped ? { en: `${label.en} (CUPED)`, zh: `${label.zh}（CUPED）` } : label,
          variants: sums,
        } satisfies MeanMetricInput);
  const analysis = analyzeExperiment({
    experiment: { id: path, name: path },
    variants: sums.map((v) => ({ name: v.variant, users: v.n })),
    controlVariant: options.controlVariant,
    metrics: [metric],
    alpha: options.alpha,
  });
  return { path, rows, encoding: source.encoding, metricKind, cuped, analysis };
}
