import { binValues } from '../bin-values.js';
import type { ChartSpec, Report, Section } from '../report-model.js';

/**
 * A hand-built report with every block kind and every chart type, for tests and for eyeballing the
 * look (render it to HTML and screenshot it). Numbers are made up but plausible and deterministic.
 */

const months = Array.from({ length: 24 }, (_, index) => {
  const year = 2023 + Math.floor(index / 12);
  return `${year}-${String((index % 12) + 1).padStart(2, '0')}`;
});

/** Smooth seasonal revenue with growth; deterministic. */
const revenue = months.map((_, index) =>
  Math.round(820_000 + index * 21_000 + 95_000 * Math.sin((index / 12) * 2 * Math.PI)),
);

const forecastMonths = ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06'];
const forecast = forecastMonths.map((_, index) =>
  Math.round(1_330_000 + index * 20_000 + 90_000 * Math.sin(((24 + index) / 12) * 2 * Math.PI)),
);

const lastActual = revenue[revenue.length - 1] ?? null;
const history = [...months.slice(1).map(() => null), lastActual];

/** Every chart type, keyed by type, for tests that loop over kinds. */
export const sampleCharts = {
  bar: {
    type: 'bar',
    categories: [
      { en: 'Champions', zh: '冠军客户' },
      { en: 'Loyal', zh: '忠诚客户' },
      { en: 'At risk', zh: '流失风险' },
      { en: 'Hibernating', zh: '休眠客户' },
    ],
    series: [
      { name: { en: 'Customers', zh: '客户数' }, values: [1_240, 3_310, 2_150, 4_020] },
      { name: { en: 'Last year', zh: '去年' }, values: [1_100, 2_900, 2_480, 3_600] },
    ],
    yLabel: { en: 'Customers', zh: '客户数' },
    valueFormat: 'int',
  },
  'stacked-bar': {
    type: 'stacked-bar',
    categories: ['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4'],
    series: [
      { name: { en: 'Search', zh: '搜索' }, values: [320_000, 350_000, 380_000, 460_000] },
      { name: { en: 'Social', zh: '社交媒体' }, values: [210_000, 260_000, 250_000, 330_000] },
      { name: { en: 'Email', zh: '邮件' }, values: [90_000, 95_000, 110_000, 150_000] },
    ],
    yLabel: { en: 'Attributed revenue', zh: '归因收入' },
    valueFormat: 'currency',
  },
  line: {
    type: 'line',
    categories: [...months, ...forecastMonths],
    series: [
      { name: { en: 'Actual', zh: '实际' }, values: [...revenue, ...forecastMonths.map(() => null)] },
      {
        // Starts at the last actual month so the dashed forecast continues the actual line.
        name: { en: 'Forecast', zh: '预测' },
        values: [...history, ...forecast],
        lower: [...history, ...forecast.map((value, index) => value - 60_000 - index * 18_000)],
        upper: [...history, ...forecast.map((value, index) => value + 60_000 + index * 18_000)],
        dashed: true,
      },
    ],
    bandLabel: { en: '95% interval', zh: '95% 区间' },
    yLabel: { en: 'Revenue', zh: '收入' },
    valueFormat: 'currency',
  },
  heatmap: {
    type: 'heatmap',
    columns: Array.from({ length: 7 }, (_, index) => ({ en: `M${index}`, zh: `第${index}月` })),
    rows: ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06', '2024-07'],
    values: Array.from({ length: 7 }, (_, row) =>
      Array.from({ length: 7 }, (_, column) =>
        column >= 7 - row
          ? null
          : column === 0
            ? 1
            : Math.round(100 * 0.42 * 0.86 ** (column - 1) * (1 + row * 0.02)) / 100,
      ),
    ),
    xLabel: { en: 'Months since first order', zh: '首单后月数' },
    yLabel: { en: 'Cohort', zh: '同期群' },
    valueFormat: 'percent',
  },
  histogram: {
    type: 'histogram',
    bins: binValues(
      Array.from({ length: 400 }, (_, index) => Math.round(40 + 900 * ((index * 0.6180339887) % 1) ** 2.2)),
      { binCount: 12 },
    ),
    xLabel: { en: 'Predicted 12-month value', zh: '预测 12 个月价值' },
    yLabel: { en: 'Customers', zh: '客户数' },
    binFormat: 'int',
  },
  scatter: {
    type: 'scatter',
    series: [
      {
        name: { en: 'Campaigns', zh: '广告活动' },
        points: Array.from({ length: 40 }, (_, index) => ({
          x: 2_000 + ((index * 7919) % 40) * 900,
          y: 1.2 + (((index * 31) % 17) / 17) * 3.1,
        })),
      },
    ],
    xLabel: { en: 'Spend', zh: '花费' },
    yLabel: { en: 'ROAS', zh: '广告支出回报率' },
    xFormat: 'currency',
  },
  funnel: {
    type: 'funnel',
    stages: [
      { label: { en: 'Visited', zh: '访问' }, value: 48_200 },
      { label: { en: 'Viewed product', zh: '浏览商品' }, value: 21_900 },
      { label: { en: 'Added to cart', zh: '加入购物车' }, value: 6_480 },
      { label: { en: 'Checked out', zh: '结账' }, value: 2_950 },
      { label: { en: 'Purchased', zh: '购买' }, value: 2_310 },
    ],
  },
  pie: {
    type: 'pie',
    donut: true,
    slices: [
      { label: { en: 'Positive', zh: '正面' }, value: 5_820 },
      { label: { en: 'Neutral', zh: '中性' }, value: 2_140 },
      { label: { en: 'Negative', zh: '负面' }, value: 1_310 },
    ],
    valueFormat: 'int',
  },
} satisfies Record<ChartSpec['type'], ChartSpec>;

const overview: Section = {
  id: 'overview',
  title: { en: 'Overview', zh: '概览' },
  summary: {
    en: 'Revenue grew 18% year over year; repeat customers drove most of the growth.',
    zh: '收入同比增长 18%，增长主要来自回头客。',
  },
  provenance: {
    engine: 'classic',
    modelRunId: 'run_01J9Z3Q8W2K4M6N8P0R2T4V6X8',
    dataWindow: { start: '2023-01-01', end: '2024-12-31' },
  },
  blocks: [
    {
      kind: 'kpis',
      items: [
        {
          label: { en: 'Revenue', zh: '收入' },
          value: '¥12.4M',
          hint: { en: '+18% vs 2023', zh: '较 2023 年 +18%' },
        },
        { label: { en: 'Customers', zh: '客户' }, value: '10,720' },
        {
          label: { en: 'Repeat rate', zh: '复购率' },
          value: '37.5%',
          hint: { en: 'bought twice or more', zh: '购买两次及以上' },
        },
        { label: { en: 'Avg. order value', zh: '客单价' }, value: '¥286' },
      ],
    },
    {
      kind: 'paragraph',
      text: {
        en: 'This report was generated from the demo workspace. A review said: <script>alert("x")</script> & "quotes".',
        zh: '本报告由演示工作区生成。一条评论写道：<script>alert("x")</script> & "引号"。',
      },
    },
    { kind: 'chart', caption: { en: 'Customers by segment', zh: '各细分客户数' }, chart: sampleCharts.bar },
    {
      kind: 'callout',
      tone: 'info',
      text: { en: 'Segments use RFM quintiles.', zh: '细分基于 RFM 五分位。' },
    },
  ],
};

const forecastSection: Section = {
  id: 'forecast',
  title: { en: 'Sales forecast', zh: '销售预测' },
  provenance: {
    engine: 'classic',
    modelRunId: 'run_01J9Z3R0A1B2C3D4E5F6G7H8J9',
    dataWindow: { start: '2023-01-01', end: '2024-12-31' },
    interval: { en: '95% prediction', zh: '95% 预测' },
    note: { en: 'ETS(A,A,A) with monthly seasonality.', zh: 'ETS(A,A,A)，按月季节性。' },
  },
  blocks: [
    {
      kind: 'chart',
      caption: { en: 'Monthly revenue and 6-month forecast', zh: '月收入与未来 6 个月预测' },
      chart: sampleCharts.line,
    },
    {
      kind: 'callout',
      tone: 'warn',
      text: { en: 'The interval widens quickly after March.', zh: '三月之后区间迅速变宽。' },
    },
  ],
};

const customers: Section = {
  id: 'customers',
  title: { en: 'Customer value', zh: '客户价值' },
  provenance: { engine: 'classic', modelRunId: 'run_01J9Z3S5CLV0000000000000', interval: '90%' },
  blocks: [
    {
      kind: 'chart',
      caption: { en: 'Retention by monthly cohort', zh: '按月同期群留存率' },
      chart: sampleCharts.heatmap,
    },
    {
      kind: 'chart',
      caption: { en: 'Distribution of predicted value', zh: '预测价值分布' },
      chart: sampleCharts.histogram,
    },
    {
      kind: 'table',
      caption: { en: 'Top customers by predicted value', zh: '预测价值最高的客户' },
      columns: [
        { key: 'customer', label: { en: 'Customer', zh: '客户' } },
        { key: 'segment', label: { en: 'Segment', zh: '细分' } },
        { key: 'orders', label: { en: 'Orders', zh: '订单数' }, format: 'int' },
        { key: 'clv', label: { en: 'Predicted value', zh: '预测价值' }, format: 'currency' },
        { key: 'churn', label: { en: 'Churn risk', zh: '流失风险' }, format: 'percent' },
        { key: 'last', label: { en: 'Last order', zh: '最近下单' }, format: 'date' },
      ],
      rows: Array.from({ length: 14 }, (_, index) => ({
        customer: `cust_${String(1000 + index * 37)}`,
        segment: index % 3 === 0 ? { en: 'Champions', zh: '冠军客户' } : { en: 'Loyal', zh: '忠诚客户' },
        orders: 42 - index * 2,
        clv: 28_400.5 - index * 1_310.25,
        churn: index === 5 ? null : 0.03 + index * 0.011,
        last: `2024-12-${String(28 - index).padStart(2, '0')}T10:00:00Z`,
      })),
      maxRows: 10,
    },
    {
      kind: 'callout',
      tone: 'good',
      text: { en: 'Churn risk fell for Champions.', zh: '冠军客户的流失风险下降。' },
    },
  ],
};

const marketing: Section = {
  id: 'marketing',
  title: { en: 'Marketing and voice of the customer', zh: '营销与客户之声' },
  summary: { en: 'Where revenue came from and what customers say.', zh: '收入从何而来，客户怎么说。' },
  provenance: {
    engine: 'classic',
    dataWindow: { start: new Date('2024-01-01T00:00:00Z'), end: new Date('2024-12-31T00:00:00Z') },
  },
  blocks: [
    {
      kind: 'chart',
      caption: { en: 'Attributed revenue by channel', zh: '各渠道归因收入' },
      chart: sampleCharts['stacked-bar'],
    },
    {
      kind: 'chart',
      caption: { en: 'Spend vs return by campaign', zh: '各活动花费与回报' },
      chart: sampleCharts.scatter,
    },
    { kind: 'chart', caption: { en: 'Purchase funnel', zh: '购买漏斗' }, chart: sampleCharts.funnel },
    { kind: 'chart', caption: { en: 'Review sentiment', zh: '评论情感' }, chart: sampleCharts.pie },
  ],
};

/** The sample report: four sections covering every block kind and chart type. */
export function sampleReport(): Report {
  return {
    title: { en: 'Marketing intelligence report', zh: '营销智能报告' },
    subtitle: { en: 'Demo workspace, 2023–2024', zh: '演示工作区，2023–2024 年' },
    generatedAt: new Date('2025-01-15T08:30:00Z'),
    workspace: 'demo',
    currency: 'CNY',
    sections: [overview, forecastSection, customers, marketing],
  };
}
