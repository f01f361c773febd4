import { steadyStateResponse } from '../../../attribution/index.js';
import type { Block, Localized, Section } from '../../../report/index.js';
import type { BudgetRun } from '../budget-service.js';
import { channelLabel, grouped } from './campaign-section.js';

/**
 * Media-mix and budget section: the fitted response curve of each channel (steady-state daily
 * conversions against daily spend, with the planted curve on demo data), marginal ROI at the current
 * and optimised spend, fitted vs planted parameters, the holdout check, and the budget plan (current
 * vs optimised spend by channel) with its expected uplift and interval.
 */

const f = (n: number | null | undefined, digits = 2): string =>
  n === null || n === undefined ? '—' : n.toFixed(digits);

const withInterval = (value: number, lower: number | null, upper: number | null, digits: number): string =>
  lower === null || upper === null
    ? value.toFixed(digits)
    : `${value.toFixed(digits)} [${lower.toFixed(digits)}, ${upper.toFixed(digits)}]`;

/** The section for one `media_mix` run. */
export function buildBudgetSection(run: BudgetRun): Section {
  const { plan, currency, recovery } = run;
  const interval = plan.upliftInterval;
  const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
  const level = interval ? `${Math.round(interval.level * 100)}%` : '';
  const currentTotal = plan.channels.reduce((sum, c) => sum + c.currentSpend, 0);
  const sameTotal = Math.abs(currentTotal - plan.totalDailyBudget) <= 1e-6 * Math.max(1, currentTotal);
  const spending: Localized = sameTotal
    ? {
        en: `Moving the same ${plan.totalDailyBudget.toFixed(0)} ${currency} a day as proposed`,
        zh: `按建议调整同样的每日 ${plan.totalDailyBudget.toFixed(0)} ${currency} 预算`,
      }
    : {
        en: `Spending ${plan.totalDailyBudget.toFixed(0)} ${currency} a day (now ${currentTotal.toFixed(0)}) as proposed`,
        zh: `按建议每日投放 ${plan.totalDailyBudget.toFixed(0)} ${currency}（当前 ${currentTotal.toFixed(0)}）`,
      };
  const upliftText: Localized = interval
    ? {
        en: `${spending.en} raises expected conversions from ${plan.currentConversions.toFixed(1)} to ${plan.optimizedConversions.toFixed(1)} a day: +${plan.uplift.toFixed(2)} (${pct(plan.relativeUplift)}), ${level} interval ${interval.lower.toFixed(2)} … ${interval.upper.toFixed(2)}, P(uplift > 0) = ${interval.probabilityPositive.toFixed(2)}.`,
        zh: `${spending.zh}，预期日转化由 ${plan.currentConversions.toFixed(1)} 增至 ${plan.optimizedConversions.toFixed(1)}：+${plan.uplift.toFixed(2)}（${pct(plan.relativeUplift)}），${level} 区间 ${interval.lower.toFixed(2)} … ${interval.upper.toFixed(2)}，提升为正的概率 ${interval.probabilityPositive.toFixed(2)}。`,
      }
    : {
        en: `The proposed plan raises expected conversions from ${plan.currentConversions.toFixed(1)} to ${plan.optimizedConversions.toFixed(1)} a day (+${plan.uplift.toFixed(2)}, ${pct(plan.relativeUplift)}); no interval (0 draws).`,
        zh: `建议方案使预期日转化由 ${plan.currentConversions.toFixed(1)} 增至 ${plan.optimizedConversions.toFixed(1)}（+${plan.uplift.toFixed(2)}，${pct(plan.relativeUplift)}）；未计算区间（0 次抽样）。`,
      };
  const sure = interval !== null && interval.lower > 0;

  const curveBlocks: Block[] = run.fit.channels.map((c) => {
    const planted = recovery?.plantedParams[c.channel];
    const label = channelLabel(c.channel);
    const name = typeof label === 'string' ? { en: label, zh: label } : label;
    return {
      kind: 'chart',
      caption: {
        en: `${name.en}: daily spend (${currency}) → expected conversions per day`,
        zh: `${name.zh}：日花费（${currency}）→ 日均期望转化`,
      },
      chart: {
        type: 'line',
        height: 220,
        xLabel: { en: `Daily spend (${currency})`, zh: `日花费（${currency}）` },
        yLabel: { en: 'Conversions / day', zh: '日转化' },
        categories: c.curve.map((p) => p.dailySpend.toFixed(0)),
        series: [
          { name: { en: 'Fitted', zh: '拟合' }, values: c.curve.map((p) => p.conversions) },
          ...(planted
            ? [
                {
                  name: { en: 'Planted', zh: '预设' },
                  values: c.curve.map((p) => steadyStateResponse(p.dailySpend, planted)),
                  dashed: true,
                },
              ]
            : []),
        ],
      },
    };
  });

  const byChannel = new Map(plan.channels.map((c) => [c.channel, c]));
  const blocks: Block[] = [
    {
      kind: 'kpis',
      items: [
        {
          label: { en: `Daily budget (${currency})`, zh: `每日预算（${currency}）` },
          value: grouped(plan.totalDailyBudget),
        },
        {
          label: { en: 'Conversions / day now', zh: '当前日转化' },
          value: plan.currentConversions.toFixed(1),
        },
        {
          label: { en: 'Conversions / day optimised', zh: '优化后日转化' },
          value: plan.optimizedConversions.toFixed(1),
        },
        {
          label: { en: 'Expected uplift', zh: '预期提升' },
          value: pct(plan.relativeUplift),
          ...(interval
            ? {
                hint: {
                  en: `${level}: ${interval.lower.toFixed(2)} … ${interval.upper.toFixed(2)} conversions/day`,
                  zh: `${level}：${interval.lower.toFixed(2)} … ${interval.upper.toFixed(2)} 次/日`,
                },
              }
            : {}),
        },
      ],
    },
    { kind: 'callout', tone: sure ? 'good' : 'info', text: upliftText },
    {
      kind: 'chart',
      caption: { en: `Daily spend by channel (${currency})`, zh: `各渠道日花费（${currency}）` },
      chart: {
        type: 'bar',
        categories: plan.channels.map((c) => channelLabel(c.channel)),
        series: [
          { name: { en: 'Current', zh: '当前' }, values: plan.channels.map((c) => c.currentSpend) },
          { name: { en: 'Optimised', zh: '优化后' }, values: plan.channels.map((c) => c.optimizedSpend) },
        ],
      },
    },
    {
      kind: 'table',
      caption: { en: 'Budget plan and marginal returns', zh: '预算方案与边际回报' },
      columns: [
        { key: 'channel', label: { en: 'Channel', zh: '渠道' } },
        {
          key: 'current',
          label: { en: `Current/day (${currency})`, zh: `当前日花费（${currency}）` },
          format: 'number',
        },
        {
          key: 'optimised',
          label: { en: `Optimised/day (${currency})`, zh: `优化后日花费（${currency}）` },
          format: 'number',
        },
        { key: 'change', label: { en: 'Change', zh: '变化' }, format: 'percent' },
        { key: 'conversionsNow', label: { en: 'Conversions/day now', zh: '当前日转化' }, format: 'number' },
        {
          key: 'conversionsOpt',
          label: { en: 'Conversions/day optimised', zh: '优化后日转化' },
          format: 'number',
        },
        { key: 'roiNow', label: { en: 'Marginal ROI now', zh: '当前边际 ROI' }, format: 'number' },
        { key: 'roiOpt', label: { en: 'Marginal ROI optimised', zh: '优化后边际 ROI' }, format: 'number' },
      ],
      rows: run.channels.map((c) => {
        const b = byChannel.get(c.channel);
        const value = c.valuePerConversion;
        return {
          channel: channelLabel(c.channel),
          current: b ? Math.round(b.currentSpend) : null,
          optimised: b ? Math.round(b.optimizedSpend) : null,
          change: b && b.currentSpend > 0 ? b.optimizedSpend / b.currentSpend - 1 : null,
          conversionsNow: b ? Number(b.currentConversions.toFixed(2)) : null,
          conversionsOpt: b ? Number(b.optimizedConversions.toFixed(2)) : null,
          roiNow: c.marginalRoi === null ? null : Number(c.marginalRoi.toFixed(3)),
          roiOpt: b && value !== null ? Number((b.marginalConversionsPerSpend * value).toFixed(3)) : null,
        };
      }),
    },
    {
      kind: 'paragraph',
      text: {
        en: 'Marginal ROI = revenue of the conversions one more unit of daily spend brings (value per conversion = the channel’s reported revenue / conversions); above 1 the next unit pays for itself. At the optimum, channels strictly inside their bounds have equal marginal returns.',
        zh: '边际 ROI = 每增加一单位日花费所带来转化的收入（每次转化价值 = 渠道上报收入 / 转化数）；大于 1 表示下一单位花费可以回本。在最优方案中，未触及上下限的渠道边际回报相等。',
      },
    },
    ...curveBlocks,
    {
      kind: 'table',
      caption: { en: 'Fitted response parameters (95% intervals)', zh: '响应参数拟合值（95% 区间）' },
      columns: [
        { key: 'channel', label: { en: 'Channel', zh: '渠道' } },
        { key: 'theta', label: { en: 'Adstock decay θ', zh: '衰减率 θ' } },
        { key: 'K', label: { en: `Half-saturation K (${currency})`, zh: `半饱和点 K（${currency}）` } },
        { key: 's', label: { en: 'Shape s', zh: '形状 s' } },
        { key: 'beta', label: { en: 'Max conversions/day β', zh: '最大日转化 β' } },
        { key: 'mape', label: { en: 'Holdout MAPE', zh: '留出期 MAPE' }, format: 'percent' },
        { key: 'baseline', label: { en: 'Linear baseline MAPE', zh: '线性基线 MAPE' }, format: 'percent' },
      ],
      rows: run.channels.map((c) => ({
        channel: channelLabel(c.channel),
        theta: withInterval(c.theta.value, c.theta.lower95, c.theta.upper95, 2),
        K: withInterval(c.K.value, c.K.lower95, c.K.upper95, 0),
        s: withInterval(c.s.value, c.s.lower95, c.s.upper95, 2),
        beta: withInterval(c.beta.value, c.beta.lower95, c.beta.upper95, 1),
        mape: c.holdout?.mape ?? null,
        baseline: c.holdout?.baselineMape ?? null,
      })),
    },
  ];
  if (recovery) {
    const covered = recovery.channels.filter((c) => c.thetaCovered).length;
    blocks.push(
      {
        kind: 'table',
        caption: {
          en: 'Planted vs fitted media response (demo data)',
          zh: '预设与拟合的媒体响应（演示数据）',
        },
        columns: [
          { key: 'channel', label: { en: 'Channel', zh: '渠道' } },
          { key: 'thetaPlanted', label: { en: 'θ planted', zh: 'θ 预设' } },
          { key: 'thetaFitted', label: { en: 'θ fitted', zh: 'θ 拟合' } },
          { key: 'kPlanted', label: { en: 'K planted', zh: 'K 预设' } },
          { key: 'kFitted', label: { en: 'K fitted', zh: 'K 拟合' } },
          { key: 'sPlanted', label: { en: 's planted', zh: 's 预设' } },
          { key: 'sFitted', label: { en: 's fitted', zh: 's 拟合' } },
          {
            key: 'response',
            label: { en: 'Response error at current spend', zh: '当前花费处响应误差' },
            format: 'percent',
          },
        ],
        rows: recovery.channels.map((c) => ({
          channel: channelLabel(c.channel),
          thetaPlanted: f(c.planted.theta),
          thetaFitted: f(c.fitted.theta),
          kPlanted: f(c.planted.K, 0),
          kFitted: f(c.fitted.K, 0),
          sPlanted: f(c.planted.s),
          sFitted: f(c.fitted.s),
          response: c.responseErrorAtCurrent,
        })),
      },
      {
        kind: 'callout',
        tone: recovery.upliftUnderPlantedCurves > 0 ? 'good' : 'warn',
        text: {
          en: `The 95% interval of θ covers the planted decay for ${covered} of ${recovery.channels.length} channels. Evaluated on the planted curves, the plan changes conversions by ${recovery.upliftUnderPlantedCurves >= 0 ? '+' : ''}${recovery.upliftUnderPlantedCurves.toFixed(2)} a day (the fit expected ${plan.uplift >= 0 ? '+' : ''}${plan.uplift.toFixed(2)}).`,
          zh: `在 ${recovery.channels.length} 个渠道中，有 ${covered} 个渠道的 θ 95% 区间覆盖预设衰减率。按预设响应曲线计算，该方案使日转化变化 ${recovery.upliftUnderPlantedCurves >= 0 ? '+' : ''}${recovery.upliftUnderPlantedCurves.toFixed(2)}（拟合预期为 ${plan.uplift >= 0 ? '+' : ''}${plan.uplift.toFixed(2)}）。`,
        },
      },
    );
  }
  const moved = [...plan.channels]
    .filter((c) => c.currentSpend > 0)
    .sort((a, b) => b.optimizedSpend / b.currentSpend - a.optimizedSpend / a.currentSpend);
  const up = moved[0];
  const down = moved[moved.length - 1];
  const nameOf = (c: string, locale: 'en' | 'zh') => {
    const l = channelLabel(c);
    return typeof l === 'string' ? l : l[locale];
  };
  return {
    id: 'campaigns-budget',
    title: { en: 'Media response and budget allocation', zh: '媒体响应与预算分配' },
    summary: {
      en: `Per-channel response curves (adstock + Hill saturation) fitted on ${run.dataWindow.start.toISOString().slice(0, 10)} … ${run.dataWindow.end.toISOString().slice(0, 10)}; the current budget is the mean daily spend of ${run.currentWindow.start} … ${run.currentWindow.end}. Within [${run.boundsFactor[0]}, ${run.boundsFactor[1]}] × current spend per channel${up && down && up !== down ? `, the plan moves money toward ${nameOf(up.channel, 'en')} and away from ${nameOf(down.channel, 'en')}` : ''}: expected conversions +${pct(plan.relativeUplift)}.`,
      zh: `按渠道拟合响应曲线（广告存量 + Hill 饱和），数据区间 ${run.dataWindow.start.toISOString().slice(0, 10)} … ${run.dataWindow.end.toISOString().slice(0, 10)}；当前预算为 ${run.currentWindow.start} … ${run.currentWindow.end} 的日均花费。在每个渠道当前花费的 [${run.boundsFactor[0]}, ${run.boundsFactor[1]}] 倍范围内${up && down && up !== down ? `，方案将预算移向${nameOf(up.channel, 'zh')}、移出${nameOf(down.channel, 'zh')}` : ''}：预期转化 +${pct(plan.relativeUplift)}。`,
    },
    provenance: {
      engine: run.engine,
      modelRunId: run.modelRunId,
      dataWindow: run.dataWindow,
      interval: interval ? { en: `${level} (parameter draws)`, zh: `${level}（参数抽样）` } : undefined,
      note: {
        en: `Poisson MAP fit per channel (Jin et al. 2017), Laplace intervals; the last 20% of days held out for the check against a linear spend baseline. Uplift interval from ${interval?.draws ?? 0} posterior draws with the plan held fixed. ${run.notes.map((n) => n.en).join(' ')}`,
        zh: `每个渠道用泊松 MAP 拟合（Jin 等 2017），拉普拉斯近似区间；最后 20% 的天数留出，用于与线性花费基线比较。提升区间来自 ${interval?.draws ?? 0} 次后验抽样（方案固定）。${run.notes.map((n) => n.zh).join('')}`,
      },
    },
    blocks,
  };
}
