import type { Block, Section } from '../../../report/index.js';
import type { SegmentationRun } from '../segmentation-service.js';

const num = (value: number | null | undefined, digits = 1) =>
  value === null || value === undefined ? '—' : value.toFixed(digits);

/** Behavioural segments: who they are (rule names in en/zh), how big, what they are worth, how k was chosen. */
export function buildSegmentsSection(run: SegmentationRun, extra: readonly Block[] = []): Section {
  const r = run.result;
  const segments = r.segments;
  const blocks: Block[] = [
    {
      kind: 'chart',
      caption: { en: 'Share of customers and of revenue by segment', zh: '各细分群体的客户占比与收入占比' },
      chart: {
        type: 'bar',
        horizontal: true,
        valueFormat: 'percent',
        categories: segments.map((s) => s.label.name),
        series: [
          { name: { en: 'Customers', zh: '客户占比' }, values: segments.map((s) => s.share) },
          { name: { en: 'Revenue', zh: '收入占比' }, values: segments.map((s) => s.valueShare) },
        ],
      },
    },
    {
      kind: 'table',
      columns: [
        { key: 'name', label: { en: 'Segment', zh: '细分群体' } },
        { key: 'description', label: { en: 'What sets it apart', zh: '特征' } },
        { key: 'customers', label: { en: 'Customers', zh: '客户数' }, format: 'int' },
        { key: 'valueShare', label: { en: 'Revenue share', zh: '收入占比' }, format: 'percent' },
        { key: 'orders', label: { en: 'Median orders', zh: '订单数中位数' } },
        {
          key: 'aov',
          label: { en: `Median order value (${run.currency})`, zh: `客单价中位数（${run.currency}）` },
        },
        { key: 'recency', label: { en: 'Median days since last order', zh: '距上次购买天数中位数' } },
      ],
      rows: segments.map((s) => ({
        name: s.label.name,
        description: s.label.description,
        customers: s.size,
        valueShare: s.valueShare,
        orders: num(s.features.frequency.median, 0),
        aov: num(s.features.monetary.median, 0),
        recency: num(s.features.recency_days.median, 0),
      })),
    },
  ];
  if (r.candidates.length > 1) {
    blocks.push({
      kind: 'chart',
      caption: {
        en: `Choosing the number of segments: mean silhouette (higher is better) — k = ${r.k} chosen, elbow of the inertia at k = ${r.elbowK ?? '—'}`,
        zh: `选择细分数量：平均轮廓系数（越高越好）——选定 k = ${r.k}，惯性肘部在 k = ${r.elbowK ?? '—'}`,
      },
      chart: {
        type: 'line',
        categories: r.candidates.map((c) => `k=${c.k}`),
        series: [
          { name: { en: 'Silhouette', zh: '轮廓系数' }, values: r.candidates.map((c) => c.silhouette) },
        ],
      },
    });
  }
  blocks.push(...extra);
  const largest = segments.reduce(
    (best, s) => (s.valueShare > (best?.valueShare ?? -1) ? s : best),
    segments[0],
  );
  return {
    id: 'customers-segments',
    title: { en: 'Customer segments', zh: '客户细分' },
    summary: {
      en: `${run.customers.toLocaleString('en-US')} customers fall into ${r.k} behavioural segments; "${largest?.label.name.en ?? ''}" brings the most revenue (${((largest?.valueShare ?? 0) * 100).toFixed(1)}%).`,
      zh: `${run.customers.toLocaleString('zh-CN')} 位客户分为 ${r.k} 个行为细分群体；“${largest?.label.name.zh ?? ''}”贡献的收入最多（${((largest?.valueShare ?? 0) * 100).toFixed(1)}%）。`,
    },
    provenance: {
      engine: `${run.engine} (${r.algorithm}; names: ${segments[0]?.label.engine ?? 'classic-rules'})`,
      modelRunId: run.modelRunId,
      dataWindow: run.dataWindow,
      note: {
        en: `Features: ${r.features.join(', ')}; skewed counts and rates log-transformed, all standardised; k by ${r.chosenBy} (smallest k within 0.04 of the best silhouette)${r.silhouette === null ? '' : ` (silhouette ${r.silhouette.toFixed(3)})`}; amounts in ${run.currency}.`,
        zh: `特征：${r.features.join('、')}；偏态的计数与比率取对数后标准化；k 按${r.chosenBy === 'silhouette' ? '轮廓系数' : r.chosenBy === 'fixed' ? '指定值' : '肘部法'}选择（取轮廓系数与最优相差 0.04 以内的最小 k）${r.silhouette === null ? '' : `（轮廓系数 ${r.silhouette.toFixed(3)}）`}；金额以 ${run.currency} 计。`,
      },
    },
    blocks,
  };
}
