import { describe, expect, it } from 'vitest';
import { geometricAdstock, steadyStateAdstock } from './adstock.js';
import { channelDailySeries } from './daily-series.js';
import { hillDerivative, hillResponse, steadyStateMarginalResponse, steadyStateResponse } from './hill.js';

const params = { halfSaturation: 100, shape: 1, maxResponse: 10 };

describe('adstock', () => {
  it('carries spend over geometrically and converges to x / (1 − θ)', () => {
    expect([...geometricAdstock([100, 0, 0], 0.5)]).toEqual([100, 50, 25]);
    const long = geometricAdstock(new Array(200).fill(10), 0.8);
    expect(long[199]).toBeCloseTo(steadyStateAdstock(10, 0.8), 10);
    expect(steadyStateAdstock(100, 0.5)).toBe(200);
  });
  it('rejects bad decay and negative spend', () => {
    expect(() => geometricAdstock([1], 1)).toThrow(/decay/);
    expect(() => geometricAdstock([1, -2], 0.5)).toThrow(/index 1/);
    expect(() => steadyStateAdstock(-1, 0.5)).toThrow(/≥ 0/);
  });
});

describe('Hill response', () => {
  it('is β/2 at K and has the analytic derivative', () => {
    expect(hillResponse(100, params)).toBe(5);
    expect(hillResponse(0, params)).toBe(0);
    expect(hillDerivative(100, params)).toBeCloseTo(0.025, 15);
    const p = { halfSaturation: 300, shape: 1.7, maxResponse: 4 };
    const h = 1e-4;
    expect(hillDerivative(250, p)).toBeCloseTo(
      (hillResponse(250 + h, p) - hillResponse(250 - h, p)) / (2 * h),
      9,
    );
    expect(hillDerivative(0, p)).toBe(0);
    expect(hillDerivative(0, { ...p, shape: 0.7 })).toBe(Number.MAX_VALUE);
  });
  it('steady state uses A = x / (1 − θ)', () => {
    expect(steadyStateResponse(50, { ...params, adstockDecay: 0.5 })).toBe(5);
    expect(steadyStateMarginalResponse(50, { ...params, adstockDecay: 0.5 })).toBeCloseTo(0.05, 15);
  });
  it('rejects bad parameters', () => {
    expect(() => hillResponse(1, { ...params, halfSaturation: 0 })).toThrow(/K must be > 0/);
    expect(() => hillResponse(Number.NaN, params)).toThrow(/finite/);
  });
});

describe('channelDailySeries', () => {
  it('sums campaigns per channel and day on a gap-free calendar', () => {
    const series = channelDailySeries([
      { date: '2024-01-01', channel: 'b', spend: 10, conversions: 1, revenue: 100 },
      { date: '2024-01-01', channel: 'b', spend: 5, conversions: 2, revenue: null },
      { date: '2024-01-03', channel: 'a', spend: 7, conversions: 0 },
    ]);
    expect(series.map((s) => s.channel)).toEqual(['a', 'b']);
    expect(series[0]?.dates).toEqual(['2024-01-01', '2024-01-02', '2024-01-03']);
    expect([...(series[1]?.spend ?? [])]).toEqual([15, 0, 0]);
    expect([...(series[1]?.conversions ?? [])]).toEqual([3, 0, 0]);
    expect([...(series[0]?.spend ?? [])]).toEqual([0, 0, 7]);
  });
  it('rejects negative spend, bad dates and empty input', () => {
    expect(() =>
      channelDailySeries([{ date: '2024-01-01', channel: 'a', spend: -1, conversions: 0 }]),
    ).toThrow(/spend must be/);
    expect(() =>
      channelDailySeries([{ date: '2024-02-30', channel: 'a', spend: 1, conversions: 0 }]),
    ).toThrow(/does not exist/);
    expect(() => channelDailySeries([])).toThrow(/at least one/);
  });
});
