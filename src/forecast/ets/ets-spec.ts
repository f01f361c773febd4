import { InputError } from '../../core/errors.js';

/**
 * The form of an innovations state-space exponential-smoothing model, ETS(error, trend, season), in the
 * taxonomy of Hyndman, Koehler, Ord & Snyder, "Forecasting with Exponential Smoothing: The State Space
 * Approach" (Springer 2008), Table 2.1: error 'A' (additive) or 'M' (multiplicative); trend 'N' (none),
 * 'A' (additive) or 'Ad' (additive damped); season 'N', 'A' or 'M'. Multiplicative trends are not offered
 * (R's forecast::ets excludes them by default too: they forecast explosively and rarely win).
 *
 * Example: etsName(parseEtsSpec('MAdM')) → 'ETS(M,Ad,M)'.
 */

export type EtsErrorType = 'A' | 'M';
export type EtsTrendType = 'N' | 'A' | 'Ad';
export type EtsSeasonType = 'N' | 'A' | 'M';

export interface EtsSpec {
  readonly error: EtsErrorType;
  readonly trend: EtsTrendType;
  readonly season: EtsSeasonType;
}

/** 'ETS(M,Ad,M)'. */
export function etsName(spec: EtsSpec): string {
  return `ETS(${spec.error},${spec.trend},${spec.season})`;
}

/** Accepts 'MAdM', 'M,Ad,M', 'ETS(M,Ad,M)' (case-insensitive; 'd' marks damping). */
export function parseEtsSpec(text: string): EtsSpec {
  const compact = text
    .trim()
    .toUpperCase()
    .replace(/^ETS\(/, '')
    .replace(/\)$/, '')
    .replace(/[,\s]/g, '');
  const match = /^([AM])(N|A|AD)([NAM])$/.exec(compact);
  if (!match)
    throw new InputError('invalid_argument', `"${text}" is not an ETS form such as 'MAdM' or 'ETS(A,N,N)'`, {
      hint: "error A|M, trend N|A|Ad, season N|A|M, e.g. 'ETS(M,Ad,M)'",
    });
  return {
    error: match[1] as EtsErrorType,
    trend: match[2] === 'AD' ? 'Ad' : (match[2] as 'N' | 'A'),
    season: match[3] as EtsSeasonType,
  };
}

/** Why a form is not used, or undefined when it is. */
export interface EtsFormCheck {
  /** Forbidden for the data (multiplicative parts need strictly positive data). */
  readonly dataProblem?: string;
  /** Excluded by the default restriction (additive error with multiplicative season is numerically unstable). */
  readonly restricted?: string;
}

/**
 * The combinations AutoETS considers, as R's `ets(restrict = TRUE)`: additive error with a multiplicative
 * season is excluded (its variance can become negative; Hyndman et al. 2008 §15.2); multiplicative error or
 * season needs strictly positive data (relative errors and seasonal ratios are undefined at y ≤ 0).
 */
export function checkEtsForm(spec: EtsSpec, positiveData: boolean): EtsFormCheck {
  if (!positiveData && (spec.error === 'M' || spec.season === 'M'))
    return { dataProblem: 'multiplicative error or season needs strictly positive data' };
  if (spec.error === 'A' && spec.season === 'M')
    return { restricted: 'additive error with multiplicative season is excluded (restrict)' };
  return {};
}

/** Every form (18) in the order AutoETS tries them. */
export function allEtsSpecs(seasonal: boolean): EtsSpec[] {
  const out: EtsSpec[] = [];
  for (const error of ['A', 'M'] as const)
    for (const trend of ['N', 'A', 'Ad'] as const)
      for (const season of seasonal ? (['N', 'A', 'M'] as const) : (['N'] as const))
        out.push({ error, trend, season });
  return out;
}

/** Internal integer codes used by the filter (no string comparisons in the hot loop). */
export interface EtsCodes {
  /** 0 additive, 1 multiplicative. */
  readonly error: 0 | 1;
  /** 0 none, 1 additive (damped or not: φ decides). */
  readonly trend: 0 | 1;
  readonly damped: boolean;
  /** 0 none, 1 additive, 2 multiplicative. */
  readonly season: 0 | 1 | 2;
}

export function etsCodes(spec: EtsSpec): EtsCodes {
  return {
    error: spec.error === 'M' ? 1 : 0,
    trend: spec.trend === 'N' ? 0 : 1,
    damped: spec.trend === 'Ad',
    season: spec.season === 'N' ? 0 : spec.season === 'A' ? 1 : 2,
  };
}
