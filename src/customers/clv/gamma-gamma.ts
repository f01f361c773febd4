import { InputError } from '../../core/errors.js';
import { invertSymmetricPositiveDefinite, numericalHessian } from '../../stats/hessian.js';
import { minimize } from '../../stats/optimize.js';
import {
  checkGammaGammaParams,
  checkSpendData,
  GAMMA_GAMMA_PARAM_NAMES,
  type GammaGammaParams,
  gammaGammaLogLikelihoodPrepared,
  prepareSpendData,
  type SpendData,
} from './gamma-gamma-likelihood.js';

export { checkGammaGammaParams, type GammaGammaParams, type SpendData } from './gamma-gamma-likelihood.js';

/**
 * Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV: using iso-value curves for
 * customer base analysis", JMR 42(4); Hardie note 025, "The Gamma-Gamma model of monetary value"):
 * each transaction value z ~ Gamma(shape p, rate ν), ν ~ Gamma(shape q, rate v) across customers,
 * independent of the purchase counts. Fitted by maximum likelihood on the customers with x > 0
 * repeat purchases and mean repeat spend m (lifetimes' GammaGammaFitter):
 *   ln Lᵢ = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln v + (px−1) ln m + px ln x − (px+q) ln(v + xm).
 * Likelihood and data preparation: gamma-gamma-likelihood.ts.
 */

export interface FitGammaGammaOptions {
  /** Number of starting points (default 3) or explicit starting parameters. */
  readonly starts?: number | readonly GammaGammaParams[];
  /** lifetimes' penalizer_coef: adds penalizer · (p² + q² + v²) to the mean negative log-likelihood. */
  readonly penalizer?: number;
  /** Per-customer weights ≥ 0 (bootstrap multiplicities). */
  readonly weights?: ArrayLike<number>;
  /** Fewest repeat customers accepted (default 10). */
  readonly minimumRepeaters?: number;
}

export interface GammaGammaFit {
  readonly params: GammaGammaParams;
  readonly standardErrors: GammaGammaParams;
  /** 3 × 3 covariance of (ln p, ln q, ln v); null when the information is singular. */
  readonly covarianceLog: number[][] | null;
  readonly logLikelihood: number;
  /** Repeat customers used in the fit. */
  readonly customers: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
  readonly message: string;
  /** Pearson correlation of x and m among repeaters: the model assumes ≈ 0 (CDNOW: 0.1139). */
  readonly frequencySpendCorrelation: number;
}

const toParams = (t: ArrayLike<number>): GammaGammaParams => ({
  p: Math.exp(t[0] as number),
  q: Math.exp(t[1] as number),
  v: Math.exp(t[2] as number),
});

/**
 * Gamma-Gamma log-likelihood Σ ln Lᵢ over the customers with x > 0 (see the file comment). Cost O(n).
 * Example (CDNOW repeaters at p = 6.25, q = 3.74, v = 15.44): ≈ −4055.9.
 */
export function gammaGammaLogLikelihood(params: GammaGammaParams, data: SpendData): number {
  checkGammaGammaParams(params, 'gammaGammaLogLikelihood');
  return gammaGammaLogLikelihoodPrepared(
    prepareSpendData(data, undefined, 1, 'gammaGammaLogLikelihood'),
    params,
  );
}

/**
 * Fit the Gamma-Gamma spend model by maximum likelihood on the repeat customers (x > 0): BFGS
 * over (ln p, ln q, ln v) with the analytic gradient from several starts; standard errors from the
 * observed information (delta method from log space).
 * Throws InputError for a repeat customer with zero mean spend, fewer than `minimumRepeaters`
 * repeaters, and when the estimate has q ≤ 1 (the population mean spend p·v/(q−1) would be
 * infinite: spend too heavy-tailed for the model). Cost O(n log n) to sort by x, then ≈ 30–60
 * evaluations of O(n). Example (CDNOW, 946 repeaters): p = 6.2488, q = 3.7446, v = 15.4477
 * (paper: 6.25, 3.74, 15.44).
 */
export function fitGammaGamma(data: SpendData, options: FitGammaGammaOptions = {}): GammaGammaFit {
  const penalizer = options.penalizer ?? 0;
  if (!(Number.isFinite(penalizer) && penalizer >= 0))
    throw new InputError('invalid_argument', `fitGammaGamma: penalizer must be ≥ 0, got ${penalizer}`);
  const prepared = prepareSpendData(data, options.weights, Math.max(options.minimumRepeaters ?? 10, 1));
  const scale = 1 / prepared.totalWeight;
  const objective = (theta: Float64Array, out: Float64Array): number => {
    const ll = gammaGammaLogLikelihoodPrepared(prepared, toParams(theta), out);
    let penalty = 0;
    for (let k = 0; k < 3; k++) {
      const value = Math.exp(theta[k] as number);
      penalty += value * value;
      out[k] = -(out[k] as number) * scale + 2 * penalizer * value * value;
    }
    const f = -ll * scale + penalizer * penalty;
    return Number.isFinite(f) ? f : Number.POSITIVE_INFINITY;
  };
  const value = (theta: Float64Array) => objective(theta, new Float64Array(3));
  let meanSpend = 0;
  for (let i = 0; i < prepared.customers; i++)
    meanSpend += (prepared.monetary[i] as number) / prepared.customers;
  const starts: readonly GammaGammaParams[] = Array.isArray(options.starts)
    ? options.starts
    : [
        { p: 2, q: 3, v: meanSpend },
        { p: 6, q: 4, v: meanSpend / 2 },
        { p: 0.5, q: 1.5, v: meanSpend },
      ].slice(0, Math.max(1, Math.min(3, (options.starts as number | undefined) ?? 3)));
  for (const start of starts) checkGammaGammaParams(start, 'fitGammaGamma (start)');
  let best: ReturnType<typeof minimize> | undefined;
  let iterations = 0;
  let evaluations = 0;
  let failure: unknown;
  for (const start of starts) {
    let run: ReturnType<typeof minimize>;
    try {
      run = minimize(
        value,
        GAMMA_GAMMA_PARAM_NAMES.map((name) => Math.log(start[name])),
        {
          gradient: objective,
          gradientTolerance: 1e-8,
        },
      );
    } catch (error) {
      // A start whose path runs into a pole (p → 0 makes digamma blow up): try the others.
      failure = error;
      continue;
    }
    iterations += run.iterations;
    evaluations += run.evaluations;
    if (!best || run.value < best.value) best = run;
  }
  if (!best)
    throw new InputError('model_not_identified', 'fitGammaGamma: no starting point led to a finite optimum', {
      cause: failure,
      hint: 'spend varies too little (or too wildly) between customers for the Gamma-Gamma model',
    });
  const chosen = best;
  const params = toParams(chosen.x);
  if (!(params.q > 1))
    throw new InputError(
      'model_not_identified',
      `fitGammaGamma: estimated q = ${params.q.toPrecision(4)} ≤ 1, so the population mean spend p·v/(q − 1) is infinite`,
      {
        hint: 'spend is too heavy-tailed for the Gamma-Gamma model; trim outlier orders or use average spend instead',
      },
    );
  const total = (theta: Float64Array, out: Float64Array): number => {
    const f = objective(theta, out);
    for (let k = 0; k < 3; k++) out[k] = (out[k] as number) * prepared.totalWeight;
    return f * prepared.totalWeight;
  };
  let covarianceLog: number[][] | null = null;
  let message = chosen.message;
  try {
    covarianceLog = invertSymmetricPositiveDefinite(
      numericalHessian((t) => total(t, new Float64Array(3)), chosen.x, { gradient: total }),
    );
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    message = `${message}; standard errors unavailable: ${error.message}`;
  }
  const standardErrors = {
    p: covarianceLog ? params.p * Math.sqrt(covarianceLog[0]?.[0] as number) : Number.POSITIVE_INFINITY,
    q: covarianceLog ? params.q * Math.sqrt(covarianceLog[1]?.[1] as number) : Number.POSITIVE_INFINITY,
    v: covarianceLog ? params.v * Math.sqrt(covarianceLog[2]?.[2] as number) : Number.POSITIVE_INFINITY,
  };
  return {
    params,
    standardErrors,
    covarianceLog,
    logLikelihood: gammaGammaLogLikelihoodPrepared(prepared, params),
    customers: prepared.customers,
    iterations,
    evaluations,
    converged: chosen.converged,
    message,
    frequencySpendCorrelation: prepared.correlation,
  };
}

/**
 * Conditional expected average spend per transaction of a customer with x repeat purchases of mean
 * m (Hardie note 025 eq. 5; lifetimes conditional_expected_average_profit):
 *   E[Z | x, m] = (p v + p x m) / (p x + q − 1)
 *              = (q−1)/(px+q−1) · p v/(q−1) + px/(px+q−1) · m,
 * a weighted mean of the population mean p·v/(q−1) (the value for x = 0) and the customer's own
 * mean. Requires q > 1. Cost O(1). Example (CDNOW estimates): x = 2, m = 22.35 → 24.66 (Hardie: 24.65).
 */
export function conditionalExpectedAverageSpend(params: GammaGammaParams, x: number, m: number): number {
  checkGammaGammaParams(params, 'conditionalExpectedAverageSpend');
  if (!(params.q > 1))
    throw new InputError(
      'invalid_argument',
      `conditionalExpectedAverageSpend requires q > 1, got ${params.q}`,
    );
  if (!(Number.isInteger(x) && x >= 0) || !(Number.isFinite(m) && m >= 0))
    throw new InputError(
      'invalid_argument',
      `conditionalExpectedAverageSpend: x must be a whole number ≥ 0 and m ≥ 0, got ${x}, ${m}`,
    );
  const { p, q, v } = params;
  return (p * v + p * x * (x > 0 ? m : 0)) / (p * x + q - 1);
}

/** conditionalExpectedAverageSpend for every customer. Cost O(n). */
export function conditionalExpectedAverageSpendForCustomers(
  params: GammaGammaParams,
  data: SpendData,
): Float64Array {
  checkSpendData(data, 'conditionalExpectedAverageSpendForCustomers');
  const out = new Float64Array(data.frequency.length);
  for (let i = 0; i < out.length; i++)
    out[i] = conditionalExpectedAverageSpend(params, data.frequency[i] as number, data.monetary[i] as number);
  return out;
}
