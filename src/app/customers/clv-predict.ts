import { InputError } from '../../core/errors.js';
import { type ClvModels, scoreClv, type TimeUnit } from '../../customers/index.js';
import type { Store } from '../../store/store.js';
import { clvRunFor, customerMarkets } from './clv-service.js';
import { resolveMoney } from './money.js';
import { loadPurchaseSummary } from './purchase-summary-sql.js';

/**
 * `clv predict`: per-customer predictions from a stored CLV run (the latest by default) for any
 * horizon and discount rate, without refitting. Nothing is written: the numbers follow from the
 * stored fit, whose run id they carry.
 */

export interface ClvPredictOptions {
  readonly runId?: string;
  readonly horizonMonths?: number;
  readonly monthlyDiscountRate?: number;
  readonly level?: number;
  /** Only these customers (an unknown id is an error). */
  readonly customerIds?: readonly string[];
  /** Otherwise the top N by CLV (default 20). */
  readonly top?: number;
}

export interface ClvPrediction {
  readonly customerId: string;
  readonly market: string;
  readonly probabilityAlive: number;
  readonly churnRisk: number;
  readonly expectedPurchases: number;
  readonly expectedSpend: number | null;
  readonly clv: number | null;
  readonly clvLower: number | null;
  readonly clvUpper: number | null;
  readonly daysSinceExpectedPurchase: number;
}

export interface ClvPredictResult {
  readonly modelRunId: string;
  readonly engine: 'classic';
  readonly asOf: string;
  readonly timeUnit: TimeUnit;
  readonly currency: string;
  readonly horizonMonths: number;
  readonly monthlyDiscountRate: number;
  readonly level: number;
  readonly customers: number;
  readonly predictions: readonly ClvPrediction[];
}

const orNull = (value: number, known: boolean): number | null =>
  known && Number.isFinite(value) ? value : null;

export async function predictClv(store: Store, options: ClvPredictOptions = {}): Promise<ClvPredictResult> {
  const run = await clvRunFor(store, options.runId);
  const params = run.params as {
    timeUnit: TimeUnit;
    asOf: string;
    currency: string;
    fxRates: Record<string, number>;
    seed: number;
  };
  const models = { bgNbd: run.metrics.bgNbd, spend: run.metrics.spend } as ClvModels;
  const money = await resolveMoney(store, { reportingCurrency: params.currency, fxRates: params.fxRates });
  const summary = await loadPurchaseSummary(store, {
    calibrationEnd: new Date(params.asOf),
    timeUnit: params.timeUnit,
    money,
  });
  const markets = await customerMarkets(store, summary, money.currency);
  const scores = scoreClv(summary, markets, models, {
    horizonMonths: options.horizonMonths ?? (run.params.horizonMonths as number),
    monthlyDiscountRate: options.monthlyDiscountRate ?? (run.params.monthlyDiscountRate as number),
    level: options.level ?? (run.params.level as number),
    seed: params.seed,
  });
  const index = new Map(summary.customerIds.map((id, i) => [id, i]));
  let chosen: number[];
  if (options.customerIds && options.customerIds.length > 0) {
    const unknown = options.customerIds.filter((id) => !index.has(id));
    if (unknown.length > 0) {
      throw new InputError(
        'unknown_customer',
        `No purchases on record up to ${params.asOf.slice(0, 10)} for customer ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''}`,
      );
    }
    chosen = options.customerIds.map((id) => index.get(id) as number);
  } else {
    const order = summary.customerIds.map((_, i) => i).filter((i) => scores.valued[i]);
    order.sort((x, y) => (scores.clv[y] as number) - (scores.clv[x] as number) || x - y);
    chosen = order.slice(0, options.top ?? 20);
  }
  return {
    modelRunId: run.id,
    engine: 'classic',
    asOf: params.asOf,
    timeUnit: params.timeUnit,
    currency: money.currency,
    horizonMonths: scores.horizonMonths,
    monthlyDiscountRate: scores.monthlyDiscountRate,
    level: scores.level,
    customers: summary.customerIds.length,
    predictions: chosen.map((i) => {
      const known = scores.valued[i] === 1;
      return {
        customerId: summary.customerIds[i] as string,
        market: scores.group[i] as string,
        probabilityAlive: scores.probabilityAlive[i] as number,
        churnRisk: scores.churnRisk[i] as number,
        expectedPurchases: scores.expectedPurchases[i] as number,
        expectedSpend: orNull(scores.expectedSpend[i] as number, known),
        clv: orNull(scores.clv[i] as number, known),
        clvLower: orNull(scores.clvLower[i] as number, known),
        clvUpper: orNull(scores.clvUpper[i] as number, known),
        daysSinceExpectedPurchase: Math.round(scores.daysSinceExpectedPurchase[i] as number),
      };
    }),
  };
}
