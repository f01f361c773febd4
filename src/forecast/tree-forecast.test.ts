import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { createRng, normal } from '../core/random.js';
import { DAY_MS, formatIsoDay } from './calendar-dates.js';
import { forecastTreeRegression } from './tree-forecast.js';

/**
 * Simulated daily sales, 2022-01-01 … 2024-12-30 (1095 days, so 双十一 is seen twice before the holdout): level 100 with a slow upward drift,
 * weekly pattern, +30 % on promotion days (15 % of days, seeded), a 双十一 ramp (+40 % in the 5 days
 * before Nov 11) and spike (×2.5 on Nov 11), and multiplicative noise (σ = 5 %).
 */
function simulate(seed: number) {
  const rng = createRng(seed);
  const days = 1095;
  const weekly = [0.9, 0.95, 1, 1, 1.1, 1.35, 1.25]; // Monday … Sunday
  const start = Date.UTC(2022, 0, 1);
  const periodStarts: string[] = [];
  const promo: number[] = [];
  const values: number[] = [];
  for (let t = 0; t < days; t++) {
    const ms = start + t * DAY_MS;
    const date = new Date(ms);
    periodStarts.push(formatIsoDay(ms));
    const onPromo = rng.next() < 0.15 ? 1 : 0;
    promo.push(onPromo);
    let level = 100 * (1 + 0.0002 * t) * (weekly[(date.getUTCDay() + 6) % 7] as number);
    if (onPromo) level *= 1.3;
    if (date.getUTCMonth() === 10) {
      const day = date.getUTCDate();
      if (day === 11) level *= 2.5;
      else if (day >= 6 && day < 11) level *= 1.4;
    }
    values.push(level * Math.exp(normal(rng, 0, 0.05)));
  }
  return { periodStarts, promo, values };
}

const HORIZON = 60; // the holdout 2024-11-01 … 2024-12-30 contains 双十一
const data = simulate(11);
const history = data.values.slice(0, -HORIZON);
const actual = data.values.slice(-HORIZON);
const historyStarts = data.periodStarts.slice(0, -HORIZON);

function run(promoFuture?: number) {
  const promo = data.promo.map((p, t) =>
    promoFuture !== undefined && t >= history.length ? promoFuture : p,
  );
  return forecastTreeRegression(history, {
    periodStarts: historyStarts,
    period: 'day',
    horizon: HORIZON,
    regressors: [{ name: 'promo', values: promo }],
    calendars: ['zh'],
    levels: [80, 95],
    seed: 1,
  });
}

const mae = (forecast: readonly number[]) =>
  forecast.reduce((s, f, h) => s + Math.abs(f - (actual[h] as number)), 0) / forecast.length;

describe('forecastTreeRegression on a simulated promo + 双十一 daily series', () => {
  const forecast = run();

  it('returns a well-formed conformal Forecast with importances', () => {
    expect(forecast.model).toBe('Gradient-boosted trees');
    expect(forecast.method).toBe('tree');
    expect(forecast.intervalMethod).toBe('conformal');
    expect(forecast.point).toHaveLength(HORIZON);
    expect(forecast.fitted).toHaveLength(history.length);
    expect(forecast.point.every(Number.isFinite)).toBe(true);
    expect(forecast.params.trees).toBe(300);
    const [i80, i95] = forecast.intervals;
    for (let h = 0; h < HORIZON; h++) {
      expect(i95?.lower[h] as number).toBeLessThanOrEqual(i80?.lower[h] as number);
      expect(i80?.lower[h] as number).toBeLessThanOrEqual(forecast.point[h] as number);
      expect(forecast.point[h] as number).toBeLessThanOrEqual(i80?.upper[h] as number);
      expect(i80?.upper[h] as number).toBeLessThanOrEqual(i95?.upper[h] as number);
    }
    // Coverage of the 95 % interval on the holdout (60 days; loose bound).
    let covered = 0;
    for (let h = 0; h < HORIZON; h++) {
      const a = actual[h] as number;
      if (a >= (i95?.lower[h] as number) && a <= (i95?.upper[h] as number)) covered++;
    }
    expect(covered / HORIZON).toBeGreaterThan(0.8);
  });

  it('ranks the promotion regressor among the top features', () => {
    const rank = forecast.importances.findIndex((f) => f.feature === 'promo');
    expect(rank).toBeGreaterThanOrEqual(0);
    expect(rank).toBeLessThan(3);
    const sum = forecast.importances.reduce((s, f) => s + f.importance, 0);
    expect(sum).toBeCloseTo(1, 12);
  });

  it('recovers the +30 % promotion lift (promo on vs off for the whole horizon)', () => {
    const on = run(1).point;
    const off = run(0).point;
    let ratio = 0;
    for (let h = 0; h < HORIZON; h++) ratio += (on[h] as number) / (off[h] as number);
    ratio /= HORIZON;
    expect(ratio).toBeGreaterThan(1.2);
    expect(ratio).toBeLessThan(1.4);
  });

  it('forecasts the 双十一 spike', () => {
    const singlesDay = historyStarts.length + 10; // 2024-11-11 is the 11th forecast day
    expect(data.periodStarts[singlesDay]).toBe('2024-11-11');
    const others = forecast.point.filter((_, h) => h !== 10).sort((a, b) => a - b);
    const median = others[Math.floor(others.length / 2)] as number;
    expect(forecast.point[10] as number).toBeGreaterThan(1.35 * median);
  });

  it('beats seasonal naive (lag 7) on the holdout', () => {
    const seasonalNaive = Array.from(
      { length: HORIZON },
      (_, h) => history[history.length - 7 + (h % 7)] as number,
    );
    const ours = mae(forecast.point);
    const naive = mae(seasonalNaive);
    expect(ours).toBeLessThan(0.6 * naive);
  });

  it('also fits a single decision tree', () => {
    const tree = forecastTreeRegression(history, {
      periodStarts: historyStarts,
      period: 'day',
      horizon: HORIZON,
      regressors: [{ name: 'promo', values: data.promo }],
      calendars: ['zh'],
      model: 'tree',
    });
    expect(tree.model).toBe('Decision tree');
    expect(tree.params.trees).toBe(1);
    expect(tree.point.every(Number.isFinite)).toBe(true);
    expect(mae(tree.point)).toBeLessThan(
      mae(Array.from({ length: HORIZON }, (_, h) => history[history.length - 7 + (h % 7)] as number)),
    );
  });
});

describe('forecastTreeRegression edge cases', () => {
  const days = Array.from({ length: 120 }, (_, t) => formatIsoDay(Date.UTC(2024, 0, 1) + t * DAY_MS));

  it('handles monthly series with default future starts and no regressors', () => {
    const months = Array.from({ length: 48 }, (_, t) => formatIsoDay(Date.UTC(2020, t, 1)));
    const values = months.map((_, t) => 100 + 20 * Math.sin((2 * Math.PI * t) / 12) + t);
    const forecast = forecastTreeRegression(values, {
      periodStarts: months,
      period: 'month',
      horizon: 6,
      holdout: 6,
    });
    expect(forecast.point).toHaveLength(6);
    expect(forecast.point.every(Number.isFinite)).toBe(true);
    expect(forecast.notes?.[0]).toMatch(/lags 6, 12/);
  });

  it('works on a constant series and with negative values (no log target)', () => {
    const flat = forecastTreeRegression(
      days.map(() => 5),
      { periodStarts: days, period: 'day', horizon: 7 },
    );
    expect(flat.point.every((v) => Math.abs(v - 5) < 1e-9)).toBe(true);
    const negative = forecastTreeRegression(
      days.map((_, t) => Math.sin(t) - 0.5),
      { periodStarts: days, period: 'day', horizon: 7 },
    );
    expect(negative.notes?.[0]).toMatch(/target y;/);
  });

  it('rejects bad input with InputError', () => {
    const values = days.map((_, t) => t);
    const base = { periodStarts: days, period: 'day' as const, horizon: 7 };
    expect(() => forecastTreeRegression(values.slice(1), base)).toThrow(/periodStarts/);
    expect(() => forecastTreeRegression([...values.slice(1), Number.NaN], base)).toThrow(/index 119/);
    expect(() =>
      forecastTreeRegression(values.slice(0, 20), { ...base, periodStarts: days.slice(0, 20) }),
    ).toThrow(InputError);
    expect(() =>
      forecastTreeRegression(values, { ...base, regressors: [{ name: 'price', values: values }] }),
    ).toThrow(/needs 127/);
    expect(() => forecastTreeRegression(values, { ...base, lags: [3] })).toThrow(/≥ horizon/);
    expect(() => forecastTreeRegression(values, { ...base, horizon: 0 })).toThrow(/horizon/);
    expect(() => forecastTreeRegression(values, { ...base, futureStarts: ['2024-05-01'] })).toThrow(
      /futureStarts/,
    );
    expect(() => forecastTreeRegression(values, { ...base, levels: [100] })).toThrow(/levels/);
  });
});
