import { InputError } from '../../core/errors.js';
import type { Forecast, ForecastOptions } from '../forecast-types.js';
import { checkHorizonAndLevels, forecastEts } from './ets-forecast.js';
import { allEtsSpecs, checkEtsForm, type EtsSpec, etsName } from './ets-spec.js';
import { checkSeries, type EtsFit, fitEts } from './fit-ets.js';

/**
 * AutoETS: fit every admissible ETS form and keep the one with the lowest AICc, as R forecast::ets(y) and
 * statsforecast's AutoETS (Hyndman, Koehler, Snyder & Grose 2002, IJF 18(3); Hyndman et al. 2008 §7.2).
 *
 * Candidates: error A/M × trend N/A/Ad × season N/A/M, minus
 *  - multiplicative error or season unless every value is > 0 (noted when skipped);
 *  - additive error with multiplicative season (R's `restrict = TRUE`; `restrict: false` allows it);
 *  - seasonal forms unless seasonLength > 1 and the series holds ≥ 2 full seasons (noted when dropped).
 * Multiplicative trends are never fitted. For positive monthly data that is 15 forms.
 *
 * Speed (the reason for the two stages): fitting all m − 1 seasonal states of every candidate costs
 * thousands of likelihood passes per monthly form. Stage 1 screens each form with the decomposition's
 * seasonal indices held fixed (≤ 6 free parameters, a few hundred passes: `initialStates:
 * 'heuristic-season'`); stage 2 refits the `refine` best seasonal screens (default 1) with every state
 * free, started from the screen, and the lowest AICc of all fits wins. The AICc of a screen counts its
 * seasonal states as estimated, so screens and refits compare alike. Measured on the first 200 M3 monthly
 * series (bench/forecast/ets.bench.ts) this matches full fitting of every form in accuracy at a
 * fraction of the time.
 * Cost: O(n) per likelihood pass; about 15 × 300 + refine × 1500 passes for monthly data.
 *
 * Example: autoEts(airPassengers, { horizon: 12, seasonLength: 12 }).model → 'ETS(M,A,M)' (AICc 1083.9;
 * ETS(M,Ad,M), R's pick, has 1092.7 here and 1095.4 in statsmodels, which also prefers ETS(M,A,M)).
 */

export interface AutoEtsOptions extends ForecastOptions {
  /** Exclude additive error with multiplicative season (default true, as R). */
  readonly restrict?: boolean;
  /** Allow multiplicative error/season at all (default true; still needs positive data). */
  readonly allowMultiplicative?: boolean;
  /** Damped trends: true (only damped), false (only undamped), undefined (both, default). */
  readonly damped?: boolean;
  /** Information criterion for the choice (default 'aicc'). */
  readonly criterion?: 'aicc' | 'aic' | 'bic';
  /** How many of the best screened seasonal forms are refitted with all states free (default 1). */
  readonly refine?: number;
  /** Likelihood-pass budget of each refit (default 1500). */
  readonly refineEvaluations?: number;
}

export interface EtsCandidate {
  readonly model: string;
  readonly criterionValue: number;
  readonly refined: boolean;
}

export interface EtsSelection {
  readonly best: EtsFit;
  readonly candidates: readonly EtsCandidate[];
  readonly notes: readonly string[];
  /** Likelihood passes over all fits (a machine-independent cost measure). */
  readonly evaluations: number;
}

function criterionOf(fit: EtsFit, criterion: 'aicc' | 'aic' | 'bic'): number {
  const value = criterion === 'aic' ? fit.aic : criterion === 'bic' ? fit.bic : fit.aicc;
  return Number.isFinite(value) ? value : Number.POSITIVE_INFINITY;
}

/** Fit the candidates and return the best fit with the list compared (no forecast). */
export function selectEts(values: readonly number[] | Float64Array, options: AutoEtsOptions): EtsSelection {
  const y = checkSeries(values, 'autoEts');
  const n = y.length;
  if (n < 3)
    throw new InputError('insufficient_data', `autoEts needs at least 3 values, got ${n}`, {
      hint: 'collect more periods or use a naive forecast',
    });
  const m = options.seasonLength;
  if (!(Number.isInteger(m) && m >= 1))
    throw new InputError('invalid_argument', `autoEts: seasonLength must be an integer ≥ 1, got ${m}`);
  const criterion = options.criterion ?? 'aicc';
  const notes: string[] = [];
  let positive = true;
  for (let t = 0; t < n; t++) if (!((y[t] as number) > 0)) positive = false;
  let seasonal = m > 1;
  if (m > 1 && n < 2 * m) {
    seasonal = false;
    notes.push(`seasonal forms skipped: ${n} values are fewer than two full seasons (${2 * m})`);
  }
  if (!positive && options.allowMultiplicative !== false)
    notes.push('multiplicative forms skipped: the series has zero or negative values');
  const specs: EtsSpec[] = allEtsSpecs(seasonal).filter((spec) => {
    const check = checkEtsForm(spec, positive);
    if (check.dataProblem) return false;
    if (check.restricted && options.restrict !== false) return false;
    if (options.allowMultiplicative === false && (spec.error === 'M' || spec.season === 'M')) return false;
    if (options.damped === true && spec.trend === 'A') return false;
    if (options.damped === false && spec.trend === 'Ad') return false;
    return true;
  });
  const screens: EtsFit[] = [];
  const failures: string[] = [];
  for (const spec of specs) {
    try {
      screens.push(
        fitEts(y, spec, { seasonLength: m, initialStates: 'heuristic-season', precision: 'screen' }),
      );
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      failures.push(etsName(spec));
    }
  }
  if (screens.length === 0) {
    // too few values for any optimised form: simple exponential smoothing with the saturated fit
    const fallback = fitEts(
      y,
      { error: 'A', trend: 'N', season: 'N' },
      { seasonLength: 1, allowFewObservations: true },
    );
    notes.push(`only ${n} values: no form could be compared; ETS(A,N,N) fitted without selection`);
    return {
      best: fallback,
      candidates: [{ model: fallback.name, criterionValue: Number.NaN, refined: false }],
      notes,
      evaluations: fallback.evaluations,
    };
  }
  if (failures.length > 0) notes.push(`could not fit: ${failures.join(', ')}`);
  const candidates: EtsCandidate[] = [];
  const ranked = screens
    .map((fit) => ({ fit, value: criterionOf(fit, criterion) }))
    .sort((a, b) => a.value - b.value);
  for (const { fit, value } of ranked)
    candidates.push({ model: fit.name, criterionValue: value, refined: false });
  let best = ranked[0] as { fit: EtsFit; value: number };
  const refine = options.refine ?? 1;
  let refined = 0;
  let evaluations = screens.reduce((total, fit) => total + fit.evaluations, 0);
  for (const entry of ranked) {
    if (refined >= refine) break;
    if (entry.fit.spec.season === 'N') continue;
    refined++;
    try {
      const fit = fitEts(y, entry.fit.spec, {
        seasonLength: m,
        start: entry.fit,
        precision: 'screen',
        maxEvaluations: options.refineEvaluations ?? 1500,
      });
      evaluations += fit.evaluations;
      const value = criterionOf(fit, criterion);
      candidates.push({ model: fit.name, criterionValue: value, refined: true });
      if (value < best.value) best = { fit, value };
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
    }
  }
  const label = criterion === 'aicc' ? 'AICc' : criterion.toUpperCase();
  notes.unshift(`${best.fit.name} selected by ${label} among ${screens.length} forms`);
  return { best: best.fit, candidates, notes, evaluations };
}

/** AutoETS as a ForecastModel: select the form, then forecast it (intervals as forecastEts). */
export function autoEts(values: readonly number[], options: AutoEtsOptions): Forecast {
  checkHorizonAndLevels(options.horizon, options.levels ?? [80, 95], 'autoEts');
  const selection = selectEts(values, options);
  return forecastEts(selection.best, {
    horizon: options.horizon,
    ...(options.levels ? { levels: options.levels } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    notes: selection.notes,
  });
}
