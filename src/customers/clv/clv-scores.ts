import { InputError } from '../../core/errors.js';
import { type BgNbdFit, fitBgNbd } from './bg-nbd.js';
import {
  conditionalExpectedPurchasesForCustomers,
  posteriorPurchaseRateForCustomers,
  probabilityAliveForCustomers,
} from './bg-nbd-predict.js';
import { customerLifetimeValue, customerLifetimeValueIntervals } from './customer-value.js';
import { customerLifetimeValueDeltaIntervals } from './customer-value-delta.js';
import {
  conditionalExpectedAverageSpendForCustomers,
  fitGammaGamma,
  type GammaGammaFit,
} from './gamma-gamma.js';
import { type PurchaseSummary, TIME_UNIT_DAYS } from './purchase-summary.js';

/**
 * The CLV pipeline on one purchase summary: BG/NBD on everybody (counts are currency-free), one
 * Gamma-Gamma spend model per spend group (a currency: amounts in CNY and USD are not pooled),
 * then per customer P(alive), expected purchases and spend over a horizon of calendar months,
 * discounted CLV with a parameter-uncertainty interval, churn risk 1 − P(alive) and the days
 * since the expected next purchase (time since the last purchase − 1 / E[λ | x, T]).
 *
 * A spend group with too few repeat customers gets no spend model: its customers' spend and
 * CLV are null and the result says why (never NaN).
 */

export interface ClvFitSettings {
  /** Seed of the BG/NBD multi-start subsample. */
  readonly seed?: number;
}

export interface SpendModel {
  readonly group: string;
  readonly customers: number;
  readonly fit: GammaGammaFit | null;
  /** Why there is no fit (too few repeaters, spend not identifiable …). */
  readonly problem: string | null;
  /** Repeat customers left out of the fit because their repeat purchases were all free (scored with the model). */
  readonly zeroSpendRepeaters: number;
}

export interface ClvModels {
  readonly bgNbd: BgNbdFit;
  readonly spend: readonly SpendModel[];
}

/** Customers' indices per spend group, in first-seen order. */
function groupIndices(groups: readonly string[]): Map<string, number[]> {
  const byGroup = new Map<string, number[]>();
  groups.forEach((group, i) => {
    const list = byGroup.get(group);
    if (list) list.push(i);
    else byGroup.set(group, [i]);
  });
  return byGroup;
}

function subset(values: Float64Array, indices: readonly number[]): Float64Array {
  const out = new Float64Array(indices.length);
  indices.forEach((index, k) => {
    out[k] = values[index] as number;
  });
  return out;
}

function checkGroups(summary: PurchaseSummary, groups: readonly string[]): void {
  if (groups.length !== summary.customerIds.length) {
    throw new InputError(
      'invalid_argument',
      `CLV spend groups: ${groups.length} groups for ${summary.customerIds.length} customers`,
    );
  }
}

/** Fits BG/NBD on all customers and Gamma-Gamma per spend group. */
export function fitClvModels(
  summary: PurchaseSummary,
  groups: readonly string[],
  settings: ClvFitSettings = {},
): ClvModels {
  checkGroups(summary, groups);
  const bgNbd = fitBgNbd(summary, { seed: settings.seed });
  const spend: SpendModel[] = [];
  for (const [group, indices] of groupIndices(groups)) {
    // Repeaters whose repeat purchases were all free (mean spend 0) carry no information on the
    // spend distribution's shape; the fit leaves them out, the scores include them (E[Z | x, 0]).
    const fitted = indices.filter(
      (i) => !((summary.frequency[i] as number) > 0 && summary.monetary[i] === 0),
    );
    const zeroSpendRepeaters = indices.length - fitted.length;
    try {
      const fit = fitGammaGamma({
        frequency: subset(summary.frequency, fitted),
        monetary: subset(summary.monetary, fitted),
      });
      spend.push({ group, customers: indices.length, fit, problem: null, zeroSpendRepeaters });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      spend.push({ group, customers: indices.length, fit: null, problem: error.message, zeroSpendRepeaters });
    }
  }
  return { bgNbd, spend };
}

export interface ClvScoreOptions {
  /** CLV horizon in calendar months (default 12). */
  readonly horizonMonths?: number;
  /** Discount rate per month (default 0.01 ≈ 12.7 % a year). */
  readonly monthlyDiscountRate?: number;
  /** Interval level (default 0.9). */
  readonly level?: number;
  /**
   * Intervals by parameter sampling with this many draws; default: the delta method (about 40×
   * faster, agrees in width — see customer-value-delta.test.ts).
   */
  readonly draws?: number;
  readonly seed?: number;
}

export interface ClvScores {
  readonly customerIds: readonly string[];
  readonly group: readonly string[];
  readonly probabilityAlive: Float64Array;
  readonly churnRisk: Float64Array;
  /** Expected purchases over the horizon. */
  readonly expectedPurchases: Float64Array;
  /** Expected spend per purchase (NaN only where the group has no spend model; see `valued`). */
  readonly expectedSpend: Float64Array;
  readonly clv: Float64Array;
  /** NaN where there is no interval (no spend model, or a fit without a covariance). */
  readonly clvLower: Float64Array;
  readonly clvUpper: Float64Array;
  /** False where the customer's spend group has no spend model (spend and CLV unknown). */
  readonly valued: Uint8Array;
  /** Days since the expected next purchase (negative = not yet due). */
  readonly daysSinceExpectedPurchase: Float64Array;
  readonly horizonMonths: number;
  readonly monthlyDiscountRate: number;
  readonly level: number;
  /** `delta` or `sampling (N draws)`. */
  readonly intervalMethod: string;
}

/** Per-customer predictions from fitted models (see the file comment). */
export function scoreClv(
  summary: PurchaseSummary,
  groups: readonly string[],
  models: ClvModels,
  options: ClvScoreOptions = {},
): ClvScores {
  checkGroups(summary, groups);
  const horizonMonths = options.horizonMonths ?? 12;
  const monthlyDiscountRate = options.monthlyDiscountRate ?? 0.01;
  const level = options.level ?? 0.9;
  const unitDays = TIME_UNIT_DAYS[summary.timeUnit];
  const monthLength = 365.25 / 12 / unitDays;
  const n = summary.customerIds.length;
  const params = models.bgNbd.params;
  const probabilityAlive = probabilityAliveForCustomers(params, summary);
  const churnRisk = probabilityAlive.map((p) => 1 - p);
  const expectedPurchases = conditionalExpectedPurchasesForCustomers(
    params,
    horizonMonths * monthLength,
    summary,
  );
  const rate = posteriorPurchaseRateForCustomers(params, summary);
  const daysSinceExpectedPurchase = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const sinceLast = (summary.age[i] as number) - (summary.recency[i] as number);
    daysSinceExpectedPurchase[i] = (sinceLast - 1 / (rate[i] as number)) * unitDays;
  }
  const expectedSpend = new Float64Array(n).fill(Number.NaN);
  const clv = new Float64Array(n).fill(Number.NaN);
  const clvLower = new Float64Array(n).fill(Number.NaN);
  const clvUpper = new Float64Array(n).fill(Number.NaN);
  const valued = new Uint8Array(n);
  const byGroup = groupIndices(groups);
  for (const model of models.spend) {
    const indices = byGroup.get(model.group);
    if (!model.fit || !indices) continue;
    const data = {
      frequency: subset(summary.frequency, indices),
      recency: subset(summary.recency, indices),
      age: subset(summary.age, indices),
      monetary: subset(summary.monetary, indices),
    };
    const spend = conditionalExpectedAverageSpendForCustomers(model.fit.params, data);
    const valueOptions = {
      periods: horizonMonths,
      periodLength: monthLength,
      discountRate: monthlyDiscountRate,
      level,
    };
    // Without a covariance (a singular information matrix) there is a point CLV but no interval.
    const withoutCovariance = !models.bgNbd.covarianceLog || !model.fit.covarianceLog;
    const intervals = withoutCovariance
      ? {
          value: customerLifetimeValue(models.bgNbd.params, model.fit.params, data, valueOptions),
          lower: new Float64Array(indices.length).fill(Number.NaN),
          upper: new Float64Array(indices.length).fill(Number.NaN),
        }
      : options.draws === undefined
        ? customerLifetimeValueDeltaIntervals(models.bgNbd, model.fit, data, valueOptions)
        : customerLifetimeValueIntervals(models.bgNbd, model.fit, data, {
            ...valueOptions,
            draws: options.draws,
            seed: options.seed,
          });
    indices.forEach((index, k) => {
      expectedSpend[index] = spend[k] as number;
      clv[index] = intervals.value[k] as number;
      clvLower[index] = intervals.lower[k] as number;
      clvUpper[index] = intervals.upper[k] as number;
      valued[index] = 1;
    });
  }
  return {
    customerIds: summary.customerIds,
    group: groups,
    probabilityAlive,
    churnRisk,
    expectedPurchases,
    expectedSpend,
    clv,
    clvLower,
    clvUpper,
    valued,
    daysSinceExpectedPurchase,
    horizonMonths,
    monthlyDiscountRate,
    level,
    intervalMethod:
      options.draws === undefined ? 'delta method' : `parameter sampling (${options.draws} draws)`,
  };
}
