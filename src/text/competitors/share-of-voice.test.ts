import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { shareOfVoice } from './share-of-voice.js';

const at = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe('shareOfVoice', () => {
  const items = [
    { ts: at('2026-01-05'), brands: ['a'], sentiment: 0.8 },
    { ts: at('2026-01-05'), brands: ['a', 'b', 'a'], negative: true }, // 'a' counts once
    { ts: at('2026-01-07'), brands: ['b'], sentiment: 0.5 },
    { ts: at('2026-01-07'), brands: ['b'] }, // no sentiment signal
    { ts: at('2026-01-20'), brands: ['a'], sentiment: 0 },
  ];

  it('counts each document once per brand and shares within the bucket', () => {
    const sov = shareOfVoice(items, 'day');
    expect(sov.buckets).toHaveLength(16); // 5th to 20th, empty days kept
    expect(sov.buckets[0]).toBe('2026-01-05');
    expect(sov.buckets.at(-1)).toBe('2026-01-20');
    const [a, b] = sov.brands;
    expect(a?.brand).toBe('a');
    expect(a?.mentions.slice(0, 3)).toEqual([2, 0, 0]);
    expect(a?.share[0]).toBeCloseTo(2 / 3, 12);
    expect(b?.share[0]).toBeCloseTo(1 / 3, 12);
    expect(b?.share[2]).toBe(1);
    expect(a?.share[1]).toBe(0); // empty bucket
    expect(a?.netSentiment[0]).toBe(0); // one positive, one negative
    expect(a?.netSentiment[1]).toBeNull();
    expect(b?.netSentiment[2]).toBe(1); // the unrated document is not in the denominator
  });

  it('totals: mentions, shares that sum to 1, net sentiment over rated documents', () => {
    const { total } = shareOfVoice(items, 'day');
    expect(total).toEqual([
      { brand: 'a', mentions: 3, share: 0.5, netSentiment: 0 },
      { brand: 'b', mentions: 3, share: 0.5, netSentiment: 0 },
    ]);
  });

  it('buckets by ISO week (Monday) and month in UTC', () => {
    const week = shareOfVoice(items, 'week');
    expect(week.buckets).toEqual(['2026-01-05', '2026-01-12', '2026-01-19']);
    expect(week.brands.find((r) => r.brand === 'b')?.mentions).toEqual([3, 0, 0]);
    const sunday = shareOfVoice([{ ts: new Date('2026-01-11T23:30:00Z'), brands: ['a'] }], 'week');
    expect(sunday.buckets).toEqual(['2026-01-05']);
    const month = shareOfVoice([...items, { ts: at('2026-03-02'), brands: ['c'] }], 'month');
    expect(month.buckets).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(month.brands.map((r) => r.brand)).toEqual(['a', 'b', 'c']);
    expect(month.brands.find((r) => r.brand === 'c')?.share).toEqual([0, 0, 1]);
  });

  it('lists requested brands with zero counts, handles empty input, rejects bad dates', () => {
    const sov = shareOfVoice(items, 'month', { brands: ['zeta'] });
    expect(sov.total.at(-1)).toEqual({ brand: 'zeta', mentions: 0, share: 0, netSentiment: null });
    expect(shareOfVoice([], 'day')).toEqual({ buckets: [], brands: [], total: [] });
    expect(() => shareOfVoice([{ ts: new Date('nope'), brands: ['a'] }], 'day')).toThrow(InputError);
  });
});
