import { type Block, binValues, type Section } from '../../../report/index.js';
import { quantile } from '../../../stats/descriptive.js';
import type { ClvRun } from '../clv-service.js';

const en = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const zh = (n: number, digits = 0) =>
  n.toLocaleString('zh-CN', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Parameter ± standard error, or the estimate alone when the information matrix was singular. */
const withSe = (value: number, se: number | null | undefined) =>
  se !== null && se !== undefined && Number.isFinite(se)
    ? `${value.toFixed(3)} ± ${se.toFixed(3)}`
    : value.toFixed(3);

/** CLV: models, holdout check, distribution, most valuable customers. */
export function buildClvSection(run: ClvRun, extra: readonly Block[] = []): Section {
  const { scores, models, validation } = run;
  const valued: number[] = [];
  let expected = 0;
  let dormant = 0;
  for (let i = 0; i < scores.clv.length; i++) {
    if (scores.valued[i]) valued.push(scores.clv[i] as number);
    expected += scores.expectedPurchases[i] as number;
    if ((scores.probabilityAlive[i] as number) < 0.2) dormant += 1;
  }
  const total = valued.reduce((s, v) => s + v, 0);
  const n = scores.customerIds.length;
  const cap = valued.length > 0 ? quantile(valued, 0.99) : 0;
  const clipped = valued.map((v) => Math.min(v, cap));
  const blocks: Block[] = [
    {
      kind: 'kpis',
      items: [
        { label: { en: 'Customers scored', zh: '已评分客户' }, value: { en: en(n), zh: zh(n) } },
        {
          label: {
            en: `CLV, next ${scores.horizonMonths} months`,
            zh: `未来 ${scores.horizonMonths} 个月客户价值`,
          },
          value: { en: `${run.currency} ${en(total)}`, zh: `${run.currency} ${zh(total)}` },
          hint: {
            en: `discounted at ${(scores.monthlyDiscountRate * 100).toFixed(1)}% a month`,
            zh: `按每月 ${(scores.monthlyDiscountRate * 100).toFixed(1)}% 折现`,
          },
        },
        {
          label: { en: 'Expected purchases', zh: '预期购买次数' },
          value: { en: en(expected), zh: zh(expected) },
          hint: { en: `next ${scores.horizonMonths} months`, zh: `未来 ${scores.horizonMonths} 个月` },
        },
        {
          label: { en: 'Likely lapsed (P(alive) < 0.2)', zh: '大概率已流失（存活概率 < 0.2）' },
          value: `${((dormant / Math.max(1, n)) * 100).toFixed(1)}%`,
        },
      ],
    },
  ];
  if (validation) {
    const buckets = validation.report.buckets;
    blocks.push({
      kind: 'chart',
      caption: {
        en: `Holdout check: the models fitted up to ${validation.calibrationEnd.toISOString().slice(0, 10)} predict the purchases of the next ${validation.report.holdoutDuration.toFixed(0)} ${run.timeUnit}s`,
        zh: `留出期检验：用截至 ${validation.calibrationEnd.toISOString().slice(0, 10)} 的数据拟合的模型预测随后 ${validation.report.holdoutDuration.toFixed(0)} ${run.timeUnit === 'week' ? '周' : run.timeUnit === 'day' ? '天' : '个月'}的购买`,
      },
      chart: {
        type: 'bar',
        xLabel: { en: 'Repeat purchases in the calibration period', zh: '校准期内的重复购买次数' },
        yLabel: { en: 'Mean purchases in the holdout', zh: '留出期平均购买次数' },
        categories: buckets.map((b) => b.label),
        series: [
          { name: { en: 'Actual', zh: '实际' }, values: buckets.map((b) => b.actualMean) },
          {
            name: { en: 'Predicted (BG/NBD)', zh: '预测（BG/NBD）' },
            values: buckets.map((b) => b.predictedMean),
          },
        ],
      },
    });
    const o = validation.report.overall;
    blocks.push({
      kind: 'callout',
      tone: Math.abs(o.predictedTotal - o.actualTotal) / Math.max(1, o.actualTotal) < 0.15 ? 'good' : 'warn',
      text: {
        en: `Holdout: ${en(o.actualTotal)} actual vs ${en(o.predictedTotal)} predicted repeat purchases (${validation.customers.toLocaleString('en-US')} customers); mean absolute error ${o.meanAbsoluteError.toFixed(3)} purchases per customer.`,
        zh: `留出期：实际重复购买 ${zh(o.actualTotal)} 次，预测 ${zh(o.predictedTotal)} 次（${validation.customers.toLocaleString('zh-CN')} 位客户）；每位客户平均绝对误差 ${o.meanAbsoluteError.toFixed(3)} 次。`,
      },
    });
  }
  if (clipped.length > 0) {
    blocks.push({
      kind: 'chart',
      caption: {
        en: `Distribution of CLV per customer (${run.currency}; the top 1% are in the last bin)`,
        zh: `客户价值分布（${run.currency}；最高的 1% 计入最后一档）`,
      },
      chart: { type: 'histogram', bins: binValues(clipped, { binCount: 24 }), binFormat: 'number' },
    });
  }
  const order = scores.customerIds.map((_, i) => i).filter((i) => scores.valued[i]);
  order.sort((x, y) => (scores.clv[y] as number) - (scores.clv[x] as number));
  blocks.push({
    kind: 'table',
    caption: {
      en: `Most valuable customers (${Math.round(scores.level * 100)}% interval from parameter uncertainty)`,
      zh: `最有价值的客户（参数不确定性下的 ${Math.round(scores.level * 100)}% 区间）`,
    },
    columns: [
      { key: 'customer', label: { en: 'Customer', zh: '客户' } },
      { key: 'pAlive', label: { en: 'P(alive)', zh: '存活概率' }, format: 'percent' },
      { key: 'purchases', label: { en: 'Expected purchases', zh: '预期购买次数' } },
      { key: 'clv', label: { en: `CLV (${run.currency})`, zh: `客户价值（${run.currency}）` } },
      { key: 'interval', label: { en: 'Interval', zh: '区间' } },
    ],
    rows: order.slice(0, 10).map((i) => ({
      customer: scores.customerIds[i] as string,
      pAlive: scores.probabilityAlive[i] as number,
      purchases: (scores.expectedPurchases[i] as number).toFixed(2),
      clv: (scores.clv[i] as number).toFixed(2),
      interval: Number.isFinite(scores.clvLower[i] as number)
        ? `${(scores.clvLower[i] as number).toFixed(0)} – ${(scores.clvUpper[i] as number).toFixed(0)}`
        : '—',
    })),
  });
  const bg = models.bgNbd;
  blocks.push({
    kind: 'table',
    caption: { en: 'Fitted parameters (± standard error)', zh: '拟合参数（± 标准误）' },
    columns: [
      { key: 'model', label: { en: 'Model', zh: '模型' } },
      { key: 'params', label: { en: 'Parameters', zh: '参数' } },
      { key: 'customers', label: { en: 'Customers', zh: '客户数' }, format: 'int' },
    ],
    rows: [
      {
        model: 'BG/NBD',
        params: `r ${withSe(bg.params.r, bg.standardErrors.r)}, α ${withSe(bg.params.alpha, bg.standardErrors.alpha)}, a ${withSe(bg.params.a, bg.standardErrors.a)}, b ${withSe(bg.params.b, bg.standardErrors.b)}`,
        customers: bg.customers,
      },
      ...models.spend.map((s) => ({
        model: `Gamma-Gamma (${s.group})`,
        params: s.fit
          ? `p ${withSe(s.fit.params.p, s.fit.standardErrors.p)}, q ${withSe(s.fit.params.q, s.fit.standardErrors.q)}, v ${withSe(s.fit.params.v, s.fit.standardErrors.v)}`
          : { en: `not fitted: ${s.problem}`, zh: `未拟合：${s.problem}` },
        customers: s.fit?.customers ?? 0,
      })),
    ],
  });
  blocks.push(...extra);
  for (const note of run.notes) blocks.push({ kind: 'callout', tone: 'warn', text: note });
  return {
    id: 'customers-clv',
    title: { en: 'Customer lifetime value', zh: '客户生命周期价值' },
    summary: {
      en: `Over the next ${scores.horizonMonths} months the ${en(n)} customers are expected to buy ${en(expected)} more times, worth ${run.currency} ${en(total)} after discounting; ${((dormant / Math.max(1, n)) * 100).toFixed(0)}% have probably lapsed.`,
      zh: `未来 ${scores.horizonMonths} 个月内，这 ${zh(n)} 位客户预计还会购买 ${zh(expected)} 次，折现后价值 ${run.currency} ${zh(total)}；约 ${((dormant / Math.max(1, n)) * 100).toFixed(0)}% 的客户可能已流失。`,
    },
    provenance: {
      engine: `${run.engine} (BG/NBD + Gamma-Gamma)`,
      modelRunId: run.modelRunId,
      dataWindow: run.dataWindow,
      interval: {
        en: `${Math.round(scores.level * 100)}% from parameter uncertainty (${scores.intervalMethod})`,
        zh: `参数不确定性下的 ${Math.round(scores.level * 100)}% 区间（${scores.intervalMethod === 'delta method' ? 'delta 方法' : '参数抽样'}）`,
      },
      note: {
        en: `Maximum likelihood (Fader, Hardie & Lee 2005), time unit ${run.timeUnit}; spend model per currency market, amounts in ${run.currency}.`,
        zh: `最大似然估计（Fader、Hardie 与 Lee 2005），时间单位：${run.timeUnit}；消费模型按币种市场分别拟合，金额以 ${run.currency} 计。`,
      },
    },
    blocks,
  };
}
