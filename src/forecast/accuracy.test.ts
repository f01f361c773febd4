import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { forecastAccuracy, intervalAccuracy, naiveScale } from './accuracy.js';

// AirPassengers (R datasets::AirPassengers) 1949–1959 as training, 1960 as test — literals so this test needs no file.
const train = [
  112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118, 115, 126, 141, 135, 125, 149, 170, 170, 158,
  133, 114, 140, 145, 150, 178, 163, 172, 178, 199, 199, 184, 162, 146, 166, 171, 180, 193, 181, 183, 218,
  230, 242, 209, 191, 172, 194, 196, 196, 236, 235, 229, 243, 264, 272, 237, 211, 180, 201, 204, 188, 235,
  227, 234, 264, 302, 293, 259, 229, 203, 229, 242, 233, 267, 269, 270, 315, 364, 347, 312, 274, 237, 278,
  284, 277, 317, 313, 318, 374, 413, 405, 355, 306, 271, 306, 315, 301, 356, 348, 355, 422, 465, 467, 404,
  347, 305, 336, 340, 318, 362, 348, 363, 435, 491, 505, 404, 359, 310, 337, 360, 342, 406, 396, 420, 472,
  548, 559, 463, 407, 362, 405,
];
const test = [417, 391, 419, 461, 472, 535, 622, 606, 508, 461, 390, 432];
// R forecast 8.20 thetaf point forecasts (computed_reference_outputs/…_forecasts_R_forecast8.20.csv)
const rThetaf = [
  411.325703594914, 402.231234744597, 462.832955860366, 444.627166102774, 447.884394183234, 509.540697914156,
  561.779352298657, 559.39866031407, 490.376949584655, 427.236169948594, 371.918186882702, 418.961791193967,
];

describe('forecastAccuracy vs R forecast 8.20 accuracy()', () => {
  it('thetaf row: ME 17.157228, RMSE 30.718074, MAE 26.334593, MAPE 5.327789, MASE 0.864847', () => {
    // computed_reference_outputs/air_passengers_holdout1960_accuracy_R_forecast8.20.csv
    expect(train).toHaveLength(132);
    const a = forecastAccuracy(test, rThetaf, { training: train, seasonLength: 12 });
    expect(a.bias).toBeCloseTo(17.157228, 5);
    expect(a.rmse).toBeCloseTo(30.718074, 5);
    expect(a.mae).toBeCloseTo(26.334593, 5);
    expect(a.mape).toBeCloseTo(5.327789, 5);
    expect(a.mase).toBeCloseTo(0.864847, 5);
    expect(a.maseLag).toBe(12);
    expect(a.mapeSkipped).toBe(0);
    expect(a.count).toBe(12);
  });

  it('RMSSE (M5, lag 1) and sMAPE by hand', () => {
    // numpy: np.sqrt(np.mean((test - f)**2) / np.mean(np.diff(train)**2)) with f = rThetaf → 0.9804017510236352
    const a = forecastAccuracy(test, rThetaf, { training: train, seasonLength: 12 });
    let squares = 0;
    for (let t = 1; t < train.length; t++) squares += ((train[t] as number) - (train[t - 1] as number)) ** 2;
    expect(a.rmsse).toBeCloseTo(0.9804017510236352, 9);
    expect(a.rmsse).toBeCloseTo(30.718074 / Math.sqrt(squares / 131), 5);
    let smape = 0;
    for (let h = 0; h < 12; h++) {
      const y = test[h] as number;
      const f = rThetaf[h] as number;
      smape += (200 * Math.abs(y - f)) / (y + f);
    }
    expect(a.smape).toBeCloseTo(smape / 12, 12);
  });
});

describe('accuracy edge cases', () => {
  it('hand example of the doc comment', () => {
    const a = forecastAccuracy([3, 5], [2, 6], { training: [1, 2, 3] });
    expect(a).toMatchObject({ mae: 1, rmse: 1, bias: 0, mase: 1, maseLag: 1 });
  });

  it('MAPE skips zero actuals and counts them; sMAPE treats 0/0 as 0', () => {
    const a = forecastAccuracy([0, 10, 0], [0, 8, 2], {});
    expect(a.mape).toBeCloseTo(20, 12);
    expect(a.mapeSkipped).toBe(2);
    // (0 + 200·2/18 + 200·2/2) / 3
    expect(a.smape).toBeCloseTo((200 * (2 / 18) + 200) / 3, 12);
    const zeros = forecastAccuracy([0, 0], [1, 1]);
    expect(zeros.mape).toBeUndefined();
    expect(zeros.mapeSkipped).toBe(2);
  });

  it('scaled measures are undefined (never NaN) for a constant history; lag 1 when history ≤ m', () => {
    const a = forecastAccuracy([5, 6], [5, 5], { training: [5, 5, 5, 5], seasonLength: 2 });
    expect(a.mase).toBeUndefined();
    expect(a.rmsse).toBeUndefined();
    const short = forecastAccuracy([5], [4], { training: [1, 3], seasonLength: 12 });
    expect(short.maseLag).toBe(1);
    expect(short.mase).toBeCloseTo(0.5, 12);
    expect(naiveScale([1, 2], 2, 1)).toBeUndefined();
  });

  it('interval coverage and Winkler score (Gneiting & Raftery 2007) by hand', () => {
    // 80 %: α = 0.2. y = 5 inside [4, 6] → 2; y = 1 below [2, 4] → 2 + 10·1 = 12; y = 9 above [6, 8] → 2 + 10 = 12
    const r = intervalAccuracy([5, 1, 9], { level: 80, lower: [4, 2, 6], upper: [6, 4, 8] });
    expect(r.coverage).toBeCloseTo(1 / 3, 12);
    expect(r.winklerScore).toBeCloseTo(26 / 3, 12);
    expect(r.meanWidth).toBe(2);
    const a = forecastAccuracy([5, 1, 9], [5, 3, 7], {
      intervals: [{ level: 80, lower: [4, 2, 6], upper: [6, 4, 8] }],
    });
    expect(a.intervals[0]?.coverage).toBeCloseTo(1 / 3, 12);
  });

  it('rejects mismatched lengths, empty input and NaN', () => {
    expect(() => forecastAccuracy([1, 2], [1])).toThrow(/lengths differ/);
    expect(() => forecastAccuracy([], [])).toThrow(InputError);
    expect(() => forecastAccuracy([1, Number.NaN], [1, 2])).toThrow(/index 1/);
    expect(() => intervalAccuracy([1, 2], { level: 80, lower: [0], upper: [3] })).toThrow(/steps/);
  });
});
