import type { Block, Section } from '../../../report/index.js';
import type { CohortRun } from '../cohort-service.js';

/** Acquisition-cohort retention heatmap, the average curve and the period retention rate. */
export function buildCohortsSection(run: CohortRun): Section {
  const { matrix, retention } = run;
  const periods = matrix.averageRetention.length;
  const unit = matrix.period === 'month' ? { en: 'Month', zh: '第' } : { en: 'Week', zh: '第' };
  const unitZh = matrix.period === 'month' ? '月' : '周';
  const columns = Array.from({ length: periods }, (_, i) => ({
    en: `${unit.en} ${i}`,
    zh: `${unit.zh}${i}${unitZh}`,
  }));
  const blocks: Block[] = [];
  if (retention) {
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    blocks.push({
      kind: 'kpis',
      items: [
        {
          label: {
            en: `Retention rate, last ${retention.activeWindowDays} days`,
            zh: `近 ${retention.activeWindowDays} 天客户保留率`,
          },
          value: pct(retention.rate),
          hint: {
            en: `active at both ends / active at the start = ${retention.retained} / ${retention.atStart}`,
            zh: `期初期末均活跃 / 期初活跃 = ${retention.retained} / ${retention.atStart}`,
          },
        },
        {
          label: { en: 'CRR (E − N) / S', zh: '客户保留率 CRR（期末 − 新增）/ 期初' },
          value: pct(retention.crr),
          hint: {
            en: `(${retention.atEnd} − ${retention.newInPeriod}) / ${retention.atStart}; counts customers who came back`,
            zh: `(${retention.atEnd} − ${retention.newInPeriod}) / ${retention.atStart}；含回流客户`,
          },
        },
        {
          label: { en: 'Active customers at end', zh: '期末活跃客户' },
          value: retention.atEnd.toLocaleString('en-US'),
        },
      ],
    });
  }
  if (matrix.cohorts.length > 0) {
    blocks.push({
      kind: 'chart',
      caption: {
        en: 'Share of each acquisition cohort that bought again in later periods',
        zh: '各获客批次在之后各期再次购买的比例',
      },
      chart: {
        type: 'heatmap',
        valueFormat: 'percent',
        columns,
        rows: matrix.cohorts.map((c) => `${c.cohort} (${c.size})`),
        values: matrix.cohorts.map((c) => columns.map((_, i) => (i === 0 ? null : (c.retention[i] ?? null)))),
        showValues: matrix.cohorts.length * periods <= 400,
      },
    });
    blocks.push({
      kind: 'chart',
      caption: { en: 'Average retention curve (customer-weighted)', zh: '平均留存曲线（按客户数加权）' },
      chart: {
        type: 'line',
        valueFormat: 'percent',
        categories: columns.slice(1),
        series: [{ name: { en: 'Active share', zh: '活跃比例' }, values: matrix.averageRetention.slice(1) }],
      },
    });
  }
  return {
    id: 'customers-cohorts',
    title: { en: 'Cohorts and retention', zh: '获客批次与留存' },
    summary: {
      en: `${matrix.cohorts.length} ${matrix.period}ly acquisition cohorts; on average ${((matrix.averageRetention[1] ?? 0) * 100).toFixed(1)}% of new customers buy again in the ${matrix.period} after their first order.`,
      zh: `共 ${matrix.cohorts.length} 个按${matrix.period === 'month' ? '月' : '周'}划分的获客批次；平均 ${((matrix.averageRetention[1] ?? 0) * 100).toFixed(1)}% 的新客户在首单后的下一${unitZh}再次购买。`,
    },
    provenance: {
      engine: run.engine,
      modelRunId: run.modelRunId,
      dataWindow: run.dataWindow,
      note: {
        en: 'Cohort = period of the first counted order (cancelled and returned orders excluded); a customer is active in a period when it ordered in it.',
        zh: '批次 = 首个有效订单所在期间（不含取消和退货订单）；客户在某期下单即视为该期活跃。',
      },
    },
    blocks,
  };
}
