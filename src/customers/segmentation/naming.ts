import type { CustomerFeatureName } from '../features.js';
import type { FeatureProfile, SegmentStatistics } from './profile.js';

/** A user-visible text in both languages (same shape as the report's `Localized`). */
export interface LocalizedText {
  readonly en: string;
  readonly zh: string;
}

/** Where a segment sits on the value / activity axis. */
export type SegmentArchetype =
  | 'high_value_loyalists'
  | 'at_risk_big_spenders'
  | 'new_customers'
  | 'dormant_customers'
  | 'occasional_low_spenders'
  | 'steady_regulars';

/** The behaviour that stands out, when one does. */
export type SegmentTrait =
  | 'online_shoppers'
  | 'store_regulars'
  | 'mini_program_shoppers'
  | 'deal_seekers'
  | 'digitally_engaged'
  | 'category_explorers';

/** Who wrote a label: the rules here, or (later) a language model, e.g. 'llm:qwen2.5-7b'. */
export type LabelEngine = 'classic-rules' | `llm:${string}`;

export interface SegmentLabel {
  readonly engine: LabelEngine;
  /** Machine key, unique within one segmentation: archetype[.trait][-number], e.g. 'new_customers.deal_seekers'. */
  readonly key: string;
  /** Unique within one segmentation. */
  readonly name: LocalizedText;
  /** One sentence naming the 2–3 features that define the segment. */
  readonly description: LocalizedText;
  readonly archetype: SegmentArchetype;
  readonly trait: SegmentTrait | null;
  /** The features the description names, strongest first. */
  readonly definingFeatures: readonly CustomerFeatureName[];
}

/**
 * Replaces the rule description (e.g. with a persona written by a language model). It receives
 * the profile and the rule label and returns the new text with the engine that wrote it, or
 * undefined to keep the rule text. Synchronous on purpose: an asynchronous writer (an LLM call)
 * runs in the app layer after segmentation and swaps `description`/`engine` the same way.
 */
export type SegmentDescriber = (
  profile: SegmentStatistics,
  ruleLabel: SegmentLabel,
) => { readonly description: LocalizedText; readonly engine: LabelEngine } | undefined;

export const segmentArchetypeNames: Readonly<Record<SegmentArchetype, LocalizedText>> = {
  high_value_loyalists: { en: 'High-value loyalists', zh: '高价值忠诚客户' },
  at_risk_big_spenders: { en: 'At-risk big spenders', zh: '流失风险大客户' },
  new_customers: { en: 'New customers', zh: '新客户' },
  dormant_customers: { en: 'Dormant customers', zh: '沉睡客户' },
  occasional_low_spenders: { en: 'Occasional low spenders', zh: '低频低值客户' },
  steady_regulars: { en: 'Steady regulars', zh: '稳定常客' },
};

export const segmentTraitNames: Readonly<Record<SegmentTrait, LocalizedText>> = {
  online_shoppers: { en: 'online shoppers', zh: '网购用户' },
  store_regulars: { en: 'store regulars', zh: '门店常客' },
  mini_program_shoppers: { en: 'mini-program shoppers', zh: '小程序用户' },
  deal_seekers: { en: 'deal seekers', zh: '优惠敏感' },
  digitally_engaged: { en: 'digitally engaged', zh: '线上活跃' },
  category_explorers: { en: 'category explorers', zh: '多品类' },
};

/** A trait as a name of its own, for segments whose value is unremarkable ("steady regulars"). */
export const segmentTraitTitles: Readonly<Record<SegmentTrait, LocalizedText>> = {
  online_shoppers: { en: 'Online shoppers', zh: '网购用户' },
  store_regulars: { en: 'Store regulars', zh: '门店常客' },
  mini_program_shoppers: { en: 'Mini-program shoppers', zh: '小程序用户' },
  deal_seekers: { en: 'Deal seekers', zh: '优惠敏感客户' },
  digitally_engaged: { en: 'Digitally engaged shoppers', zh: '线上活跃客户' },
  category_explorers: { en: 'Category explorers', zh: '多品类探索者' },
};

const traitFeatures: readonly (readonly [SegmentTrait, CustomerFeatureName])[] = [
  ['online_shoppers', 'share_online'],
  ['store_regulars', 'share_store'],
  ['mini_program_shoppers', 'share_miniprogram'],
  ['deal_seekers', 'discount_share'],
  ['digitally_engaged', 'sessions_per_week'],
  ['category_explorers', 'category_breadth'],
];

/** Rule thresholds, in units of the robust lift (see FeatureProfile.lift). */
export const namingThresholds = {
  /** Value score (mean lift of frequency, monetary, total_spend) for "high value". */
  highValue: 0.5,
  /** Value score at or below which a segment is "low value". */
  lowValue: -0.3,
  /** recency_days lift from which a segment is lapsing (long since the last order). */
  lapsed: 0.5,
  /** tenure_days lift at or below which a segment is new. */
  newTenure: -0.5,
  /** A behaviour lift from which it names the segment. */
  trait: 0.5,
} as const;

/** Value score of a profile: mean lift of frequency, monetary and total_spend. */
export function valueScore(profile: SegmentStatistics): number {
  const { frequency, monetary, total_spend } = profile.features;
  return (frequency.lift + monetary.lift + total_spend.lift) / 3;
}

/** The archetype rule, first match wins. */
export function segmentArchetype(profile: SegmentStatistics): SegmentArchetype {
  const value = valueScore(profile);
  const recency = profile.features.recency_days.lift;
  const tenure = profile.features.tenure_days.lift;
  if (value >= namingThresholds.highValue)
    return recency >= namingThresholds.lapsed ? 'at_risk_big_spenders' : 'high_value_loyalists';
  if (tenure <= namingThresholds.newTenure && profile.features.frequency.lift < namingThresholds.highValue)
    return 'new_customers';
  if (recency >= namingThresholds.lapsed) return 'dormant_customers';
  if (value <= namingThresholds.lowValue) return 'occasional_low_spenders';
  return 'steady_regulars';
}

/** Behaviour traits that stand out (lift ≥ threshold), strongest first (ties in declaration order). */
export function segmentTraits(profile: SegmentStatistics): SegmentTrait[] {
  return traitFeatures
    .map(([trait, feature], order) => ({ trait, lift: profile.features[feature].lift, order }))
    .filter((entry) => entry.lift >= namingThresholds.trait)
    .sort((a, b) => b.lift - a.lift || a.order - b.order)
    .map((entry) => entry.trait);
}

/**
 * Names segments by rules over their profiles, in English and Chinese ("高价值忠诚客户 · 门店常客 /
 * High-value loyalists · store regulars"), with a one-sentence description of the 2–3 features
 * that set each apart ("Orders 3.1× the median, last order 20 days ago.").
 *
 * Rules (lifts are robust standardised differences, see FeatureProfile.lift; value = mean lift of
 * frequency, monetary and total_spend), first match wins: value ≥ 0.5 → at-risk big spenders if
 * recency lift ≥ 0.5, else high-value loyalists; tenure lift ≤ −0.5 (and frequency not high) → new
 * customers; recency lift ≥ 0.5 → dormant; value ≤ −0.3 → occasional low spenders; otherwise
 * steady regulars. The strongest behaviour with lift ≥ 0.5 (online, store or mini-program share,
 * discount share, web sessions, category breadth) is appended — or, for steady regulars, is the
 * name ("门店常客 / Store regulars"). Names are made unique in segment
 * order: a repeated name takes the segment's next standing-out trait, else a number ("… 2").
 *
 * Every label says `engine: 'classic-rules'`; `describe` may replace the description (see
 * SegmentDescriber). Cost O(k·F log F).
 */
export function nameSegments(
  profiles: readonly SegmentStatistics[],
  options: { readonly describe?: SegmentDescriber } = {},
): SegmentLabel[] {
  const used = new Set<string>();
  return profiles.map((profile) => {
    const archetype = segmentArchetype(profile);
    const traits = segmentTraits(profile);
    const base = segmentArchetypeNames[archetype];
    type Choice = { name: LocalizedText; trait: SegmentTrait | null; key: string };
    // An unremarkable value profile adds nothing to a behavioural name: "Store regulars", not
    // "Steady regulars · store regulars".
    const choices: Choice[] = traits.map((trait) => ({
      name:
        archetype === 'steady_regulars'
          ? segmentTraitTitles[trait]
          : joinName(base, segmentTraitNames[trait]),
      trait,
      key: `${archetype}.${trait}`,
    }));
    if (traits.length === 0) choices.push({ name: base, trait: null, key: archetype });
    let chosen = choices.find((option) => !used.has(option.key));
    if (chosen === undefined) {
      const first = choices[0] as Choice;
      for (let number = 2; chosen === undefined; number++) {
        const key = `${first.key}-${number}`;
        if (!used.has(key))
          chosen = {
            name: { en: `${first.name.en} ${number}`, zh: `${first.name.zh} ${number}` },
            trait: first.trait,
            key,
          };
      }
    }
    used.add(chosen.key);
    const definingFeatures = pickDefiningFeatures(profile);
    const label: SegmentLabel = {
      engine: 'classic-rules',
      key: chosen.key,
      name: chosen.name,
      description: describeFeatures(profile, definingFeatures),
      archetype,
      trait: chosen.trait,
      definingFeatures,
    };
    const replaced = options.describe?.(profile, label);
    return replaced === undefined
      ? label
      : { ...label, description: replaced.description, engine: replaced.engine };
  });
}

function joinName(base: LocalizedText, trait: LocalizedText): LocalizedText {
  return { en: `${base.en} · ${trait.en}`, zh: `${base.zh}·${trait.zh}` };
}

/** Features the description can talk about, in tie-break order. */
const describable: readonly CustomerFeatureName[] = [
  'frequency',
  'recency_days',
  'total_spend',
  'monetary',
  'tenure_days',
  'share_store',
  'share_miniprogram',
  'share_online',
  'discount_share',
  'sessions_per_week',
  'category_breadth',
  'interpurchase_days',
];

/**
 * The 2–3 features with the largest |lift| among those at least half the segment has a value for:
 * the top two always, a third when its |lift| ≥ 0.5.
 */
function pickDefiningFeatures(profile: SegmentStatistics): CustomerFeatureName[] {
  const ranked = describable
    .map((feature, order) => ({ feature, size: Math.abs(profile.features[feature].lift), order }))
    // a feature most of the segment lacks (interpurchase_days of one-order customers) says little
    .filter((entry) => profile.features[entry.feature].count >= 0.5 * profile.size)
    .sort((a, b) => b.size - a.size || a.order - b.order);
  return ranked
    .filter((entry, position) => position < 2 || (position === 2 && entry.size >= 0.5))
    .map((entry) => entry.feature);
}

function describeFeatures(
  profile: SegmentStatistics,
  features: readonly CustomerFeatureName[],
): LocalizedText {
  const phrases = features.map((feature) => phrase(profile.features[feature]));
  const en = phrases.map((p) => p.en).join(', ');
  return {
    en: `${en.charAt(0).toUpperCase()}${en.slice(1)}.`,
    zh: `${phrases.map((p) => p.zh).join('，')}。`,
  };
}

const one = (value: number | null) => (Math.round((value ?? 0) * 10) / 10).toString();
const whole = (value: number | null) => Math.round(value ?? 0).toString();
const percent = (value: number | null) => `${Math.round((value ?? 0) * 100)}%`;

/**
 * One feature in words, always against all customers: amounts as a ratio of medians ("orders 3.1×
 * the median"), times and counts as the segment median next to everyone's, shares and sessions as
 * the segment mean next to everyone's.
 */
function phrase(p: FeatureProfile): LocalizedText {
  const ratio = p.ratio;
  const all = (en: string, zh: string) => ({ en: ` (vs ${en} overall)`, zh: `（整体 ${zh}）` });
  const join = (main: LocalizedText, tail: LocalizedText): LocalizedText => ({
    en: main.en + tail.en,
    zh: main.zh + tail.zh,
  });
  switch (p.feature) {
    case 'frequency':
      return ratio === null
        ? join(
            { en: `${one(p.median)} orders`, zh: `${one(p.median)} 笔订单` },
            all(one(p.overallMedian), one(p.overallMedian)),
          )
        : { en: `orders ${one(ratio)}× the median`, zh: `订单数为整体中位数的 ${one(ratio)} 倍` };
    case 'monetary':
      return ratio === null
        ? join(
            { en: `average order ${one(p.median)}`, zh: `客单价 ${one(p.median)}` },
            all(one(p.overallMedian), one(p.overallMedian)),
          )
        : { en: `average order ${one(ratio)}× the median`, zh: `客单价为整体中位数的 ${one(ratio)} 倍` };
    case 'total_spend':
      return ratio === null
        ? join(
            { en: `total spend ${one(p.median)}`, zh: `累计消费 ${one(p.median)}` },
            all(one(p.overallMedian), one(p.overallMedian)),
          )
        : { en: `total spend ${one(ratio)}× the median`, zh: `累计消费为整体中位数的 ${one(ratio)} 倍` };
    case 'recency_days':
      return join(
        { en: `last order ${whole(p.median)} days ago`, zh: `最近一次下单在 ${whole(p.median)} 天前` },
        all(whole(p.overallMedian), `${whole(p.overallMedian)} 天`),
      );
    case 'tenure_days':
      return join(
        { en: `customer for ${whole(p.median)} days`, zh: `成为客户 ${whole(p.median)} 天` },
        all(whole(p.overallMedian), `${whole(p.overallMedian)} 天`),
      );
    case 'interpurchase_days':
      return join(
        { en: `an order every ${whole(p.median)} days`, zh: `平均每 ${whole(p.median)} 天下单一次` },
        all(whole(p.overallMedian), `${whole(p.overallMedian)} 天`),
      );
    case 'category_breadth':
      return join(
        { en: `${one(p.median)} product categories`, zh: `购买 ${one(p.median)} 个品类` },
        all(one(p.overallMedian), `${one(p.overallMedian)} 个`),
      );
    case 'share_online':
      return join(
        { en: `${percent(p.mean)} of orders online`, zh: `${percent(p.mean)} 的订单来自线上` },
        all(percent(p.overallMean), percent(p.overallMean)),
      );
    case 'share_store':
      return join(
        { en: `${percent(p.mean)} of orders in store`, zh: `${percent(p.mean)} 的订单在门店` },
        all(percent(p.overallMean), percent(p.overallMean)),
      );
    case 'share_miniprogram':
      return join(
        {
          en: `${percent(p.mean)} of orders via the mini-program`,
          zh: `${percent(p.mean)} 的订单来自小程序`,
        },
        all(percent(p.overallMean), percent(p.overallMean)),
      );
    case 'discount_share':
      return join(
        { en: `${percent(p.mean)} of orders discounted`, zh: `${percent(p.mean)} 的订单使用了优惠` },
        all(percent(p.overallMean), percent(p.overallMean)),
      );
    case 'sessions_per_week':
      return join(
        { en: `${one(p.mean)} web sessions a week`, zh: `每周访问 ${one(p.mean)} 次` },
        all(one(p.overallMean), `${one(p.overallMean)} 次`),
      );
  }
}
