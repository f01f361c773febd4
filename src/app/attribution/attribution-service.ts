import {
  type ChannelCredit,
  heuristicAttribution,
  type Journey,
  markovAttribution,
  shapleyAttribution,
} from '../../attribution/index.js';
import { InputError } from '../../core/errors.js';
import type { Localized } from '../../report/index.js';
import type { Queryable, Store } from '../../store/store.js';
import type { DataWindow } from '../customers/data-window.js';
import { type MoneyConversion, type MoneySettings, resolveMoney } from '../customers/money.js';
import { insertModelRun } from '../model-runs.js';
import { loadJourneyPaths } from './journeys-sql.js';

/**
 * Multi-touch attribution over the store's customer journeys (touchpoints ending in the customer's
 * next counted order within the lookback, or in nothing): the rule-based models, Markov removal
 * effects and Shapley values side by side, with each channel's spend from `campaign_stats` and its
 * return = attributed revenue / spend. One `attribution` model run records the results.
 */

export type ShapleyGame = 'conversionRate' | 'conversions';

export type AttributionModel = 'first' | 'last' | 'linear' | 'time-decay' | 'position' | 'markov' | 'shapley';

/** Every model, in the order tables and charts show them. */
export const attributionModels: readonly AttributionModel[] = [
  'first',
  'last',
  'linear',
  'time-decay',
  'position',
  'markov',
  'shapley',
];

export const attributionModelNames: Readonly<Record<AttributionModel, Localized>> = {
  first: { en: 'First touch', zh: '首次触点' },
  last: { en: 'Last touch', zh: '末次触点' },
  linear: { en: 'Linear', zh: '线性' },
  'time-decay': { en: 'Time decay', zh: '时间衰减' },
  position: { en: 'Position-based', zh: '位置加权' },
  markov: { en: 'Markov', zh: '马尔可夫' },
  shapley: { en: 'Shapley', zh: 'Shapley 值' },
};

export interface AttributionRunOptions {
  /** Default: all models. */
  readonly models?: readonly AttributionModel[];
  /** Order of the Markov chain (default 1). */
  readonly markovOrder?: 1 | 2 | 3;
  /**
   * Shapley's characteristic function (see src/attribution/shapley.ts): `conversionRate` (default; the
   * coalition game of Dalessandro et al. 2012 — it uses the non-converting journeys, and recovers the
   * demo's planted channel effects best) or `conversions` (the "simplified" game: each conversion split
   * equally over the distinct channels of its journey).
   */
  readonly shapleyGame?: ShapleyGame;
  /** A touch belongs to an order at most this many days later (default 30). */
  readonly lookbackDays?: number;
  readonly money?: MoneySettings;
}

export interface ModelCredit {
  /** Attributed conversions (orders). */
  readonly conversions: number;
  /** Attributed revenue in the reporting currency. */
  readonly value: number;
  /** Share of all conversions. */
  readonly share: number;
}

export interface ChannelAttributionRow {
  readonly channel: string;
  readonly byModel: Readonly<Partial<Record<AttributionModel, ModelCredit>>>;
  /** Spend in the reporting currency from campaign_stats; null when the channel has no spend rows. */
  readonly spend: number | null;
  /** Attributed revenue / spend per model; null when there is no spend (or it is 0). */
  readonly roi: Readonly<Partial<Record<AttributionModel, number | null>>>;
}

export interface AttributionTotals {
  /** Distinct paths (aggregated journeys). */
  readonly paths: number;
  readonly journeys: number;
  readonly conversions: number;
  readonly nonConverting: number;
  readonly value: number;
  readonly spend: number;
  readonly currency: string;
}

export interface AttributionRun {
  readonly modelRunId: string;
  readonly engine: 'classic';
  /** Time span of the touchpoints analysed. */
  readonly dataWindow: DataWindow;
  readonly lookbackDays: number;
  readonly markovOrder: number;
  readonly shapleyGame: ShapleyGame;
  readonly models: readonly AttributionModel[];
  readonly channels: readonly ChannelAttributionRow[];
  readonly totals: AttributionTotals;
  readonly notes: readonly Localized[];
}

/** Validates a model list (unknown names are a usage error); `undefined` → all models. */
export function parseAttributionModels(models: readonly string[] | undefined): AttributionModel[] {
  if (models === undefined || models.length === 0 || (models.length === 1 && models[0] === 'all'))
    return [...attributionModels];
  const unknown = models.filter((m) => !(attributionModels as readonly string[]).includes(m));
  if (unknown.length > 0)
    throw new InputError('invalid_argument', `Unknown attribution model(s): ${unknown.join(', ')}`, {
      hint: `choose from all, ${attributionModels.join(', ')}`,
    });
  return attributionModels.filter((m) => models.includes(m));
}

/** Spend per channel in the reporting currency (campaigns without a currency count as reporting currency). */
export async function loadChannelSpend(db: Queryable, money: MoneyConversion): Promise<Map<string, number>> {
  const rows = await db.query(
    `SELECT coalesce(s.channel, c.channel) AS channel, upper(trim(c.currency)) AS currency, sum(s.spend) AS spend
     FROM campaign_stats AS s LEFT JOIN campaigns AS c ON c.id = s.campaign_id
     GROUP BY coalesce(s.channel, c.channel), upper(trim(c.currency))`,
  );
  const spend = new Map<string, number>();
  for (const row of rows) {
    if (row.channel === null || row.channel === undefined) continue;
    const currency =
      row.currency === null || row.currency === undefined ? money.currency : String(row.currency);
    const rate = money.rates[currency];
    if (rate === undefined)
      throw new InputError(
        'missing_fx_rate',
        `Campaign spend is in ${currency}, which cannot be compared with ${money.currency} without an exchange rate`,
        {
          hint: `Add "fxRates": {"${currency}": …} (units of ${money.currency} per unit) to marketmind.config.json`,
        },
      );
    const channel = String(row.channel);
    spend.set(channel, (spend.get(channel) ?? 0) + Number(row.spend) * rate);
  }
  return spend;
}

/** Credits per channel of every requested model (pure; journeys as loaded). */
export function attributeJourneys(
  journeys: readonly Journey[],
  models: readonly AttributionModel[],
  markovOrder: number,
  shapleyGame: ShapleyGame = 'conversionRate',
): Map<AttributionModel, readonly ChannelCredit[]> {
  const out = new Map<AttributionModel, readonly ChannelCredit[]>();
  const heuristic = models.some((m) => m !== 'markov' && m !== 'shapley')
    ? heuristicAttribution(journeys)
    : null;
  for (const model of models) {
    if (model === 'markov') out.set(model, markovAttribution(journeys, { order: markovOrder }).byChannel);
    else if (model === 'shapley')
      out.set(model, shapleyAttribution(journeys, { characteristic: shapleyGame }).byChannel);
    else if (heuristic) {
      const credits = {
        first: heuristic.firstTouch,
        last: heuristic.lastTouch,
        linear: heuristic.linear,
        'time-decay': heuristic.timeDecay,
        position: heuristic.positionBased,
      }[model];
      out.set(model, credits);
    }
  }
  return out;
}

/**
 * Runs the attribution models on the store's journeys and records an `attribution` model run.
 * Errors (InputError): no touchpoints (`insufficient_data`), no converting journey (`insufficient_data`),
 * bad options (`invalid_argument`), campaign spend in a currency without a rate (`missing_fx_rate`).
 */
export async function runAttribution(
  store: Store,
  options: AttributionRunOptions = {},
): Promise<AttributionRun> {
  const started = new Date();
  const models = parseAttributionModels(options.models);
  const markovOrder = options.markovOrder ?? 1;
  if (![1, 2, 3].includes(markovOrder))
    throw new InputError('invalid_argument', `The Markov order must be 1, 2 or 3, got ${markovOrder}`);
  const shapleyGame = options.shapleyGame ?? 'conversionRate';
  if (shapleyGame !== 'conversionRate' && shapleyGame !== 'conversions')
    throw new InputError(
      'invalid_argument',
      `The Shapley game must be conversionRate or conversions, got ${String(shapleyGame)}`,
    );
  const lookbackDays = options.lookbackDays ?? 30;
  const money = await resolveMoney(store, options.money);
  const [span] = await store.query('SELECT min(ts) AS start, max(ts) AS end, count(*) AS n FROM touchpoints');
  if (!span || Number(span.n) === 0 || !(span.start instanceof Date) || !(span.end instanceof Date))
    throw new InputError('insufficient_data', 'There are no touchpoints in the store', {
      hint: 'Load marketing touchpoints first: marketmind ingest touchpoints FILE (or run marketmind demo).',
    });
  const dataWindow: DataWindow = { start: span.start, end: span.end };
  const paths = await loadJourneyPaths(store, { lookbackDays, money });
  const journeys: Journey[] = paths.map((p) => ({
    path: p.path,
    conversions: p.conversions,
    value: p.value,
    nulls: p.nulls,
  }));
  const conversions = paths.reduce((s, p) => s + p.conversions, 0);
  if (conversions === 0)
    throw new InputError(
      'insufficient_data',
      `No journey ends in an order within ${lookbackDays} days, so there is nothing to attribute`,
      { hint: 'Load orders for the same customers, or widen --lookback-days.' },
    );
  const credits = attributeJourneys(journeys, models, markovOrder, shapleyGame);
  const spend = await loadChannelSpend(store, money);

  const channelNames = new Set<string>();
  for (const list of credits.values()) for (const c of list) channelNames.add(c.channel);
  const withoutSpend = [...channelNames].filter((c) => !spend.has(c));
  const spendOnly = [...spend.keys()].filter((c) => !channelNames.has(c));
  for (const c of spendOnly) channelNames.add(c);
  const leading = models[0] as AttributionModel;
  const leadCredit = (channel: string) =>
    credits.get(leading)?.find((c) => c.channel === channel)?.conversions ?? 0;
  const ordered = [...channelNames].sort((a, b) => leadCredit(b) - leadCredit(a) || a.localeCompare(b));
  const channels: ChannelAttributionRow[] = ordered.map((channel) => {
    const byModel: Partial<Record<AttributionModel, ModelCredit>> = {};
    const roi: Partial<Record<AttributionModel, number | null>> = {};
    const channelSpend = spend.get(channel) ?? null;
    for (const model of models) {
      const credit = credits.get(model)?.find((c) => c.channel === channel);
      const conv = credit?.conversions ?? 0;
      const value = credit?.value ?? 0;
      byModel[model] = { conversions: conv, value, share: conv / conversions };
      roi[model] = channelSpend !== null && channelSpend > 0 ? value / channelSpend : null;
    }
    return { channel, byModel, spend: channelSpend, roi };
  });
  const totals: AttributionTotals = {
    paths: paths.length,
    journeys: paths.reduce((s, p) => s + p.conversions + p.nulls, 0),
    conversions,
    nonConverting: paths.reduce((s, p) => s + p.nulls, 0),
    value: paths.reduce((s, p) => s + p.value, 0),
    spend: [...spend.values()].reduce((s, x) => s + x, 0),
    currency: money.currency,
  };

  const notes: Localized[] = [
    {
      en: `Journeys: touches up to ${lookbackDays} days before a customer's next counted order convert with it; other touches form non-converting journeys. ROI here is attributed revenue / spend (a return on ad spend; subtract 1 for net return).`,
      zh: `客户旅程：客户下一笔有效订单之前 ${lookbackDays} 天内的触点计入该订单的转化；其余触点构成未转化旅程。此处 ROI = 归因收入 / 花费（即广告支出回报率；减 1 为净回报）。`,
    },
  ];
  if (models.includes('shapley'))
    notes.push(
      shapleyGame === 'conversionRate'
        ? {
            en: 'Shapley uses the conversion-rate game (a coalition is worth the conversion rate of the journeys whose channels it covers, so channels common in non-converting journeys get less — possibly negative — credit; scaled to the total conversions).',
            zh: 'Shapley 值采用转化率博弈（联盟的价值 = 其渠道覆盖的旅程的转化率，常出现在未转化旅程中的渠道得分更低，可能为负；按总转化数缩放）。',
          }
        : {
            en: 'Shapley uses the conversion game (each conversion split equally over the distinct channels of its journey).',
            zh: 'Shapley 值采用转化博弈（每次转化在旅程中不同渠道间均分）。',
          },
    );
  if (models.includes('markov'))
    notes.push({
      en: 'Markov uses removal effects of the exact absorbing chain (the share of conversions lost when a channel leads nowhere).',
      zh: '马尔可夫模型用精确吸收链的移除效应（某渠道被移除、流向失败时损失的转化份额）。',
    });
  if (withoutSpend.length > 0)
    notes.push({
      en: `No spend recorded in campaign_stats for: ${withoutSpend.join(', ')} (ROI not computed).`,
      zh: `以下渠道在 campaign_stats 中没有花费记录：${withoutSpend.join('、')}（不计算 ROI）。`,
    });
  if (spendOnly.length > 0)
    notes.push({
      en: `Spend without any touchpoints: ${spendOnly.join(', ')} (attributed nothing).`,
      zh: `有花费但没有任何触点的渠道：${spendOnly.join('、')}（未获归因）。`,
    });

  const modelRunId = await insertModelRun(store, {
    kind: 'attribution',
    engine: 'classic',
    params: { models, markovOrder, shapleyGame, lookbackDays, currency: money.currency },
    metrics: { totals, channels },
    dataWindow,
    startedAt: started,
  });
  return {
    modelRunId,
    engine: 'classic',
    dataWindow,
    lookbackDays,
    markovOrder,
    shapleyGame,
    models,
    channels,
    totals,
    notes,
  };
}
