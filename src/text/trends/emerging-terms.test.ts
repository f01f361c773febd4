import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { createRng, pick, poisson } from '../../core/random.js';
import { emergingTerms } from './emerging-terms.js';
import type { TimedTerms } from './term-volumes.js';

const DAY = 86_400_000;
const START = Date.UTC(2026, 2, 1);
const background = ['价格', '质量', '服务', '包装', 'delivery', 'price', '不错', '一般'];

/** 30 days of ~40 documents over a steady vocabulary; `plant(day)` adds that many documents with 漏水. */
function stream(seed: number, plant: (day: number) => number): TimedTerms[] {
  const rng = createRng(seed);
  const docs: TimedTerms[] = [];
  for (let day = 0; day < 30; day++) {
    const ts = new Date(START + day * DAY + 3_600_000);
    const n = poisson(rng, 40);
    for (let i = 0; i < n; i++) docs.push({ terms: [pick(rng, background), pick(rng, background)], ts });
    for (let i = 0; i < plant(day); i++) docs.push({ terms: ['漏水', pick(rng, background)], ts });
  }
  return docs;
}

describe('emergingTerms', () => {
  it('finds a term bursting in the latest bucket and nothing else', () => {
    const docs = stream(7, (day) => (day === 29 ? 15 : day % 5 === 0 ? 1 : 0));
    const found = emergingTerms(docs, 'day');
    expect(found.map((entry) => entry.term)).toEqual(['漏水']);
    expect(found[0]).toMatchObject({ bucket: '2026-03-30', count: 15 });
    expect(found[0]?.expected).toBeCloseTo(3 / 14, 12); // days 15, 20, 25 in the 14-day window
    expect(found[0]?.z).toBeGreaterThan(5);
  });

  it('reports every burst in `any` mode, and none on a steady stream', () => {
    const docs = stream(8, (day) => (day === 12 ? 12 : 0));
    expect(emergingTerms(docs, 'day')).toEqual([]);
    const any = emergingTerms(docs, 'day', { mode: 'any' });
    expect(any.map((entry) => [entry.term, entry.bucket])).toEqual([['漏水', '2026-03-13']]);
    expect(
      emergingTerms(
        stream(9, () => 0),
        'day',
        { mode: 'any' },
      ),
    ).toEqual([]);
  });

  it('works on weekly buckets and rejects a bad mode', () => {
    const docs = stream(10, (day) => (day === 29 ? 10 : 0)); // 2026-03-30, a Monday: the last week holds one day
    const weekly = emergingTerms(docs, 'week', { baseline: 4, minHistory: 3 });
    expect(weekly.map((entry) => entry.term)).toEqual(['漏水']);
    expect(weekly[0]?.bucket).toBe('2026-03-30');
    expect(() => emergingTerms(docs, 'day', { mode: 'all' as 'any' })).toThrow(InputError);
  });
});
