import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { bernoulli, createRng, pick, poisson, type Rng } from '../../core/random.js';
import { type AlertDocument, spikeAlerts } from './spike-alerts.js';

const DAY = 86_400_000;
const START = Date.UTC(2026, 3, 1);
const ASPECTS: Record<string, string[]> = {
  price: ['价格', '贵', '便宜', 'price'],
  quality: ['质量', '做工', '材质', 'quality'],
  service: ['客服', '态度', '回复', 'service'],
  logistics: ['物流', '快递', '发货', 'delivery'],
  packaging: ['包装', '盒子', '破损', 'box'],
};
const ASPECT_KEYS = Object.keys(ASPECTS);
const POSITIVE = ['不错', '满意', '喜欢', 'good'];
const NEGATIVE = ['失望', '差', '不满意', 'bad'];
const PLANT_DAY = 45;
const PLANTED_TERMS = ['延迟', '丢件'];

function review(rng: Rng, id: string, ts: Date, negative: boolean, aspect: string): AlertDocument {
  const words = ASPECTS[aspect] as string[];
  const terms = [
    pick(rng, words),
    pick(rng, words),
    pick(rng, negative ? NEGATIVE : POSITIVE),
    pick(rng, POSITIVE),
  ];
  return { id, ts, terms, negative, aspects: [aspect] };
}

/** 60 days of ~40 reviews at 15 % negative; on PLANT_DAY, 30 extra negative logistics reviews about 延迟 / 丢件. */
function stream(seed: number, planted: number): AlertDocument[] {
  const rng = createRng(seed);
  const docs: AlertDocument[] = [];
  for (let day = 0; day < 60; day++) {
    const n = poisson(rng, 40);
    for (let i = 0; i < n; i++) {
      const ts = new Date(START + day * DAY + Math.floor(rng.next() * DAY));
      docs.push(review(rng, `d${day}-${i}`, ts, bernoulli(rng, 0.15), pick(rng, ASPECT_KEYS)));
    }
    if (day !== PLANT_DAY) continue;
    for (let i = 0; i < planted; i++) {
      const ts = new Date(START + day * DAY + Math.floor(rng.next() * DAY));
      const doc = review(rng, `plant-${i}`, ts, true, 'logistics');
      docs.push({ ...doc, terms: [...doc.terms, pick(rng, PLANTED_TERMS), pick(rng, ['物流', '快递'])] });
    }
  }
  // Shuffle-free but out of time order: reverse, so the function must not rely on sorted input.
  return docs.reverse();
}

describe('spikeAlerts', () => {
  it('alerts on a planted negative spike, names its terms, aspect and example documents', () => {
    for (const seed of [1, 2, 3]) {
      const alerts = spikeAlerts(stream(seed, 30), 'day');
      const negative = alerts.filter((alert) => alert.kind === 'negative_share');
      expect(negative).toHaveLength(1);
      const [alert] = negative;
      const plantDay = new Date(START + PLANT_DAY * DAY).toISOString().slice(0, 10);
      const offset = (Date.parse(alert?.bucket ?? '') - Date.parse(plantDay)) / DAY;
      expect(Math.abs(offset)).toBeLessThanOrEqual(1);
      expect(alert?.value).toBeGreaterThan(0.4);
      expect(alert?.expected).toBeGreaterThan(0.1);
      expect(alert?.expected).toBeLessThan(0.2);
      const driving = alert?.drivingTerms.map((entry) => entry.term) ?? [];
      for (const term of PLANTED_TERMS) expect(driving).toContain(term);
      for (const entry of alert?.drivingTerms ?? []) expect(entry.lift).toBeGreaterThan(1);
      expect(alert?.drivingAspects[0]?.aspect).toBe('logistics');
      expect(alert?.exampleIds).toHaveLength(5);
      for (const id of alert?.exampleIds ?? []) expect(id).toMatch(/^plant-/);
      // The extra 30 reviews also raise the volume that day.
      expect(alerts.some((other) => other.kind === 'volume' && other.bucket === alert?.bucket)).toBe(true);
    }
  });

  it('stays quiet on a stream without a plant', () => {
    let alarms = 0;
    for (let seed = 10; seed < 30; seed++) alarms += spikeAlerts(stream(seed, 0), 'day').length;
    // 20 streams × 53 tested days × 2 series at z = 3: about 3 false alarms expected by the normal tail.
    expect(alarms).toBeLessThanOrEqual(6);
  });

  it('works on weekly buckets and validates options', () => {
    const weekly = spikeAlerts(stream(5, 60), 'week', { baseline: 4, examples: 2 });
    const negative = weekly.find((alert) => alert.kind === 'negative_share');
    expect(weekly.filter((alert) => alert.kind === 'negative_share')).toHaveLength(1);
    // Plant day 45 = 2026-05-16, in the ISO week starting Monday 2026-05-11.
    expect(negative?.bucket).toBe('2026-05-11');
    expect(negative?.exampleIds).toHaveLength(2);
    for (const id of negative?.exampleIds ?? []) expect(id).toMatch(/^plant-/);
    expect(negative?.drivingTerms.map((entry) => entry.term)).toEqual(expect.arrayContaining(PLANTED_TERMS));
    expect(spikeAlerts([], 'day')).toEqual([]);
    expect(() => spikeAlerts([], 'day', { examples: -1 })).toThrow(InputError);
  });
});
