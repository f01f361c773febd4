import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { buildHierarchy } from './hierarchy.js';
import { buildSalesPlan, probabilityOfReaching, type SalesPlanRow } from './sales-plan.js';

/*
 * References, scipy 1.10 (Debian /usr/bin/python3): from scipy.stats import norm; sf = norm.sf
 *   n1: sf((100-110)/10) = 0.8413447460685429, sf((120-115)/12) = 0.33846111951068963,
 *       whole plan (ρ_t = 1, σ = 10 + 12): sf((220-225)/22) = 0.5898941606357736
 *   n2: sf((50-40)/5) = 0.022750131948179195, sf((50-55)/5) = 0.8413447460685429
 *   north (ρ_s = 0): σ = sqrt(125) = 11.180339887498949, sqrt(169) = 13.0; targets = forecasts → 0.5
 *   total: σ = sqrt(125) = 11.180339887498949, sqrt(185) = 13.601470508735444;
 *          sf((230-240)/σ1) = 0.8144533152386513, sf((170-180)/σ2) = 0.7688956023789482
 *          whole plan: ρ_t = 1 → σ = 24.78181039623439, sf(-20/σ) = 0.7901793007492881;
 *                      ρ_t = 0 → σ = sqrt(310) = 17.60681686165901, sf(-20/σ) = 0.8720057441649309
 *   total period 1 with ρ_s = 0.5 (σ 10, 5, 0): sqrt(125 + 0.5*(225 - 125)) = 13.228756555322953
 *   z: norm.ppf(0.9) = 1.2815515655446004, norm.ppf(0.975) = 1.959963984540054
 */
const z80 = 1.2815515655446004;
const z95 = 1.959963984540054;

const hierarchy = buildHierarchy([
  { key: 'n1', path: ['north'] },
  { key: 'n2', path: ['north'] },
  { key: 's1', path: ['south'] },
]);

const targets = { n1: [100, 120], n2: [50, 50], s1: [80, 0] };
const forecasts = {
  n1: {
    point: [110, 115],
    intervals: [
      { level: 80, lower: [110 - z80 * 10, 115 - z80 * 12], upper: [110 + z80 * 10, 115 + z80 * 12] },
      { level: 95, lower: [110 - z95 * 10, 115 - z95 * 12], upper: [110 + z95 * 10, 115 + z95 * 12] },
    ],
  },
  n2: { point: [40, 55], standardDeviation: [5, 5] },
  s1: { point: [90, 10], standardDeviation: [0, 4] },
};

function row(rows: readonly SalesPlanRow[], key: string): SalesPlanRow {
  const found = rows.find((r) => r.key === key);
  if (found === undefined) throw new Error(`no row ${key}`);
  return found;
}

describe('buildSalesPlan', () => {
  it('computes gap, gap % and the probability of reaching target per segment and period', () => {
    const plan = buildSalesPlan(hierarchy, { targets, forecasts, periods: ['Q1', 'Q2'] });
    expect(plan.periods).toEqual(['Q1', 'Q2']);
    expect(plan.rows.map((r) => r.key)).toEqual(['total', 'north', 'south', 'n1', 'n2', 's1']);
    const n1 = row(plan.rows, 'n1');
    expect(n1.cells[0]).toMatchObject({ period: 'Q1', target: 100, forecast: 110, gap: 10, gapPercent: 10 });
    expect(n1.cells[0]?.standardDeviation).toBeCloseTo(10, 12);
    expect(n1.cells[0]?.probabilityOfReachingTarget).toBeCloseTo(0.8413447460685429, 12);
    expect(n1.cells[1]?.probabilityOfReachingTarget).toBeCloseTo(0.33846111951068963, 12);
    expect(n1.total.probabilityOfReachingTarget).toBeCloseTo(0.5898941606357736, 12);
    const n2 = row(plan.rows, 'n2');
    expect(n2.cells[0]?.probabilityOfReachingTarget).toBeCloseTo(0.022750131948179195, 13);
    expect(n2.cells[0]?.gapPercent).toBeCloseTo(-20, 12);
    const s1 = row(plan.rows, 's1');
    expect(s1.cells[0]?.probabilityOfReachingTarget).toBe(1); // σ = 0 and forecast ≥ target
    expect(s1.cells[1]?.gapPercent).toBeNull(); // target 0
  });

  it('rolls up so totals add up, combining σ with the segment and period correlations', () => {
    const plan = buildSalesPlan(hierarchy, { targets, forecasts });
    const north = row(plan.rows, 'north');
    expect(north.cells.map((c) => c.target)).toEqual([150, 170]);
    expect(north.cells.map((c) => c.forecast)).toEqual([150, 170]);
    expect(north.cells[0]?.standardDeviation).toBeCloseTo(11.180339887498949, 12);
    expect(north.cells[1]?.standardDeviation).toBeCloseTo(13, 12);
    expect(north.cells[0]?.probabilityOfReachingTarget).toBeCloseTo(0.5, 14);
    const total = row(plan.rows, 'total');
    expect(total.cells.map((c) => c.gap)).toEqual([10, 10]);
    expect(total.cells[1]?.standardDeviation).toBeCloseTo(13.601470508735444, 12);
    expect(total.cells[0]?.probabilityOfReachingTarget).toBeCloseTo(0.8144533152386513, 12);
    expect(total.cells[1]?.probabilityOfReachingTarget).toBeCloseTo(0.7688956023789482, 12);
    expect(total.total).toMatchObject({ target: 400, forecast: 420, gap: 20, gapPercent: 5 });
    expect(total.total.standardDeviation).toBeCloseTo(24.78181039623439, 12);
    expect(total.total.probabilityOfReachingTarget).toBeCloseTo(0.7901793007492881, 12);
    // Every parent equals the sum of its children, per period and for the whole plan.
    for (const parent of ['total', 'north', 'south']) {
      const index = hierarchy.indexByKey.get(parent) as number;
      const children = plan.rows.filter((_, i) => hierarchy.nodes[i]?.parent === index);
      const p = row(plan.rows, parent);
      for (const field of ['target', 'forecast', 'gap'] as const) {
        p.cells.forEach((c, period) => {
          expect(c[field]).toBeCloseTo(
            children.reduce((a, r) => a + ((r.cells[period]?.[field] as number) ?? 0), 0),
            9,
          );
        });
        expect(p.total[field]).toBeCloseTo(
          children.reduce((a, r) => a + r.total[field], 0),
          9,
        );
      }
    }
    const independent = buildSalesPlan(hierarchy, {
      targets,
      forecasts,
      periodCorrelation: 0,
      segmentCorrelation: 0.5,
    });
    const t = row(independent.rows, 'total');
    expect(t.cells[0]?.standardDeviation).toBeCloseTo(13.228756555322953, 12);
    const independentPeriods = buildSalesPlan(hierarchy, { targets, forecasts, periodCorrelation: 0 });
    expect(row(independentPeriods.rows, 'total').total.standardDeviation).toBeCloseTo(17.60681686165901, 12);
    expect(row(independentPeriods.rows, 'total').total.probabilityOfReachingTarget).toBeCloseTo(
      0.8720057441649309,
      12,
    );
  });

  it('uses a given (reconciled) aggregate σ, and rejects incoherent aggregate forecasts', () => {
    const withTotal = { ...forecasts, total: { point: [240, 180], standardDeviation: [20, 20] } };
    const plan = buildSalesPlan(hierarchy, { targets, forecasts: withTotal });
    expect(row(plan.rows, 'total').cells[0]?.standardDeviation).toBe(20);
    expect(row(plan.rows, 'north').cells[0]?.standardDeviation).toBeCloseTo(11.180339887498949, 12);
    expect(() =>
      buildSalesPlan(hierarchy, { targets, forecasts: { ...forecasts, north: { point: [151, 170] } } }),
    ).toThrow(/segments sum to 150/);
  });

  it('reports null probabilities without σ, and rejects bad input', () => {
    const bare = { ...forecasts, s1: { point: [90, 10] } };
    const plan = buildSalesPlan(hierarchy, { targets, forecasts: bare });
    expect(row(plan.rows, 's1').cells[0]?.probabilityOfReachingTarget).toBeNull();
    expect(row(plan.rows, 'south').cells[0]?.probabilityOfReachingTarget).toBeNull();
    expect(plan.notes.join(' ')).toMatch(/null/);
    expect(() => buildSalesPlan(hierarchy, { targets: { n1: [1, 2], n2: [1, 2] }, forecasts })).toThrow(
      /No targets for segment 's1'/,
    );
    expect(() => buildSalesPlan(hierarchy, { targets: { ...targets, n2: [1] }, forecasts })).toThrow(
      InputError,
    );
    expect(() =>
      buildSalesPlan(hierarchy, { targets, forecasts: { n1: forecasts.n1, s1: forecasts.s1 } }),
    ).toThrow(/No forecast for segment 'n2'/);
    expect(() => buildSalesPlan(hierarchy, { targets, forecasts, segmentCorrelation: 2 })).toThrow(
      /segmentCorrelation/,
    );
    expect(() =>
      buildSalesPlan(hierarchy, {
        targets,
        forecasts: { ...forecasts, n2: { point: [40, 55], standardDeviation: [5, -1] } },
      }),
    ).toThrow(/≥ 0/);
    expect(() => buildSalesPlan(hierarchy, { targets, forecasts, periods: ['only one'] })).toThrow(
      /period labels/,
    );
  });

  it('probabilityOfReaching handles σ = 0 and missing σ', () => {
    expect(probabilityOfReaching(10, 0, 10)).toBe(1);
    expect(probabilityOfReaching(9.99, 0, 10)).toBe(0);
    expect(probabilityOfReaching(10, null, 5)).toBeNull();
    expect(probabilityOfReaching(110, 10, 100)).toBeCloseTo(0.8413447460685429, 13);
  });
});
