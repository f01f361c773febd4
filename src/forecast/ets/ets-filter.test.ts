import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { etsCriterion, etsFilter, logLikelihoodFromCriterion } from './ets-filter.js';
import { isAdmissible } from './ets-parameters.js';
import { allEtsSpecs, checkEtsForm, etsName, parseEtsSpec } from './ets-spec.js';

const airPath = fileURLToPath(
  new URL('../../../../shared/datasets/timeseries/air_passengers.csv', import.meta.url),
);
const haveAir = existsSync(airPath);
const air = (): Float64Array =>
  Float64Array.from(
    readFileSync(airPath, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => Number(line.split(',')[1])),
  );

// statsmodels' seasonal parameters initial_seasonal.k apply to time 11 − k; ours are chronological
const chronological = (statsmodelsOrder: number[]): Float64Array =>
  Float64Array.from(
    { length: statsmodelsOrder.length },
    (_, j) => statsmodelsOrder[statsmodelsOrder.length - 1 - j] as number,
  );

describe.skipIf(!haveAir)(
  'etsFilter against statsmodels at fixed parameters (needs ../shared/datasets)',
  () => {
    // /usr/bin/python3, statsmodels 0.13.5:
    //   y = pd.read_csv('air_passengers.csv')['y'].values.astype(float)
    //   r = ETSModel(y, error='mul', trend='add', damped_trend=False, seasonal='mul', seasonal_periods=12).fit(disp=False)
    //   r.params, r.llf, r.fittedvalues[:3]    (and the same with damped_trend=True; error/seasonal 'add')
    it('ETS(M,A,M): same fitted values and log-likelihood', () => {
      const season = chronological([
        0.9855850898140119, 0.8790566001999471, 1.0147846510468104, 1.1658356785166748, 1.3458970088602733,
        1.3588753664560687, 1.2245519809028214, 1.0821964043997365, 1.0833000606382466, 1.1168094408890672,
        0.9801923934981098, 1.0,
      ]);
      const pass = etsFilter(
        air(),
        1,
        1,
        2,
        12,
        0.7411792956704489,
        7.41179295670449e-5,
        2.5882070432955106e-5,
        1,
        111.32188232222433,
        1.9306739111615308,
        season,
      );
      expect(logLikelihoodFromCriterion(pass.criterion, 144)).toBeCloseTo(-522.4899332644554, 3);
      expect(pass.fitted[0]).toBeCloseTo(113.25255623338586, 2);
      expect(pass.fitted[2]).toBeCloseTo(134.83134927587642, 2);
    });
    it('ETS(A,A,A): exact agreement (additive error has no log term)', () => {
      const season = chronological([
        -3.4524983497667963, -19.860236665969133, -5.25400675558046, 13.662112232919377, 27.894675307771784,
        30.377736951383643, 18.19056607511927, 4.082988054823291, 12.825068663444144, 18.067229314651488,
        5.578971566423178, 0.0,
      ]);
      const pass = etsFilter(
        air(),
        0,
        1,
        1,
        12,
        0.2525475323981997,
        2.5254753239819973e-5,
        0.7473777223550401,
        1,
        109.40200597812414,
        2.5949826832871095,
        season,
      );
      expect(logLikelihoodFromCriterion(pass.criterion, 144)).toBeCloseTo(-564.9837819055934, 2);
      expect(pass.fitted[1]).toBeCloseTo(120.17170349330196, 2);
    });
    it('etsCriterion (the allocation-free pass) equals etsFilter', () => {
      const y = air();
      const season = Float64Array.from({ length: 12 }, (_, j) => 1 + 0.2 * Math.sin((2 * Math.PI * j) / 12));
      for (const [error, seasonCode] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
        [1, 2],
        [0, 2],
      ] as const) {
        const init = seasonCode === 1 ? season.map((s) => 50 * (s - 1)) : season;
        const full = etsFilter(y, error, 1, seasonCode, 12, 0.4, 0.05, 0.1, 0.95, 110, 1.5, init);
        const fast = etsCriterion(
          y,
          error,
          1,
          seasonCode,
          12,
          0.4,
          0.05,
          0.1,
          0.95,
          110,
          1.5,
          init,
          new Float64Array(12),
        );
        expect(fast).toBeCloseTo(full.criterion, 8);
      }
    });
  },
);

describe('ETS forms and parameter regions', () => {
  it('parses and names forms', () => {
    expect(etsName(parseEtsSpec('MAdM'))).toBe('ETS(M,Ad,M)');
    expect(parseEtsSpec('ETS(A,N,N)')).toEqual({ error: 'A', trend: 'N', season: 'N' });
    expect(parseEtsSpec('m,ad,n').trend).toBe('Ad');
    expect(() => parseEtsSpec('MMM')).toThrow(InputError);
    expect(allEtsSpecs(true)).toHaveLength(18);
    expect(allEtsSpecs(false)).toHaveLength(6);
  });
  it('restricts multiplicative forms to positive data and A-error/M-season by default', () => {
    expect(checkEtsForm(parseEtsSpec('MNN'), false).dataProblem).toBeDefined();
    expect(checkEtsForm(parseEtsSpec('ANM'), true).restricted).toBeDefined();
    expect(checkEtsForm(parseEtsSpec('AAdA'), false)).toEqual({});
  });
  // numpy: P = [φ(1−α−γ), α+β−αφ+γ−1] + [α+β−αφ]·(m−2) + [α+β−φ, 1]; max(abs(np.roots(P[::-1])))
  it.each([
    [0.5, 0.1, 0.3, 0.98, 12, true], // max |root| 0.99571
    [0.2, 0.05, 0.79, 0.98, 12, true], // 0.97083
    [0.1, 0.09, 0.89, 1.0, 4, true], // 0.59228
    [0.9, 0.5, 0.0999, 0.9, 12, false], // 1.00186: inside the usual region, not admissible
    [0.3, 0.0001, 0.6, 0.95, 4, true], // 0.94977
    [0.05, 0.01, 0.9, 0.98, 12, true], // 0.80307
  ])('admissible(α=%f, β=%f, γ=%f, φ=%f, m=%i) = %s', (alpha, beta, gamma, phi, m, expected) => {
    expect(isAdmissible(alpha, beta, gamma, phi, m, true, new Float64Array(2 * m + 6))).toBe(expected);
  });
  it('non-seasonal admissibility: 0 < α < 2 for ETS(A,N,N)', () => {
    const scratch = new Float64Array(8);
    expect(isAdmissible(1.5, 0, 0, 1, 1, false, scratch)).toBe(true);
    expect(isAdmissible(2.1, 0, 0, 1, 1, false, scratch)).toBe(false);
  });
});
