import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { driftForecast, meanForecast, naiveForecast, seasonalNaiveForecast } from './baselines.js';
import type { Candidate } from './ensemble.js';
import type { ForecastModel } from './forecast-types.js';
import { selectModel } from './select-model.js';
import { thetaForecast } from './theta.js';

const airPath = fileURLToPath(
  new URL('../../../shared/datasets/timeseries/air_passengers.csv', import.meta.url),
);
const hasAir = existsSync(airPath);

const candidates: Candidate[] = [
  { name: 'theta', model: thetaForecast },
  { name: 'snaive', model: seasonalNaiveForecast },
  { name: 'naive', model: naiveForecast },
  { name: 'drift', model: driftForecast },
  { name: 'mean', model: meanForecast },
];

describe.skipIf(!hasAir)('selectModel on AirPassengers 1949–1959 (h = 12, 12 rolling windows)', () => {
  it('ranks by MASE, keeps Theta over the median ensemble and shows why', () => {
    const y = readFileSync(airPath, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => Number(line.split(',')[1]))
      .slice(0, 132);
    const s = selectModel(y, candidates, { horizon: 12, seasonLength: 12, windows: 12 });
    // Backtest MASE (this implementation): theta 0.8889, median ensemble of theta/snaive/drift 0.9322,
    // snaive 0.9410, drift 2.4491, naive 2.5042, mean 5.5786.
    expect(s.scores.map((row) => row.name)).toEqual([
      'theta',
      'median ensemble of top 3',
      'snaive',
      'drift',
      'naive',
      'mean',
    ]);
    expect(s.scores[0]?.score).toBeCloseTo(0.8889, 3);
    expect(s.chosen).toBe('theta');
    expect(s.notes[0]).toMatch(/theta kept: mase 0.8889 vs the median ensemble of top 3 0.9322/);
    // the chosen model is refitted on all 132 values: the R-validated thetaf forecast
    expect(s.forecast.point[0]).toBeCloseTo(411.3257, 3);
    expect(s.ensemble?.members).toEqual(['theta', 'snaive', 'drift']);
    expect(s.ensemble?.forecast.intervalMethod).toBe('conformal');
    expect(s.ensemble?.forecast.intervals).toHaveLength(2);
  });
});

describe('selectModel behaviour', () => {
  const seasonal = Array.from({ length: 60 }, (_, t) => 100 + ([10, -5, 20, -25][t % 4] as number) + 0.5 * t);

  it('an ensemble wins when it scores better, and gets conformal intervals', () => {
    // On a straight line naive under-forecasts by b·h and this model over-forecasts by b·h: their mean is exact.
    const overshoot: ForecastModel = (values, options) => {
      const f = driftForecast(values, options);
      const last = values[values.length - 1] as number;
      return { ...f, point: f.point.map((p) => 2 * p - last) };
    };
    const line = Array.from({ length: 30 }, (_, t) => 3 * t + 1);
    const s = selectModel(
      line,
      [
        { name: 'naive', model: naiveForecast },
        { name: 'overshoot', model: overshoot },
      ],
      { horizon: 3, seasonLength: 1, windows: 6, combine: 'mean' },
    );
    expect(s.chosen).toBe('mean ensemble of top 2');
    expect(s.scores[0]).toMatchObject({
      name: 'mean ensemble of top 2',
      rank: 1,
      score: expect.closeTo(0, 10),
    });
    expect(s.scores[1]?.score).toBeCloseTo(2, 10); // naive: MAE mean(3, 6, 9) = 6 over a scale of 3
    expect(s.forecast.point).toEqual([91, 94, 97].map((v) => expect.closeTo(v, 10)));
    expect(s.forecast.intervalMethod).toBe('conformal');
    expect(s.notes[0]).toMatch(/kept over naive on mase/);
  });

  it('lists failing candidates with their error and ranks the rest', () => {
    const s = selectModel(seasonal.slice(0, 14), candidates.slice(1, 3), {
      horizon: 2,
      seasonLength: 12,
      windows: 2,
      minTrain: 3,
    });
    expect(s.chosen).toBe('naive');
    const failed = s.scores.find((row) => row.name === 'snaive');
    expect(failed?.rank).toBe(0);
    expect(failed?.error).toMatch(/at least 13 values/);
  });

  it('falls back to MAE when the scaled score is undefined (constant history)', () => {
    const s = selectModel(new Array(30).fill(4), candidates.slice(2), { horizon: 3, seasonLength: 1 });
    expect(s.score).toBe('mae');
    expect(s.notes[0]).toMatch(/ranked by mae instead/);
    expect(s.forecast.point).toEqual([4, 4, 4]);
  });

  it('rejects empty or duplicate candidates, unknown scores and too-short series', () => {
    const options = { horizon: 2, seasonLength: 1 };
    expect(() => selectModel([1, 2, 3, 4, 5, 6, 7, 8, 9], [], options)).toThrow(/at least one candidate/);
    expect(() =>
      selectModel(
        [1, 2, 3, 4, 5, 6, 7, 8, 9],
        [candidates[2] as Candidate, candidates[2] as Candidate],
        options,
      ),
    ).toThrow(/used twice/);
    expect(() =>
      selectModel([1, 2, 3, 4, 5, 6, 7, 8, 9], candidates, { ...options, score: 'r2' as 'mae' }),
    ).toThrow(/unknown score/);
    expect(() => selectModel([1, 2, 3], candidates, options)).toThrow(/windows fit/);
  });
});
