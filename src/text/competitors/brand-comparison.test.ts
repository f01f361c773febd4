import { describe, expect, it } from 'vitest';
import { brandComparison, type ComparisonItem, twoProportionZTest } from './brand-comparison.js';

/** n documents about `brand` with `positive` positive, `negative` negative, the rest neutral opinions on `aspect`. */
function docs(
  brand: string,
  aspect: string,
  n: number,
  positive: number,
  negative: number,
): ComparisonItem[] {
  return Array.from({ length: n }, (_, i) => ({
    brands: [brand],
    aspects: [{ aspect, score: i < positive ? 0.7 : i < positive + negative ? -0.6 : 0 }],
  }));
}

describe('twoProportionZTest', () => {
  it('matches the chi-square test of the 2×2 table (R prop.test, correct = FALSE)', () => {
    // scipy 1.17: chi2_contingency([[40, 10], [20, 30]], correction=False) → 16.666666666666668, 4.455709060405612e-05
    const t = twoProportionZTest(40, 50, 20, 50);
    expect(t.statistic ** 2).toBeCloseTo(16.666666666666668, 10);
    expect(t.pValue).toBeCloseTo(4.455709060405612e-5, 12);
    // scipy 1.17: chi2_contingency([[30, 30], [25, 30]], correction=False) → 0.23760330578512412, 0.6259425177355642
    const u = twoProportionZTest(30, 60, 25, 55);
    expect(u.statistic).toBeCloseTo(Math.sqrt(0.23760330578512412), 10);
    expect(u.pValue).toBeCloseTo(0.6259425177355642, 10);
    expect(twoProportionZTest(0, 10, 0, 12)).toEqual({ statistic: 0, pValue: 1 });
  });
});

describe('brandComparison', () => {
  const items = [
    ...docs('ours', 'quality', 50, 40, 5),
    ...docs('fern', 'quality', 50, 20, 20),
    ...docs('blue', 'quality', 60, 45, 5),
    ...docs('nord', 'quality', 10, 0, 10),
    ...docs('ours', 'logistics', 40, 10, 25),
    ...docs('fern', 'logistics', 40, 30, 5),
  ];

  it('gives ahead / behind / level / too_few verdicts with net scores and differences', () => {
    const rows = brandComparison(items, 'ours');
    expect(rows.map((r) => r.aspect)).toEqual(['quality', 'logistics']);
    const quality = rows[0];
    expect(quality?.ours).toEqual({ mentions: 50, net: 0.7 });
    const byBrand = Object.fromEntries((quality?.competitors ?? []).map((c) => [c.brand, c]));
    expect(byBrand.fern?.verdict).toBe('ahead');
    expect(byBrand.fern?.net).toBeCloseTo(0, 12);
    expect(byBrand.fern?.diff).toBeCloseTo(0.7, 12);
    expect(byBrand.fern?.p).toBeCloseTo(4.456e-5, 7);
    expect(byBrand.blue?.verdict).toBe('level'); // 40/50 vs 45/60
    expect(byBrand.nord).toEqual({ brand: 'nord', mentions: 10, net: -1, diff: 1.7, verdict: 'too_few' });
    expect(quality?.competitors.map((c) => c.brand)).toEqual(['blue', 'fern', 'nord']);
    const logistics = rows[1]?.competitors[0];
    expect(logistics?.verdict).toBe('behind');
    expect(logistics?.diff).toBeCloseTo(-0.375 - 0.625, 12);
  });

  it('counts a document once per aspect (mean score), adds an overall row from sentiment, honours options', () => {
    const mixed: ComparisonItem[] = [
      {
        brands: ['ours', 'ours'],
        aspects: [
          { aspect: 'price', score: 0.9 },
          { aspect: 'price', score: -0.3 },
        ],
        sentiment: -0.2,
      },
      { brands: ['fern'], aspects: [], sentiment: 0.4 },
    ];
    const rows = brandComparison(mixed, 'ours', { minMentions: 1 });
    const price = rows.find((r) => r.aspect === 'price');
    expect(price?.ours).toEqual({ mentions: 1, net: 1 });
    const overall = rows.find((r) => r.aspect === 'overall');
    expect(overall?.ours).toEqual({ mentions: 1, net: -1 });
    expect(overall?.competitors[0]?.verdict).toBe('level');
    expect(
      brandComparison(items, 'ours', { minMentions: 60 })[0]?.competitors.every(
        (c) => c.verdict === 'too_few',
      ),
    ).toBe(true);
    expect(brandComparison([], 'ours')).toEqual([]);
    expect(() => brandComparison(items, 'ours', { alpha: 2 })).toThrow(/alpha/);
  });

  it('reports a competitor-only aspect with our side empty', () => {
    const rows = brandComparison(docs('fern', 'packaging', 30, 10, 10), 'ours');
    expect(rows[0]?.ours).toEqual({ mentions: 0, net: null });
    expect(rows[0]?.competitors[0]).toMatchObject({ diff: null, verdict: 'too_few' });
  });
});
