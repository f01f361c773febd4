import type { Section } from '../../../report/index.js';
import type { RfmRun } from '../rfm-service.js';

const fmt = (n: number | null, digits = 1): string => (n === null ? '—' : n.toFixed(digits));

/** RFM cells: who the champions, loyal, at-risk and lost customers are, and the revenue they bring. */
export function buildRfmSection(run: RfmRun): Section {
  const present = run.segments.filter((s) => s.customers > 0);
  const champions = run.segments.find((s) => s.segment === 'champions');
  const atRisk = run.segments.filter((s) => s.segment === 'at_risk' || s.segment === 'cant_lose_them');
  const atRiskRevenue = atRisk.reduce((sum, s) => sum + s.revenueShare, 0);
  const atRiskCustomers = atRisk.reduce((sum, s) => sum + s.customers, 0);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return {
    id: 'customers-rfm',
    title: { en: 'RFM segments', zh: 'RFM 客户分群' },
    summary: {
      en: `${run.customers.toLocaleString('en-US')} customers scored 1–5 on recency, frequency and monetary value (quintiles). Champions are ${pct(champions?.share ?? 0)} of customers and bring ${pct(champions?.revenueShare ?? 0)} of revenue; ${atRiskCustomers.toLocaleString('en-US')} customers who used to buy often are at risk, with ${pct(atRiskRevenue)} of revenue.`,
      zh: `共 ${run.customers.toLocaleString('zh-CN')} 位客户按最近购买、购买频次和消费金额打 1–5 分（五分位）。冠军客户占 ${pct(champions?.share ?? 0)}，贡献 ${pct(champions?.revenueShare ?? 0)} 的收入；${atRiskCustomers.toLocaleString('zh-CN')} 位曾经高频购买的客户有流失风险，占收入的 ${pct(atRiskRevenue)}。`,
    },
    provenance: {
      engine: run.engine,
      modelRunId: run.modelRunId,
      dataWindow: run.dataWindow,
      note: {
        en: `Monetary value = average order value in ${run.currency}; scores are quintiles of ranks; cells after Putler's R × FM grid.`,
        zh: `消费金额 = 以 ${run.currency} 计的平均订单金额；得分为排名五分位；分群采用 Putler 的 R × FM 网格。`,
      },
    },
    blocks: [
      {
        kind: 'chart',
        caption: { en: 'Customers and revenue share by RFM segment', zh: '各 RFM 分群的客户占比与收入占比' },
        chart: {
          type: 'bar',
          horizontal: true,
          valueFormat: 'percent',
          categories: present.map((s) => ({ en: s.nameEn, zh: s.nameZh })),
          series: [
            { name: { en: 'Customers', zh: '客户占比' }, values: present.map((s) => s.share) },
            { name: { en: 'Revenue', zh: '收入占比' }, values: present.map((s) => s.revenueShare) },
          ],
        },
      },
      {
        kind: 'table',
        columns: [
          { key: 'segment', label: { en: 'Segment', zh: '分群' } },
          { key: 'customers', label: { en: 'Customers', zh: '客户数' }, format: 'int' },
          { key: 'share', label: { en: 'Share', zh: '占比' }, format: 'percent' },
          { key: 'recency', label: { en: 'Mean days since last order', zh: '平均距上次购买天数' } },
          { key: 'frequency', label: { en: 'Mean orders', zh: '平均订单数' } },
          {
            key: 'monetary',
            label: { en: `Mean order value (${run.currency})`, zh: `平均客单价（${run.currency}）` },
          },
          { key: 'revenueShare', label: { en: 'Revenue share', zh: '收入占比' }, format: 'percent' },
        ],
        rows: present.map((s) => ({
          segment: { en: s.nameEn, zh: s.nameZh },
          customers: s.customers,
          share: s.share,
          recency: fmt(s.meanRecencyDays, 0),
          frequency: fmt(s.meanFrequency, 2),
          monetary: fmt(s.meanMonetary, 2),
          revenueShare: s.revenueShare,
        })),
      },
    ],
  };
}
