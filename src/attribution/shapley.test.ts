import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type Journey, parseJourneyPath } from './journeys.js';
import { shapleyAttribution } from './shapley.js';

const shared = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../shared/datasets/channel_attribution',
);

/** ChannelAttribution's Data.csv (GPL, read from ../shared only, never copied into the repo). */
function loadData(): Journey[] {
  const lines = readFileSync(resolve(shared, 'Data.csv'), 'utf8').trim().split('\n').slice(1);
  return lines.map((line) => {
    const [path, conversions, value, nulls] = line.split(';');
    return {
      path: parseJourneyPath(path as string),
      conversions: Number(conversions),
      value: Number(value),
      nulls: Number(nulls),
    };
  });
}

/** Zhao et al. (2018) closed form of the simplified Shapley value: each conversion split over distinct channels. */
function closedForm(journeys: readonly Journey[]): Map<string, number> {
  const credit = new Map<string, number>();
  for (const journey of journeys) {
    const set = new Set(journey.path);
    for (const channel of set)
      credit.set(channel, (credit.get(channel) ?? 0) + journey.conversions / set.size);
  }
  return credit;
}

describe('shapleyAttribution', () => {
  // {a}: 1 conversion of 2 journeys, {a, b}: 1 of 1, {b}: 0 of 2.
  const journeys: Journey[] = [
    { path: ['a'], conversions: 1, value: 10, nulls: 1 },
    { path: ['a', 'b', 'a'], conversions: 1, value: 30, nulls: 0 },
    { path: ['b'], conversions: 0, value: 0, nulls: 2 },
  ];

  it('conversion game: v(S) = conversions with channel set ⊆ S, i.e. conversions split over distinct channels', () => {
    const result = shapleyAttribution(journeys);
    expect(result.method).toBe('exact');
    // v(a) = 1, v(b) = 0, v(ab) = 2 → φ_a = ½(1 + 2) = 1.5, φ_b = ½(0 + 1) = 0.5.
    expect(result.byChannel.map((r) => r.conversions)).toEqual([1.5, 0.5]);
    // value game: v(a) = 10, v(ab) = 40 → φ_a = ½(10 + 40) = 25, φ_b = 15.
    expect(result.byChannel.map((r) => r.value)).toEqual([25, 15]);
  });

  it('conversion-rate game (hand computed), rescaled to the totals, can give negative credit', () => {
    const result = shapleyAttribution(journeys, { characteristic: 'conversionRate' });
    // v(a) = 1/2, v(b) = 0, v(ab) = 2/5 → φ_a = ½(1/2 + 2/5) = 0.45, φ_b = ½(0 − 1/10) = −0.05; × 2 / (2/5).
    expect(result.byChannel.map((r) => r.shapleyValue)).toEqual([
      expect.closeTo(0.45, 15),
      expect.closeTo(-0.05, 15),
    ]);
    expect(result.byChannel.map((r) => r.conversions)).toEqual([
      expect.closeTo(2.25, 14),
      expect.closeTo(-0.25, 14),
    ]);
    // value: v(a) = 5, v(b) = 0, v(ab) = 8 → φ_a = 6.5, φ_b = 1.5; × 40 / 8.
    expect(result.byChannel.map((r) => r.value)).toEqual([expect.closeTo(32.5, 13), expect.closeTo(7.5, 13)]);
  });

  it('zero conversions give zero credit, never NaN', () => {
    for (const characteristic of ['conversions', 'conversionRate'] as const) {
      const result = shapleyAttribution([{ path: ['a', 'b'], conversions: 0, nulls: 4 }], { characteristic });
      for (const row of result.byChannel)
        expect(row).toMatchObject({ conversions: 0, value: 0, standardError: 0 });
      const sampled = shapleyAttribution([{ path: ['a', 'b'], conversions: 0, nulls: 4 }], {
        characteristic,
        exactMaxChannels: 0,
      });
      for (const row of sampled.byChannel)
        expect(row).toMatchObject({ conversions: 0, value: 0, standardError: 0 });
    }
  });

  it('rejects bad options and input', () => {
    expect(() => shapleyAttribution(journeys, { exactMaxChannels: 25 })).toThrow(/exactMaxChannels/);
    expect(() => shapleyAttribution(journeys, { samples: 1 })).toThrow(/samples/);
    expect(() => shapleyAttribution(journeys, { characteristic: 'revenue' as 'conversions' })).toThrow(
      /characteristic/,
    );
    expect(() => shapleyAttribution([{ path: ['a'], conversions: -2, nulls: 0 }])).toThrow(/≥ 0/);
    expect(() => shapleyAttribution(journeys, { channels: ['a'] })).toThrow(/unknown channel "b"/);
  });
});

describe.skipIf(!existsSync(shared))(
  'shapleyAttribution on ChannelAttribution Data.csv (needs ../shared/datasets/channel_attribution)',
  () => {
    const journeys = existsSync(shared) ? loadData() : [];

    it('exact (12 channels) is efficient and equals the Zhao et al. closed form', () => {
      const result = shapleyAttribution(journeys);
      expect(result.method).toBe('exact');
      const closed = closedForm(journeys);
      for (const row of result.byChannel)
        expect(row.conversions).toBeCloseTo(closed.get(row.channel) as number, 9);
      expect(result.byChannel.reduce((s, r) => s + r.conversions, 0)).toBeCloseTo(19785, 9);
      expect(result.byChannel.reduce((s, r) => s + r.value, 0)).toBeCloseTo(result.totalValue, 8);
    });

    it('permutation sampling is efficient, seeded, and within 4 standard errors of exact', () => {
      for (const characteristic of ['conversions', 'conversionRate'] as const) {
        const exact = shapleyAttribution(journeys, { characteristic });
        const sampled = shapleyAttribution(journeys, {
          characteristic,
          exactMaxChannels: 0,
          samples: 400,
          seed: 7,
        });
        expect(sampled.method).toBe('permutation-sampling');
        expect(sampled.byChannel.reduce((s, r) => s + r.conversions, 0)).toBeCloseTo(19785, 8);
        expect(exact.byChannel.reduce((s, r) => s + r.conversions, 0)).toBeCloseTo(19785, 8);
        for (const [id, row] of sampled.byChannel.entries()) {
          const truth = exact.byChannel[id]?.conversions as number;
          expect(Math.abs(row.conversions - truth)).toBeLessThanOrEqual(4 * row.standardError + 1e-9);
        }
        const again = shapleyAttribution(journeys, {
          characteristic,
          exactMaxChannels: 0,
          samples: 400,
          seed: 7,
        });
        expect(again.byChannel).toEqual(sampled.byChannel);
      }
    });
  },
);
