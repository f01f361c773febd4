import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { findFunnelPainPoints } from './funnel-pain-points.js';

/**
 * Reference values: statsmodels 0.13.5 (Debian python3-statsmodels), produced by
 *   from statsmodels.stats.proportion import proportions_ztest
 *   from statsmodels.stats.multitest import multipletests
 *   base = [4000, 2000, 1200, 840]
 *   segs = {'mobile': [5000, 2450, 1480, 520], 'tablet': [600, 290, 170, 110]}
 *   for each segment e and step k: proportions_ztest([e[k+1], base[k+1]], [e[k], base[k]], alternative='smaller')
 *   multipletests(all six p-values, method='holm')[1]
 *   complement: total = [9600, 4740, 2850, 1470], mobile vs total − mobile, same call.
 */
const base = { entered: [4000, 2000, 1200, 840] };
const segments = [
  { segment: 'mobile', entered: [5000, 2450, 1480, 520] },
  { segment: 'tablet', entered: [600, 290, 170, 110] },
];
const reference = [
  // z, p, Holm-adjusted p — mobile steps 1-3, then tablet steps 1-3
  [-0.9428672450603172, 0.17287440538551607, 0.6914976215420643],
  [0.2767310754948633, 0.6090066957235241, 0.6914976215420643],
  [-17.95231434671411, 2.3015775787594947e-72, 1.3809465472556968e-71],
  [-0.7613941842032751, 0.2232108300621885, 0.6914976215420643],
  [-0.4477540616856113, 0.32716535024434334, 0.6914976215420643],
  [-1.4011431486305885, 0.0805856354141869, 0.4029281770709345],
] as const;

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('findFunnelPainPoints', () => {
  it('matches statsmodels proportions_ztest (one-sided) and multipletests Holm, and flags mobile checkout', () => {
    const result = findFunnelPainPoints(base, segments, {
      stepNames: ['view', 'cart', 'checkout', 'purchase'],
    });
    expect(result.comparisons).toBe(6);
    expect(result.correction).toBe('Holm');
    expect(result.test).toContain('two-proportion z-test');
    result.tests.forEach((t, i) => {
      const [z, p, adjusted] = reference[i] as readonly [number, number, number];
      expect(rel(t.statistic as number, z)).toBeLessThan(1e-9);
      expect(rel(t.pValue, p)).toBeLessThan(1e-6);
      expect(rel(t.adjustedPValue, adjusted)).toBeLessThan(1e-6);
    });
    expect(result.painPoints).toHaveLength(1);
    expect(result.painPoints[0]).toMatchObject({
      segment: 'mobile',
      step: 3,
      fromStep: 'checkout',
      toStep: 'purchase',
      segmentEntered: 1480,
      segmentConverted: 520,
    });
    expect(result.painPoints[0]?.baselineDropOffRate).toBeCloseTo(0.3, 14);
    expect(result.painPoints[0]?.segmentDropOffRate).toBeCloseTo(1 - 520 / 1480, 14);
    expect(result.painPoints[0]?.difference).toBeCloseTo(1 - 520 / 1480 - 0.3, 14);
  });

  it('compares with the complement when the baseline is the total', () => {
    const total = { entered: [9600, 4740, 2850, 1470] };
    const result = findFunnelPainPoints(total, [segments[0] as (typeof segments)[0]], {
      baselineIncludesSegments: true,
    });
    expect(result.baseline).toBe('complement of each segment');
    const expected = [
      [-0.7661907386727459, 0.22178140909154642],
      [0.4095272528112643, 0.6589236144289945],
      [-18.257535872654373, 9.012204040802356e-75],
    ];
    result.tests.forEach((t, i) => {
      expect(rel(t.statistic as number, expected[i]?.[0] as number)).toBeLessThan(1e-9);
      expect(rel(t.pValue, expected[i]?.[1] as number)).toBeLessThan(1e-6);
    });
    expect(result.tests[2]).toMatchObject({
      baselineEntered: 2850 - 1480,
      baselineConverted: 1470 - 520,
      painPoint: true,
    });
    expect(result.painPoints.map((t) => [t.segment, t.step])).toEqual([['mobile', 3]]);
  });

  it('never returns NaN: steps nobody reached, and no variation, are reported as not tested', () => {
    const result = findFunnelPainPoints({ entered: [100, 50, 0] }, [
      { segment: 'tablet', entered: [10, 0, 0] },
    ]);
    expect(result.tests.map((t) => t.note === null)).toEqual([true, false]);
    expect(result.tests[1]).toMatchObject({
      pValue: 1,
      adjustedPValue: 1,
      statistic: null,
      painPoint: false,
      segmentDropOffRate: 0,
      baselineDropOffRate: 1,
    });
    expect(result.tests[1]?.note).toContain('no segment units');
    expect(result.comparisons).toBe(1);
    const flat = findFunnelPainPoints({ entered: [10, 10] }, [{ segment: 'x', entered: [5, 5] }]);
    expect(flat.tests[0]?.note).toContain('no variation');
    expect(JSON.stringify([result, flat])).not.toContain('NaN');
    expect(JSON.stringify([result, flat])).not.toContain('null,"pValue":null');
  });

  it('rejects bad input with InputError', () => {
    const bad: [unknown, unknown, unknown][] = [
      [{ entered: [10] }, segments, {}],
      [{ entered: [10, 20] }, [{ segment: 'a', entered: [5, 1] }], {}],
      [{ entered: [10, 5] }, [{ segment: 'a', entered: [5, 1, 0] }], {}],
      [{ entered: [10, 5] }, [{ segment: 'a', entered: [5, -1] }], {}],
      [{ entered: [10, 5] }, [{ segment: 'a', entered: [5.5, 1] }], {}],
      [{ entered: [10, 5] }, [], {}],
      [
        { entered: [10, 5] },
        [
          { segment: 'a', entered: [5, 1] },
          { segment: 'a', entered: [5, 1] },
        ],
        {},
      ],
      [{ entered: [10, 5] }, [{ segment: 'a', entered: [5, 1] }], { alpha: 1 }],
      [{ entered: [10, 5] }, [{ segment: 'a', entered: [5, 1] }], { stepNames: ['x'] }],
      [{ entered: [10, 5] }, [{ segment: 'a', entered: [20, 1] }], { baselineIncludesSegments: true }],
      [{ entered: [10, 5] }, [{ segment: 'a', entered: [8, 1] }], { baselineIncludesSegments: true }],
    ];
    for (const [b, s, o] of bad) {
      expect(() => findFunnelPainPoints(b as never, s as never, o as never)).toThrow(InputError);
    }
  });
});
