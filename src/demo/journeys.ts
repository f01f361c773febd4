import { pick, pickWeighted, poisson, type Rng } from '../core/random.js';
import { DAY_MS, type DemoWindow } from './calendar.js';
import type { CustomerRecord } from './customers.js';
import type { CampaignInfo } from './marketing.js';
import type { OrderMeta } from './orders.js';
import type { DemoRow, TruthEntry } from './types.js';

/**
 * Marketing touchpoints on customer journeys, with a planted channel effect (noisy-OR):
 * a journey is a multiset of touches (count ~ Poisson(TOUCHES_MEAN), channels iid by the locale's
 * propensity); with S its set of distinct channels it converts with probability
 *   P(convert | S) = 1 − (1 − q₀) · Π_{c ∈ S} (1 − q_c).
 * Journeys are simulated forward until one converts; that one is attached to the next counted order (its
 * touches fall in the 30 days before the order and after the customer's previous order), the
 * non-converting ones to a random customer record and time, their touches within `browseDays`,
 * placed so that a reader who splits a customer's touches into journeys by the lookback rule (touches
 * followed by an order within 30 days convert; a gap of more than 30 days starts a new journey) gets
 * the drawn journeys back: no order of that record within 30 days after any of its touches and no other
 * non-converting journey of the record within 30 days (when 20 draws find such a place; the misses are
 * counted in the truth). So (journey, outcome) pairs are exact draws of the model, conditioned on the
 * number of conversions = number of orders; q_c is each channel's true incremental lift.
 */

export const JOURNEY_MODEL = {
  baseline: 0.12,
  lift: {
    search: 0.3,
    social: 0.1,
    email: 0.2,
    display: 0.05,
    video: 0.08,
    affiliate: 0.15,
    sms: 0.06,
    wechat: 0.18,
  },
  propensity: {
    zh: {
      search: 0.22,
      social: 0.18,
      email: 0.08,
      display: 0.12,
      video: 0.1,
      affiliate: 0.06,
      sms: 0.09,
      wechat: 0.15,
    },
    en: {
      search: 0.3,
      social: 0.22,
      email: 0.18,
      display: 0.12,
      video: 0.1,
      affiliate: 0.06,
      sms: 0.02,
      wechat: 0,
    },
  },
  touchesMean: 1.6,
  lookbackDays: 30,
  /** A non-converting journey's touches fall within this many days before its end. */
  browseDays: 7,
} as const;

type ChannelKey = keyof typeof JOURNEY_MODEL.lift;
const CHANNEL_KEYS = Object.keys(JOURNEY_MODEL.lift) as ChannelKey[];

const INTERACTIONS: Record<ChannelKey, readonly [string, number][]> = {
  search: [['click', 1]],
  social: [
    ['impression', 0.6],
    ['click', 0.4],
  ],
  email: [
    ['open', 0.7],
    ['click', 0.3],
  ],
  display: [
    ['impression', 0.8],
    ['click', 0.2],
  ],
  video: [
    ['impression', 0.9],
    ['click', 0.1],
  ],
  affiliate: [['click', 1]],
  sms: [['message', 1]],
  wechat: [
    ['message', 0.5],
    ['open', 0.3],
    ['click', 0.2],
  ],
};

export interface JourneyResult {
  readonly rows: readonly DemoRow[];
  readonly truth: readonly TruthEntry[];
}

export function generateJourneys(
  rng: Rng,
  orders: readonly OrderMeta[],
  records: readonly CustomerRecord[],
  campaigns: readonly CampaignInfo[],
  window: DemoWindow,
): JourneyResult {
  const byChannelDay = new Map<string, string[]>();
  for (const c of campaigns) {
    for (let d = c.firstIndex; d <= c.lastIndex; d++) {
      const key = `${c.channel}:${d}`;
      const list = byChannelDay.get(key) ?? [];
      // promotion campaigns first: touches during a promotion mostly come from it
      if (c.promo) list.unshift(c.id);
      else list.push(c.id);
      byChannelDay.set(key, list);
    }
  }
  const weightsZh = CHANNEL_KEYS.map((c) => JOURNEY_MODEL.propensity.zh[c]);
  const weightsEn = CHANNEL_KEYS.map((c) => JOURNEY_MODEL.propensity.en[c]);
  const touches: { customerId: string; channel: ChannelKey; ms: number }[] = [];
  const lookback = JOURNEY_MODEL.lookbackDays * DAY_MS;
  let converting = 0;
  let nonConverting = 0;
  const counts = Object.fromEntries(CHANNEL_KEYS.map((c) => [c, { journeys: 0, converted: 0 }]));
  const orderTimes = new Map<string, number[]>();
  // analyses count orders that were not cancelled or returned; only those end a converting journey
  const counted = orders.filter((o) => o.status !== 'cancelled' && o.status !== 'returned');
  for (const o of counted) {
    const list = orderTimes.get(o.record.id) ?? [];
    list.push(o.ms);
    orderTimes.set(o.record.id, list);
  }
  for (const list of orderTimes.values()) list.sort((a, b) => a - b);
  const browse = JOURNEY_MODEL.browseDays * DAY_MS;
  const browsingEnds = new Map<string, number[]>();
  // a non-converting journey over [endMs − browse, endMs] stays apart when no order follows one of its
  // touches within the lookback and no other non-converting journey lies within the lookback of it
  const isolated = (customerId: string, endMs: number) =>
    !(orderTimes.get(customerId) ?? []).some((ms) => ms >= endMs - browse && ms <= endMs + lookback) &&
    !(browsingEnds.get(customerId) ?? []).some((ms) => Math.abs(ms - endMs) <= lookback + browse);
  let overlapping = 0;
  let convertingWithTouches = 0;
  let nonConvertingWithTouches = 0;
  const place = (customerId: string, channels: readonly ChannelKey[], fromMs: number, endMs: number) => {
    const from = Math.max(window.startMs, fromMs);
    for (const channel of channels) {
      const ms = Math.floor((from + rng.next() * Math.max(0, endMs - from - 60_000)) / 1000) * 1000;
      touches.push({ customerId, channel, ms });
    }
  };
  /** The customer's last order strictly before `ms`, or −∞. */
  const previousOrder = (customerId: string, ms: number) => {
    let last = Number.NEGATIVE_INFINITY;
    for (const t of orderTimes.get(customerId) ?? []) {
      if (t >= ms) break;
      last = t;
    }
    return last;
  };
  for (const order of counted) {
    const weights = order.person.locale === 'zh' ? weightsZh : weightsEn;
    for (;;) {
      const k = poisson(rng, JOURNEY_MODEL.touchesMean);
      const channels: ChannelKey[] = [];
      for (let i = 0; i < k; i++) channels.push(CHANNEL_KEYS[pickWeighted(rng, weights)] as ChannelKey);
      const distinct = [...new Set(channels)];
      let miss = 1 - JOURNEY_MODEL.baseline;
      for (const c of distinct) miss *= 1 - JOURNEY_MODEL.lift[c];
      const converts = rng.next() < 1 - miss;
      for (const c of distinct) {
        const entry = counts[c] as { journeys: number; converted: number };
        entry.journeys++;
        if (converts) entry.converted++;
      }
      if (converts) {
        converting++;
        if (channels.length > 0) convertingWithTouches++;
        const after = previousOrder(order.record.id, order.ms) + 1000;
        place(order.record.id, channels, Math.max(order.ms - lookback, after), order.ms);
        break;
      }
      nonConverting++;
      if (channels.length === 0) continue; // an organic visit leaves no rows
      nonConvertingWithTouches++;
      let record = pick(rng, records);
      let endMs = record.signupMs + rng.next() * (window.endMs - record.signupMs);
      for (let attempt = 0; attempt < 19 && !isolated(record.id, endMs); attempt++) {
        record = pick(rng, records);
        endMs = record.signupMs + rng.next() * (window.endMs - record.signupMs);
      }
      if (!isolated(record.id, endMs)) overlapping++;
      const ends = browsingEnds.get(record.id) ?? [];
      ends.push(endMs);
      browsingEnds.set(record.id, ends);
      place(record.id, channels, endMs - browse, endMs);
    }
  }
  touches.sort((x, y) => x.ms - y.ms);
  const rows: DemoRow[] = touches.map((t, i) => {
    const day = Math.floor((t.ms - window.startMs) / DAY_MS);
    const active = byChannelDay.get(`${t.channel}:${day}`) ?? [];
    const campaignId =
      active.length === 0
        ? null
        : active.length > 1 && rng.next() < 0.4
          ? (active[1] as string)
          : (active[0] as string);
    const options = INTERACTIONS[t.channel];
    const interaction =
      options[
        pickWeighted(
          rng,
          options.map(([, w]) => w),
        )
      ]?.[0] ?? 'other';
    return {
      id: `tch_${String(i + 1).padStart(8, '0')}`,
      customer_id: t.customerId,
      channel: t.channel,
      campaign_id: campaignId,
      ts: new Date(t.ms),
      interaction,
    };
  });
  const truth: TruthEntry[] = [
    {
      kind: 'channel_lift',
      key: 'model',
      value: {
        formula:
          'P(convert | S) = 1 - (1 - baseline) * prod_{c in S} (1 - lift_c), S = distinct channels of the journey',
        baseline: JOURNEY_MODEL.baseline,
        touchesMean: JOURNEY_MODEL.touchesMean,
        lookbackDays: JOURNEY_MODEL.lookbackDays,
        convertingJourneys: converting,
        nonConvertingJourneys: nonConverting,
        browseDays: JOURNEY_MODEL.browseDays,
        convertingWithTouches,
        nonConvertingWithTouches,
        nonConvertingNotIsolated: overlapping,
        note: 'every order that is not cancelled or returned is the end of one converting journey (its touches lie in the 30 days before it and after the previous order); journeys with zero touches exist (organic) and leave no rows',
      },
    },
    ...CHANNEL_KEYS.map((c) => ({
      kind: 'channel_lift',
      key: c,
      value: {
        lift: JOURNEY_MODEL.lift[c],
        propensity: { zh: JOURNEY_MODEL.propensity.zh[c], en: JOURNEY_MODEL.propensity.en[c] },
        ...counts[c],
      },
    })),
  ];
  return { rows, truth };
}
