import type { Block, Section } from '../../../report/index.js';
import type { FunnelRun } from '../funnel-service.js';

const stepNames: Readonly<Record<string, { en: string; zh: string }>> = {
  page_view: { en: 'Page view', zh: '浏览页面' },
  product_view: { en: 'Product view', zh: '浏览商品' },
  add_to_cart: { en: 'Add to cart', zh: '加入购物车' },
  checkout: { en: 'Checkout', zh: '结算' },
  purchase: { en: 'Purchase', zh: '购买' },
};
const stepName = (type: string) => stepNames[type] ?? { en: type, zh: type };
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The funnel, its breakdown, the pain points and the top paths. */
export function buildFunnelSection(run: FunnelRun): Section {
  const { funnel, painPoints, paths } = run;
  const total = funnel.total.steps;
  const blocks: Block[] = [
    {
      kind: 'chart',
      caption: {
        en: `Funnel (${funnel.unit}s, all devices)`,
        zh: `转化漏斗（按${funnel.unit === 'session' ? '会话' : '客户'}，全部设备）`,
      },
      chart: {
        type: 'funnel',
        stages: total.map((s) => ({ label: stepName(s.eventType), value: s.entered })),
      },
    },
  ];
  if (funnel.groups.length > 0) {
    blocks.push({
      kind: 'table',
      caption: {
        en: `Step conversion by ${funnel.by ?? 'group'} (median time to the next step)`,
        zh: `按${funnel.by === 'device' ? '设备' : '渠道'}的步骤转化率（到下一步的中位时间）`,
      },
      columns: [
        {
          key: 'group',
          label: {
            en: funnel.by === 'device' ? 'Device' : 'Channel',
            zh: funnel.by === 'device' ? '设备' : '渠道',
          },
        },
        ...total.slice(0, -1).map((s, i) => ({
          key: `s${i}`,
          label: {
            en: `${stepName(s.eventType).en} → ${stepName(total[i + 1]?.eventType ?? '').en}`,
            zh: `${stepName(s.eventType).zh} → ${stepName(total[i + 1]?.eventType ?? '').zh}`,
          },
        })),
      ],
      rows: [funnel.total, ...funnel.groups].map((g, index) => ({
        group: index === 0 ? { en: 'All', zh: '全部' } : (g.group ?? '—'),
        ...Object.fromEntries(
          g.steps
            .slice(0, -1)
            .map((s, i) => [
              `s${i}`,
              `${pct(s.conversionRate ?? 0)}${s.medianSecondsToNext === null ? '' : ` · ${Math.round(s.medianSecondsToNext)}s`}`,
            ]),
        ),
      })),
    });
  }
  const found = painPoints?.painPoints ?? [];
  if (painPoints) {
    blocks.push({
      kind: 'callout',
      tone: found.length > 0 ? 'warn' : 'good',
      text:
        found.length > 0
          ? {
              en: `Pain points: ${found.map((p) => `${p.segment} at ${stepName(p.fromStep).en} → ${stepName(p.toStep).en} (drop-off ${pct(p.segmentDropOffRate)} vs ${pct(p.baselineDropOffRate)} elsewhere, Holm-adjusted p = ${p.adjustedPValue.toExponential(1)})`).join('; ')}.`,
              zh: `痛点：${found.map((p) => `${p.segment} 在「${stepName(p.fromStep).zh} → ${stepName(p.toStep).zh}」（流失 ${pct(p.segmentDropOffRate)}，其他 ${pct(p.baselineDropOffRate)}，Holm 校正 p = ${p.adjustedPValue.toExponential(1)}）`).join('；')}。`,
            }
          : {
              en: `No step loses significantly more ${funnel.unit}s on one ${funnel.by} than on the others (${painPoints.comparisons} Holm-corrected tests).`,
              zh: `没有哪个${funnel.by === 'device' ? '设备' : '渠道'}在某一步的流失显著高于其他（${painPoints.comparisons} 个 Holm 校正检验）。`,
            },
    });
  }
  const pathRows = (rows: typeof paths.toConversion) =>
    rows.slice(0, 8).map((r) => ({
      path: r.path.map((p) => stepName(p).en).join(' → '),
      sessions: r.sessions,
      share: r.share,
    }));
  blocks.push(
    {
      kind: 'table',
      caption: { en: 'Top paths to a purchase', zh: '通向购买的常见路径' },
      columns: [
        { key: 'path', label: { en: 'Path', zh: '路径' } },
        { key: 'sessions', label: { en: 'Sessions', zh: '会话数' }, format: 'int' },
        { key: 'share', label: { en: 'Share', zh: '占比' }, format: 'percent' },
      ],
      rows: pathRows(paths.toConversion),
    },
    {
      kind: 'table',
      caption: { en: 'Top paths of abandoned sessions', zh: '放弃会话的常见路径' },
      columns: [
        { key: 'path', label: { en: 'Path', zh: '路径' } },
        { key: 'sessions', label: { en: 'Sessions', zh: '会话数' }, format: 'int' },
        { key: 'share', label: { en: 'Share', zh: '占比' }, format: 'percent' },
      ],
      rows: pathRows(paths.toAbandonment),
    },
  );
  const last = total[total.length - 1];
  return {
    id: 'funnel',
    title: { en: 'Funnel and UX pain points', zh: '转化漏斗与体验痛点' },
    summary: {
      en: `${pct(last?.overallRate ?? 0)} of ${funnel.unit}s that start the funnel reach ${stepName(last?.eventType ?? '').en.toLowerCase()}; ${found.length} pain point(s) found.`,
      zh: `进入漏斗的${funnel.unit === 'session' ? '会话' : '客户'}中有 ${pct(last?.overallRate ?? 0)} 到达「${stepName(last?.eventType ?? '').zh}」；发现 ${found.length} 个痛点。`,
    },
    provenance: {
      engine: run.engine,
      modelRunId: run.modelRunId,
      dataWindow: run.dataWindow ?? undefined,
      note: {
        en: `Ordered funnel within ${Math.round(funnel.windowSeconds / 60)} minutes of the first step; pain points: ${painPoints?.test ?? 'not tested (one group)'}, Holm-corrected, and material (drop-off ≥ ${Math.round(run.materiality.minimumDifference * 100)} points and ≥ ${Math.round(run.materiality.minimumRelativeDifference * 100)}% above the rest).`,
        zh: `有序漏斗，窗口为首步后 ${Math.round(funnel.windowSeconds / 60)} 分钟；痛点检验：单侧双比例 z 检验，Holm 校正，且差异须足够大（流失率高出其余至少 ${Math.round(run.materiality.minimumDifference * 100)} 个百分点且相对高 ${Math.round(run.materiality.minimumRelativeDifference * 100)}%）。`,
      },
    },
    blocks,
  };
}
