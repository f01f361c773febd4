import { InputError } from '../../core/errors.js';
import {
  type CalibrationReport,
  type ClvModels,
  type ClvScores,
  calibrationReport,
  fitBgNbd,
  fitClvModels,
  type PurchaseSummary,
  scoreClv,
  TIME_UNIT_DAYS,
  type TimeUnit,
} from '../../customers/index.js';
import type { Localized } from '../../report/index.js';
import type { Queryable, Store } from '../../store/store.js';
import { findModelRun, insertModelRun, listModelRuns, type ModelRun } from '../model-runs.js';
import { countedOrder } from './customer-sql.js';
import { type DataWindow, dataWindowUpTo } from './data-window.js';
import { insertCustomerScores } from './derived-rows.js';
import { type MoneyConversion, type MoneySettings, resolveMoney } from './money.js';
import { loadPurchaseSummary } from './purchase-summary-sql.js';

/**
 * CLV as a use case: purchase summary in SQL → BG/NBD + Gamma-Gamma (per currency market) →
 * per-customer P(alive), expected purchases and spend, discounted CLV with an interval, churn
 * risk and "days since expected next purchase" → `customer_scores` rows under one `clv` run.
 * Validation is built in: unless switched off, the models are first fitted on a calibration
 * period and compared with what customers actually bought in the holdout that follows.
 */

export const clvRunKind = 'clv';

export interface ClvFitOptions {
  readonly timeUnit?: TimeUnit;
  /** Scores as of this instant (default: the last order). */
  readonly asOf?: Date;
  /** Holdout split: a date, `auto` (the last quarter of the window, default) or `none`. */
  readonly calibrationEnd?: Date | 'auto' | 'none';
  readonly horizonMonths?: number;
  readonly monthlyDiscountRate?: number;
  readonly level?: number;
  readonly draws?: number;
  readonly seed?: number;
  readonly money?: MoneySettings;
}

export interface ClvValidation {
  readonly calibrationEnd: Date;
  readonly observationEnd: Date;
  readonly customers: number;
  readonly bgNbd: ClvModels['bgNbd'];
  readonly report: CalibrationReport;
}

export interface ClvRun {
  readonly modelRunId: string;
  readonly engine: 'classic';
  readonly timeUnit: TimeUnit;
  readonly asOf: Date;
  readonly dataWindow: DataWindow;
  readonly currency: string;
  readonly models: ClvModels;
  readonly validation: ClvValidation | null;
  readonly scores: ClvScores;
  /** What the user should know about this run, in both report languages. */
  readonly notes: readonly Localized[];
}

const dayMs = 86_400_000;

/** Currency market of each customer of the summary: its most frequent order currency up to the summary's day. */
export async function customerMarkets(
  db: Queryable,
  summary: PurchaseSummary,
  fallback: string,
): Promise<string[]> {
  const rows = await db.query(
    `SELECT customer_id, upper(trim(currency)) AS currency, count(*) AS orders FROM orders
     WHERE ordered_at < CAST($1 AS TIMESTAMPTZ) AND ${countedOrder}
     GROUP BY customer_id, upper(trim(currency))`,
    [new Date(summary.calibrationEnd.getTime() + dayMs)],
  );
  const best = new Map<string, { currency: string; orders: number }>();
  for (const row of rows) {
    const id = String(row.customer_id);
    const currency = row.currency === null ? fallback : String(row.currency);
    const orders = Number(row.orders);
    const current = best.get(id);
    if (!current || orders > current.orders || (orders === current.orders && currency < current.currency))
      best.set(id, { currency, orders });
  }
  return summary.customerIds.map((id) => best.get(id)?.currency ?? fallback);
}

/** The holdout split for `auto`: the last quarter of the window, when that is at least 8 weeks of a 32+ week window. */
function autoCalibrationEnd(window: DataWindow, asOf: Date): Date | null {
  const span = asOf.getTime() - window.start.getTime();
  if (span < 32 * 7 * dayMs) return null;
  return new Date(Math.floor((asOf.getTime() - span / 4) / dayMs) * dayMs);
}

async function validate(
  store: Store,
  money: MoneyConversion,
  timeUnit: TimeUnit,
  calibrationEnd: Date,
  asOf: Date,
  seed: number,
): Promise<ClvValidation> {
  const summary = await loadPurchaseSummary(store, { calibrationEnd, observationEnd: asOf, timeUnit, money });
  const bgNbd = fitBgNbd(summary, { seed });
  return {
    calibrationEnd,
    observationEnd: asOf,
    customers: summary.customerIds.length,
    bgNbd,
    report: calibrationReport(summary, bgNbd.params),
  };
}

/** Fits, validates and scores; see the file comment. */
export async function fitClv(store: Store, options: ClvFitOptions = {}): Promise<ClvRun> {
  const started = new Date();
  const timeUnit = options.timeUnit ?? 'week';
  const seed = options.seed ?? 1;
  const window = await dataWindowUpTo(store, options.asOf);
  const money = await resolveMoney(store, options.money);
  const asOf = options.asOf ?? window.end;
  const notes: Localized[] = [];
  const split =
    options.calibrationEnd === 'none'
      ? null
      : options.calibrationEnd === undefined || options.calibrationEnd === 'auto'
        ? autoCalibrationEnd(window, asOf)
        : options.calibrationEnd;
  if (split && (split <= window.start || split >= asOf)) {
    throw new InputError(
      'invalid_argument',
      `The calibration end ${split.toISOString().slice(0, 10)} is not inside the data window ${window.start.toISOString().slice(0, 10)} … ${asOf.toISOString().slice(0, 10)}`,
    );
  }
  if (!split && options.calibrationEnd !== 'none')
    notes.push({
      en: 'The data window is under 32 weeks: no holdout validation.',
      zh: '数据窗口不足 32 周：未做留出期检验。',
    });
  const validation = split ? await validate(store, money, timeUnit, split, asOf, seed) : null;

  const summary = await loadPurchaseSummary(store, { calibrationEnd: asOf, timeUnit, money });
  const markets = await customerMarkets(store, summary, money.currency);
  const models = fitClvModels(summary, markets, { seed });
  for (const model of models.spend) {
    if (model.problem)
      notes.push({
        en: `No spend model for ${model.group} customers: ${model.problem}`,
        zh: `${model.group} 客户没有消费模型：${model.problem}`,
      });
    else if (model.fit && !model.fit.converged)
      notes.push({
        en: `Gamma-Gamma fit for ${model.group} did not converge: ${model.fit.message}`,
        zh: `${model.group} 的 Gamma-Gamma 拟合未收敛：${model.fit.message}`,
      });
    if (model.fit && !model.fit.covarianceLog)
      notes.push({
        en: `No CLV intervals for ${model.group}: the spend model's information matrix is singular.`,
        zh: `${model.group} 无客户价值区间：消费模型的信息矩阵奇异。`,
      });
    if (model.zeroSpendRepeaters > 0)
      notes.push({
        en: `${model.zeroSpendRepeaters} ${model.group} repeat customers whose repeat orders were all free were left out of the spend fit (and scored with it).`,
        zh: `${model.zeroSpendRepeaters} 位 ${model.group} 复购订单全部免费的客户未参与消费模型拟合（但用该模型评分）。`,
      });
  }
  if (!models.bgNbd.converged)
    notes.push({
      en: `BG/NBD fit did not converge: ${models.bgNbd.message}`,
      zh: `BG/NBD 拟合未收敛：${models.bgNbd.message}`,
    });
  if (!models.bgNbd.covarianceLog)
    notes.push({
      en: 'No CLV intervals: the BG/NBD information matrix is singular (standard errors shown as null).',
      zh: '无客户价值区间：BG/NBD 的信息矩阵奇异（标准误显示为 null）。',
    });
  const scores = scoreClv(summary, markets, models, {
    horizonMonths: options.horizonMonths,
    monthlyDiscountRate: options.monthlyDiscountRate,
    level: options.level,
    draws: options.draws,
    seed,
  });
  const modelRunId = await store.transaction(async (tx) => {
    const id = await insertModelRun(tx, {
      kind: clvRunKind,
      engine: 'classic',
      params: {
        model: 'BG/NBD + Gamma-Gamma',
        timeUnit,
        asOf: asOf.toISOString(),
        calibrationEnd: split?.toISOString() ?? null,
        horizonMonths: scores.horizonMonths,
        monthlyDiscountRate: scores.monthlyDiscountRate,
        level: scores.level,
        currency: money.currency,
        fxRates: money.rates,
        seed,
      },
      metrics: {
        customers: summary.customerIds.length,
        bgNbd: models.bgNbd,
        spend: models.spend,
        validation: validation && {
          calibrationEnd: validation.calibrationEnd.toISOString(),
          bgNbd: validation.bgNbd.params,
          overall: validation.report.overall,
          buckets: validation.report.buckets,
        },
        notes,
      },
      dataWindow: { start: window.start, end: asOf },
      startedAt: started,
    });
    await writeScores(tx, id, scores, summary, timeUnit);
    return id;
  });
  return {
    modelRunId,
    engine: 'classic',
    timeUnit,
    asOf,
    dataWindow: { start: window.start, end: asOf },
    currency: money.currency,
    models,
    validation,
    scores,
    notes,
  };
}

async function writeScores(
  db: Queryable,
  runId: string,
  scores: ClvScores,
  summary: PurchaseSummary,
  timeUnit: TimeUnit,
): Promise<void> {
  const { customerIds } = scores;
  const unitDays = TIME_UNIT_DAYS[timeUnit];
  await insertCustomerScores(db, runId, {
    kind: 'clv',
    customerIds,
    value: scores.clv,
    lower: scores.clvLower,
    upper: scores.clvUpper,
    details: (i) => ({
      horizon_months: scores.horizonMonths,
      expected_purchases: scores.expectedPurchases[i],
      expected_spend: scores.valued[i] ? scores.expectedSpend[i] : null,
      market: scores.group[i],
      level: scores.level,
    }),
  });
  await insertCustomerScores(db, runId, { kind: 'p_alive', customerIds, value: scores.probabilityAlive });
  await insertCustomerScores(db, runId, {
    kind: 'churn_risk',
    customerIds,
    value: scores.churnRisk,
    details: (i) => {
      // T is measured to 00:00 UTC of the calibration day, so the last purchase day is that minus T − t_x.
      const lastPurchaseMs =
        summary.calibrationEnd.getTime() -
        ((summary.age[i] as number) - (summary.recency[i] as number)) * unitDays * dayMs;
      return {
        days_since_expected_purchase: Math.round(scores.daysSinceExpectedPurchase[i] as number),
        last_purchase_day: new Date(lastPurchaseMs).toISOString().slice(0, 10),
      };
    },
  });
}

/** The CLV run on the latest data (newest first among equals), or the one named; an InputError when there is none. */
export async function clvRunFor(db: Queryable, runId?: string): Promise<ModelRun> {
  const run = runId
    ? await findModelRun(db, runId)
    : ((await listModelRuns(db, clvRunKind, 1, 'dataEnd'))[0] ?? null);
  if (!run || run.kind !== clvRunKind) {
    throw new InputError('no_model_run', runId ? `There is no CLV run ${runId}` : 'There is no CLV run yet', {
      hint: 'Fit the models first: marketmind clv fit',
    });
  }
  return run;
}
