import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRng } from '../core/random.js';
import { type Journey, parseJourneyPath } from './journeys.js';
import { buildMarkovChain, type MarkovChain, markovAttribution } from './markov.js';

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

const readCsv = (name: string) =>
  readFileSync(resolve(shared, 'computed_reference_outputs', name), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',').map((cell) => cell.replaceAll('"', '')));

/** Seeded Monte-Carlo walks of the chain: P(conversion) and, per channel, P(walk visits it | conversion). */
function simulate(chain: MarkovChain, walks: number, seed: number) {
  const rng = createRng(seed);
  const k = chain.channels.length;
  const visitsGivenConversion = new Float64Array(k);
  const visited = new Uint8Array(k);
  let conversions = 0;
  for (let w = 0; w < walks; w++) {
    visited.fill(0);
    let state = 0;
    for (;;) {
      let u = rng.next();
      let next = -1;
      for (let e = chain.rowStart[state] as number; e < (chain.rowStart[state + 1] as number); e++) {
        u -= chain.probability[e] as number;
        if (u < 0) {
          next = chain.target[e] as number;
          break;
        }
      }
      if (next < 0) {
        // Absorbed: conversion with probability conv / (conv + null) of the remaining mass.
        const pc = chain.conversionProbability[state] as number;
        const pn = chain.nullProbability[state] as number;
        if (rng.next() * (pc + pn) < pc) {
          conversions++;
          for (let c = 0; c < k; c++)
            visitsGivenConversion[c] = (visitsGivenConversion[c] as number) + (visited[c] as number);
        }
        break;
      }
      state = next;
      for (const c of chain.states[state] as Int32Array) visited[c] = 1;
    }
  }
  return {
    conversionProbability: conversions / walks,
    conversions,
    removal: visitsGivenConversion.map((v) => v / conversions),
  };
}

describe('markovAttribution', () => {
  // start→a 3, start→b 2; a→conv 1, a→null 1, a→b 1; b→conv 1, b→null 2.
  // x_b = 1/3, x_a = 1/3 + 1/9 = 4/9, P = 0.6·4/9 + 0.4/3 = 2/5; without a: 0.4/3 = 2/15 → RE 2/3;
  // without b: 0.6/3 = 1/5 → RE 1/2; credit 2·(2/3)/(7/6) = 8/7 and 2·(1/2)/(7/6) = 6/7.
  const small: Journey[] = [
    { path: ['a'], conversions: 1, value: 10, nulls: 1 },
    { path: ['a', 'b'], conversions: 1, value: 30, nulls: 0 },
    { path: ['b'], conversions: 0, value: 0, nulls: 2 },
  ];

  it('matches a hand-solved chain with both solvers', () => {
    for (const solver of ['dense', 'gauss-seidel'] as const) {
      const result = markovAttribution(small, { solver });
      expect(result.solver).toBe(solver);
      expect(result.conversionProbability).toBeCloseTo(2 / 5, 14);
      expect(result.byChannel.map((r) => r.removalEffect)).toEqual([
        expect.closeTo(2 / 3, 14),
        expect.closeTo(1 / 2, 14),
      ]);
      expect(result.byChannel.map((r) => r.conversions)).toEqual([
        expect.closeTo(8 / 7, 13),
        expect.closeTo(6 / 7, 13),
      ]);
      // Value: r_a = 10/3, r_b = 30/3; y_b = 10, y_a = 10/3 + 10/3 = 20/3, y = 0.6·20/3 + 0.4·10 = 8 (= 40 / 5 journeys).
      // Without a: 4 → RE 1/2; without b: 0.6·10/3 = 2 → RE 3/4; value credit 40·(1/2)/(5/4) = 16 and 24.
      expect(result.expectedValue).toBeCloseTo(8, 13);
      expect(result.byChannel.map((r) => r.value)).toEqual([expect.closeTo(16, 12), expect.closeTo(24, 12)]);
    }
  });

  it('builds states like ChannelAttribution: merged repeats, sliding windows, short paths whole', () => {
    const journeys: Journey[] = [
      { path: ['a', 'a', 'b'], conversions: 1, nulls: 0 },
      { path: ['a', 'b', 'c'], conversions: 0, nulls: 1 },
      { path: ['c'], conversions: 1, nulls: 1 },
      { path: ['a', 'a', 'a'], conversions: 1, nulls: 0 },
    ];
    const first = buildMarkovChain(journeys);
    expect(first.stateLabels).toEqual(['(start)', 'a', 'b', 'c']);
    // a → a would be a self-loop; repeats are merged so a has only a → b (2 paths) and a → conversion (1).
    const aRow = [...first.target.subarray(first.rowStart[1], first.rowStart[2])];
    expect(aRow).toEqual([2]);
    expect(first.probability[first.rowStart[1] as number]).toBeCloseTo(2 / 3, 15);
    expect(first.conversionProbability[1]).toBeCloseTo(1 / 3, 15);
    const second = buildMarkovChain(journeys, { order: 2 });
    expect(second.stateLabels).toEqual(['(start)', 'a > a', 'a > b', 'b > c', 'c']);
    const third = buildMarkovChain(journeys, { order: 3 });
    expect(third.stateLabels).toEqual(['(start)', 'a > a > b', 'a > b > c', 'c', 'a > a > a']);
  });

  it('gives the same answer for one journey per row as for aggregated rows', () => {
    const rows: Journey[] = [
      { path: ['a'], conversions: 1, value: 10 },
      { path: ['a'], conversions: 0 },
      { path: ['a', 'b'], conversions: 1, value: 30 },
      { path: ['b'], conversions: 0 },
      { path: ['b'], conversions: 0 },
    ];
    const perRow = markovAttribution(rows);
    const aggregated = markovAttribution(small);
    for (const [id, row] of perRow.byChannel.entries()) {
      expect(row.conversions).toBeCloseTo(aggregated.byChannel[id]?.conversions as number, 13);
      expect(row.value).toBeCloseTo(aggregated.byChannel[id]?.value as number, 12);
    }
  });

  it('large chains (> 2 048 states: sparse counting, Gauss–Seidel) are stochastic and match a simulation', () => {
    const rng = createRng(99);
    const channels = Array.from({ length: 16 }, (_, i) => `c${i}`);
    const journeys: Journey[] = Array.from({ length: 20_000 }, () => {
      const path = Array.from(
        { length: 3 + Math.floor(rng.next() * 6) },
        () => channels[Math.floor(rng.next() * 16)] as string,
      );
      const converted = rng.next() < (path.includes('c0') ? 0.5 : 0.1) ? 1 : 0;
      return { path, conversions: converted };
    });
    const chain = buildMarkovChain(journeys, { order: 3 });
    expect(chain.states.length).toBeGreaterThan(2048);
    for (let s = 0; s < chain.states.length; s++) {
      let total = (chain.conversionProbability[s] as number) + (chain.nullProbability[s] as number);
      for (let e = chain.rowStart[s] as number; e < (chain.rowStart[s + 1] as number); e++)
        total += chain.probability[e] as number;
      expect(total).toBeCloseTo(1, 12);
    }
    const exact = markovAttribution(journeys, { order: 3 });
    expect(exact.solver).toBe('gauss-seidel');
    const simulated = simulate(chain, 40_000, 5);
    for (const [id, row] of exact.byChannel.entries()) {
      const standardError = Math.sqrt(
        Math.max(row.removalEffect * (1 - row.removalEffect), 1e-6) / simulated.conversions,
      );
      expect(Math.abs((simulated.removal[id] as number) - row.removalEffect)).toBeLessThan(4 * standardError);
    }
    // The planted channel c0 gets the largest removal effect.
    const best = [...exact.byChannel].sort((p, q) => q.removalEffect - p.removalEffect)[0];
    expect(best?.channel).toBe('c0');
  });

  it('rejects zero conversions, bad order, unknown channels; zero value gives zero value credit', () => {
    expect(() => markovAttribution([{ path: ['a'], conversions: 0, nulls: 5 }])).toThrow(
      /at least one conversion/,
    );
    expect(() => markovAttribution(small, { order: 4 })).toThrow(/order must be 1, 2 or 3/);
    expect(() => markovAttribution(small, { channels: ['a'] })).toThrow(/unknown channel "b"/);
    expect(() => markovAttribution(small, { solver: 'qr' as 'dense' })).toThrow(/unknown solver/);
    const noValue = markovAttribution([{ path: ['a', 'b'], conversions: 3, nulls: 1 }]);
    for (const row of noValue.byChannel) {
      expect(row.value).toBe(0);
      expect(row.removalEffectValue).toBe(0);
      expect(row.conversions).toBeCloseTo(1.5, 14);
    }
  });
});

describe.skipIf(!existsSync(shared))(
  'markovAttribution on ChannelAttribution Data.csv (needs ../shared/datasets/channel_attribution)',
  () => {
    const journeys = existsSync(shared) ? loadData() : [];

    // Reference: computed_reference_outputs/markov_order1_*.csv from ChannelAttribution 2.0.7 (R):
    //   markov_model(Data, "path", "total_conversions", var_value = "total_conversion_value",
    //                var_null = "total_null", order = 1, out_more = TRUE, seed = 0)
    it('builds the same order-1 transition matrix as ChannelAttribution (to 1e-14)', () => {
      const chain = buildMarkovChain(journeys);
      const names = new Map(readCsv('channel_ids.csv').map(([id, name]) => [id as string, name as string]));
      const label = (id: string) => names.get(id) ?? id;
      const reference = readCsv('markov_order1_transition_matrix.csv');
      const ours = new Map<string, number>();
      for (let s = 0; s < chain.states.length; s++) {
        const from = chain.stateLabels[s] as string;
        for (let e = chain.rowStart[s] as number; e < (chain.rowStart[s + 1] as number); e++)
          ours.set(`${from}|${chain.stateLabels[chain.target[e] as number]}`, chain.probability[e] as number);
        if ((chain.conversionProbability[s] as number) > 0)
          ours.set(`${from}|(conversion)`, chain.conversionProbability[s] as number);
        if ((chain.nullProbability[s] as number) > 0)
          ours.set(`${from}|(null)`, chain.nullProbability[s] as number);
      }
      expect(ours.size).toBe(reference.length);
      for (const [from, to, probability] of reference)
        expect(ours.get(`${label(from as string)}|${label(to as string)}`)).toBeCloseTo(
          Number(probability),
          14,
        );
    });

    it('agrees with ChannelAttribution order 1 within its simulation error', () => {
      const result = markovAttribution(journeys);
      expect(result.solver).toBe('dense');
      expect(result.conversionProbability).toBeCloseTo(19785 / (19785 + 68602), 14);
      const attributed = new Map(readCsv('markov_order1_result.csv').map(([c, conv]) => [c, Number(conv)]));
      const removal = new Map(readCsv('markov_order1_removal_effects.csv').map(([c, re]) => [c, Number(re)]));
      for (const row of result.byChannel) {
        const reference = removal.get(row.channel) as number;
        // Its removal effects are shares of ≥ 2 350 simulated conversions (they are multiples of 1/2350):
        // binomial standard error √(RE(1 − RE)/2350) ≤ 0.0103; observed |z| ≤ 1.1.
        const standardError = Math.sqrt(Math.max(row.removalEffect * (1 - row.removalEffect), 1e-4) / 2350);
        expect(Math.abs(row.removalEffect - reference)).toBeLessThan(3 * standardError);
        expect(Math.abs(row.removalEffect - reference)).toBeLessThan(0.011);
        // Attributed conversions: 3 % relative on the six channels with > 1 000 (observed max 2.4 %, iota).
        const conversions = attributed.get(row.channel) as number;
        if (conversions > 1000) expect(Math.abs(row.conversions / conversions - 1)).toBeLessThan(0.03);
      }
      expect(result.byChannel.reduce((s, r) => s + r.conversions, 0)).toBeCloseTo(19785, 8);
      expect(result.byChannel.reduce((s, r) => s + r.value, 0)).toBeCloseTo(result.totalValue, 8);
      expect(result.totalValue).toBeCloseTo(74802.97, 2);
    });

    it('equals a seeded Monte-Carlo simulation of the same chain within sampling error (orders 1 and 2)', () => {
      for (const order of [1, 2]) {
        const chain = buildMarkovChain(journeys, { order });
        const exact = markovAttribution(journeys, { order });
        const walks = 200_000;
        const simulated = simulate(chain, walks, 20240 + order);
        const p = exact.conversionProbability;
        expect(Math.abs(simulated.conversionProbability - p)).toBeLessThan(
          4 * Math.sqrt((p * (1 - p)) / walks),
        );
        for (const [id, row] of exact.byChannel.entries()) {
          const re = row.removalEffect;
          const standardError = Math.sqrt(Math.max(re * (1 - re), 1e-6) / simulated.conversions);
          expect(Math.abs((simulated.removal[id] as number) - re)).toBeLessThan(4 * standardError);
        }
      }
    });

    it('dense LU and Gauss–Seidel agree to 1e-10 on orders 2 and 3', () => {
      for (const order of [2, 3]) {
        const dense = markovAttribution(journeys, { order, solver: 'dense' });
        const iterative = markovAttribution(journeys, { order, solver: 'gauss-seidel' });
        for (const [id, row] of dense.byChannel.entries()) {
          expect(
            Math.abs(row.removalEffect - (iterative.byChannel[id]?.removalEffect as number)),
          ).toBeLessThan(1e-10);
          expect(Math.abs(row.conversions - (iterative.byChannel[id]?.conversions as number))).toBeLessThan(
            1e-8,
          );
        }
      }
    });
  },
);
