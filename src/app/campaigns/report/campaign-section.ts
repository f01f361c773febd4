import type { KpiAnomaly, KpiMetric } from '../../../experiments/index.js';
import type { Localized, Section } from '../../../report/index.js';
import type { CampaignKpisRun } from '../campaign-service.js';

/**
 * Campaign KPIs section: headline totals, the KPI table by channel (CTR, CVR, CPC, CPM, CPA, ROAS,
 * ROI), daily spend and ROAS lines, and the anomaly flags (robust z against the previous 28 days).
 */

const METRIC_NAMES: Readonly<Record<KpiMetric, Localized>> = {
  impressions: { en: 'Impressions', zh: '展示' },
  clicks: { en: 'Clicks', zh: '点击' },
  conversions: { en: 'Conversions', zh: '转化' },
  spend: { en: 'Spend', zh: '花费' },
  revenue: { en: 'Revenue', zh: '收入' },
  ctr: { en: 'CTR', zh: '点击率' },
  cvr: { en: 'CVR', zh: '转化率' },
  cpc: { en: 'CPC', zh: '单次点击成本' },
  cpm: { en: 'CPM', zh: '千次展示成本' },
  cpa: { en: 'CPA', zh: '单次转化成本' },
  roas: { en: 'ROAS', zh: '广告支出回报率' },
  roi: { en: 'ROI', zh: '投资回报率' },
};

const CHANNEL_NAMES: Readonly<Record<string, Localized>> = {
  search: { en: 'Search', zh: '搜索' },
  social: { en: 'Social', zh: '社交' },
  email: { en: 'Email', zh: '邮件' },
  display: { en: 'Display', zh: '展示广告' },
  video: { en: 'Video', zh: '视频' },
  affiliate: { en: 'Affiliate', zh: '联盟推广' },
  sms: { en: 'SMS', zh: '短信' },
  wechat: { en: 'WeChat', zh: '微信' },
};

/** A channel key as a label: the known channels translated, others as they are. */
export function channelLabel(channel: string): string | Localized {
  return CHANNEL_NAMES[channel] ?? channel;
}

const fixed = (n: number | null, digits: number): string => (n === null ? '—' : n.toFixed(digits));

/** A whole number with digit grouping in both languages. */
export const grouped = (n: number): Localized => ({
  en: Math.round(n).toLocaleString('en-US'),
  zh: Math.round(n).toLocaleString('zh-CN'),
});

function anomalyMetricFormat(metric: KpiMetric, value: number): string {
  if (metric === 'ctr' || metric === 'cvr') return `${(value * 100).toFixed(2)}%`;
  if (metric === 'impressions' || metric === 'clicks' || metric === 'conversions') return value.toFixed(0);
  return value.toFixed(2);
}

/** The section for one `campaigns.kpis` run. */
export function buildCampaignKpiSection(run: CampaignKpisRun): Section {
  const { report, currency } = run;
  const t = report.totals;
  const channelAnomalies = report.anomalies.filter((a) => a.level === 'channel');
  const campaignAnomalies = report.anomalies.length - channelAnomalies.length;
  const flaggedDays = new Set(channelAnomalies.map((a) => `${a.key} ${a.date}`)).size;
  const byRoas = [...report.byChannel]
    .filter((c) => c.roas !== null)
    .sort((a, b) => (b.roas as number) - (a.roas as number));
  const best = byRoas[0];
  const worst = byRoas[byRoas.length - 1];
  const name = (c: string, locale: 'en' | 'zh') => {
    const l = CHANNEL_NAMES[c];
    return l ? l[locale] : c;
  };
  const topAnomalies: KpiAnomaly[] = [...channelAnomalies]
    .sort((a, b) => Math.abs(b.robustZ) - Math.abs(a.robustZ))
    .slice(0, 50);
  const money = (label: Localized): Localized => ({
    en: `${label.en} (${currency})`,
    zh: `${label.zh}（${currency}）`,
  });
  return {
    id: 'campaigns-kpis',
    title: { en: 'Campaign performance', zh: '广告活动效果' },
    summary: {
      en: `${report.byCampaign.length} campaigns in ${report.byChannel.length} channels over ${report.byDay.length} days spent ${t.spend.toFixed(0)} ${currency} for ${t.conversions} conversions (CPA ${fixed(t.cpa, 2)}, ROAS ${fixed(t.roas, 2)}).${best && worst && best !== worst ? ` ${name(best.channel, 'en')} returns the most per unit spent (ROAS ${fixed(best.roas, 2)}), ${name(worst.channel, 'en')} the least (${fixed(worst.roas, 2)}).` : ''} ${flaggedDays} channel-days have at least one unusual metric.`,
      zh: `${report.byChannel.length} 个渠道的 ${report.byCampaign.length} 个活动在 ${report.byDay.length} 天内共花费 ${t.spend.toFixed(0)} ${currency}，带来 ${t.conversions} 次转化（单次转化成本 ${fixed(t.cpa, 2)}，ROAS ${fixed(t.roas, 2)}）。${best && worst && best !== worst ? `${name(best.channel, 'zh')} 的单位花费回报最高（ROAS ${fixed(best.roas, 2)}），${name(worst.channel, 'zh')} 最低（${fixed(worst.roas, 2)}）。` : ''}共有 ${flaggedDays} 个渠道日至少一项指标异常。`,
    },
    provenance: {
      engine: run.engine,
      modelRunId: run.modelRunId,
      dataWindow: run.dataWindow,
      note: {
        en: `Amounts in ${currency}; revenue is what the ad platforms report. Ratios are ratios of sums. Anomaly: |robust z| > 3.5 against the previous 28 observed days (median and 1.4826·MAD; Iglewicz & Hoaglin 1993).${run.notes.length > 0 ? ` ${run.notes.map((n) => n.en).join(' ')}` : ''}`,
        zh: `金额以 ${currency} 计；收入为广告平台上报值。比率为汇总值之比。异常：相对前 28 个观测日的稳健 z 值绝对值 > 3.5（中位数与 1.4826·MAD；Iglewicz & Hoaglin 1993）。${run.notes.map((n) => n.zh).join('')}`,
      },
    },
    blocks: [
      {
        kind: 'kpis',
        items: [
          { label: money({ en: 'Spend', zh: '花费' }), value: grouped(t.spend) },
          { label: money({ en: 'Revenue', zh: '收入' }), value: grouped(t.revenue) },
          { label: { en: 'Conversions', zh: '转化' }, value: grouped(t.conversions) },
          { label: { en: 'ROAS', zh: 'ROAS' }, value: fixed(t.roas, 2) },
          { label: money({ en: 'CPA', zh: '单次转化成本' }), value: fixed(t.cpa, 2) },
          {
            label: { en: 'CTR', zh: '点击率' },
            value: t.ctr === null ? '—' : `${(t.ctr * 100).toFixed(2)}%`,
          },
        ],
      },
      {
        kind: 'table',
        caption: { en: 'KPIs by channel', zh: '各渠道关键指标' },
        columns: [
          { key: 'channel', label: { en: 'Channel', zh: '渠道' } },
          { key: 'spend', label: money(METRIC_NAMES.spend), format: 'number' },
          { key: 'conversions', label: METRIC_NAMES.conversions, format: 'int' },
          { key: 'ctr', label: METRIC_NAMES.ctr, format: 'percent' },
          { key: 'cvr', label: METRIC_NAMES.cvr, format: 'percent' },
          { key: 'cpc', label: money(METRIC_NAMES.cpc), format: 'number' },
          { key: 'cpm', label: money(METRIC_NAMES.cpm), format: 'number' },
          { key: 'cpa', label: money(METRIC_NAMES.cpa), format: 'number' },
          { key: 'roas', label: METRIC_NAMES.roas, format: 'number' },
          { key: 'roi', label: METRIC_NAMES.roi, format: 'percent' },
        ],
        rows: report.byChannel.map((c) => ({
          channel: channelLabel(c.channel),
          spend: Math.round(c.spend),
          conversions: c.conversions,
          ctr: c.ctr,
          cvr: c.cvr,
          cpc: c.cpc,
          cpm: c.cpm,
          cpa: c.cpa,
          roas: c.roas,
          roi: c.roi,
        })),
      },
      {
        kind: 'chart',
        caption: { en: `Daily spend (${currency})`, zh: `每日花费（${currency}）` },
        chart: {
          type: 'line',
          categories: report.byDay.map((d) => d.date),
          valueFormat: 'number',
          height: 220,
          series: [{ name: METRIC_NAMES.spend, values: report.byDay.map((d) => d.spend) }],
        },
      },
      {
        kind: 'chart',
        caption: { en: 'Daily ROAS (revenue / spend)', zh: '每日 ROAS（收入 / 花费）' },
        chart: {
          type: 'line',
          categories: report.byDay.map((d) => d.date),
          valueFormat: 'number',
          height: 220,
          series: [{ name: METRIC_NAMES.roas, values: report.byDay.map((d) => d.roas) }],
        },
      },
      channelAnomalies.length === 0
        ? {
            kind: 'callout',
            tone: 'good',
            text: {
              en: 'No channel-day is unusual against its previous four weeks.',
              zh: '没有渠道日相对其前四周表现异常。',
            },
          }
        : {
            kind: 'table',
            caption: {
              en: `Unusual channel metrics (${channelAnomalies.length} flags on ${flaggedDays} channel-days; largest |z| first; ${campaignAnomalies} more flags at campaign level)`,
              zh: `渠道指标异常（${flaggedDays} 个渠道日共 ${channelAnomalies.length} 个标记，按 |z| 从大到小；活动层面另有 ${campaignAnomalies} 个标记）`,
            },
            maxRows: 15,
            columns: [
              { key: 'date', label: { en: 'Day', zh: '日期' }, format: 'date' },
              { key: 'channel', label: { en: 'Channel', zh: '渠道' } },
              { key: 'metric', label: { en: 'Metric', zh: '指标' } },
              { key: 'value', label: { en: 'Value', zh: '数值' }, align: 'right' },
              { key: 'median', label: { en: '28-day median', zh: '28 天中位数' }, align: 'right' },
              { key: 'z', label: { en: 'Robust z', zh: '稳健 z 值' }, format: 'number' },
              { key: 'direction', label: { en: 'Direction', zh: '方向' } },
            ],
            rows: topAnomalies.map((a) => ({
              date: a.date,
              channel: channelLabel(a.key),
              metric: METRIC_NAMES[a.metric],
              value: anomalyMetricFormat(a.metric, a.value),
              median: anomalyMetricFormat(a.metric, a.median),
              z: Number(a.robustZ.toFixed(2)),
              direction: a.direction === 'high' ? { en: 'high', zh: '偏高' } : { en: 'low', zh: '偏低' },
            })),
          },
    ],
  };
}
