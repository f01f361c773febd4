import type { Block, LineSeries, Localized, Section, TableBlock } from '../../../report/index.js';
import type { ForecastRun, ForecastSeriesResult } from '../forecast-service.js';
import type { DemandRecovery, DemandRecoveryRow } from '../planted-demand.js';

/**
 * Sales forecast section: KPIs of the run (series, model choices, mean back-test accuracy), the history's
 * last ~180 periods and the forecast with 80% band and 95% limits for the total (or the largest series),
 * the back-test scores of every candidate model on that series, the top series by volume with the model
 * kept, and — on the demo — how well the demand components estimated from daily orders recover the
 * planted pattern.
 */

const historyShown = { day: 180, week: 104, month: 48 } as const;

const measureNames: Readonly<Record<ForecastRun['measure'], Localized>> = {
  revenue: { en: 'revenue', zh: '收入' },
  units: { en: 'units', zh: '销量' },
  orders: { en: 'orders', zh: '订单数' },
};
const levelNames: Readonly<Record<ForecastRun['level'], Localized>> = {
  total: { en: 'total', zh: '总体' },
  category: { en: 'category', zh: '品类' },
  sku: { en: 'SKU', zh: 'SKU' },
  channel: { en: 'channel', zh: '渠道' },
  store: { en: 'store', zh: '门店' },
};
const periodNames: Readonly<Record<ForecastRun['period'], Localized>> = {
  day: { en: 'daily', zh: '每日' },
  week: { en: 'weekly', zh: '每周' },
  month: { en: 'monthly', zh: '每月' },
};

const fixed = (x: number | null, digits = 2) => (x === null || !Number.isFinite(x) ? '–' : x.toFixed(digits));
const percent = (x: number | null) => (x === null || !Number.isFinite(x) ? '–' : `${(x * 100).toFixed(1)}%`);
const signedPercent = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
const volume = (s: ForecastSeriesResult) => s.history.reduce((sum, v) => sum + Math.abs(v), 0);
const finiteOrNull = (x: number | undefined) => (x !== undefined && Number.isFinite(x) ? x : null);

function chartBlock(run: ForecastRun, series: ForecastSeriesResult, label: string): Block[] {
  if (!series.ok || series.point.length === 0)
    return [
      {
        kind: 'callout',
        tone: 'warn',
        text: {
          en: `Series ${label} could not be forecast: ${series.error ?? 'unknown error'}`,
          zh: `序列 ${label} 无法预测：${series.error ?? '未知错误'}`,
        },
      },
    ];
  const shown = Math.min(historyShown[run.period], series.history.length);
  const history = series.history.slice(-shown);
  const categories = [...run.periodStarts.slice(-shown), ...run.futureStarts];
  const blank = (n: number) => new Array<number | null>(n).fill(null);
  const band = (level: number, side: 'lower' | 'upper') =>
    series.intervals.find((i) => i.level === level)?.[side].map((v) => finiteOrNull(v)) ?? null;
  // the forecast line starts at the last actual so the two lines join
  const last = history.at(-1) ?? null;
  const future = (values: readonly (number | null)[]) => [...blank(shown - 1), last, ...values];
  const lower80 = band(80, 'lower');
  const upper80 = band(80, 'upper');
  const lower95 = band(95, 'lower');
  const upper95 = band(95, 'upper');
  const lines: LineSeries[] = [
    { name: { en: 'Actual', zh: '实际' }, values: [...history, ...blank(run.futureStarts.length)] },
    {
      name: { en: `Forecast (${series.model})`, zh: `预测（${series.model}）` },
      values: future(series.point.map((v) => finiteOrNull(v))),
      dashed: true,
      ...(lower80 && upper80 ? { lower: future(lower80), upper: future(upper80) } : {}),
    },
  ];
  if (lower95 && upper95)
    lines.push(
      { name: { en: '95% lower', zh: '95% 下限' }, values: future(lower95), dashed: true },
      { name: { en: '95% upper', zh: '95% 上限' }, values: future(upper95), dashed: true },
    );
  const measure = measureNames[run.measure];
  return [
    {
      kind: 'chart',
      caption: {
        en: `${label}: last ${shown} periods and the ${run.horizon}-period forecast (shaded: 80% interval; dashed limits: 95%)`,
        zh: `${label}：最近 ${shown} 期与未来 ${run.horizon} 期预测（阴影为 80% 区间，虚线为 95% 上下限）`,
      },
      chart: {
        type: 'line',
        categories,
        series: lines,
        bandLabel: { en: '80% interval', zh: '80% 区间' },
        yLabel: measure,
        valueFormat: run.measure === 'revenue' && run.currency ? 'currency' : 'number',
        ...(run.currency ? { currency: run.currency } : {}),
      },
    },
    {
      kind: 'table',
      caption: {
        en: `Back-test of every candidate on ${label} (${series.demand === 'intermittent' ? 'RMSSE' : 'MASE'}, lower is better; rolling origins)`,
        zh: `${label} 各候选模型的回测得分（${series.demand === 'intermittent' ? 'RMSSE' : 'MASE'}，越低越好；滚动起点）`,
      },
      columns: [
        { key: 'model', label: { en: 'Model', zh: '模型' } },
        { key: 'score', label: { en: 'Score', zh: '得分' }, format: 'number' },
        { key: 'kept', label: { en: 'Kept', zh: '选用' } },
        { key: 'note', label: { en: 'Note', zh: '说明' } },
      ],
      rows: series.scores.map((s) => ({
        model: s.name,
        score: s.score === null ? null : Math.round(s.score * 1000) / 1000,
        kept: s.name === series.chosen ? { en: 'yes', zh: '是' } : '',
        note: s.error ?? '',
      })),
    },
  ];
}

function recoveryBlocks(recovery: DemandRecovery): Block[] {
  // the peak day is circular: print it modulo the year (an interval may read [329, 44])
  const show = (row: DemandRecoveryRow, x: number) =>
    row.group === 'trend'
      ? signedPercent(x)
      : row.group === 'yearly' && row.planted > 2
        ? (((x % 365.25) + 365.25) % 365.25).toFixed(0)
        : x.toFixed(3);
  const table: TableBlock = {
    kind: 'table',
    caption: {
      en: `Planted demand pattern vs estimates from ${recovery.days} days of counted orders (${recovery.meanOrdersPerDay.toFixed(1)} a day); 95% intervals`,
      zh: `预设需求模式与基于 ${recovery.days} 天有效订单（日均 ${recovery.meanOrdersPerDay.toFixed(1)} 单）的估计对比；95% 区间`,
    },
    columns: [
      { key: 'component', label: { en: 'Component', zh: '成分' } },
      { key: 'planted', label: { en: 'Planted', zh: '预设' }, align: 'right' },
      { key: 'target', label: { en: 'Planted, model form', zh: '预设（模型形式）' }, align: 'right' },
      { key: 'estimate', label: { en: 'Estimate', zh: '估计' }, align: 'right' },
      { key: 'interval', label: { en: '95% interval', zh: '95% 区间' }, align: 'right' },
      { key: 'recovered', label: { en: 'Recovered', zh: '还原' } },
    ],
    rows: recovery.rows.map((row) => ({
      component: row.component,
      planted: show(row, row.planted),
      target: show(row, row.target),
      estimate: show(row, row.estimate),
      interval: `[${show(row, row.lower)}, ${show(row, row.upper)}]`,
      recovered: row.recovered ? { en: 'yes', zh: '是' } : { en: 'no', zh: '否' },
    })),
  };
  const trend = recovery.rows.find((r) => r.group === 'trend');
  const missed = recovery.rows.filter((r) => !r.recovered);
  const trendNote: Localized = trend
    ? {
        en: ` The trend (${signedPercent(trend.estimate)} a year vs ${signedPercent(trend.target)} planted) also measures the growing customer base: orders are the planted demand times the number of active customers.`,
        zh: `趋势（估计年增长 ${signedPercent(trend.estimate)}，预设 ${signedPercent(trend.target)}）同时反映了客户规模的增长：订单数等于预设需求乘以活跃客户数。`,
      }
    : { en: '', zh: '' };
  return [
    table,
    {
      kind: 'callout',
      tone: missed.length === 0 ? 'good' : 'warn',
      text: {
        en: `${recovery.recovered} of ${recovery.rows.length} planted components lie inside the 95% interval of their estimate (log-linear least squares on daily orders, holidays as event windows; "model form" is the planted pattern fitted by the same model without noise).${trendNote.en}${missed.length > 0 ? ` Missed: ${missed.map((m) => m.component.en).join(', ')}.` : ''}`,
        zh: `${recovery.rows.length} 个预设成分中有 ${recovery.recovered} 个落在估计值的 95% 区间内（对每日订单取对数做最小二乘，节假日为事件窗口；"模型形式"为用同一模型无噪声拟合预设模式的结果）。${trendNote.zh}${missed.length > 0 ? `未还原：${missed.map((m) => m.component.zh).join('、')}。` : ''}`,
      },
    },
  ];
}

/** The forecast section of a run; `recovery` adds the planted demand-pattern comparison (demo data). */
export function buildForecastSection(run: ForecastRun, recovery: DemandRecovery | null = null): Section {
  const { summary } = run;
  const byVolume = [...run.series].sort((a, b) => volume(b) - volume(a));
  const focus = run.series.find((s) => s.key === 'total') ?? byVolume[0];
  const measure = measureNames[run.measure];
  const level = levelNames[run.level];
  const period = periodNames[run.period];
  const choices = Object.entries(summary.chosen).sort((a, b) => b[1] - a[1]);
  const choiceText = choices.map(([name, n]) => `${name} ${n}`).join(', ') || '–';
  const methods = new Map<string, number>();
  for (const s of run.series)
    if (s.ok) methods.set(s.intervalMethod, (methods.get(s.intervalMethod) ?? 0) + 1);
  const methodText = [...methods].map(([m, n]) => `${m} ${n}`).join(', ');
  const focusLabel = focus ? (focus.key === 'total' ? `${measure.en} (total)` : focus.key) : '';
  const blocks: Block[] = [
    {
      kind: 'kpis',
      items: [
        { label: { en: 'Series forecast', zh: '预测序列数' }, value: summary.series.toLocaleString('en-US') },
        {
          label: { en: 'Models kept', zh: '选用模型' },
          value: choiceText,
          hint: { en: `${summary.failed} failed`, zh: `${summary.failed} 个失败` },
        },
        {
          label: { en: 'Mean back-test MASE', zh: '平均回测 MASE' },
          value: fixed(summary.meanMase, 3),
          hint: {
            en: `${summary.backtested} series back-tested`,
            zh: `${summary.backtested} 个序列做了回测`,
          },
        },
        {
          label: { en: 'Mean back-test sMAPE', zh: '平均回测 sMAPE' },
          value: percent(summary.meanSmape === null ? null : summary.meanSmape / 100),
        },
        {
          label: { en: '80% interval coverage (back-test)', zh: '80% 区间覆盖率（回测）' },
          value: percent(summary.meanCoverage80),
        },
      ],
    },
  ];
  if (focus) blocks.push(...chartBlock(run, focus, focusLabel));
  if (run.series.length > 1)
    blocks.push({
      kind: 'table',
      caption: { en: `Series by volume with the model kept`, zh: '按总量排序的序列及选用模型' },
      columns: [
        {
          key: 'key',
          label: { en: level.en === 'SKU' ? 'SKU' : 'Series', zh: level.zh === 'SKU' ? 'SKU' : '序列' },
        },
        { key: 'volume', label: { en: 'History total', zh: '历史合计' }, format: 'int' },
        { key: 'demand', label: { en: 'Demand', zh: '需求类型' } },
        { key: 'model', label: { en: 'Model', zh: '模型' } },
        { key: 'mase', label: { en: 'MASE', zh: 'MASE' }, format: 'number' },
        { key: 'coverage', label: { en: '80% coverage', zh: '80% 覆盖率' }, format: 'percent' },
        {
          key: 'next',
          label: { en: `Forecast, next ${run.horizon}`, zh: `未来 ${run.horizon} 期预测` },
          format: 'int',
        },
      ],
      rows: byVolume.map((s) => ({
        key: s.key,
        volume: volume(s),
        demand: s.demand || '–',
        model: s.ok ? s.model : { en: `failed: ${s.error ?? ''}`, zh: `失败：${s.error ?? ''}` },
        mase: s.mase === null ? null : Math.round(s.mase * 1000) / 1000,
        coverage: s.coverage80,
        next: s.ok ? s.point.reduce((sum, v) => sum + v, 0) : null,
      })),
      maxRows: 20,
    });
  if (recovery) blocks.push(...recoveryBlocks(recovery));
  const currency = run.measure === 'revenue' && run.currency ? ` (${run.currency})` : '';
  return {
    id: `forecast-${run.level}-${run.measure}-${run.period}`,
    title: {
      en: `Forecast: ${period.en} ${measure.en}${currency}${run.level === 'total' ? '' : ` by ${level.en}`}`,
      zh: `预测：${period.zh}${run.level === 'total' ? '' : `各${level.zh}`}${measure.zh}${currency}`,
    },
    summary: {
      en: `${summary.series} ${level.en} series of ${period.en} ${measure.en}, ${run.horizon} periods ahead; each series back-tested on rolling origins; smooth demand keeps the mean of ETS, damped ETS and Theta unless one model scores under half of it, intermittent demand the best of Croston/SBA/TSB (or their median): ${choiceText}.`,
      zh: `共 ${summary.series} 个${level.zh}${period.zh}${measure.zh}序列，预测未来 ${run.horizon} 期；每个序列用滚动起点回测；平稳需求采用 ETS、阻尼 ETS 与 Theta 的均值组合（除非某一模型的得分不到组合的一半），间歇需求采用 Croston/SBA/TSB 中最好者（或其中位数组合）：${choiceText}。`,
    },
    provenance: {
      engine: run.engine,
      modelRunId: run.modelRunId,
      dataWindow: run.dataWindow,
      interval: { en: '80% and 95% prediction intervals', zh: '80% 与 95% 预测区间' },
      note: {
        en: `Intervals come from the kept model (analytic for ETS, simulated or from back-test errors otherwise): ${methodText || 'none'}; coverage is the share of back-test actuals inside the 80% interval. Season length ${run.seasonLength}.`,
        zh: `区间来自选用的模型（ETS 为解析解，其他为模拟或基于回测误差）：${methodText || '无'}；覆盖率为回测实际值落在 80% 区间内的比例。季节长度 ${run.seasonLength}。`,
      },
    },
    blocks,
  };
}
