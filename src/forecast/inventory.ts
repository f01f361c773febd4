import { InputError } from '../core/errors.js';
import { standardNormalPdf, standardNormalQuantile, standardNormalSurvival } from '../stats/distributions.js';

/**
 * Inventory suggestion for one SKU from its demand forecast: safety stock, reorder point or order-up-to
 * level, and the quantity to order now, under normally distributed forecast errors with full backordering.
 *
 * Protection interval P: the lead time L for a continuous-review (s, Q) 'reorder-point' policy, L + R for a
 * periodic-review (R, S) 'order-up-to' policy (R = review period). Over P:
 *   demand      D_P = Σ of the point forecasts of the first P periods (a fractional last period pro rata);
 *   error σ_P   = the k-step cumulative forecast-error standard deviation from backtests at k = P
 *                 (`cumulativeStandardDeviations`, see cumulativeErrorStandardDeviations; variance is
 *                 interpolated linearly between whole periods), or σ₁ √P from a one-step σ₁, which assumes
 *                 independent errors across periods (it understates σ_P for trending or random-walk demand);
 *   safety factor k = Φ⁻¹(α) for a cycle service level α (probability of no stock-out per cycle), or, for a
 *                 fill rate β, the root of G(k) = (1 − β) Q / σ_P with the standard normal loss function
 *                 G(k) = φ(k) − k (1 − Φ(k)) and Q the order quantity ((s, Q)) or the expected demand per
 *                 review period ((R, S)) (Silver, Pyke & Thomas 2017, §6.7 and §6.9; Nahmias 2009, §5.5);
 *   safety stock SS = max(0, k σ_P);  reorder point s = D_L + max(0, k σ_L);  order-up-to level
 *   S = D_{L+R} + SS (for a fill rate under (R, S) the same k is used for s, which is then approximate).
 * Inventory position IP = on hand + on order − backorders. Order now: (R, S) → S − IP; (s, Q) → the smallest
 * multiple of Q lifting IP above s when IP ≤ s, else 0. Quantities are rounded up to `roundingUnit` and are
 * never negative. EOQ = √(2 D K / h) with D the mean forecast demand per period, K the cost per order and h
 * the holding cost per unit per period. Cost O(P + horizon), plus O(40) for the fill-rate root.
 *
 * Example (Nahmias, Production and Operations Analysis, Harvey's Specialty Shop: lead-time demand N(100, 25²),
 * K = $50, h = $1 per unit per 6-month period): EOQ = 100; 98 % cycle service → s = 151.34; 98 % fill rate →
 * G(k) = 0.08, k = 1.0212, s = 125.53 (the book: z = 1.02, R = 126).
 */

export type InventoryPolicy = 'order-up-to' | 'reorder-point';

export interface InventoryInput {
  /** Point forecasts per period, starting with the next period; needs at least ⌈L + R⌉ periods. */
  readonly forecast: readonly number[];
  /** Replenishment lead time in periods (≥ 0, may be fractional). */
  readonly leadTime: number;
  /** Default 'order-up-to'. */
  readonly policy?: InventoryPolicy;
  /** Review period R in periods for 'order-up-to' (> 0, default 1). */
  readonly reviewPeriod?: number;
  /** Cycle service level α in (0, 1); default 0.95 unless fillRate is given. */
  readonly serviceLevel?: number;
  /** Fill rate β in (0, 1): replaces serviceLevel when given. */
  readonly fillRate?: number;
  /** One-step forecast-error standard deviation σ₁ (σ_P = σ₁ √P). */
  readonly oneStepStandardDeviation?: number;
  /** σ of the k-step cumulative forecast error, index k − 1 (preferred over oneStepStandardDeviation). */
  readonly cumulativeStandardDeviations?: readonly number[];
  readonly onHand?: number;
  readonly onOrder?: number;
  readonly backorders?: number;
  /** Fixed cost per order K (with holdingCost: EOQ). */
  readonly orderingCost?: number;
  /** Holding cost per unit per period h. */
  readonly holdingCost?: number;
  /** Fixed lot size Q for 'reorder-point' (default: EOQ). */
  readonly orderQuantity?: number;
  /** Order quantities are rounded up to a multiple of this (default 1; 0 = no rounding). */
  readonly roundingUnit?: number;
}

export interface InventorySuggestion {
  readonly policy: InventoryPolicy;
  /** L for 'reorder-point', L + R for 'order-up-to'. */
  readonly protectionPeriods: number;
  readonly leadTimeDemand: number;
  /** Expected demand over the protection interval. */
  readonly protectionDemand: number;
  /** σ_P of the forecast error over the protection interval. */
  readonly protectionStandardDeviation: number;
  readonly serviceTarget: { readonly kind: 'cycle-service-level' | 'fill-rate'; readonly value: number };
  /** k (may be negative for low fill-rate targets; safety stock is then 0). */
  readonly safetyFactor: number;
  readonly safetyStock: number;
  /** s = D_L + k σ_L (for 'order-up-to' informational: the stock at which an order would be due within L). */
  readonly reorderPoint: number;
  /** S = D_{L+R} + SS ('order-up-to' only). */
  readonly orderUpToLevel?: number;
  readonly inventoryPosition: number;
  readonly economicOrderQuantity?: number;
  /** Suggested order now (≥ 0, rounded up to roundingUnit). */
  readonly orderQuantity: number;
  /** Expected units short per replenishment cycle, σ_P G(k) (with the safety stock actually used). */
  readonly expectedShortagePerCycle: number;
  readonly notes: readonly string[];
}

function invalid(message: string, hint?: string): never {
  throw new InputError('invalid_argument', message, hint === undefined ? {} : { hint });
}

function nonNegative(value: number | undefined, name: string, fallback = 0): number {
  if (value === undefined) return fallback;
  if (!(Number.isFinite(value) && value >= 0)) invalid(`${name} must be a finite number ≥ 0, got ${value}`);
  return value;
}

function probability(value: number, name: string): number {
  if (!(value > 0 && value < 1))
    invalid(`${name} must be in (0, 1), got ${value}`, 'Use a fraction, e.g. 0.95 for 95 %');
  return value;
}

/** Standard normal first-order loss G(k) = E[(Z − k)⁺] = φ(k) − k (1 − Φ(k)). Example: G(0) = 0.3989422804014327. */
export function standardNormalLoss(k: number): number {
  return standardNormalPdf(k) - k * standardNormalSurvival(k);
}

/** The k with G(k) = target (> 0), by bisection on [−40, 40] (G is strictly decreasing). */
export function inverseStandardNormalLoss(target: number): number {
  if (!(target > 0 && Number.isFinite(target)))
    invalid(`The loss target must be a finite number > 0, got ${target}`);
  let low = -40;
  let high = 40;
  for (let i = 0; i < 200 && high - low > 1e-13; i++) {
    const mid = 0.5 * (low + high);
    if (standardNormalLoss(mid) > target) low = mid;
    else high = mid;
  }
  return 0.5 * (low + high);
}

/** Σ of the first `periods` forecasts, the last fractional period pro rata. */
function demandOver(forecast: readonly number[], periods: number): number {
  const whole = Math.floor(periods);
  let total = 0;
  for (let j = 0; j < whole; j++) total += forecast[j] as number;
  const fraction = periods - whole;
  if (fraction > 0) total += fraction * (forecast[whole] as number);
  return total;
}

/**
 * σ of the k-step cumulative forecast error for k = 1 … horizon from backtest errors (rows = forecast
 * origins, columns = steps; actual − forecast; NaN/missing allowed): the root mean square over origins of
 * Σ_{j ≤ k} e_j, so a bias counts as error. Origins lacking any of the first k steps are skipped at k.
 * Example: errors [[1, 1], [−1, −1]] → [1, 2].
 */
export function cumulativeErrorStandardDeviations(errors: readonly (readonly number[])[]): number[] {
  const horizon = errors.reduce((max, row) => Math.max(max, row.length), 0);
  const out: number[] = [];
  for (let k = 1; k <= horizon; k++) {
    let sumSquares = 0;
    let count = 0;
    for (const row of errors) {
      let cumulative = 0;
      let complete = row.length >= k;
      for (let j = 0; complete && j < k; j++) {
        const e = row[j] as number;
        if (!Number.isFinite(e)) complete = false;
        else cumulative += e;
      }
      if (!complete) continue;
      sumSquares += cumulative * cumulative;
      count++;
    }
    if (count === 0)
      throw new InputError(
        'insufficient_data',
        `No backtest origin has complete errors for the first ${k} steps`,
      );
    out.push(Math.sqrt(sumSquares / count));
  }
  return out;
}

function protectionDeviation(input: InventoryInput, periods: number): number {
  const cumulative = input.cumulativeStandardDeviations;
  if (cumulative !== undefined) {
    if (periods === 0) return 0;
    const needed = Math.ceil(periods);
    if (cumulative.length < needed)
      throw new InputError(
        'insufficient_data',
        `cumulativeStandardDeviations covers ${cumulative.length} steps; the protection interval needs ${needed}`,
        { hint: 'Backtest at least lead time + review period steps ahead, or give oneStepStandardDeviation' },
      );
    for (const v of cumulative.slice(0, needed))
      if (!(Number.isFinite(v) && v >= 0))
        invalid(`cumulativeStandardDeviations must be finite and ≥ 0, got ${v}`);
    const whole = Math.floor(periods);
    const below = whole === 0 ? 0 : (cumulative[whole - 1] as number) ** 2;
    if (whole === periods) return Math.sqrt(below);
    const above = (cumulative[whole] as number) ** 2;
    return Math.sqrt(below + (periods - whole) * (above - below));
  }
  if (input.oneStepStandardDeviation === undefined)
    throw new InputError('invalid_argument', 'An inventory suggestion needs the forecast error spread', {
      hint: 'Give oneStepStandardDeviation or cumulativeStandardDeviations',
    });
  return nonNegative(input.oneStepStandardDeviation, 'oneStepStandardDeviation') * Math.sqrt(periods);
}

function roundUp(quantity: number, unit: number): number {
  if (quantity <= 0) return 0;
  if (unit === 0) return quantity;
  return Math.ceil(quantity / unit - 1e-9) * unit;
}

/** Safety stock, reorder point / order-up-to level and the order to place now (see the file comment). */
export function suggestInventory(input: InventoryInput): InventorySuggestion {
  const policy = input.policy ?? 'order-up-to';
  if (policy !== 'order-up-to' && policy !== 'reorder-point')
    invalid(`Unknown inventory policy '${String(policy)}'`);
  const leadTime = input.leadTime;
  if (!(Number.isFinite(leadTime) && leadTime >= 0))
    invalid(`leadTime must be a finite number ≥ 0, got ${leadTime}`);
  const reviewPeriod = input.reviewPeriod ?? 1;
  if (!(Number.isFinite(reviewPeriod) && reviewPeriod > 0))
    invalid(`reviewPeriod must be > 0, got ${reviewPeriod}`);
  const protection = policy === 'order-up-to' ? leadTime + reviewPeriod : leadTime;
  const forecast = input.forecast;
  if (forecast.length < Math.ceil(protection))
    throw new InputError(
      'insufficient_data',
      `The forecast has ${forecast.length} periods; the protection interval needs ${Math.ceil(protection)}`,
      { hint: 'Forecast at least lead time + review period periods ahead' },
    );
  forecast.forEach((v, j) => {
    if (!Number.isFinite(v)) invalid(`Forecast period ${j + 1} is not finite`);
  });
  const notes: string[] = [];
  const clipped = forecast.map((v) => Math.max(0, v));
  if (clipped.some((v, j) => v !== forecast[j])) notes.push('Negative demand forecasts were treated as 0');
  const onHand = nonNegative(input.onHand, 'onHand');
  const onOrder = nonNegative(input.onOrder, 'onOrder');
  const backorders = nonNegative(input.backorders, 'backorders');
  const roundingUnit = nonNegative(input.roundingUnit, 'roundingUnit', 1);
  const inventoryPosition = onHand + onOrder - backorders;

  const meanDemand = clipped.reduce((a, v) => a + v, 0) / clipped.length;
  let economicOrderQuantity: number | undefined;
  if (input.orderingCost !== undefined || input.holdingCost !== undefined) {
    const k = nonNegative(input.orderingCost, 'orderingCost');
    const h = nonNegative(input.holdingCost, 'holdingCost');
    if (input.orderingCost === undefined || input.holdingCost === undefined || !(h > 0))
      invalid('EOQ needs both orderingCost and a holdingCost > 0');
    economicOrderQuantity = Math.sqrt((2 * meanDemand * k) / h);
  }
  let lotSize: number | undefined;
  if (policy === 'reorder-point') {
    if (input.orderQuantity !== undefined) {
      if (!(Number.isFinite(input.orderQuantity) && input.orderQuantity > 0))
        invalid(`orderQuantity must be > 0, got ${input.orderQuantity}`);
      lotSize = input.orderQuantity;
    } else lotSize = economicOrderQuantity;
    if (lotSize === undefined || !(lotSize > 0))
      invalid(
        'The reorder-point policy needs an order quantity',
        'Give orderQuantity, or orderingCost and holdingCost for EOQ',
      );
  }

  const leadTimeDemand = demandOver(clipped, leadTime);
  const protectionDemand = demandOver(clipped, protection);
  const sigma = protectionDeviation(input, protection);
  let safetyFactor: number;
  let serviceTarget: InventorySuggestion['serviceTarget'];
  if (input.fillRate !== undefined) {
    const beta = probability(input.fillRate, 'fillRate');
    serviceTarget = { kind: 'fill-rate', value: beta };
    // Demand replenished per cycle: the lot size (s, Q) or the demand of one review period (R, S).
    const perCycle = policy === 'reorder-point' ? (lotSize as number) : protectionDemand - leadTimeDemand;
    if (sigma === 0) safetyFactor = 0;
    else if (perCycle === 0) {
      safetyFactor = standardNormalQuantile(beta);
      notes.push('No demand per cycle: the fill-rate target was applied as a cycle service level');
    } else safetyFactor = inverseStandardNormalLoss(((1 - beta) * perCycle) / sigma);
  } else {
    const alpha = probability(input.serviceLevel ?? 0.95, 'serviceLevel');
    serviceTarget = { kind: 'cycle-service-level', value: alpha };
    safetyFactor = standardNormalQuantile(alpha);
  }
  let safetyStock = safetyFactor * sigma;
  if (safetyStock < 0) {
    notes.push('The service target needs less than the expected demand; safety stock set to 0');
    safetyStock = 0;
  }
  const usedFactor = sigma > 0 ? safetyStock / sigma : safetyFactor;
  const expectedShortagePerCycle = sigma * standardNormalLoss(usedFactor);
  const level = protectionDemand + safetyStock;
  // The reorder point always protects the lead time alone; for (R, S) it is informational.
  const leadTimeSigma = policy === 'reorder-point' ? sigma : protectionDeviation(input, leadTime);
  const reorderPoint =
    policy === 'reorder-point' ? level : leadTimeDemand + Math.max(0, usedFactor * leadTimeSigma);
  let orderQuantity: number;
  if (policy === 'order-up-to') orderQuantity = roundUp(level - inventoryPosition, roundingUnit);
  else {
    const q = lotSize as number;
    orderQuantity =
      inventoryPosition <= level
        ? roundUp((Math.floor((level - inventoryPosition) / q) + 1) * q, roundingUnit)
        : 0;
  }
  return {
    policy,
    protectionPeriods: protection,
    leadTimeDemand,
    protectionDemand,
    protectionStandardDeviation: sigma,
    serviceTarget,
    safetyFactor,
    safetyStock,
    reorderPoint,
    ...(policy === 'order-up-to' ? { orderUpToLevel: level } : {}),
    inventoryPosition,
    ...(economicOrderQuantity === undefined ? {} : { economicOrderQuantity }),
    orderQuantity,
    expectedShortagePerCycle,
    notes,
  };
}
