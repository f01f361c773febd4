import { describe, expect, it } from 'vitest';
import { deriveRng } from '../core/random.js';
import { dayIndex, makeWindow } from './calendar.js';
import { demandClock, demandPattern } from './demand.js';
import { generatePeople } from './people.js';
import { simulatePurchases } from './purchases.js';

/** The timing layer at scale (people and purchase histories only, no rows): the planted day multipliers show up in the counts. */
describe('simulatePurchases timing', () => {
  const window = makeWindow('2023-01-01', 24);
  const pattern = demandPattern(window);
  const clock = demandClock(pattern);
  const { people } = generatePeople(deriveRng(5, 'people'), 60_000, window, clock, deriveRng(5, 'personas'));
  const rng = deriveRng(5, 'purchases');
  const histories = people.map((p) => simulatePurchases(rng, p, window, clock));
  const perDay = new Float64Array(window.days);
  for (const h of histories) {
    for (const t of h.times) {
      const d = Math.floor((t - window.startMs) / 86_400_000);
      perDay[d] = (perDay[d] ?? 0) + 1;
    }
  }

  it('multiplies daily purchases by the planted holiday factor (relative to the same weekday ±2, ±3 weeks)', () => {
    for (const day of ['2023-11-11', '2024-11-11', '2023-06-18', '2024-06-18', '2024-11-29']) {
      const d = dayIndex(window, day);
      const around = [-21, -14, 14, 21].map((k) => d + k);
      const plantedRatio =
        (pattern.daily[d] as number) / (around.reduce((s, i) => s + (pattern.daily[i] as number), 0) / 4);
      const observedRatio =
        (perDay[d] as number) / (around.reduce((s, i) => s + (perDay[i] as number), 0) / 4);
      expect(Math.abs(observedRatio / plantedRatio - 1), day).toBeLessThan(0.15);
    }
  });

  it('keeps purchases inside each person window, first at signup, sorted', () => {
    const problems: string[] = [];
    for (const [i, h] of histories.entries()) {
      const person = people[i];
      if (h.times[0] !== person?.signupMs) problems.push(`${i}: first purchase is not the signup`);
      for (let k = 1; k < h.times.length; k++)
        if ((h.times[k] as number) < (h.times[k - 1] as number)) problems.push(`${i}: unsorted`);
      if ((h.times.at(-1) as number) >= window.endMs) problems.push(`${i}: after the window`);
      if (h.spends.length !== h.times.length) problems.push(`${i}: spends`);
      if (!h.alive && h.times.length < 2) problems.push(`${i}: died without a repeat purchase`);
    }
    expect(problems).toEqual([]);
  });

  it('gives each person a unique phone number and email', () => {
    expect(new Set(people.map((p) => p.phoneDigits)).size).toBe(people.length);
    expect(new Set(people.map((p) => p.email)).size).toBe(people.length);
  });
});
