import { InputError } from '../core/errors.js';
import { medianAbsoluteDeviation, sortedCopy, standardDeviation } from './descriptive.js';

/** Whether to apply log1p before centring: decided by skewness ('auto'), or forced. */
export type LogChoice = 'auto' | 'always' | 'never';

/** The spread estimate a column was divided by, in the order they are tried. */
export type ScaleMethod = 'iqr' | 'mad' | 'standard-deviation' | 'constant';

export interface ColumnTransformOptions {
  /** Name used in messages and kept on the transform. Default 'column'. */
  readonly name?: string;
  /** Default 'auto': log1p when skewness > skewThreshold and every value is ≥ 0. */
  readonly log?: LogChoice;
  /** Default 1 (a common rule of thumb for "highly skewed"). */
  readonly skewThreshold?: number;
  /** Spread to divide by: 'robust' (default: IQR/1.349, then the fallbacks) or 'standard-deviation'. */
  readonly spread?: SpreadChoice;
}

/**
 * 'standard-deviation' suits clustering on features whose mass sits at one value with a separate
 * group elsewhere (a mostly-zero engagement rate): their IQR is tiny, so IQR scaling would let that
 * one feature decide every distance.
 */
export type SpreadChoice = 'robust' | 'standard-deviation';

/** How one column was transformed: scaled = (f(x) − center) / scale with f = log1p or identity. */
export interface ColumnTransform {
  readonly name: string;
  /** True when f = log1p (ln(1 + x)). */
  readonly log: boolean;
  /** Sample skewness g1 of the raw column (0 for a constant column). */
  readonly skewness: number;
  /** Median of f(x). */
  readonly center: number;
  /** Spread of f(x) on the scale of a normal σ (> 0; 1 for a constant column). */
  readonly scale: number;
  readonly scaleMethod: ScaleMethod;
}

export interface RobustScalingOptions {
  /** Column names (default column0, column1, …). */
  readonly names?: readonly string[];
  /** One choice for all columns or one per column. Default 'auto'. */
  readonly log?: LogChoice | readonly LogChoice[];
  /** Default 1. */
  readonly skewThreshold?: number;
  /** Default 'robust' (see ColumnTransformOptions.spread). */
  readonly spread?: SpreadChoice;
}

export interface RobustScalingResult {
  /** n × d row-major scaled values, ready for kMeans. */
  readonly data: Float64Array;
  readonly rows: number;
  readonly columns: number;
  /** Per column, to report results back in original units (see invertColumnTransform). */
  readonly transforms: readonly ColumnTransform[];
}

/** IQR of a normal distribution in units of σ: 2·Φ⁻¹(0.75). */
const normalIqr = 1.3489795003921634;
/** 1/Φ⁻¹(0.75): MAD · 1.4826 estimates σ for normal data. */
const normalMad = 1.482602218505602;

/**
 * Fits the robust transform of one column (see robustScale). Values must be finite. `sorted`, when
 * given, is an ascending copy of `values` (saves the sort). O(n log n), O(n) with `sorted`.
 *
 * Example: fitColumnTransform([1, 2, 3, 4, 100]) → log true (skewness 1.49), center ln 4,
 * scale (ln 5 − ln 3)/1.349, scaleMethod 'iqr'.
 */
export function fitColumnTransform(
  values: ArrayLike<number>,
  options: ColumnTransformOptions = {},
  sorted?: ArrayLike<number>,
): ColumnTransform {
  const name = options.name ?? 'column';
  const choice = options.log ?? 'auto';
  const skewThreshold = options.skewThreshold ?? 1;
  if (values.length === 0) throw new InputError('insufficient_data', `${name}: no values to scale`);
  if (!Number.isFinite(skewThreshold))
    throw new InputError('invalid_argument', `skewThreshold must be a finite number, got ${skewThreshold}`);
  let minimum = Infinity;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (!Number.isFinite(value))
      throw new InputError('invalid_argument', `${name}: value ${i} is not a finite number (${value})`);
    if (value < minimum) minimum = value;
  }
  const skewness = sampleSkewness(values);
  let log: boolean;
  switch (choice) {
    case 'never':
      log = false;
      break;
    case 'always':
      if (minimum < 0)
        throw new InputError(
          'invalid_argument',
          `${name}: log scaling needs values ≥ 0, but the smallest is ${minimum}`,
        );
      log = true;
      break;
    case 'auto':
      // Right skew only: log1p compresses the long right tail of spend, counts and durations.
      log = minimum >= 0 && skewness > skewThreshold;
      break;
    default:
      throw new InputError(
        'invalid_argument',
        `${name}: log must be 'auto', 'always' or 'never', got ${choice}`,
      );
  }
  // Type-7 quantiles of f(x) from the sorted raw values: f is increasing, so the order statistics of
  // f(x) are f of those of x (one sort serves both; callers may pass the sorted copy they have).
  const f = log ? Math.log1p : (value: number) => value;
  const ordered = sorted ?? sortedCopy(values);
  const quantile = (p: number) => {
    const h = (ordered.length - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, ordered.length - 1);
    const low = f(ordered[lo] as number);
    return low + (h - lo) * (f(ordered[hi] as number) - low);
  };
  const q25 = quantile(0.25);
  const center = quantile(0.5);
  const q75 = quantile(0.75);
  const spread = options.spread ?? 'robust';
  if (spread !== 'robust' && spread !== 'standard-deviation')
    throw new InputError(
      'invalid_argument',
      `${name}: spread must be 'robust' or 'standard-deviation', got ${spread}`,
    );
  let scale = spread === 'robust' ? (q75 - q25) / normalIqr : 0;
  let scaleMethod: ScaleMethod = 'iqr';
  if (!(scale > 0)) {
    const transformed = log ? Float64Array.from(values as ArrayLike<number>, Math.log1p) : values;
    scale = spread === 'robust' ? medianAbsoluteDeviation(transformed) * normalMad : 0;
    scaleMethod = 'mad';
    if (!(scale > 0)) {
      scale = standardDeviation(transformed);
      scaleMethod = 'standard-deviation';
    }
  }
  if (!(scale > 0) || !Number.isFinite(scale)) {
    scale = 1;
    scaleMethod = 'constant';
  }
  return { name, log, skewness, center, scale, scaleMethod };
}

/** (f(value) − center) / scale. */
export function applyColumnTransform(transform: ColumnTransform, value: number): number {
  return ((transform.log ? Math.log1p(value) : value) - transform.center) / transform.scale;
}

/** Back to original units: f⁻¹(center + scale · scaled), f⁻¹ = expm1 for log columns. */
export function invertColumnTransform(transform: ColumnTransform, scaled: number): number {
  const value = transform.center + transform.scale * scaled;
  return transform.log ? Math.expm1(value) : value;
}

/**
 * Robust per-column scaling for clustering. Each column x is (1) optionally log-transformed,
 * f(x) = ln(1 + x), when it is right-skewed (sample skewness g1 > skewThreshold, default 1) and
 * non-negative — spend, order counts, recency; (2) centred by the median of f(x); (3) divided by
 * a robust spread of f(x) put on the scale of a normal σ: IQR/1.349, else (IQR = 0, e.g. a column
 * that is mostly zeros) MAD·1.4826, else the standard deviation, else 1 for a constant column —
 * which then scales to all zeros, never NaN or Infinity. (With type-7 quantiles IQR = 0 means
 * more than half the values equal the median, so MAD is 0 too: the MAD step is a safety net that
 * real data reaches only through other quantile definitions; mostly-zero columns use the
 * standard deviation.)
 *
 * Like scikit-learn's RobustScaler (median / IQR) after a log1p for skewed features; the IQR is
 * divided by 1.349 so the three fallbacks estimate the same σ on normal data and columns weigh
 * alike in Euclidean distances. g1 = m3 / m2^{3/2} with central moments m (scipy.stats.skew,
 * bias=True). Quantiles are R's type 7.
 *
 * Input: d columns of n values (e.g. the feature table's Float64Arrays); output row-major n × d.
 * Cost O(d·n log n) time (a sort per column), O(n·d) memory. Inputs are not mutated.
 *
 * Example: robustScale([[1, 2, 3, 4, 100], [5, 5, 5, 5, 5]]).transforms → [{log: true, …},
 * {scaleMethod: 'constant', scale: 1, …}]; the constant column scales to zeros.
 */
export function robustScale(
  columns: readonly ArrayLike<number>[],
  options: RobustScalingOptions = {},
): RobustScalingResult {
  const d = columns.length;
  if (d === 0) throw new InputError('invalid_argument', 'robustScale needs at least one column');
  const n = (columns[0] as ArrayLike<number>).length;
  if (n === 0) throw new InputError('insufficient_data', 'robustScale needs at least one row');
  const names = options.names ?? columns.map((_, index) => `column${index}`);
  if (names.length !== d)
    throw new InputError('invalid_argument', `robustScale: ${names.length} names for ${d} columns`);
  const logChoices = typeof options.log === 'string' || options.log === undefined ? undefined : options.log;
  if (logChoices !== undefined && logChoices.length !== d)
    throw new InputError(
      'invalid_argument',
      `robustScale: ${logChoices.length} log choices for ${d} columns`,
    );
  const data = new Float64Array(n * d);
  const transforms: ColumnTransform[] = [];
  for (let c = 0; c < d; c++) {
    const column = columns[c] as ArrayLike<number>;
    const name = names[c] as string;
    if (column.length !== n)
      throw new InputError(
        'invalid_argument',
        `robustScale: column ${name} has ${column.length} values, the first column ${n}`,
      );
    const log =
      logChoices === undefined
        ? ((options.log as LogChoice | undefined) ?? 'auto')
        : (logChoices[c] as LogChoice);
    const transform = fitColumnTransform(column, {
      name,
      log,
      ...(options.skewThreshold === undefined ? {} : { skewThreshold: options.skewThreshold }),
      ...(options.spread === undefined ? {} : { spread: options.spread }),
    });
    transforms.push(transform);
    for (let i = 0; i < n; i++) data[i * d + c] = applyColumnTransform(transform, column[i] as number);
  }
  return { data, rows: n, columns: d, transforms };
}

/** g1 = m3 / m2^{3/2} (biased, as scipy.stats.skew); 0 when the values are constant. Two passes, O(n). */
function sampleSkewness(values: ArrayLike<number>): number {
  const n = values.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += values[i] as number;
  const mean = total / n;
  let m2 = 0;
  let m3 = 0;
  for (let i = 0; i < n; i++) {
    const deviation = (values[i] as number) - mean;
    m2 += deviation * deviation;
    m3 += deviation * deviation * deviation;
  }
  m2 /= n;
  m3 /= n;
  // A spread at rounding level (constant column up to ulps) has no meaningful skew.
  if (!(m2 > 1e-24 * Math.max(1, mean * mean))) return 0;
  return m3 / m2 ** 1.5;
}
