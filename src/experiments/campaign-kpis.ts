import { InputError } from '../core/errors.js';
import { median } from '../stats/descriptive.js';

/**
 * Campaign KPIs from daily campaign statistics: sums of impressions, clicks, conversions, spend and
 * revenue with the ratio KPIs
 *   CTR = clicks / impressions, CVR = conversions / clicks, CPC = spend / clicks,
 *   CPM = 1000 · spend / impressions, CPA = spend / conversions, ROAS = revenue / spend,
 *   ROI = (revenue − spend) / spend,
 * in total and by campaign, channel and day. A ratio whose denominator is 0 is null (not NaN,
 * not Infinity): "no clicks" has no CVR. Ratios of a group are ratios of its sums, not means of
 * daily ratios.
 * Anomaly flags per daily series (each campaign and each channel × each metric of `metrics`): the
 * robust z-score z_t = (v_t − median) / (1.4826 · MAD) of the value against the previous `window`
 * (default 28) observed days of the same series (the day itself excluded, at least `minHistory`
 * (default 14) non-null values needed), flagged when |z| > `threshold` (default 3.5, Iglewicz &
 * Hoaglin's cut-off for the modified z-score). When MAD = 0 the mean absolute deviation × 1.2533 is
 * used instead (IBM SPSS convention); when that is 0 too the series is constant and nothing is
 * flagged. Days a campaign has no row are not in its series (the window counts observed days).
 * Reference: Iglewicz & Hoaglin (1993), "How to Detect and Handle Outliers", ASQC, §3.
 * Cost: O(rows + series × days × window log window).
 * Example: one row {impressions 1000, clicks 50, conversions 5, spend 100, revenue 400} →
 * ctr 0.05, cvr 0.1, cpc 2, cpm 100, cpa 20, roas 4, roi 3.
 */

export interface CampaignStatRow {
  /** 'YYYY-MM-DD' or a Date (its UTC day). */
  readonly date: string | Date;
  readonly campaign: string;
  readonly channel: string;
  readonly impressions: number;
  readonly clicks: number;
  readonly conversions: number;
  readonly spend: number;
  readonly revenue: number;
}

export interface KpiValues {
  readonly impressions: number;
  readonly clicks: number;
  readonly conversions: number;
  readonly spend: number;
  readonly revenue: number;
  readonly ctr: number | null;
  readonly cvr: number | null;
  readonly cpc: number | null;
  readonly cpm: number | null;
  readonly cpa: number | null;
  readonly roas: number | null;
  readonly roi: number | null;
}

export type KpiMetric = keyof KpiValues;

export interface KpiAnomaly {
  readonly level: 'campaign' | 'channel';
  readonly key: string;
  readonly metric: KpiMetric;
  readonly date: string;
  readonly value: number;
  readonly median: number;
  readonly robustZ: number;
  readonly direction: 'high' | 'low';
}

export interface CampaignKpiOptions {
  /** Metrics screened for anomalies (default spend, conversions, revenue, ctr, cvr, cpa, roas). */
  readonly metrics?: readonly KpiMetric[];
  readonly window?: number;
  readonly minHistory?: number;
  readonly threshold?: number;
}

export interface CampaignKpiReport {
  readonly totals: KpiValues;
  readonly byCampaign: readonly ({ readonly campaign: string; readonly channel: string } & KpiValues)[];
  readonly byChannel: readonly ({ readonly channel: string } & KpiValues)[];
  readonly byDay: readonly ({ readonly date: string } & KpiValues)[];
  readonly anomalies: readonly KpiAnomaly[];
}

interface Sums {
  impressions: number;
  clicks: number;
  conversions: number;
  spend: number;
  revenue: number;
}

const ratio = (numerator: number, denominator: number): number | null =>
  denominator === 0 ? null : numerator / denominator;

/** The KPI ratios of summed counts (null when a denominator is 0). Example in the module comment. */
export function kpiValues(sums: Sums): KpiValues {
  const { impressions, clicks, conversions, spend, revenue } = sums;
  return {
    impressions,
    clicks,
    conversions,
    spend,
    revenue,
    ctr: ratio(clicks, impressions),
    cvr: ratio(conversions, clicks),
    cpc: ratio(spend, clicks),
    cpm: impressions === 0 ? null : (1000 * spend) / impressions,
    cpa: ratio(spend, conversions),
    roas: ratio(revenue, spend),
    roi: spend === 0 ? null : (revenue - spend) / spend,
  };
}

const FIELDS = ['impressions', 'clicks', 'conversions', 'spend', 'revenue'] as const;

function dayOf(value: string | Date, index: number): string {
  if (value instanceof Date) {
    if (!Number.isFinite(value.getTime()))
      throw new InputError('invalid_argument', `row ${index}: invalid date`);
    return value.toISOString().slice(0, 10);
  }
  const text = String(value);
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00Z`) : Number.NaN;
  if (!Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 10) !== text)
    throw new InputError('invalid_argument', `row ${index}: date '${text}' is not a valid YYYY-MM-DD day`);
  return text;
}

function add(target: Sums, row: CampaignStatRow): void {
  for (const f of FIELDS) target[f] += row[f];
}

const empty = (): Sums => ({ impressions: 0, clicks: 0, conversions: 0, spend: 0, revenue: 0 });

function robustScale(values: number[]): { center: number; scale: number } {
  const center = median(values);
  const deviations = values.map((v) => Math.abs(v - center));
  const mad = median(deviations);
  if (mad > 0) return { center, scale: 1.4826 * mad };
  const meanAbsolute = deviations.reduce((s, v) => s + v, 0) / deviations.length;
  return { center, scale: 1.2533 * meanAbsolute };
}

/**
 * Anomalies of one daily series (sorted by date) under the rule of the module comment.
 * Null values (an undefined ratio) are skipped, neither screened nor used as history.
 */
export function robustZAnomalies(
  dates: readonly string[],
  values: readonly (number | null)[],
  options: { readonly window?: number; readonly minHistory?: number; readonly threshold?: number } = {},
): {
  readonly index: number;
  readonly date: string;
  readonly value: number;
  readonly median: number;
  readonly robustZ: number;
}[] {
  const window = options.window ?? 28;
  const minHistory = options.minHistory ?? 14;
  const threshold = options.threshold ?? 3.5;
  if (
    !(Number.isInteger(window) && window >= 3) ||
    !(Number.isInteger(minHistory) && minHistory >= 3 && minHistory <= window)
  )
    throw new InputError(
      'invalid_argument',
      `anomaly window must be an integer ≥ 3 and minHistory in [3, window], got ${window}, ${minHistory}`,
    );
  if (!(Number.isFinite(threshold) && threshold > 0))
    throw new InputError('invalid_argument', `anomaly threshold must be > 0, got ${threshold}`);
  const out: { index: number; date: string; value: number; median: number; robustZ: number }[] = [];
  const history: number[] = [];
  values.forEach((value, index) => {
    if (value === null) return;
    if (history.length >= minHistory) {
      const { center, scale } = robustScale(history);
      if (scale > 0) {
        const z = (value - center) / scale;
        if (Math.abs(z) > threshold)
          out.push({ index, date: dates[index] as string, value, median: center, robustZ: z });
      }
    }
    history.push(value);
    if (history.length > window) history.shift();
  });
  return out;
}

const DEFAULT_METRICS: readonly KpiMetric[] = [
  'spend',
  'conversions',
  'revenue',
  'ctr',
  'cvr',
  'cpa',
  'roas',
];

/** KPIs by campaign, channel and day with anomaly flags; see the module comment. */
export function campaignKpis(
  rows: readonly CampaignStatRow[],
  options: CampaignKpiOptions = {},
): CampaignKpiReport {
  if (rows.length === 0)
    throw new InputError('insufficient_data', 'campaignKpis needs at least one campaign_stats row');
  const days = rows.map((row, i) => {
    for (const f of FIELDS) {
      const v = row[f];
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
        throw new InputError(
          'invalid_argument',
          `campaign_stats row ${i} (${row.campaign}): ${f} must be a number ≥ 0, got ${v}`,
        );
    }
    if (!row.campaign || !row.channel)
      throw new InputError('invalid_argument', `campaign_stats row ${i}: campaign and channel are required`);
    return dayOf(row.date, i);
  });
  const totals = empty();
  const campaigns = new Map<string, { channel: string; sums: Sums; daily: Map<string, Sums> }>();
  const channels = new Map<string, { sums: Sums; daily: Map<string, Sums> }>();
  const byDay = new Map<string, Sums>();
  rows.forEach((row, i) => {
    const day = days[i] as string;
    add(totals, row);
    let c = campaigns.get(row.campaign);
    if (!c) {
      c = { channel: row.channel, sums: empty(), daily: new Map() };
      campaigns.set(row.campaign, c);
    } else if (c.channel !== row.channel)
      throw new InputError(
        'invalid_argument',
        `campaign ${row.campaign} appears under channels ${c.channel} and ${row.channel} (row ${i})`,
      );
    let ch = channels.get(row.channel);
    if (!ch) {
      ch = { sums: empty(), daily: new Map() };
      channels.set(row.channel, ch);
    }
    for (const [target, daily] of [
      [c.sums, c.daily],
      [ch.sums, ch.daily],
    ] as const) {
      add(target, row);
      let d = daily.get(day);
      if (!d) {
        d = empty();
        daily.set(day, d);
      }
      add(d, row);
    }
    let d = byDay.get(day);
    if (!d) {
      d = empty();
      byDay.set(day, d);
    }
    add(d, row);
  });
  const metrics = options.metrics ?? DEFAULT_METRICS;
  const anomalies: KpiAnomaly[] = [];
  const screen = (level: 'campaign' | 'channel', key: string, daily: Map<string, Sums>) => {
    const dates = [...daily.keys()].sort();
    const kpis = dates.map((d) => kpiValues(daily.get(d) as Sums));
    for (const metric of metrics) {
      const series = kpis.map((k) => k[metric]);
      for (const a of robustZAnomalies(dates, series, options))
        anomalies.push({
          level,
          key,
          metric,
          date: a.date,
          value: a.value,
          median: a.median,
          robustZ: a.robustZ,
          direction: a.robustZ > 0 ? 'high' : 'low',
        });
    }
  };
  const campaignKeys = [...campaigns.keys()].sort();
  const channelKeys = [...channels.keys()].sort();
  for (const key of campaignKeys)
    screen('campaign', key, (campaigns.get(key) as { daily: Map<string, Sums> }).daily);
  for (const key of channelKeys)
    screen('channel', key, (channels.get(key) as { daily: Map<string, Sums> }).daily);
  anomalies.sort(
    (a, b) => a.date.localeCompare(b.date) || a.key.localeCompare(b.key) || a.metric.localeCompare(b.metric),
  );
  return {
    totals: kpiValues(totals),
    byCampaign: campaignKeys.map((campaign) => {
      const c = campaigns.get(campaign) as { channel: string; sums: Sums };
      return { campaign, channel: c.channel, ...kpiValues(c.sums) };
    }),
    byChannel: channelKeys.map((channel) => ({
      channel,
      ...kpiValues((channels.get(channel) as { sums: Sums }).sums),
    })),
    byDay: [...byDay.keys()].sort().map((date) => ({ date, ...kpiValues(byDay.get(date) as Sums) })),
    anomalies,
  };
}
