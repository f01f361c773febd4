import { normal, pickWeighted, poisson, type Rng } from '../core/random.js';
import { DAY_MS, type DemoWindow, isoDay, type WindowPromotion } from './calendar.js';
import type { DemoRow, TruthEntry } from './types.js';

/**
 * Campaigns and their daily statistics. Conversions reported per channel follow a planted media
 * response: geometric adstock A_t = x_t + θ·A_{t−1} of the channel's daily spend x_t (CNY), then a
 * Hill saturation E[conversions_t] = β · A_t^s / (K^s + A_t^s), conversions ~ Poisson(E), split to
 * the channel's active campaigns in proportion to their spend that day (multinomial). Spend levels,
 * K and β scale with the number of customers (per 10 000). Video and display run in flights
 * (2 dark weeks in every 10) so carry-over is identifiable.
 * References: Jin, Wang, Sun, Chan & Koehler (2017), "Bayesian methods for media mix modeling with
 * carryover and shape effects", Google research.
 */

export interface ChannelSpec {
  readonly key: string;
  readonly label: string;
  readonly labelZh: string;
  /** Adstock decay θ. */
  readonly adstockDecay: number;
  /** Hill half-saturation K, CNY of adstock per 10 000 customers. */
  readonly halfSaturation: number;
  /** Hill shape s. */
  readonly hillShape: number;
  /** β: maximum expected conversions per day per 10 000 customers. */
  readonly maxDailyConversions: number;
  /** Mean daily spend (CNY) per 10 000 customers outside promotions. */
  readonly baseDailySpend: number;
  readonly cpm: number;
  readonly ctr: number;
  /** Average order value of platform-reported conversions (CNY). */
  readonly aov: number;
  readonly flighted: boolean;
}

// biome-ignore format: data table
export const CHANNELS: readonly ChannelSpec[] = [
  { key: 'search', label: 'Search', labelZh: '搜索', adstockDecay: 0.3, halfSaturation: 6000, hillShape: 1.2, maxDailyConversions: 14, baseDailySpend: 5000, cpm: 40, ctr: 0.04, aov: 320, flighted: false },
  { key: 'social', label: 'Social', labelZh: '社交', adstockDecay: 0.5, halfSaturation: 7000, hillShape: 1.0, maxDailyConversions: 8, baseDailySpend: 3500, cpm: 25, ctr: 0.012, aov: 280, flighted: false },
  { key: 'email', label: 'Email', labelZh: '邮件', adstockDecay: 0.2, halfSaturation: 300, hillShape: 1.5, maxDailyConversions: 4, baseDailySpend: 250, cpm: 2, ctr: 0.03, aov: 300, flighted: false },
  { key: 'display', label: 'Display', labelZh: '展示广告', adstockDecay: 0.6, halfSaturation: 12000, hillShape: 0.9, maxDailyConversions: 6, baseDailySpend: 4000, cpm: 10, ctr: 0.004, aov: 260, flighted: true },
  { key: 'video', label: 'Video', labelZh: '视频', adstockDecay: 0.7, halfSaturation: 20000, hillShape: 1.1, maxDailyConversions: 7, baseDailySpend: 5000, cpm: 35, ctr: 0.006, aov: 300, flighted: true },
  { key: 'affiliate', label: 'Affiliate', labelZh: '联盟推广', adstockDecay: 0.1, halfSaturation: 2500, hillShape: 1.3, maxDailyConversions: 4, baseDailySpend: 1500, cpm: 12, ctr: 0.02, aov: 240, flighted: false },
  { key: 'sms', label: 'SMS', labelZh: '短信', adstockDecay: 0.15, halfSaturation: 500, hillShape: 1.6, maxDailyConversions: 3, baseDailySpend: 400, cpm: 60, ctr: 0.02, aov: 220, flighted: false },
  { key: 'wechat', label: 'WeChat', labelZh: '微信', adstockDecay: 0.4, halfSaturation: 4000, hillShape: 1.2, maxDailyConversions: 6, baseDailySpend: 2500, cpm: 30, ctr: 0.015, aov: 290, flighted: false },
];

export interface CampaignInfo {
  readonly id: string;
  readonly channel: string;
  readonly firstIndex: number;
  readonly lastIndex: number;
  readonly promo: boolean;
}

export interface MarketingResult {
  readonly campaigns: readonly CampaignInfo[];
  readonly campaignRows: readonly DemoRow[];
  readonly statRows: readonly DemoRow[];
  readonly truth: readonly TruthEntry[];
}

function halfYears(window: DemoWindow): { label: string; first: number; last: number }[] {
  const out: { label: string; first: number; last: number }[] = [];
  let d = 0;
  while (d < window.days) {
    const date = new Date(window.startMs + d * DAY_MS);
    const year = date.getUTCFullYear();
    const h2 = date.getUTCMonth() >= 6;
    const nextStart = Date.UTC(h2 ? year + 1 : year, h2 ? 0 : 6, 1);
    const last = Math.min(window.days - 1, Math.round((nextStart - window.startMs) / DAY_MS) - 1);
    out.push({ label: `${year}${h2 ? 'H2' : 'H1'}`, first: d, last });
    d = last + 1;
  }
  return out;
}

export function generateMarketing(
  rng: Rng,
  window: DemoWindow,
  promotions: readonly WindowPromotion[],
  customerCount: number,
): MarketingResult {
  const scale = customerCount / 10_000;
  const campaigns: CampaignInfo[] = [];
  const campaignRows: DemoRow[] = [];
  const budgets: number[] = [];
  const addCampaign = (
    channel: ChannelSpec,
    name: string,
    objective: string,
    first: number,
    last: number,
    promo: boolean,
  ) => {
    const id = `cmp_${String(campaigns.length + 1).padStart(4, '0')}`;
    campaigns.push({ id, channel: channel.key, firstIndex: first, lastIndex: last, promo });
    budgets.push(0);
    campaignRows.push({
      id,
      name,
      channel: channel.key,
      objective,
      start_date: isoDay(window.startMs + first * DAY_MS),
      end_date: isoDay(window.startMs + last * DAY_MS),
      budget: 0,
      currency: 'CNY',
    });
  };
  const bigPromos = promotions.filter((p) => /_(618|1111|bf)$/.test(p.id));
  for (const channel of CHANNELS) {
    for (const half of halfYears(window)) {
      addCampaign(
        channel,
        `${channel.label} always-on ${half.label}`,
        channel.key === 'email' || channel.key === 'sms' ? 'retention' : 'acquisition',
        half.first,
        half.last,
        false,
      );
    }
    for (const promo of bigPromos) {
      if (promo.id.endsWith('_bf') && (channel.key === 'wechat' || channel.key === 'sms')) continue;
      const first = Math.max(0, promo.firstIndex - 7);
      addCampaign(
        channel,
        `${channel.label} · ${promo.nameZh} / ${promo.name}`,
        'conversion',
        first,
        promo.lastIndex,
        true,
      );
    }
  }
  const statRows: DemoRow[] = [];
  const truth: TruthEntry[] = [];
  const dailySpendByChannel: Record<string, number[]> = {};
  for (const channel of CHANNELS) {
    const own = campaigns.map((c, i) => ({ c, i })).filter(({ c }) => c.channel === channel.key);
    let adstock = 0;
    let expectedTotal = 0;
    let realizedTotal = 0;
    let spendTotal = 0;
    const spendSeries: number[] = [];
    const K = channel.halfSaturation * scale;
    const beta = channel.maxDailyConversions * scale;
    for (let d = 0; d < window.days; d++) {
      const active = own.filter(({ c }) => d >= c.firstIndex && d <= c.lastIndex);
      const promoActive = active.some(({ c }) => c.promo);
      const weekday = new Date(window.startMs + d * DAY_MS).getUTCDay();
      const dark = channel.flighted && Math.floor(d / 7) % 10 >= 8;
      const level =
        channel.baseDailySpend * scale * (weekday === 0 || weekday === 6 ? 1.1 : 1) * (promoActive ? 2.5 : 1);
      const spend =
        dark || active.length === 0 ? 0 : Math.round(level * Math.exp(normal(rng, 0, 0.25)) * 100) / 100;
      adstock = spend + channel.adstockDecay * adstock;
      const expected =
        beta * (adstock ** channel.hillShape / (K ** channel.hillShape + adstock ** channel.hillShape));
      const conversions = poisson(rng, expected);
      expectedTotal += expected;
      realizedTotal += conversions;
      spendTotal += spend;
      spendSeries.push(spend);
      if (active.length === 0) continue;
      // spend shares: a running promo campaign takes 60 %, always-on campaigns share the rest
      const weights = active.map(({ c }) => (promoActive ? (c.promo ? 0.6 : 0.4) : 1));
      const wsum = weights.reduce((s, v) => s + v, 0);
      const impressions = Math.round((spend / channel.cpm) * 1000 * Math.exp(normal(rng, 0, 0.1)));
      const clicks = Math.round(impressions * channel.ctr * Math.exp(normal(rng, 0, 0.15)));
      const split = active.map(() => 0);
      for (let k = 0; k < conversions; k++) {
        const j = pickWeighted(rng, weights);
        split[j] = (split[j] as number) + 1;
      }
      let spendLeft = spend;
      let impressionsLeft = impressions;
      let clicksLeft = clicks;
      active.forEach(({ c, i }, j) => {
        const last = j === active.length - 1;
        const share = (weights[j] as number) / wsum;
        const s = last ? Math.round(spendLeft * 100) / 100 : Math.round(spend * share * 100) / 100;
        const imp = last ? impressionsLeft : Math.round(impressions * share);
        const clk = last ? clicksLeft : Math.min(imp, Math.round(clicks * share));
        spendLeft -= s;
        impressionsLeft -= imp;
        clicksLeft -= clk;
        budgets[i] = (budgets[i] as number) + s;
        const conv = split[j] as number;
        statRows.push({
          id: '',
          campaign_id: c.id,
          date: isoDay(window.startMs + d * DAY_MS),
          channel: channel.key,
          spend: Math.max(0, s),
          impressions: Math.max(0, imp),
          clicks: Math.max(0, Math.min(clk, Math.max(0, imp))),
          conversions: conv,
          revenue: Math.round(conv * channel.aov * Math.exp(normal(rng, 0, 0.1)) * 100) / 100,
        });
      });
    }
    dailySpendByChannel[channel.key] = spendSeries;
    truth.push({
      kind: 'media_response',
      key: channel.key,
      value: {
        formula:
          'E[conversions_t] = beta * A_t^s / (K^s + A_t^s), A_t = spend_t + theta * A_{t-1} (channel daily spend, CNY)',
        theta: channel.adstockDecay,
        K,
        s: channel.hillShape,
        beta,
        aov: channel.aov,
        totalSpend: Math.round(spendTotal * 100) / 100,
        expectedConversions: expectedTotal,
        realizedConversions: realizedTotal,
        flighted: channel.flighted,
      },
    });
  }
  campaignRows.forEach((row, i) => {
    row.budget = Math.round((budgets[i] as number) * 1.05);
  });
  statRows.sort(
    (x, y) =>
      (x.date as string).localeCompare(y.date as string) ||
      (x.campaign_id as string).localeCompare(y.campaign_id as string),
  );
  statRows.forEach((row, i) => {
    row.id = `cst_${String(i + 1).padStart(7, '0')}`;
  });
  return { campaigns, campaignRows, statRows, truth };
}
