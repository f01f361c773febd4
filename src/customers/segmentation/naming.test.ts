import { describe, expect, it } from 'vitest';
import { type CustomerFeatureName, customerFeatureNames } from '../features.js';
import { nameSegments, segmentArchetype } from './naming.js';
import type { FeatureProfile, SegmentStatistics } from './profile.js';

type Overrides = Partial<Record<CustomerFeatureName, Partial<FeatureProfile>>>;

/** A segment of 100 with every lift 0, median = mean = overall = 1, but for the overrides. */
function segment(overrides: Overrides, id = 0): SegmentStatistics {
  const features = {} as Record<CustomerFeatureName, FeatureProfile>;
  for (const feature of customerFeatureNames)
    features[feature] = {
      feature,
      count: 100,
      median: 1,
      mean: 1,
      overallMedian: 1,
      overallMean: 1,
      ratio: 1,
      lift: 0,
      ...overrides[feature],
    };
  return { segment: id, size: 100, share: 0.25, valueShare: 0.25, features, center: {} };
}

const lifts = (values: Partial<Record<CustomerFeatureName, number>>): Overrides =>
  Object.fromEntries(Object.entries(values).map(([feature, lift]) => [feature, { lift }]));

describe('segment naming rules', () => {
  it('places segments on the value / activity axis', () => {
    expect(segmentArchetype(segment(lifts({ frequency: 1, monetary: 0.5, total_spend: 1 })))).toBe(
      'high_value_loyalists',
    );
    expect(
      segmentArchetype(segment(lifts({ frequency: 1, monetary: 0.5, total_spend: 1, recency_days: 0.8 }))),
    ).toBe('at_risk_big_spenders');
    expect(segmentArchetype(segment(lifts({ tenure_days: -1.2, frequency: -0.3 })))).toBe('new_customers');
    expect(segmentArchetype(segment(lifts({ recency_days: 0.9, frequency: -0.2 })))).toBe(
      'dormant_customers',
    );
    expect(segmentArchetype(segment(lifts({ frequency: -0.6, monetary: -0.4, total_spend: -0.5 })))).toBe(
      'occasional_low_spenders',
    );
    expect(segmentArchetype(segment(lifts({ frequency: 0.2 })))).toBe('steady_regulars');
  });

  it('names a segment of unremarkable value by its behaviour alone', () => {
    const [store, deals] = nameSegments([
      segment(lifts({ share_store: 1.5 })),
      segment(lifts({ discount_share: 2, share_miniprogram: 0.9 }), 1),
    ]);
    expect(store).toMatchObject({
      key: 'steady_regulars.store_regulars',
      name: { en: 'Store regulars', zh: '门店常客' },
      archetype: 'steady_regulars',
    });
    expect(deals?.name).toEqual({ en: 'Deal seekers', zh: '优惠敏感客户' });
  });

  it('appends the strongest standing-out behaviour, in English and Chinese, labelled classic-rules', () => {
    const [label] = nameSegments([
      segment(
        lifts({ frequency: 1, monetary: 0.6, total_spend: 1.1, share_store: 1.2, discount_share: 0.7 }),
      ),
    ]);
    expect(label).toMatchObject({
      engine: 'classic-rules',
      key: 'high_value_loyalists.store_regulars',
      name: { en: 'High-value loyalists · store regulars', zh: '高价值忠诚客户·门店常客' },
      archetype: 'high_value_loyalists',
      trait: 'store_regulars',
    });
    const [plain] = nameSegments([segment(lifts({ recency_days: 1, share_store: 0.3 }))]);
    expect(plain).toMatchObject({
      key: 'dormant_customers',
      name: { en: 'Dormant customers', zh: '沉睡客户' },
      trait: null,
    });
  });

  it('keeps names unique: the next trait, then a number', () => {
    const same = lifts({
      frequency: -0.6,
      monetary: -0.4,
      total_spend: -0.5,
      discount_share: 0.9,
      sessions_per_week: 0.7,
    });
    const labels = nameSegments([
      segment(same, 0),
      segment(same, 1),
      segment(same, 2),
      segment(lifts({}), 3),
      segment(lifts({}), 4),
    ]);
    expect(labels.map((l) => l.name.en)).toEqual([
      'Occasional low spenders · deal seekers',
      'Occasional low spenders · digitally engaged',
      'Occasional low spenders · deal seekers 2',
      'Steady regulars',
      'Steady regulars 2',
    ]);
    expect(labels[2]?.name.zh).toBe('低频低值客户·优惠敏感 2');
    expect(new Set(labels.map((l) => l.key)).size).toBe(5);
  });

  it('describes the 2–3 defining features against all customers', () => {
    const [label] = nameSegments([
      segment({
        frequency: { lift: 2, ratio: 3.1, median: 9.3 },
        recency_days: { lift: -1.5, median: 20, overallMedian: 60 },
        monetary: { lift: 0.3 },
      }),
    ]);
    expect(label?.definingFeatures).toEqual(['frequency', 'recency_days']);
    expect(label?.description).toEqual({
      en: 'Orders 3.1× the median, last order 20 days ago (vs 60 overall).',
      zh: '订单数为整体中位数的 3.1 倍，最近一次下单在 20 天前（整体 60 天）。',
    });
    const [three] = nameSegments([
      segment({
        share_miniprogram: { lift: 2.5, mean: 0.85, overallMean: 0.34 },
        discount_share: { lift: 1.4, mean: 0.74, overallMean: 0.37 },
        interpurchase_days: { lift: 3, count: 10 }, // most of the segment has no value: not used
        sessions_per_week: { lift: -0.7, mean: 0.2, overallMean: 1.5 },
      }),
    ]);
    expect(three?.definingFeatures).toEqual(['share_miniprogram', 'discount_share', 'sessions_per_week']);
    expect(three?.description.en).toBe(
      '85% of orders via the mini-program (vs 34% overall), 74% of orders discounted (vs 37% overall), 0.2 web sessions a week (vs 1.5 overall).',
    );
  });

  it('lets a describer replace the description and say which engine wrote it', () => {
    const profiles = [segment(lifts({ frequency: 1 }), 0), segment(lifts({}), 1)];
    const labels = nameSegments(profiles, {
      describe: (profile, rule) =>
        profile.segment === 0
          ? { description: { en: `Persona for ${rule.name.en}`, zh: '画像' }, engine: 'llm:test-model' }
          : undefined,
    });
    expect(labels[0]).toMatchObject({
      engine: 'llm:test-model',
      description: { en: 'Persona for Steady regulars', zh: '画像' },
      name: { en: 'Steady regulars' },
    });
    expect(labels[1]?.engine).toBe('classic-rules');
    expect(labels[1]?.name.en).toBe('Steady regulars 2');
  });
});
