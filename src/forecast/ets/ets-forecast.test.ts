import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { createRng } from '../../core/random.js';
import { etsFilter } from './ets-filter.js';
import { forecastEts } from './ets-forecast.js';
import { class2MeanVariance, class3MeanVariance, simulateEtsPaths } from './ets-intervals.js';
import { parseEtsSpec } from './ets-spec.js';
import { type KnownEts, knownEtsFit, simulateKnownEts } from './ets-testing.js';
import { fitEts } from './fit-ets.js';

const airPath = fileURLToPath(
  new URL('../../../../shared/datasets/timeseries/air_passengers.csv', import.meta.url),
);
const haveAir = existsSync(airPath);

describe.skipIf(!haveAir)(
  'class-1 intervals against statsmodels (needs ../shared/datasets/timeseries)',
  () => {
    it('ETS(A,Ad,A) on AirPassengers: same means and exact 95 % limits at statsmodels’ parameters', () => {
      // /usr/bin/python3, statsmodels 0.13.5, y as a monthly pd.Series from 1949-01:
      //   r = ETSModel(y, error='add', trend='add', damped_trend=True, seasonal='add', seasonal_periods=12).fit(disp=False)
      //   r.get_prediction(start='1961-01', end='1962-12').summary_frame(alpha=0.05)   # method 'exact'
      //   → mean[h=1,12,24] 451.35258, 459.42965, 480.95350; pi_lower 426.71152, 417.75021, 407.01942;
      //   statsmodels' σ² = r.scale = SSE/n = 158.06010688830577
      const y = Float64Array.from(
        readFileSync(airPath, 'utf8')
          .trim()
          .split('\n')
          .slice(1)
          .map((line) => Number(line.split(',')[1])),
      );
      const smSeason = [
        4.052371132392731, -12.879564544452828, 1.1008393917705321, 19.14584620926126, 32.64023143144822,
        34.59215925160859, 21.97481996264546, 7.765261162455624, 16.391306425697284, 21.799346626860064,
        9.484139174251647, 0.0,
      ];
      const season = Float64Array.from({ length: 12 }, (_, j) => smSeason[11 - j] as number);
      const [alpha, beta, gamma, phi] = [0.26727215122147757, 0.02508686392871449, 0.7326545759936446, 0.98];
      const pass = etsFilter(
        y,
        0,
        1,
        1,
        12,
        alpha,
        beta,
        gamma,
        phi,
        107.05211668087156,
        1.2845747236661142,
        season,
      );
      const model: KnownEts = {
        spec: parseEtsSpec('AAdA'),
        seasonLength: 12,
        alpha,
        beta,
        gamma,
        phi,
        level: pass.level,
        trend: pass.trend,
        season: Array.from(pass.season),
        sigma: Math.sqrt(158.06010688830577),
      };
      const forecast = forecastEts(knownEtsFit(model), { horizon: 24, levels: [95] });
      expect(forecast.intervalMethod).toBe('analytic');
      const interval = forecast.intervals[0];
      for (const [h, mean, lower] of [
        [1, 451.35257579479145, 426.7115248471159],
        [12, 459.42964968116036, 417.75021245535044],
        [24, 480.95350291079245, 407.0194181087044],
      ] as const) {
        expect(forecast.point[h - 1]).toBeCloseTo(mean, 4);
        expect(interval?.lower[h - 1]).toBeCloseTo(lower, 3);
      }
    });
  },
);

/** Variance of simulated paths per step. */
function simulatedVariance(model: KnownEts, horizon: number, paths: number): number[] {
  const sample = simulateEtsPaths(knownEtsFit(model), horizon, paths, createRng(7));
  return Array.from({ length: horizon }, (_, h) => {
    let sum = 0;
    let squares = 0;
    for (let p = 0; p < paths; p++) {
      const v = sample[p * horizon + h] as number;
      sum += v;
      squares += v * v;
    }
    const mean = sum / paths;
    return squares / paths - mean * mean;
  });
}

describe('class-2 and class-3 variances agree with simulation (40 000 paths)', () => {
  it('ETS(M,Ad,N)', () => {
    const model: KnownEts = {
      spec: parseEtsSpec('MAdN'),
      seasonLength: 1,
      alpha: 0.5,
      beta: 0.1,
      phi: 0.9,
      level: 100,
      trend: 2,
      sigma: 0.08,
    };
    const analytic = class2MeanVariance(knownEtsFit(model), 8).variance;
    const simulated = simulatedVariance(model, 8, 40_000);
    for (const h of [0, 3, 7]) expect((analytic[h] as number) / (simulated[h] as number)).toBeCloseTo(1, 1);
  });
  it('ETS(M,Ad,M) with the exact damped matrices', () => {
    const model: KnownEts = {
      spec: parseEtsSpec('MAdM'),
      seasonLength: 4,
      alpha: 0.3,
      beta: 0.05,
      gamma: 0.2,
      phi: 0.9,
      level: 100,
      trend: 1,
      season: [0.9, 1.2, 1.1, 0.8],
      sigma: 0.06,
    };
    const { mean, variance } = class3MeanVariance(knownEtsFit(model), 9);
    const point = forecastEts(knownEtsFit(model), { horizon: 9 }).point;
    // the conditional mean equals the forecast function for h ≤ m and exceeds it by O(σ²) afterwards
    for (let h = 0; h < 4; h++) expect(mean[h]).toBeCloseTo(point[h] as number, 8);
    for (let h = 4; h < 9; h++)
      expect(Math.abs((mean[h] as number) / (point[h] as number) - 1)).toBeLessThan(0.005);
    const simulated = simulatedVariance(model, 9, 40_000);
    for (const h of [0, 4, 8]) expect((variance[h] as number) / (simulated[h] as number)).toBeCloseTo(1, 1);
  });
});

describe('interval coverage on simulated data (within 3 points of nominal)', () => {
  // Fit on 120 values, forecast 6 steps, count how often the next 6 simulated values fall inside.
  const cases: [string, KnownEts, number][] = [
    [
      'ETS(A,N,N) (class 1)',
      { spec: parseEtsSpec('ANN'), seasonLength: 1, alpha: 0.3, level: 100, sigma: 5 },
      400,
    ],
    [
      'ETS(A,A,N) (class 1)',
      { spec: parseEtsSpec('AAN'), seasonLength: 1, alpha: 0.4, beta: 0.1, level: 100, trend: 1, sigma: 3 },
      300,
    ],
    [
      'ETS(M,N,N) (class 2)',
      { spec: parseEtsSpec('MNN'), seasonLength: 1, alpha: 0.5, level: 100, sigma: 0.05 },
      400,
    ],
    [
      'ETS(M,N,M) (class 3)',
      {
        spec: parseEtsSpec('MNM'),
        seasonLength: 4,
        alpha: 0.2,
        gamma: 0.15,
        level: 100,
        season: [0.8, 1.1, 1.3, 0.8],
        sigma: 0.05,
      },
      200,
    ],
  ];
  it.each(cases)('%s', (_name, model, replications) => {
    const horizon = 6;
    let inside80 = 0;
    let inside95 = 0;
    let total = 0;
    for (let seed = 1; seed <= replications; seed++) {
      const y = simulateKnownEts(model, 120 + horizon, createRng(1000 + seed));
      const fit = fitEts(y.slice(0, 120), model.spec, { seasonLength: model.seasonLength });
      const forecast = forecastEts(fit, { horizon });
      const [i80, i95] = forecast.intervals;
      for (let h = 0; h < horizon; h++) {
        const actual = y[120 + h] as number;
        total++;
        if (actual >= (i80?.lower[h] as number) && actual <= (i80?.upper[h] as number)) inside80++;
        if (actual >= (i95?.lower[h] as number) && actual <= (i95?.upper[h] as number)) inside95++;
      }
    }
    expect(Math.abs((100 * inside80) / total - 80)).toBeLessThan(3);
    expect(Math.abs((100 * inside95) / total - 95)).toBeLessThan(3);
  });
});

describe('forecastEts options', () => {
  const fit = fitEts(
    Array.from({ length: 40 }, (_, t) => 50 + 10 * Math.sin((2 * Math.PI * t) / 4) + (t % 3)),
    parseEtsSpec('ANM'),
    { seasonLength: 4 },
  );
  it('simulates intervals for forms without a closed form, reproducibly per seed', () => {
    const first = forecastEts(fit, { horizon: 5, seed: 3 });
    const second = forecastEts(fit, { horizon: 5, seed: 3 });
    expect(first.intervalMethod).toBe('simulation');
    expect(first.intervals).toEqual(second.intervals);
    for (const interval of first.intervals)
      for (let h = 0; h < 5; h++) {
        expect(interval.lower[h]).toBeLessThanOrEqual(interval.upper[h] as number);
        expect(Number.isFinite(interval.lower[h])).toBe(true);
      }
  });
  it('rejects horizon 0 and levels outside (0, 100)', () => {
    expect(() => forecastEts(fit, { horizon: 0 })).toThrow(InputError);
    expect(() => forecastEts(fit, { horizon: 2, levels: [100] })).toThrow(InputError);
  });
  it('fills the Forecast fields', () => {
    const forecast = forecastEts(fit, { horizon: 3 });
    expect(forecast.method).toBe('ets');
    expect(forecast.model).toBe('ETS(A,N,M)');
    expect(forecast.fitted).toHaveLength(40);
    expect(forecast.params.gamma).toBeDefined();
    expect(Number.isFinite(forecast.aicc)).toBe(true);
  });
});
