import { describe, expect, it } from 'vitest';
import { nonFiniteNumbers } from '../../test/non-finite.js';
import { analyzeSegments, type SegmentInput } from './segment-breakdown.js';

const proportion = (segment: string, c: number, nc: number, t: number, nt: number): SegmentInput => ({
  segment,
  metric: {
    key: 'conversion_rate',
    kind: 'proportion',
    variants: [
      { variant: 'control', conversions: c, users: nc },
      { variant: 'b', conversions: t, users: nt },
    ],
  },
});

describe('segment breakdown', () => {
  /*
   * /usr/bin/python3 (statsmodels 0.13.5):
   *   d, v = treatment − control rates and unpooled variances of desktop/mobile/tablet below
   *   combine_effects(d, v) → q 3.741083469026717, i2 0.46539551534777135, mean_effect_fe 0.01523672426368301
   *   proportions_ztest([t, c], [nt, nc]) p: 0.04964038686536878, 0.6021551941138713, 0.06407750645105956
   *   multipletests(p, 'holm'): 0.14892116059610633, 0.6021551941138713, 0.14892116059610633
   *   multipletests(p, 'fdr_bh'): 0.09611625967658934, 0.6021551941138713, 0.09611625967658934
   */
  const result = analyzeSegments({
    dimension: 'device',
    control: 'control',
    segments: [
      proportion('desktop', 120, 1000, 150, 1000),
      proportion('mobile', 200, 2000, 210, 2000),
      proportion('tablet', 30, 300, 45, 300),
      proportion('watch', 5, 20, 6, 20),
    ],
  });

  it('tests each segment, corrects the family by Holm and BH, and leaves small segments out', () => {
    const p = result.comparisons.map((c) => c.pValue);
    expect(p[0]).toBeCloseTo(0.04964038686536878, 12);
    expect(p[1]).toBeCloseTo(0.6021551941138713, 12);
    expect(p[2]).toBeCloseTo(0.06407750645105956, 12);
    expect(result.comparisons.map((c) => c.pValueHolm?.toFixed(12))).toEqual([
      '0.148921160596',
      '0.602155194114',
      '0.148921160596',
      undefined,
    ]);
    expect(result.comparisons[0]?.pValueBenjaminiHochberg).toBeCloseTo(0.09611625967658934, 12);
    expect(result.correction.family).toBe(3);
    const watch = result.comparisons[3];
    expect(watch?.testable).toBe(false);
    expect(watch?.problem?.en).toBe('fewer than 30 users in an arm');
    // raw p 0.0496 < 0.05 for desktop, but not after Holm
    expect(result.comparisons.some((c) => c.significant)).toBe(false);
  });

  it("Cochran's Q and I² equal statsmodels' combine_effects", () => {
    const h = result.heterogeneity[0];
    expect(h?.statistic).toBeCloseTo(3.741083469026717, 10);
    expect(h?.iSquared).toBeCloseTo(0.46539551534777135, 10);
    expect(h?.pooledEffect).toBeCloseTo(0.01523672426368301, 12);
    expect(h?.degreesOfFreedom).toBe(2);
    expect(result.verdict.en).toMatch(
      /^b: no evidence that the effect differs by device \(Cochran's Q p = 0\.15/,
    );
    expect(result.verdict.zh).toContain('没有证据表明效果因device而异');
  });

  it('names segments that differ when the heterogeneity is real', () => {
    const r = analyzeSegments({
      dimension: 'country',
      control: 'control',
      segments: [proportion('CN', 500, 5000, 650, 5000), proportion('US', 500, 5000, 480, 5000)],
    });
    expect(r.heterogeneity[0]?.pValue).toBeLessThan(0.001);
    expect(r.comparisons[0]?.significant).toBe(true);
    expect(r.verdict.en).toMatch(/b: the effect differs by country .*significant after Holm in CN \+30\.0%/);
  });

  it('handles means (Welch) and constant segments without NaN', () => {
    const mean = (segment: string, sums: [number, number, number][]): SegmentInput => ({
      segment,
      metric: {
        key: 'revenue',
        kind: 'mean',
        variants: sums.map(([n, sum, sumSquares], i) => ({
          variant: i === 0 ? 'control' : 'b',
          n,
          sum,
          sumSquares,
        })),
      },
    });
    const r = analyzeSegments({
      dimension: 'device',
      control: 'control',
      segments: [
        mean('desktop', [
          [100, 1000, 12000],
          [100, 1200, 16000],
        ]),
        mean('flat', [
          [50, 0, 0],
          [50, 0, 0],
        ]),
      ],
    });
    expect(r.comparisons[0]?.testable).toBe(true);
    expect(r.comparisons[1]?.testable).toBe(false);
    expect(r.heterogeneity[0]).toBeNull();
    expect(nonFiniteNumbers(r)).toEqual([]);
    expect(r.verdict.en).toContain('fewer than two device segments can be tested');
  });

  it('rejects bad input with a named reason', () => {
    expect(() => analyzeSegments({ dimension: 'device', control: 'control', segments: [] })).toThrow(
      /no segments of "device"/,
    );
    expect(() =>
      analyzeSegments({
        dimension: 'device',
        control: 'zzz',
        segments: [proportion('a', 1, 100, 2, 100)],
      }),
    ).toThrow(/no segment has the control "zzz"/);
    expect(() =>
      analyzeSegments({
        dimension: 'device',
        control: 'control',
        segments: [proportion('a', 1, 100, 2, 100), proportion('a', 1, 100, 2, 100)],
      }),
    ).toThrow(/segments repeat/);
  });
});
