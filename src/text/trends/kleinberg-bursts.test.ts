import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { kleinbergBursts } from './kleinberg-bursts.js';

/*
 * Reference: the `pybursts` algorithm (kleinberg(offsets, s, gamma)), re-run in Python 3 / numpy 2.4
 * with the number of levels k fixed or left to pybursts' own rule (k = ⌈1 + log_s T + log_s(1/min gap)⌉):
 *
 *   def kleinberg(offsets, s=2, gamma=1, k=None):
 *       gaps = np.diff(sorted(offsets)); T = gaps.sum(); n = len(gaps); g_hat = T / n
 *       k = k or ceil(1 + log(T, s) + log(1 / gaps.min(), s))
 *       alpha = [s**j / g_hat for j in range(k)]; tau = lambda i, j: 0 if i >= j else (j - i) * gamma * log(n)
 *       Viterbi over C[j] = min_i(C[i] + tau(i, j)) - log(alpha[j] * exp(-alpha[j] * gap)), ties to the lowest i
 *       bursts: a level opens at offsets[t] when q rises at gap t, closes at offsets[t] when it falls, else at the end
 *
 *   kleinberg([0,10,20,30,31,32,33,34,35,45,55], k=2) → [[0, 0, 55], [1, 30, 35]]
 *   planted(): gaps 10 ×20, 1 ×60, 10 ×20, 0.25 ×80, 10 ×20 (201 events, 0 … 680)
 *   kleinberg(planted(), k=2)           → [[0,0,680], [1,200,260], [1,460,480]]
 *   kleinberg(planted(), k=3)           → [[0,0,680], [1,200,260], [2,200,260], [1,460,480], [2,460,480]]
 *   kleinberg(planted(), s=3, gamma=0.5, k=3) → [[0,0,680], [1,200,260], [1,460,480], [2,460,480]]
 *   kleinberg(planted())  (k = 13)      → [[0,0,680], [1,200,260], [2,200,260], [1,460,480], [2,460,480],
 *                                          [3,460,480], [4,460,480]]
 */
function planted(): number[] {
  const times: number[] = [];
  let time = 0;
  for (const [gap, count] of [
    [10, 20],
    [1, 60],
    [10, 20],
    [0.25, 80],
    [10, 20],
  ] as const) {
    for (let i = 0; i < count; i++) {
      times.push(time);
      time += gap;
    }
  }
  times.push(time);
  return times;
}

const asRows = (bursts: { level: number; start: number; end: number }[]) =>
  bursts.map((burst) => [burst.level, burst.start, burst.end]);

describe('kleinbergBursts', () => {
  it('matches pybursts on a small stream', () => {
    expect(kleinbergBursts([0, 10, 20, 30, 31, 32, 33, 34, 35, 45, 55])).toEqual([
      { start: 30, end: 35, level: 1 },
    ]);
  });

  it('finds planted bursts, two-state and with more levels, as pybursts does', () => {
    const times = planted();
    expect(times).toHaveLength(201);
    expect(asRows(kleinbergBursts(times))).toEqual([
      [1, 200, 260],
      [1, 460, 480],
    ]);
    expect(asRows(kleinbergBursts(times, { states: 3 }))).toEqual([
      [1, 200, 260],
      [2, 200, 260],
      [1, 460, 480],
      [2, 460, 480],
    ]);
    expect(asRows(kleinbergBursts(times, { s: 3, gamma: 0.5, states: 3 }))).toEqual([
      [1, 200, 260],
      [1, 460, 480],
      [2, 460, 480],
    ]);
    expect(asRows(kleinbergBursts(times, { states: 13 }))).toEqual([
      [1, 200, 260],
      [2, 200, 260],
      [1, 460, 480],
      [2, 460, 480],
      [3, 460, 480],
      [4, 460, 480],
    ]);
  });

  it('does not depend on input order, reports nothing for a steady stream', () => {
    const times = planted();
    expect(kleinbergBursts(times.slice().reverse())).toEqual(kleinbergBursts(times));
    expect(kleinbergBursts(Array.from({ length: 100 }, (_, i) => i * 3))).toEqual([]);
    expect(kleinbergBursts([])).toEqual([]);
    expect(kleinbergBursts([5])).toEqual([]);
  });

  it('accepts equal times (a same-second pile-up is a burst) and rejects bad input', () => {
    const times = [0, 100, 200, 300, 300, 300, 300, 300, 300, 400, 500, 600];
    expect(kleinbergBursts(times)).toEqual([{ start: 300, end: 300, level: 1 }]);
    expect(() => kleinbergBursts([1, 1])).toThrow(InputError);
    expect(() => kleinbergBursts([1, 2], { s: 1 })).toThrow(InputError);
    expect(() => kleinbergBursts([1, 2], { gamma: 0 })).toThrow(InputError);
    expect(() => kleinbergBursts([1, Number.NaN])).toThrow(InputError);
  });
});
