import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { forecastAccuracy } from './accuracy.js';
import { backtest, planBacktest } from './backtest.js';
import { naiveForecast } from './baselines.js';
import type { ForecastModel } from './forecast-types.js';
import { thetaForecast } from './theta.js';

const airPath = fileURLToPath(
  new URL('../../../shared/datasets/timeseries/air_passengers.csv', import.meta.url),
);
const hasAir = existsSync(airPath);

describe('planBacktest', () => {
  it('places the last window at the end of the series', () => {
    const plan = planBacktest(20, { horizon: 3, seasonLength: 1, windows: 4, step: 2 });
    expect(plan.origins).toEqual([11, 13, 15, 17]);
    expect(plan.levels).toEqual([80, 95]);
  });

  it('says how many windows fit when the series is too short', () => {
    expect(() => planBacktest(10, { horizon: 3, seasonLength: 1, windows: 5, minTrain: 6 })).toThrow(
      /need at least 13 values \(minTrain 6\), the series has 10; 2 windows fit/,
    );
    expect(() => planBacktest(5, { horizon: 3, seasonLength: 2 })).toThrow(/0 windows fit/);
    expect(() => planBacktest(50, { horizon: 0, seasonLength: 1 })).toThrow(/horizon must be an integer/);
    expect(() => planBacktest(50, { horizon: 2, seasonLength: 1, step: 1.5 })).toThrow(/step/);
    expect(() => planBacktest(50, { horizon: 2, seasonLength: 1, levels: [0] })).toThrow(/levels/);
  });
});

describe('backtest', () => {
  it('naive on a straight line: errors 1, 2, 3 per step, MASE 2', () => {
    const y = Array.from({ length: 20 }, (_, t) => t);
    const result = backtest(y, naiveForecast, { horizon: 3, seasonLength: 1, windows: 4, step: 2 });
    expect(result.windows).toHaveLength(4);
    for (const window of result.windows) expect(window.errors).toEqual([1, 2, 3]);
    expect(result.residualsByStep).toEqual([
      [1, 1, 1, 1],
      [2, 2, 2, 2],
      [3, 3, 3, 3],
    ]);
    expect(result.summary.mase).toBeCloseTo(2, 12);
    expect(result.summary.bias).toBeCloseTo(2, 12);
    expect(result.summary.rmse).toBeCloseTo(Math.sqrt(14 / 3), 12);
    expect(result.windows[0]?.actual).toEqual([11, 12, 13]);
  });

  it('window errors are wrapped with the window and training length', () => {
    const picky: ForecastModel = (values, options) => {
      if (values.length < 12) throw new InputError('insufficient_data', 'picky needs 12 values');
      return naiveForecast(values, options);
    };
    expect(() =>
      backtest(
        Array.from({ length: 15 }, (_, t) => t),
        picky,
        { horizon: 2, seasonLength: 1 },
      ),
    ).toThrow(/backtest window 0 \(training length 9\): picky needs 12 values/);
    expect(() => backtest([1, 2, Number.NaN], naiveForecast, { horizon: 1, seasonLength: 1 })).toThrow(
      /index 2/,
    );
  });

  it.skipIf(!hasAir)('theta on AirPassengers: the same numbers as fitting each origin by hand', () => {
    const y = readFileSync(airPath, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => Number(line.split(',')[1]));
    const result = backtest(y, thetaForecast, { horizon: 12, seasonLength: 12, windows: 3, step: 12 });
    expect(result.plan.origins).toEqual([108, 120, 132]);
    let mase = 0;
    for (const origin of [108, 120, 132]) {
      const f = thetaForecast(y.slice(0, origin), { horizon: 12, seasonLength: 12 });
      mase += forecastAccuracy(y.slice(origin, origin + 12), f.point, {
        training: y.slice(0, origin),
        seasonLength: 12,
      }).mase as number;
    }
    expect(result.summary.mase).toBeCloseTo(mase / 3, 12);
    // the last window is the R reference split: MASE 0.8648 (R forecast 8.20 thetaf)
    expect(result.windows[2]?.accuracy.mase).toBeCloseTo(0.8648, 3);
    expect(result.summary.intervals.map((i) => i.level)).toEqual([80, 95]);
  });
});
