import { describe, expect, it } from 'vitest';
import { airPassengers, hasAirPassengers } from '../../test/reference-data.js';
import { InputError } from '../core/errors.js';
import {
  autocorrelation,
  centredMovingAverage,
  classicalDecomposition,
  testSeasonality,
} from './decompose.js';

const hasAir = hasAirPassengers;
const air = airPassengers;

function expectClose(actual: readonly number[], expected: readonly number[], digits: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i] as number, digits);
}

// Reference values: statsmodels 0.13.5 (/usr/bin/python3), y = air_passengers.csv:
//   from statsmodels.tsa.seasonal import seasonal_decompose
//   d = seasonal_decompose(y[:132], model='multiplicative', period=12); d.seasonal[:12]; d.trend[[6, 7, 125]]; d.resid[6]
//   d2 = seasonal_decompose(y, model='additive', period=12); d2.seasonal[:12]; d2.trend[[6, 137]]
//   d3 = seasonal_decompose(y[:30], model='additive', period=5); d3.trend[:5]; d3.seasonal[:5]
//   from statsmodels.tsa.stattools import acf; acf(y[:132], nlags=12, fft=False)[[1, 2, 12]]
describe.skipIf(!hasAir)('classical decomposition vs statsmodels seasonal_decompose (AirPassengers)', () => {
  it('multiplicative, train 1949–1959', () => {
    const d = classicalDecomposition(air().slice(0, 132), 12, 'multiplicative');
    const expected = [
      0.9100037095, 0.8873765017, 1.0182037036, 0.9754119765, 0.9798128274, 1.1115898119, 1.2221466258,
      1.2135961038, 1.0609168418, 0.9217670259, 0.8002132285, 0.8989616436,
    ];
    expectClose(d.seasonalIndices, expected, 9);
    expect(d.trend[6]).toBeCloseTo(126.79166666666666, 10);
    expect(d.trend[7]).toBeCloseTo(127.25, 10);
    expect(d.trend[125]).toBeCloseTo(425.5, 10);
    expect(d.remainder[6]).toBeCloseTo(0.9550974634344557, 10);
    expect(Number.isNaN(d.trend[5] as number)).toBe(true);
    expect(Number.isNaN(d.trend[126] as number)).toBe(true);
    expect(d.seasonalIndices.reduce((a, b) => a + b, 0) / 12).toBeCloseTo(1, 12);
  });

  it('additive, full series (indices sum to 0)', () => {
    const d = classicalDecomposition(air(), 12, 'additive');
    const expected = [
      -24.7487373737, -36.1881313131, -2.2411616162, -8.0366161616, -4.5063131313, 35.4027777778,
      63.8308080808, 62.8232323232, 16.5202020202, -20.6426767677, -53.5934343434, -28.6199494949,
    ];
    expectClose(d.seasonalIndices, expected, 8);
    expect(d.trend[6]).toBeCloseTo(126.79166666666666, 10);
    expect(d.trend[137]).toBeCloseTo(475.04166666666663, 10);
    expect(d.seasonalIndices.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 10);
    expect(d.seasonal[13]).toBe(d.seasonalIndices[1]);
  });

  it('odd season length (5): plain centred moving average', () => {
    const d = classicalDecomposition(air().slice(0, 30), 5, 'additive');
    expect(d.trend.slice(2, 5)).toEqual([122.4, 127, 133].map((v) => expect.closeTo(v, 10)));
    expect(Number.isNaN(d.trend[1] as number)).toBe(true);
    const expected = [-2.7186666667, -0.4386666667, -2.8853333333, 4.7213333333, 1.3213333333];
    expectClose(d.seasonalIndices, expected, 8);
  });

  it('autocorrelations and the thetaf seasonality test', () => {
    const r = autocorrelation(air().slice(0, 132), 12);
    expect(r[0]).toBe(1);
    expect(r[1]).toBeCloseTo(0.9424044968, 9);
    expect(r[2]).toBeCloseTo(0.8645610461, 9);
    expect(r[12]).toBeCloseTo(0.7480904518, 9);
    const test = testSeasonality(air().slice(0, 132), 12);
    // |r12| / sqrt((1 + 2 Σ_{k<12} r_k²)/132) = 0.74809 / 0.31301 = 2.3900 > 1.645
    expect(test.seasonal).toBe(true);
    expect(test.statistic).toBeCloseTo(2.389998044906142, 8);
    expect(test.criticalValue).toBeCloseTo(1.6448536, 6);
  });
});

describe('decomposition edge cases', () => {
  it('moving average of a short ramp', () => {
    const ma = centredMovingAverage([1, 2, 3, 4, 5, 6], 4);
    // (0.5·1 + 2 + 3 + 4 + 0.5·5)/4 = 3
    expect(Array.from(ma)).toEqual([Number.NaN, Number.NaN, 3, 4, Number.NaN, Number.NaN]);
  });

  it('rejects fewer than two seasons, bad season lengths, non-positive multiplicative data and NaN', () => {
    expect(() => classicalDecomposition([1, 2, 3, 4, 5], 3)).toThrow(/at least 2 full seasons \(6 values/);
    expect(() => classicalDecomposition([1, 2, 3, 4], 1)).toThrow(InputError);
    expect(() => classicalDecomposition([1, 2, 0, 4, 5, 6], 3, 'multiplicative')).toThrow(/index 2/);
    expect(() => classicalDecomposition([1, 2, Number.NaN, 4, 5, 6], 3)).toThrow(/index 2/);
  });

  it('seasonality test is not applied to constant, short or non-seasonal settings', () => {
    expect(testSeasonality(new Array(40).fill(5), 4)).toMatchObject({
      seasonal: false,
      reason: 'the series is constant',
    });
    expect(testSeasonality([1, 2, 3, 4, 5, 6, 7, 8], 4).seasonal).toBe(false);
    expect(testSeasonality([1, 2, 3], 1).reason).toBe('seasonLength is 1');
    const pattern = Array.from({ length: 48 }, (_, t) => [10, 20, 30, 15][t % 4] as number);
    expect(testSeasonality(pattern, 4).seasonal).toBe(true);
    expect(autocorrelation([3, 3, 3], 2)).toEqual(new Float64Array(3));
  });
});
