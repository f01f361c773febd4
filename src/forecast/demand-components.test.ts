import { describe, expect, it } from 'vitest';
import { nonFiniteNumbers } from '../../test/non-finite.js';
import { InputError } from '../core/errors.js';
import { createRng, poisson } from '../core/random.js';
import { type DemandEvent, estimateDemandComponents } from './demand-components.js';

const DAY = 86_400_000;
const WEEKLY = [1.1, 0.9, 0.92, 0.95, 0.98, 1.05, 1.1];
const name = { en: 'e', zh: 'e' };
const event = (key: string, firstDay: string, lastDay = firstDay): DemandEvent => ({
  key,
  name,
  firstDay,
  lastDay,
});

/** Multiplier of a planted log-linear pattern on day d after `start`. */
function planted(
  start: string,
  d: number,
  growth: number,
  amplitude: number,
  peak: number,
  events: readonly { event: DemandEvent; multiplier: number }[],
): number {
  const ms = Date.parse(`${start}T00:00:00Z`) + d * DAY;
  const date = new Date(ms);
  const doy = Math.round((ms - Date.UTC(date.getUTCFullYear(), 0, 1)) / DAY);
  let m = Math.exp(growth * (d / 365.25)) * (WEEKLY[date.getUTCDay()] as number);
  m *= Math.exp(amplitude * Math.cos((2 * Math.PI * (doy - peak)) / 365.25));
  const iso = date.toISOString().slice(0, 10);
  for (const e of events) if (iso >= e.event.firstDay && iso <= e.event.lastDay) m *= e.multiplier;
  return m;
}

describe('estimateDemandComponents vs statsmodels OLS', () => {
  // /usr/bin/python3 (statsmodels 0.13.5): the same series and design (intercept, d/365.25, UTC weekday
  // dummies Mon..Sat with Sunday the reference, cos/sin(2π doy/365.25), event indicators a, b), days with
  // y > 0 only; sm.OLS(np.log(y[keep]), X[keep]).fit() → params, bse; weekday multipliers e^γ/mean(e^γ)
  // with delta-method s.e.; t quantile stats.t.ppf(0.975, 386). Script: y_d = 50·e^{0.1 d/365.25}·W[wd]·
  // e^{0.08 cos(2π(doy − 200)/365.25)}·(×2 in a, ×1.5 in b)·(1 + 0.1 sin(1.7d) cos(0.37d)), y_17 = y_250 = 0.
  const start = '2023-03-01';
  const eventsA = [event('a', '2023-06-18'), event('a', '2024-02-01', '2024-02-03')];
  const eventsB = [event('b', '2023-11-10', '2023-11-11')];
  const events = [
    ...eventsA.map((e) => ({ event: e, multiplier: 2 })),
    ...eventsB.map((e) => ({ event: e, multiplier: 1.5 })),
  ];
  const values = Array.from({ length: 400 }, (_, d) =>
    d === 17 || d === 250
      ? 0
      : 50 * planted(start, d, 0.1, 0.08, 200, events) * (1 + 0.1 * Math.sin(d * 1.7) * Math.cos(d * 0.37)),
  );
  const fit = estimateDemandComponents({
    values,
    startDate: start,
    events: [...eventsA, ...eventsB, event('c', '2022-01-01', '2022-01-02')],
  });

  it('matches the coefficients, standard errors and fit statistics', () => {
    expect(values[0]).toBeCloseTo(44.718058071975676, 10);
    expect(fit.observations).toBe(398);
    expect(fit.zeroDays).toBe(2);
    expect(fit.parameters).toBe(12);
    expect(fit.degreesOfFreedom).toBe(386);
    expect(fit.residualStandardError).toBeCloseTo(0.050665643473301394, 10);
    expect(fit.rSquared).toBeCloseTo(0.8508506625906631, 10);
    expect(fit.trendPerYear.estimate).toBeCloseTo(0.10391927108786958, 10);
    expect(fit.trendPerYear.lower).toBeCloseTo(0.08120686923463784, 8);
    expect(fit.trendPerYear.upper).toBeCloseTo(0.1271087816356732, 8);
    const weekly = [
      1.0992421062442557, 0.8984026493816005, 0.9204006642212583, 0.9501697752772722, 0.9807827053049941,
      1.0497086278312435, 1.1012934717393748,
    ];
    const weeklySe = [
      0.006119817197358157, 0.006378504722985791, 0.006309066094027368, 0.006233203440696924,
      0.006244212000256456, 0.006184592604318657, 0.006176708390717286,
    ];
    fit.weekly?.forEach((w, k) => {
      expect(w.multiplier).toBeCloseTo(weekly[k] as number, 10);
      expect(w.standardError).toBeCloseTo(weeklySe[k] as number, 10);
    });
    expect(fit.weekly?.reduce((s, w) => s + w.multiplier, 0)).toBeCloseTo(7, 12);
    expect(fit.yearly?.amplitude.estimate).toBeCloseTo(0.0790952254959222, 10);
    expect(fit.yearly?.peakDayOfYear.estimate).toBeCloseTo(199.98977476309486, 7);
    expect(fit.events.map((e) => e.key)).toEqual(['a', 'b']);
    expect(fit.skippedEvents).toEqual(['c']);
    // bse 0.025679193593937492, 0.03637385104465446
    expect(fit.events[0]?.standardError).toBeCloseTo(0.025679193593937492, 10);
    expect(fit.events[1]?.standardError).toBeCloseTo(0.03637385104465446, 10);
    expect(fit.events[0]?.multiplier).toBeCloseTo(1.9848470295978544, 10);
    expect(fit.events[0]?.lower).toBeCloseTo(1.8871226226256432, 8);
    expect(fit.events[0]?.upper).toBeCloseTo(2.087632082658226, 8);
    expect(fit.events[1]?.multiplier).toBeCloseTo(1.4240277649580562, 10);
    expect(fit.events[0]?.days).toBe(4);
    expect(fit.events[1]?.days).toBe(2);
  });
});

/** Poisson counts around a planted pattern: level 120, +15%/yr (log-linear), weekly, yearly, 3 events. */
function simulate(seed: number, days = 730) {
  const start = '2023-01-01';
  const planting = [
    { event: event('1111', '2023-11-11'), multiplier: 3 },
    { event: event('1111', '2024-11-11'), multiplier: 3 },
    { event: event('cny', '2023-01-21', '2023-01-28'), multiplier: 0.5 },
    { event: event('cny', '2024-02-09', '2024-02-16'), multiplier: 0.5 },
    { event: event('xmas', '2023-12-18', '2023-12-23'), multiplier: 1.2 },
    { event: event('xmas', '2024-12-18', '2024-12-23'), multiplier: 1.2 },
  ];
  const rng = createRng(seed);
  const values = Array.from({ length: days }, (_, d) =>
    poisson(rng, 120 * planted(start, d, Math.log(1.15), 0.12, 350, planting)),
  );
  return { start, values, events: planting.map((p) => p.event) };
}

describe('estimateDemandComponents on simulated Poisson demand with known components', () => {
  it('recovers every planted component inside its 95% interval (seed 1)', () => {
    const { start, values, events } = simulate(1);
    const fit = estimateDemandComponents({ values, startDate: start, events });
    const inside = (x: { lower: number; upper: number }, truth: number) => {
      expect(truth).toBeGreaterThanOrEqual(x.lower);
      expect(truth).toBeLessThanOrEqual(x.upper);
    };
    inside(fit.trendPerYear, 0.15);
    fit.weekly?.forEach((w, k) => {
      inside(w, WEEKLY[k] as number);
    });
    inside(fit.yearly?.amplitude ?? { lower: 0, upper: 0 }, 0.12);
    inside(fit.yearly?.peakDayOfYear ?? { lower: 0, upper: 0 }, 350);
    const byKey = Object.fromEntries(fit.events.map((e) => [e.key, e]));
    inside(byKey['1111'] as { lower: number; upper: number }, 3);
    inside(byKey.cny as { lower: number; upper: number }, 0.5);
    inside(byKey.xmas as { lower: number; upper: number }, 1.2);
    expect(fit.level.estimate).toBeGreaterThan(110);
    expect(fit.level.estimate).toBeLessThan(130);
  });

  it('its 95% intervals cover the truth about 95% of the time (200 simulated series)', () => {
    let trend = 0;
    let singlesDay = 0;
    let monday = 0;
    const runs = 200;
    for (let seed = 1; seed <= runs; seed++) {
      const { start, values, events } = simulate(seed, 400);
      const fit = estimateDemandComponents({ values, startDate: start, events });
      const t = fit.trendPerYear;
      if (t.lower <= 0.15 && 0.15 <= t.upper) trend++;
      const e = fit.events.find((x) => x.key === '1111');
      if (e && e.lower <= 3 && 3 <= e.upper) singlesDay++;
      const m = fit.weekly?.[1];
      if (m && m.lower <= 0.9 && 0.9 <= m.upper) monday++;
    }
    // measured: trend 192, Singles' Day 200, Monday 184 of 200 (binomial(200, 0.95): 95% range ≈ 184–196).
    // Singles' Day over-covers: one day at 3× demand has a smaller log-Poisson variance (1/μ) than the
    // average day the pooled s² describes; Monday (0.9×) sits at the low edge for the opposite reason.
    for (const covered of [trend, singlesDay, monday]) {
      expect(covered / runs).toBeGreaterThan(0.9);
      expect(covered / runs).toBeLessThanOrEqual(1);
    }
  });

  it('leaves out the yearly pair on short series and the weekly terms on request', () => {
    const { start, values } = simulate(3, 120);
    const fit = estimateDemandComponents({ values, startDate: start, weekly: false });
    expect(fit.yearly).toBeNull();
    expect(fit.weekly).toBeNull();
    expect(fit.parameters).toBe(2);
  });
});

describe('estimateDemandComponents input errors', () => {
  const start = '2024-01-01';
  const ok = Array.from({ length: 60 }, (_, d) => 10 + (d % 7));
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      return (error as InputError).code;
    }
    return 'no error';
  };

  it('rejects empty, negative, NaN and too-short series', () => {
    expect(code(() => estimateDemandComponents({ values: [], startDate: start }))).toBe('insufficient_data');
    expect(code(() => estimateDemandComponents({ values: [1, -1, 2], startDate: start }))).toBe(
      'invalid_argument',
    );
    expect(code(() => estimateDemandComponents({ values: [1, Number.NaN], startDate: start }))).toBe(
      'invalid_argument',
    );
    expect(code(() => estimateDemandComponents({ values: ok.slice(0, 9), startDate: start }))).toBe(
      'insufficient_data',
    );
    expect(() => estimateDemandComponents({ values: new Array(60).fill(0), startDate: start })).toThrow(
      /at least 10 days with demand/,
    );
  });

  it('rejects bad dates, reversed windows, bad levels and inseparable events', () => {
    expect(code(() => estimateDemandComponents({ values: ok, startDate: '2024-02-30' }))).toBe(
      'invalid_date',
    );
    expect(() =>
      estimateDemandComponents({
        values: ok,
        startDate: start,
        events: [event('x', '2024-01-05', '2024-01-03')],
      }),
    ).toThrow(/ends \(2024-01-03\) before it starts/);
    expect(code(() => estimateDemandComponents({ values: ok, startDate: start, level: 100 }))).toBe(
      'invalid_argument',
    );
    // an event over every day is the intercept again
    expect(() =>
      estimateDemandComponents({
        values: ok,
        startDate: start,
        events: [event('all', '2023-12-01', '2024-12-31')],
      }),
    ).toThrow(/cannot be told apart/);
  });

  it('never returns NaN on a constant series', () => {
    const fit = estimateDemandComponents({ values: new Array(60).fill(5), startDate: start });
    expect(fit.trendPerYear.estimate).toBeCloseTo(0, 12);
    expect(fit.residualStandardError).toBeCloseTo(0, 12);
    expect(fit.weekly?.every((w) => Math.abs(w.multiplier - 1) < 1e-12)).toBe(true);
    expect(fit.rSquared).toBe(0);
    expect(nonFiniteNumbers(fit)).toEqual([]);
  });
});
