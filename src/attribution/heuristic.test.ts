import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { heuristicAttribution } from './heuristic.js';
import { aggregateJourneys, type Journey, parseJourneyPath } from './journeys.js';

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

const byChannel = (credits: readonly { channel: string; conversions: number; value: number }[]) =>
  Object.fromEntries(credits.map((c) => [c.channel, [c.conversions, c.value]]));

describe('heuristicAttribution', () => {
  const journeys: Journey[] = [
    { path: ['a', 'b', 'a', 'c'], conversions: 2, value: 40, nulls: 3 },
    { path: ['b'], conversions: 1, value: 10, nulls: 0 },
    { path: ['c', 'a'], conversions: 0, value: 0, nulls: 4 },
  ];
  const result = heuristicAttribution(journeys);

  it('splits by first, last and linear (repeats counted per touch)', () => {
    expect(result.channels).toEqual(['a', 'b', 'c']);
    expect(byChannel(result.firstTouch)).toEqual({ a: [2, 40], b: [1, 10], c: [0, 0] });
    expect(byChannel(result.lastTouch)).toEqual({ a: [0, 0], b: [1, 10], c: [2, 40] });
    expect(byChannel(result.linear)).toEqual({ a: [1, 20], b: [1.5, 20], c: [0.5, 10] });
  });

  it('position-based is 40/20/40, 50/50 for two touches, 100% for one', () => {
    expect(byChannel(result.positionBased)).toEqual({
      a: [2 * (0.4 + 0.1), 40 * (0.4 + 0.1)],
      b: [2 * 0.1 + 1, 40 * 0.1 + 10],
      c: [2 * 0.4, 40 * 0.4],
    });
    const two = heuristicAttribution([{ path: ['x', 'y'], conversions: 1, nulls: 0 }]);
    expect(two.positionBased.map((c) => c.conversions)).toEqual([0.5, 0.5]);
  });

  it('time-decay halves per touch position by default and uses days with timestamps', () => {
    // weights 1/8, 1/4, 1/2, 1 over a b a c → sum 15/8.
    const total = 15 / 8;
    const decay = byChannel(result.timeDecay);
    expect(decay.a?.[0]).toBeCloseTo((2 * (1 / 8 + 1 / 2)) / total, 14);
    expect(decay.b?.[0]).toBeCloseTo((2 * (1 / 4)) / total + 1, 14);
    expect(decay.c?.[0]).toBeCloseTo(2 / total, 14);
    const day = 86_400_000;
    const timed = heuristicAttribution([{ path: ['x', 'y'], conversions: 1, timestamps: [0, 7 * day] }]);
    // x is one 7-day half-life before y: weights ½ and 1.
    expect(timed.timeDecay.map((c) => c.conversions)).toEqual([1 / 3, 2 / 3]);
    const halfDay = heuristicAttribution([{ path: ['x', 'y'], conversions: 1, timestamps: [0, day] }], {
      halfLifeDays: 1,
    });
    expect(halfDay.timeDecay[0]?.conversions).toBeCloseTo(1 / 3, 15);
  });

  it('every model adds up to the totals', () => {
    for (const model of ['firstTouch', 'lastTouch', 'linear', 'timeDecay', 'positionBased'] as const) {
      const credits = result[model];
      expect(credits.reduce((s, c) => s + c.conversions, 0)).toBeCloseTo(3, 12);
      expect(credits.reduce((s, c) => s + c.value, 0)).toBeCloseTo(50, 12);
    }
  });

  it('one journey per row gives the same as aggregated rows', () => {
    const rows: Journey[] = [
      { path: ['a', 'b'], conversions: 1, value: 5 },
      { path: ['a', 'b'], conversions: 1, value: 7 },
      { path: ['a', 'b'], conversions: 0 },
      { path: ['b'], conversions: 0 },
    ];
    const aggregated = aggregateJourneys(rows);
    expect(aggregated).toEqual([
      { path: ['a', 'b'], conversions: 2, value: 12, nulls: 1 },
      { path: ['b'], conversions: 0, value: 0, nulls: 1 },
    ]);
    const perRow = heuristicAttribution(rows);
    const grouped = heuristicAttribution(aggregated);
    for (const model of ['firstTouch', 'lastTouch', 'linear', 'timeDecay', 'positionBased'] as const)
      for (const [id, credit] of perRow[model].entries()) {
        expect(credit.conversions).toBeCloseTo(grouped[model][id]?.conversions as number, 12);
        expect(credit.value).toBeCloseTo(grouped[model][id]?.value as number, 12);
      }
  });

  it('zero conversions give zero credit, never NaN', () => {
    const none = heuristicAttribution([{ path: ['a', 'b'], conversions: 0, nulls: 3 }]);
    for (const model of ['firstTouch', 'lastTouch', 'linear', 'timeDecay', 'positionBased'] as const)
      for (const credit of none[model]) expect(credit).toMatchObject({ conversions: 0, value: 0 });
  });

  it('rejects bad input with clear errors', () => {
    const bad =
      (journeys: Journey[], options = {}) =>
      () =>
        heuristicAttribution(journeys, options);
    expect(bad([])).toThrow(/at least one journey/);
    expect(bad([{ path: [], conversions: 1, nulls: 0 }])).toThrow(/path must be a non-empty array/);
    expect(bad([{ path: ['a'], conversions: -1, nulls: 0 }])).toThrow(
      /conversions must be a finite number ≥ 0/,
    );
    expect(bad([{ path: ['a'], conversions: 1, nulls: Number.NaN }])).toThrow(/nulls must be/);
    expect(bad([{ path: ['a'], conversions: 2 }])).toThrow(/must be 0 or 1/);
    expect(bad([{ path: ['a'], conversions: 0, value: 3, nulls: 1 }])).toThrow(/value 3 but no conversions/);
    expect(bad([{ path: ['a', ''], conversions: 1, nulls: 0 }])).toThrow(/path\[1\]/);
    expect(bad([{ path: ['a', 'b'], conversions: 1, timestamps: [2, 1] }])).toThrow(/non-decreasing/);
    expect(bad([{ path: ['a'], conversions: 1 }], { halfLifeTouches: 0 })).toThrow(/halfLifeTouches/);
    expect(bad([{ path: ['a'], conversions: 1 }], { firstShare: 0.7, lastShare: 0.7 })).toThrow(/firstShare/);
    try {
      heuristicAttribution([{ path: ['a', 'tv'], conversions: 1 }], { channels: ['a', 'b'] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).code).toBe('unknown_channel');
      expect((error as InputError).message).toMatch(/unknown channel "tv"/);
    }
  });
});

describe.skipIf(!existsSync(shared))(
  'heuristicAttribution on ChannelAttribution Data.csv (needs ../shared/datasets/channel_attribution)',
  () => {
    // Reference: computed_reference_outputs/heuristic_models.csv, from ChannelAttribution 2.0.7 (R):
    //   heuristic_models(Data, "path", "total_conversions", var_value = "total_conversion_value")
    it('equals ChannelAttribution heuristic_models (first, last, linear) to the printed 15 digits', () => {
      const result = heuristicAttribution(loadData());
      const reference = readFileSync(
        resolve(shared, 'computed_reference_outputs/heuristic_models.csv'),
        'utf8',
      )
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',').map((cell) => cell.replaceAll('"', '')));
      expect(reference).toHaveLength(12);
      expect(result.channels).toEqual(reference.map((row) => row[0]));
      for (const [id, row] of reference.entries()) {
        const [, firstC, firstV, lastC, lastV, linearC, linearV] = row.map(Number);
        const pairs: [number, number | undefined][] = [
          [firstC as number, result.firstTouch[id]?.conversions],
          [firstV as number, result.firstTouch[id]?.value],
          [lastC as number, result.lastTouch[id]?.conversions],
          [lastV as number, result.lastTouch[id]?.value],
          [linearC as number, result.linear[id]?.conversions],
          [linearV as number, result.linear[id]?.value],
        ];
        for (const [expected, actual] of pairs)
          expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(1e-13 * Math.abs(expected));
      }
      expect(result.totalConversions).toBe(19785);
    });
  },
);
