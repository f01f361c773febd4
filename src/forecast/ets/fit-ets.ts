import { InputError } from '../../core/errors.js';
import { etsCriterion, etsFilter, logLikelihoodFromCriterion } from './ets-filter.js';
import { initialEtsStates } from './ets-init.js';
import { boxNelderMead } from './ets-nelder-mead.js';
import { isAdmissible, PHI_LOWER, PHI_UPPER, SMOOTHING_LOWER, SMOOTHING_UPPER } from './ets-parameters.js';
import { type EtsSpec, etsCodes, etsName } from './ets-spec.js';

/**
 * Maximum-likelihood fit of one ETS form (Hyndman, Koehler, Ord & Snyder 2008, ch. 5; R forecast::ets).
 *
 * Minimises R's criterion C = n·log Σeₜ² + 2·Σlog|ŷₜ| (the Gaussian likelihood with σ² concentrated out;
 * the log term only for multiplicative error) over the smoothing parameters α, β, γ, φ and the initial
 * states ℓ₀, b₀, s₀…s_{m−1} (m − 1 free: the seasonal indices are normalised to sum 0 for an additive and
 * m for a multiplicative season, as R does), subject to the usual and the admissible regions
 * (ets-parameters.ts). The optimiser is a box-projected Nelder–Mead started from R's heuristic states
 * (ets-init.ts) and R's starting smoothing parameters, restarted from its best point until a restart gains
 * less than 1e-6 (NM stalls in 15+ dimensions). β and γ are searched as fractions of their usual-region
 * widths (β = 1e-4 + u(α − 1e-4), γ = 1e-4 + v(1 − α − 1e-4), u, v ∈ [0, 1]): the box then is the usual
 * region and the simplex never stalls against the coupled walls β ≤ α, γ ≤ 1 − α (this halved the passes).
 *
 * `initialStates: 'heuristic-season'` keeps the decomposition's seasonal indices and optimises only
 * α, β, γ, φ, ℓ₀, b₀ (≤ 6 dimensions instead of up to 17 for monthly data): about 5–10× fewer
 * likelihood passes for a small loss of fit (AirPassengers ETS(M,A,M): log L −523.58 vs −522.50); AutoETS
 * screens the candidates this way (with `precision: 'screen'`) and refits the best seasonal one fully. The information criteria always count the m − 1 seasonal states as estimated, so both
 * modes compare alike.
 *
 * Information criteria, with k = (number of estimated parameters and free states) + 1 (σ²), as R:
 *   AIC = −2 log L + 2k,  AICc = AIC + 2k(k + 1)/(n − k − 1),  BIC = −2 log L + k log n,
 * where log L is the full Gaussian log-likelihood (statsmodels' `llf`); R's AIC/BIC are these minus
 * n·(log(2π/n) + 1). σ² = Σeₜ² / (n − k + 1) (R's `sigma2`).
 * Cost: O(n) per likelihood pass; a few hundred passes ('heuristic-season') to a few thousand (full).
 *
 * Example (AirPassengers, ETS(M,Ad,M)): logLikelihood −525.623 (statsmodels −525.617), alpha 0.761,
 * beta 0.0192, gamma 1e-4, phi 0.98.
 */

export interface EtsFitOptions {
  /** Periods per season m (used when the form has a season). */
  readonly seasonLength: number;
  /** 'optimize' (default): fit all initial states; 'heuristic-season': keep the decomposition's seasonal indices. */
  readonly initialStates?: 'optimize' | 'heuristic-season';
  /**
   * 'precise' (default): tight tolerances and up to 4 restarts; 'screen': stop when the simplex spans
   * ≤ 1e-3 in the criterion (≤ 5e-4 in log-likelihood), no restart — enough to rank forms by AICc.
   */
  readonly precision?: 'precise' | 'screen';
  /** Cap on likelihood passes per Nelder–Mead run (default 4000 precise, 500 screen). */
  readonly maxEvaluations?: number;
  /** Nelder–Mead restarts from the best point (default 4 precise, 0 screen). */
  readonly restarts?: number;
  /** Start from these parameters/states instead of the heuristics (refining a screened fit). */
  readonly start?: EtsFit;
  /**
   * Fit even when parameters and states leave fewer than 2 degrees of freedom (n ≥ estimated + 1 instead
   * of R's estimated + 2); the AICc is then +Infinity. AutoETS uses it for 3–4 value series.
   */
  readonly allowFewObservations?: boolean;
}

export interface EtsFit {
  readonly spec: EtsSpec;
  /** 'ETS(M,Ad,M)'. */
  readonly name: string;
  /** m, or 1 when the form has no season. */
  readonly seasonLength: number;
  readonly alpha: number;
  /** 0 without trend. */
  readonly beta: number;
  /** 0 without season. */
  readonly gamma: number;
  /** 1 unless damped. */
  readonly phi: number;
  readonly initialLevel: number;
  readonly initialTrend: number;
  /** Chronological: initialSeason[j] applies to times ≡ j (mod m). */
  readonly initialSeason: readonly number[];
  /** States after the last observation; finalSeason[h] applies to time n + h (h < m). */
  readonly finalLevel: number;
  readonly finalTrend: number;
  readonly finalSeason: readonly number[];
  readonly fitted: readonly number[];
  /** Innovations: y − ŷ (additive error) or (y − ŷ)/ŷ (multiplicative). */
  readonly residuals: readonly number[];
  /** Innovation variance Σe²/(n − k + 1), R's sigma2. */
  readonly sigma2: number;
  readonly logLikelihood: number;
  readonly aic: number;
  readonly aicc: number;
  readonly bic: number;
  /** k: estimated parameters + free initial states + 1 (σ²). */
  readonly parameterCount: number;
  readonly observations: number;
  /** Likelihood passes used by the optimiser. */
  readonly evaluations: number;
  /** alpha, beta, gamma, phi (those in the form), l0, b0, s0…s{m−1}. */
  readonly params: Readonly<Record<string, number>>;
}

/** Validate a series: finite numbers, returns a Float64Array copy. */
export function checkSeries(values: readonly number[] | Float64Array, caller: string): Float64Array {
  const y = Float64Array.from(values);
  for (let t = 0; t < y.length; t++)
    if (!Number.isFinite(y[t] as number))
      throw new InputError('invalid_argument', `${caller}: value at position ${t} is not finite (${y[t]})`, {
        hint: 'fill or drop missing periods before forecasting',
      });
  return y;
}

export function fitEts(
  values: readonly number[] | Float64Array,
  spec: EtsSpec,
  options: EtsFitOptions,
): EtsFit {
  const y = checkSeries(values, 'fitEts');
  const n = y.length;
  const codes = etsCodes(spec);
  const hasTrend = codes.trend === 1;
  const hasSeason = codes.season !== 0;
  const m = hasSeason ? options.seasonLength : 1;
  if (hasSeason && !(Number.isInteger(m) && m >= 2 && m <= 366))
    throw new InputError('invalid_argument', `fitEts: seasonLength must be an integer in 2..366, got ${m}`);
  if (hasSeason && n < 2 * m)
    throw new InputError(
      'insufficient_data',
      `fitEts: ${etsName(spec)} needs at least two full seasons (${2 * m} values), got ${n}`,
      { hint: 'use a non-seasonal form or a longer series' },
    );
  if (codes.error === 1 || codes.season === 2)
    for (let t = 0; t < n; t++)
      if (!((y[t] as number) > 0))
        throw new InputError(
          'invalid_argument',
          `fitEts: ${etsName(spec)} needs strictly positive data; value at position ${t} is ${y[t]}`,
          { hint: 'use an additive form (error A, season N or A)' },
        );
  const heuristicSeason = hasSeason && options.initialStates === 'heuristic-season';
  if (hasSeason && !heuristicSeason && !options.start && options.precision !== 'screen') {
    // two stages: screen with the decomposition's seasonal indices, then free every state from there —
    // reaches the same optimum as a cold start in about a third of the passes (AirPassengers: ~5k vs ~16k)
    const screen = fitEts(y, spec, {
      seasonLength: m,
      initialStates: 'heuristic-season',
      precision: 'screen',
    });
    const refined = fitEts(y, spec, {
      ...options,
      start: screen,
      maxEvaluations: options.maxEvaluations ?? 2000,
    });
    return { ...refined, evaluations: refined.evaluations + screen.evaluations };
  }
  const smoothingCount = 1 + (hasTrend ? 1 : 0) + (hasSeason ? 1 : 0) + (codes.damped ? 1 : 0);
  const stateCount = 1 + (hasTrend ? 1 : 0) + (hasSeason ? m - 1 : 0);
  const estimated = smoothingCount + stateCount;
  if (estimated >= n - (options.allowFewObservations ? 0 : 1))
    throw new InputError(
      'insufficient_data',
      `fitEts: ${etsName(spec)} has ${estimated} parameters and states but only ${n} values`,
      { hint: `need at least ${estimated + 2} values` },
    );

  // starting point: R's initparam and initstate, or a previous fit
  const heuristic = initialEtsStates(y, codes.trend, codes.season, m);
  const start = options.start;
  let alpha0 = start ? start.alpha : SMOOTHING_LOWER + (0.2 * (SMOOTHING_UPPER - SMOOTHING_LOWER)) / m;
  let beta0 = start ? start.beta : SMOOTHING_LOWER + 0.1 * (alpha0 - SMOOTHING_LOWER);
  let gamma0 = start ? start.gamma : SMOOTHING_LOWER + 0.05 * (1 - alpha0 - SMOOTHING_LOWER);
  let phi0 = start ? start.phi : PHI_LOWER + 0.99 * (PHI_UPPER - PHI_LOWER);
  if (!hasTrend) beta0 = 0;
  if (!hasSeason) gamma0 = 0;
  if (!codes.damped) phi0 = 1;
  const level0 = start ? start.initialLevel : heuristic.level;
  const trend0 = start ? start.initialTrend : heuristic.trend;
  const season0 = new Float64Array(m);
  if (hasSeason) season0.set(start ? start.initialSeason : heuristic.season);
  alpha0 = Math.min(Math.max(alpha0, SMOOTHING_LOWER), SMOOTHING_UPPER);

  // scale states to O(1) so one simplex size suits every coordinate
  let scale = 0;
  const head = Math.min(n, Math.max(10, 2 * m));
  for (let t = 0; t < head; t++) scale += Math.abs(y[t] as number);
  scale = scale / head || 1;
  const additiveSeasonScale = codes.season === 1 ? scale : 1;

  const freeSeason = hasSeason && !heuristicSeason ? m - 1 : 0;
  const dimension = smoothingCount + 1 + (hasTrend ? 1 : 0) + freeSeason;
  const x = new Float64Array(dimension);
  const lower = new Float64Array(dimension).fill(Number.NEGATIVE_INFINITY);
  const upper = new Float64Array(dimension).fill(Number.POSITIVE_INFINITY);
  const step = new Float64Array(dimension);
  // β and γ are searched as fractions of their usual-region width, β = L + u(α − L), γ = L + v(1 − α − L),
  // so the box [0, 1] is the whole usual region and the simplex never hits the coupled walls β ≤ α, γ ≤ 1 − α
  let k = 0;
  const alphaAt = k++;
  const betaAt = hasTrend ? k++ : -1;
  const gammaAt = hasSeason ? k++ : -1;
  const phiAt = codes.damped ? k++ : -1;
  const levelAt = k++;
  const trendAt = hasTrend ? k++ : -1;
  const seasonAt = k;
  const fraction = (value: number, width: number): number =>
    width > 0 ? Math.min(Math.max((value - SMOOTHING_LOWER) / width, 0), 1) : 0;
  x[alphaAt] = alpha0;
  lower[alphaAt] = SMOOTHING_LOWER;
  upper[alphaAt] = SMOOTHING_UPPER;
  step[alphaAt] = 0.1;
  if (betaAt >= 0) {
    x[betaAt] = fraction(beta0, alpha0 - SMOOTHING_LOWER);
    lower[betaAt] = 0;
    upper[betaAt] = 1;
    step[betaAt] = 0.1;
  }
  if (gammaAt >= 0) {
    x[gammaAt] = fraction(gamma0, 1 - alpha0 - SMOOTHING_LOWER);
    lower[gammaAt] = 0;
    upper[gammaAt] = 1;
    step[gammaAt] = 0.1;
  }
  if (phiAt >= 0) {
    x[phiAt] = Math.min(Math.max(phi0, PHI_LOWER), PHI_UPPER);
    lower[phiAt] = PHI_LOWER;
    upper[phiAt] = PHI_UPPER;
    step[phiAt] = 0.02;
  }
  x[levelAt] = level0 / scale;
  step[levelAt] = 0.05;
  if (trendAt >= 0) {
    x[trendAt] = trend0 / scale;
    step[trendAt] = 0.01;
  }
  for (let j = 0; j < freeSeason; j++) {
    // free states are slots 1..m−1; slot 0 follows from the normalisation
    x[seasonAt + j] = (season0[j + 1] as number) / additiveSeasonScale;
    step[seasonAt + j] = 0.05;
  }

  const smoothing = new Float64Array(4);
  const decode = (point: Float64Array): void => {
    const alpha = point[alphaAt] as number;
    smoothing[0] = alpha;
    smoothing[1] = betaAt >= 0 ? SMOOTHING_LOWER + (point[betaAt] as number) * (alpha - SMOOTHING_LOWER) : 0;
    smoothing[2] =
      gammaAt >= 0 ? SMOOTHING_LOWER + (point[gammaAt] as number) * (1 - alpha - SMOOTHING_LOWER) : 0;
    smoothing[3] = phiAt >= 0 ? (point[phiAt] as number) : 1;
  };
  const seasonWork = new Float64Array(m);
  const seasonTrial = Float64Array.from(season0);
  const scratch = new Float64Array(2 * m + 6);
  const normaliser = codes.season === 2 ? m : 0;
  const unpackSeason = (point: Float64Array): boolean => {
    if (freeSeason === 0) return true;
    let total = 0;
    for (let j = 1; j < m; j++) {
      const v = (point[seasonAt + j - 1] as number) * additiveSeasonScale;
      seasonTrial[j] = v;
      total += v;
    }
    seasonTrial[0] = normaliser - total;
    if (codes.season === 2) for (let j = 0; j < m; j++) if (!((seasonTrial[j] as number) > 0)) return false;
    return true;
  };
  const objective = (point: Float64Array): number => {
    decode(point);
    const alpha = smoothing[0] as number;
    const beta = smoothing[1] as number;
    const gamma = smoothing[2] as number;
    const phi = smoothing[3] as number;
    if (!isAdmissible(alpha, beta, gamma, phi, m, hasSeason, scratch)) return Number.POSITIVE_INFINITY;
    if (!unpackSeason(point)) return Number.POSITIVE_INFINITY;
    return etsCriterion(
      y,
      codes.error,
      codes.trend,
      codes.season,
      m,
      alpha,
      beta,
      gamma,
      phi,
      (point[levelAt] as number) * scale,
      trendAt >= 0 ? (point[trendAt] as number) * scale : 0,
      seasonTrial,
      seasonWork,
    );
  };

  const precise = options.precision !== 'screen';
  const maxEvaluations = options.maxEvaluations ?? (precise ? 4000 : 500);
  const settings = {
    lower,
    upper,
    step,
    maxEvaluations,
    valueTolerance: precise ? 1e-7 : 1e-3,
    pointTolerance: precise ? 1e-6 : Number.POSITIVE_INFINITY,
  };
  let evaluations = 0;
  let best = boxNelderMead(objective, x, settings);
  evaluations += best.evaluations;
  // Nelder–Mead stalls on ridges in 10+ dimensions: restart from the best vertex while that still pays
  const restarts = options.restarts ?? (precise ? 4 : 0);
  for (let r = 0; r < restarts && Number.isFinite(best.value); r++) {
    const again = boxNelderMead(objective, best.x, settings);
    evaluations += again.evaluations;
    const gain = best.value - again.value;
    if (again.value < best.value) best = again;
    if (!(gain > 1e-6)) break;
  }
  if (!Number.isFinite(best.value))
    throw new InputError(
      'no_convergence',
      `fitEts: no admissible ${etsName(spec)} parameters gave a finite likelihood`,
      { hint: 'try another form (AutoETS skips forms that fail)' },
    );

  // final pass with the optimum
  const point = best.x;
  decode(point);
  const alpha = smoothing[0] as number;
  const beta = smoothing[1] as number;
  const gamma = smoothing[2] as number;
  const phi = smoothing[3] as number;
  unpackSeason(point);
  const initialLevel = (point[levelAt] as number) * scale;
  const initialTrend = trendAt >= 0 ? (point[trendAt] as number) * scale : 0;
  const initialSeason = hasSeason ? Float64Array.from(seasonTrial) : new Float64Array(0);
  const pass = etsFilter(
    y,
    codes.error,
    codes.trend,
    codes.season,
    m,
    alpha,
    beta,
    gamma,
    phi,
    initialLevel,
    initialTrend,
    initialSeason,
  );
  const parameterCount = estimated + 1;
  const logLikelihood = logLikelihoodFromCriterion(pass.criterion, n);
  const aic = -2 * logLikelihood + 2 * parameterCount;
  const aicc =
    n - parameterCount - 1 > 0
      ? aic + (2 * parameterCount * (parameterCount + 1)) / (n - parameterCount - 1)
      : Number.POSITIVE_INFINITY;
  const bic = -2 * logLikelihood + Math.log(n) * parameterCount;
  const params: Record<string, number> = { alpha };
  if (hasTrend) params.beta = beta;
  if (hasSeason) params.gamma = gamma;
  if (codes.damped) params.phi = phi;
  params.l0 = initialLevel;
  if (hasTrend) params.b0 = initialTrend;
  for (let j = 0; j < initialSeason.length; j++) params[`s${j}`] = initialSeason[j] as number;
  return {
    spec,
    name: etsName(spec),
    seasonLength: m,
    alpha,
    beta,
    gamma,
    phi,
    initialLevel,
    initialTrend,
    initialSeason: Array.from(initialSeason),
    finalLevel: pass.level,
    finalTrend: pass.trend,
    finalSeason: Array.from(pass.season),
    fitted: Array.from(pass.fitted),
    residuals: Array.from(pass.innovations),
    sigma2: pass.sumSquaredInnovations / Math.max(n - estimated, 1),
    logLikelihood,
    aic,
    aicc,
    bic,
    parameterCount,
    observations: n,
    evaluations,
    params,
  };
}
