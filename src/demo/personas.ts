import { InputError } from '../core/errors.js';
import { pickWeighted, type Rng } from '../core/random.js';
import type { TruthEntry } from './types.js';

/**
 * Planted customer personas: the segments a segmentation of the demo data should recover.
 *
 * Each person draws one persona (categorical with the shares below, from its own rng stream, so
 * the people / purchase streams are untouched); every customer record of the person (planted
 * duplicates included) carries it. A persona changes only behaviour ORTHOGONAL to the planted
 * purchase process: λ, p, ν, the purchase times and the order totals (BG/NBD + Gamma-Gamma, see
 * purchases.ts) are the same draws whatever the persona. What a persona sets:
 *   - the primary record channel (people.ts: weights over online / store / miniprogram by locale);
 *   - discount use (orders.ts): uptake of a calendar promotion on promotion days, and the chance of a
 *     member coupon (promotion_id 'coupon') on other days; the order total after the discount is
 *     still the Gamma-Gamma draw, the list prices absorb the discount;
 *   - category focus vs breadth (orders.ts): lines per order and the category of each line;
 *   - web engagement (events.ts): a relative weight for the browsing sessions of its web records per
 *     unit of (demand-weighted) time since the record's signup, and the mobile share of its device mix.
 *
 * Signals per persona (per customer record, observable from the generated tables):
 *   store_regular      store record; ~no web sessions, few discounts, 1–2 categories
 *   deal_seeker        mini-program record (zh people only); a discount on ~97 % of orders
 *   digital_enthusiast online record; ~20× the web sessions per week of the others, mobile-heavy
 *   category_explorer  online record; 3–4 lines per order, each in another category (breadth ≥ 3)
 *   casual_shopper     online record; none of the above (the baseline behaviour)
 * Every persona is one channel, so its records form one group; the second signal (sessions,
 * discount, breadth) is observed on a single order or from the sessions every record has, so a
 * record with one order is still identifiable. Shares are set per locale so that the channel mix
 * stays the generator's earlier one (zh: online 0.45, store 0.30, mini program 0.25; en: online 0.75,
 * store 0.25). A duplicate record sits in another channel than the person's primary one
 * (customers.ts; it prefers the other web channel), so its channel can contradict its persona:
 * these are most of the records a classifier gets wrong (~3 % of the records with orders).
 */

export const PERSONA_KEYS = [
  'store_regular',
  'deal_seeker',
  'digital_enthusiast',
  'category_explorer',
  'casual_shopper',
] as const;
export type PersonaKey = (typeof PERSONA_KEYS)[number];

/** Channel weights in the order [online, store, miniprogram]. */
export type ChannelWeights = readonly [number, number, number];

export interface PersonaSpec {
  readonly key: PersonaKey;
  readonly en: string;
  readonly zh: string;
  /** Share of zh and of en people drawn with this persona. */
  readonly share: { readonly zh: number; readonly en: number };
  /** Primary record channel weights [online, store, miniprogram] for zh and en people. */
  readonly channelWeights: { readonly zh: ChannelWeights; readonly en: ChannelWeights };
  /**
   * Weights [online, store, miniprogram] of the channel of a zh person's second record (planted
   * duplicate; never the primary channel). en people's second record keeps the fixed rule of
   * people.ts (not the mini program).
   */
  readonly duplicateChannelWeights: ChannelWeights;
  /** On a promotion day the order uses it w.p. min(1, max(floor, scale × the promotion's uptake)). */
  readonly promotionUptake: { readonly scale: number; readonly floor: number };
  /** Probability that an order on a day without promotion carries a member coupon. */
  readonly couponRate: number;
  /**
   * Category of each order line: 'affinity' = favourite / second favourite / any category with these
   * probabilities; 'explore' = every line in another category, uniformly over the unused ones.
   */
  readonly categories:
    | { readonly mode: 'affinity'; readonly favorite: number; readonly second: number; readonly any: number }
    | { readonly mode: 'explore' };
  /** Weights of 1, 2, 3 … lines per order. */
  readonly lineCountWeights: readonly number[];
  /** Relative intensity of browsing (non-purchase) web sessions per unit of time a web record exists. */
  readonly engagement: number;
  /** Mobile share of the device mix is drawn uniformly in [min, max]; tablet 0.07, desktop the rest. */
  readonly mobileLean: readonly [number, number];
  /** One line a marketer can read: what shows in the data. */
  readonly signature: string;
}

/** Member coupon outside the calendar promotions: its promotion_id and discount rates. */
export const COUPON = { promotionId: 'coupon', discountRates: [0.05, 0.1, 0.15] } as const;

/**
 * Baseline P(category of a line): favourite 0.72, second favourite 0.28 — most customers keep to
 * their two categories; buying in a third one is what explorers do.
 */
export const BASELINE_CATEGORY_AFFINITY = { favorite: 0.72, second: 0.28, any: 0 } as const;
const BASELINE_CATEGORIES = { mode: 'affinity', ...BASELINE_CATEGORY_AFFINITY } as const;
const BASELINE_LINES = [0.55, 0.28, 0.12, 0.05] as const;
/** Half the promotion's planted uptake: most customers ignore most promotions. */
const BASELINE_UPTAKE = { scale: 0.5, floor: 0 } as const;
const BASELINE_MOBILE = [0.4, 0.8] as const;
/** Further records of a person prefer the other web channel to the store. */
const WEB_DUPLICATES = [1, 0.1, 1] as const;

// biome-ignore format: data table
export const PERSONAS: readonly PersonaSpec[] = [
  {
    key: 'store_regular', en: 'Store regular', zh: '门店常客', share: { zh: 0.3, en: 0.25 },
    channelWeights: { zh: [0, 1, 0], en: [0, 1, 0] }, duplicateChannelWeights: [1, 0, 1],
    promotionUptake: { scale: 0.2, floor: 0 }, couponRate: 0,
    categories: { mode: 'affinity', favorite: 0.9, second: 0.1, any: 0 }, lineCountWeights: [0.7, 0.25, 0.05],
    engagement: 0.01, mobileLean: BASELINE_MOBILE,
    signature: 'store channel; almost no web sessions; few discounts (a fifth of the promotion uptake, no coupons); one or two favourite categories, mostly one line per order',
  },
  {
    key: 'deal_seeker', en: 'Deal seeker', zh: '优惠敏感客户', share: { zh: 0.25, en: 0 },
    channelWeights: { zh: [0, 0, 1], en: [0, 0, 1] }, duplicateChannelWeights: WEB_DUPLICATES,
    promotionUptake: { scale: 1, floor: 1 }, couponRate: 0.96,
    categories: BASELINE_CATEGORIES, lineCountWeights: BASELINE_LINES,
    engagement: 0.04, mobileLean: BASELINE_MOBILE,
    signature: 'mini program (zh customers only); a discount on ~97 % of orders (every promotion, member coupons on other days); few web sessions',
  },
  {
    key: 'digital_enthusiast', en: 'Digital enthusiast', zh: '线上活跃客户', share: { zh: 0.15, en: 0.25 },
    channelWeights: { zh: [1, 0, 0], en: [1, 0, 0] }, duplicateChannelWeights: WEB_DUPLICATES,
    promotionUptake: BASELINE_UPTAKE, couponRate: 0,
    categories: BASELINE_CATEGORIES, lineCountWeights: BASELINE_LINES,
    engagement: 1, mobileLean: [0.75, 0.9],
    signature: 'online; many web sessions per week (about 20 times the others), mostly on mobile; baseline discounts and categories',
  },
  {
    key: 'category_explorer', en: 'Category explorer', zh: '多品类探索者', share: { zh: 0.12, en: 0.2 },
    channelWeights: { zh: [1, 0, 0], en: [1, 0, 0] }, duplicateChannelWeights: WEB_DUPLICATES,
    promotionUptake: BASELINE_UPTAKE, couponRate: 0,
    categories: { mode: 'explore' }, lineCountWeights: [0, 0, 0.5, 0.5],
    engagement: 0.04, mobileLean: BASELINE_MOBILE,
    signature: 'online; 3-4 lines per order, each in another category, so 3 or more distinct categories from the first order on; few web sessions',
  },
  {
    key: 'casual_shopper', en: 'Casual shopper', zh: '普通顾客', share: { zh: 0.18, en: 0.3 },
    channelWeights: { zh: [1, 0, 0], en: [1, 0, 0] }, duplicateChannelWeights: WEB_DUPLICATES,
    promotionUptake: BASELINE_UPTAKE, couponRate: 0,
    categories: BASELINE_CATEGORIES, lineCountWeights: BASELINE_LINES,
    engagement: 0.04, mobileLean: BASELINE_MOBILE,
    signature: 'online; the baseline: discounts only on promotion days (half the planted uptake, about 1 order in 20), one or two favourite categories, few web sessions',
  },
];

const BY_KEY = new Map(PERSONAS.map((p) => [p.key, p]));
const SHARES = { zh: PERSONAS.map((p) => p.share.zh), en: PERSONAS.map((p) => p.share.en) } as const;

/** The persona with this key (throws InputError for an unknown key). */
export function personaSpec(key: PersonaKey): PersonaSpec {
  const spec = BY_KEY.get(key);
  if (!spec) throw new InputError('invalid_argument', `unknown persona '${String(key)}'`);
  return spec;
}

/** Draws a persona key with the planted shares of the locale (one rng draw). */
export function drawPersona(rng: Rng, locale: 'zh' | 'en'): PersonaKey {
  return (PERSONAS[pickWeighted(rng, SHARES[locale])] as PersonaSpec).key;
}

/** Uptake of a calendar promotion by a persona, given the promotion's own uptake. */
export function promotionUptake(spec: PersonaSpec, uptake: number): number {
  return Math.min(1, Math.max(spec.promotionUptake.floor, spec.promotionUptake.scale * uptake));
}

/**
 * Ground truth: one 'customer_persona' row per customer record (key = customer id, value = persona
 * key) and one 'customer_personas' row describing the personas with their planted and realised
 * shares.
 */
export function personaTruth(
  records: readonly { readonly id: string; readonly person: { readonly persona: PersonaKey } }[],
): TruthEntry[] {
  const counts = new Map<PersonaKey, number>();
  for (const r of records) counts.set(r.person.persona, (counts.get(r.person.persona) ?? 0) + 1);
  const definitions: TruthEntry = {
    kind: 'customer_personas',
    key: 'definitions',
    value: {
      unit: 'customer record; duplicate records of a person inherit its persona (their channel is the duplicate channel)',
      recoverableFrom:
        'per-record features: channel shares, discount_share, category_breadth, sessions_per_week (recency, frequency, monetary and tenure do not depend on the persona)',
      unchanged:
        'lambda, p, nu, purchase times and order totals are the same for every persona (BG/NBD and Gamma-Gamma truth)',
      coupon: { promotionId: COUPON.promotionId, discountRates: COUPON.discountRates },
      personas: PERSONAS.map((p) => ({
        key: p.key,
        en: p.en,
        zh: p.zh,
        share: p.share,
        records: counts.get(p.key) ?? 0,
        shareOfRecords: (counts.get(p.key) ?? 0) / Math.max(1, records.length),
        signature: p.signature,
        channelWeights: p.channelWeights,
        duplicateChannelWeights: p.duplicateChannelWeights,
        promotionUptake: p.promotionUptake,
        couponRate: p.couponRate,
        categories: p.categories,
        lineCountWeights: p.lineCountWeights,
        engagement: p.engagement,
        mobileLean: p.mobileLean,
      })),
    },
  };
  return [
    definitions,
    ...records.map((r) => ({ kind: 'customer_persona', key: r.id, value: r.person.persona })),
  ];
}
