import { type LoyaltyTier, loyaltyTierNames, loyaltyTiers } from '../../../customers/index.js';
import type { Block, Section } from '../../../report/index.js';
import type { LoyaltyRun } from '../loyalty-service.js';

const fromLabel = (key: string) =>
  key === 'new'
    ? { en: 'New', zh: '新客户' }
    : (loyaltyTierNames[key as LoyaltyTier] ?? { en: key, zh: key });
const toLabel = (key: string) =>
  key === 'gone'
    ? { en: 'Gone', zh: '已不在' }
    : (loyaltyTierNames[key as LoyaltyTier] ?? { en: key, zh: key });

/** Loyalty tiers (customer pyramid on predicted CLV, P(alive) gating dormant) and tier movement. */
export function buildLoyaltySection(run: LoyaltyRun): Section {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const blocks: Block[] = [
    {
      kind: 'chart',
      caption: { en: 'Share of customers and of CLV by tier', zh: '各等级的客户占比与价值占比' },
      chart: {
        type: 'bar',
        valueFormat: 'percent',
        categories: run.tiers.map((t) => ({ en: t.nameEn, zh: t.nameZh })),
        series: [
          { name: { en: 'Customers', zh: '客户占比' }, values: run.tiers.map((t) => t.share) },
          { name: { en: 'CLV', zh: '价值占比' }, values: run.tiers.map((t) => t.clvShare) },
        ],
      },
    },
    {
      kind: 'table',
      columns: [
        { key: 'tier', label: { en: 'Tier', zh: '等级' } },
        { key: 'customers', label: { en: 'Customers', zh: '客户数' }, format: 'int' },
        { key: 'share', label: { en: 'Share', zh: '占比' }, format: 'percent' },
        { key: 'clvShare', label: { en: 'CLV share', zh: '价值占比' }, format: 'percent' },
        { key: 'range', label: { en: `CLV range (${run.currency})`, zh: `价值范围（${run.currency}）` } },
        { key: 'pAlive', label: { en: 'Mean P(alive)', zh: '平均存活概率' }, format: 'percent' },
      ],
      rows: run.tiers.map((t) => ({
        tier: { en: t.nameEn, zh: t.nameZh },
        customers: t.customers,
        share: t.share,
        clvShare: t.clvShare,
        range:
          t.minClv === null || t.maxClv === null ? '—' : `${t.minClv.toFixed(0)} – ${t.maxClv.toFixed(0)}`,
        pAlive: t.meanProbabilityAlive,
      })),
    },
  ];
  const m = run.movement;
  if (m) {
    const froms = ['new', ...loyaltyTiers] as const;
    const tos = [...loyaltyTiers, 'gone'] as const;
    blocks.push({
      kind: 'callout',
      tone: m.downgraded > m.upgraded ? 'warn' : 'info',
      text: {
        en: `Since the tier run as of ${m.previousAsOf.slice(0, 10)}: ${m.upgraded} customers moved up, ${m.downgraded} moved down, ${m.unchanged} stayed, ${m.newCustomers} are new and ${m.gone} dropped out of the tiers.`,
        zh: `与 ${m.previousAsOf.slice(0, 10)} 的分级相比：${m.upgraded} 位客户升级，${m.downgraded} 位降级，${m.unchanged} 位不变，新增 ${m.newCustomers} 位，${m.gone} 位退出分级。`,
      },
    });
    blocks.push({
      kind: 'chart',
      caption: { en: 'Tier movement (rows: before, columns: now)', zh: '等级变动（行：之前，列：现在）' },
      chart: {
        type: 'heatmap',
        valueFormat: 'int',
        rows: froms.map(fromLabel),
        columns: tos.map(toLabel),
        values: froms.map((f) => tos.map((t) => m.matrix[f]?.[t] ?? 0)),
        showValues: true,
      },
    });
  }
  for (const note of run.notes) blocks.push({ kind: 'callout', tone: 'info', text: note });
  const top = run.tiers.filter((t) => t.tier === 'platinum' || t.tier === 'gold');
  const topShare = top.reduce((s, t) => s + t.clvShare, 0);
  const topCustomers = top.reduce((s, t) => s + t.share, 0);
  return {
    id: 'customers-loyalty',
    title: { en: 'Loyalty tiers', zh: '会员等级' },
    summary: {
      en: `Platinum and gold customers are ${pct(topCustomers)} of the tiered customers and ${pct(topShare)} of predicted value; ${run.highValueCustomers.toLocaleString('en-US')} high-value customers are both valuable and likely active.`,
      zh: `铂金和黄金客户占已分级客户的 ${pct(topCustomers)}，贡献 ${pct(topShare)} 的预测价值；${run.highValueCustomers.toLocaleString('zh-CN')} 位高价值客户既有价值又很可能仍活跃。`,
    },
    provenance: {
      engine: run.engine,
      modelRunId: run.modelRunId,
      dataWindow: run.dataWindow ?? undefined,
      note: {
        en: `Tiers from CLV run ${run.clvRunId}: dormant when P(alive) < ${run.thresholds.dormantBelowProbabilityAlive}; otherwise the top ${pct(run.thresholds.platinumShare)} by CLV platinum, next ${pct(run.thresholds.goldShare)} gold, next ${pct(run.thresholds.silverShare)} silver.`,
        zh: `基于客户价值运行 ${run.clvRunId} 分级：存活概率 < ${run.thresholds.dormantBelowProbabilityAlive} 为沉睡；其余按价值前 ${pct(run.thresholds.platinumShare)} 为铂金，其后 ${pct(run.thresholds.goldShare)} 为黄金，再后 ${pct(run.thresholds.silverShare)} 为白银。`,
      },
    },
    blocks,
  };
}
