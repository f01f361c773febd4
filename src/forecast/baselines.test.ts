import { describe, expect, it } from 'vitest';
import { airPassengers, hasAirPassengers } from '../../test/reference-data.js';
import { InputError } from '../core/errors.js';
import { forecastAccuracy } from './accuracy.js';
import { driftForecast, meanForecast, naiveForecast, seasonalNaiveForecast } from './baselines.js';

const hasAir = hasAirPassengers;
const air = airPassengers;

// normalQuantile is accurate to ~1e-9 relative, so interval checks use 5 decimals.
const z95 = 1.959963984540054;
const z80 = 1.2815515655446004;

// Residual standard deviations from numpy (/usr/bin/python3), tr = y[:132] of air_passengers.csv (FPP3 §5.5):
//   naive  np.sqrt(np.mean(np.diff(tr)**2))                                  → 31.332128719197105
//   snaive np.sqrt(np.mean((tr[12:] - tr[:-12])**2))                         → 34.548275403170756
//   drift  b = (tr[-1] - tr[0])/131 → 2.236641221374046; np.sqrt(np.sum((np.diff(tr) - b)**2)/130) → 31.372166022439675
//   mean   tr.mean() → 262.49242424242425; tr.std(ddof=1) → 106.62579899288951
describe.skipIf(!hasAir)('baselines on AirPassengers 1949–1959 (h = 12)', () => {
  const options = { horizon: 12, seasonLength: 12 };

  it('seasonal naive reproduces R forecast 8.20 snaive and its accuracy', () => {
    const all = air();
    const train = all.slice(0, 132);
    const f = seasonalNaiveForecast(train, options);
    // computed_reference_outputs/air_passengers_holdout1960_forecasts_R_forecast8.20.csv, column snaive
    expect(f.point).toEqual([360, 342, 406, 396, 420, 472, 548, 559, 463, 407, 362, 405]);
    // …_accuracy_R_forecast8.20.csv: RMSE 50.708316, MAE 47.833333, MAPE 9.987533, MASE 1.570881
    const a = forecastAccuracy(all.slice(132), f.point, { training: train, seasonLength: 12 });
    expect(a.rmse).toBeCloseTo(50.708316, 5);
    expect(a.mae).toBeCloseTo(47.833333, 5);
    expect(a.mape).toBeCloseTo(9.987533, 5);
    expect(a.mase).toBeCloseTo(1.570881, 5);
    const sigma = 34.548275403170756;
    expect(f.params.sigma).toBeCloseTo(sigma, 10);
    expect(f.intervals[1]?.upper[0]).toBeCloseTo(360 + z95 * sigma, 5);
    expect(f.intervals[0]?.lower[11]).toBeCloseTo(405 - z80 * sigma, 5);
    expect(Number.isNaN(f.fitted[11] as number)).toBe(true);
    expect(f.fitted[12]).toBe(train[0]);
    // h = 13 is in the second season: σ·√2
    const long = seasonalNaiveForecast(train, { horizon: 13, seasonLength: 12, levels: [95] });
    expect(long.point[12]).toBe(360);
    expect(long.intervals[0]?.upper[12]).toBeCloseTo(360 + z95 * sigma * Math.SQRT2, 5);
  });

  it('naive: last value, σ√h', () => {
    const f = naiveForecast(air().slice(0, 132), options);
    const sigma = 31.332128719197105;
    expect(f.point).toEqual(new Array(12).fill(405));
    expect(f.intervals[1]?.upper[3]).toBeCloseTo(405 + z95 * sigma * 2, 5);
    expect(f.intervalMethod).toBe('analytic');
  });

  it('drift: slope (y_T − y_1)/(T − 1), σ√(h(1 + h/(T − 1)))', () => {
    const f = driftForecast(air().slice(0, 132), options);
    const b = 2.236641221374046;
    const sigma = 31.372166022439675;
    expect(f.point[0]).toBeCloseTo(405 + b, 10);
    expect(f.point[11]).toBeCloseTo(405 + 12 * b, 10);
    expect(f.params.sigma).toBeCloseTo(sigma, 10);
    expect(f.intervals[1]?.lower[11]).toBeCloseTo(
      405 + 12 * b - z95 * sigma * Math.sqrt(12 * (1 + 12 / 131)),
      5,
    );
  });

  it('mean: ȳ, σ√(1 + 1/T)', () => {
    const f = meanForecast(air().slice(0, 132), options);
    expect(f.point[5]).toBeCloseTo(262.49242424242425, 10);
    expect(f.intervals[1]?.upper[5]).toBeCloseTo(
      262.49242424242425 + z95 * 106.62579899288951 * Math.sqrt(1 + 1 / 132),
      5,
    );
  });
});

describe('baseline edge cases', () => {
  it('hand example from the doc comment', () => {
    const f = naiveForecast([1, 2, 4], { horizon: 2, seasonLength: 1 });
    expect(f.point).toEqual([4, 4]);
    expect(f.intervals[1]?.upper[0]).toBeCloseTo(4 + z95 * Math.sqrt(2.5), 5);
  });

  it('rejects bad horizons, season lengths, levels and non-finite values', () => {
    const y = [1, 2, 3, 4, 5];
    expect(() => naiveForecast(y, { horizon: 0, seasonLength: 1 })).toThrow(/horizon must be an integer/);
    expect(() => naiveForecast(y, { horizon: 1.5, seasonLength: 1 })).toThrow(InputError);
    expect(() => naiveForecast(y, { horizon: 1, seasonLength: 0 })).toThrow(/seasonLength/);
    expect(() => naiveForecast(y, { horizon: 1, seasonLength: 1, levels: [100] })).toThrow(/levels/);
    expect(() => meanForecast([1, Number.NaN, 3], { horizon: 1, seasonLength: 1 })).toThrow(/index 1/);
    expect(() => driftForecast([1, 2, Number.POSITIVE_INFINITY], { horizon: 1, seasonLength: 1 })).toThrow(
      /index 2/,
    );
  });

  it('says how many values each model needs', () => {
    expect(() => naiveForecast([1], { horizon: 1, seasonLength: 1 })).toThrow(/at least 2 values/);
    expect(() => driftForecast([1, 2], { horizon: 1, seasonLength: 1 })).toThrow(/at least 3 values/);
    expect(() => seasonalNaiveForecast([1, 2, 3, 4], { horizon: 1, seasonLength: 4 })).toThrow(
      /at least 5 values/,
    );
    expect(() => meanForecast([], { horizon: 1, seasonLength: 1 })).toThrow(/at least 2 values/);
  });

  it('constant series: zero-width intervals, no NaN', () => {
    for (const model of [naiveForecast, seasonalNaiveForecast, driftForecast, meanForecast]) {
      const f = model(new Array(10).fill(7), { horizon: 5, seasonLength: 2 });
      expect(f.point).toEqual(new Array(5).fill(7));
      for (const interval of f.intervals) expect(interval.lower).toEqual(new Array(5).fill(7));
    }
  });
});
