import { describe, expect, it } from 'vitest';
import type { Forecast } from './forecast-types.js';
import { buildGroupedHierarchy, buildHierarchy, type Hierarchy } from './hierarchy.js';
import {
  type ReconciliationMethod,
  reconcileForecasts,
  reconciliationInputFromForecasts,
  standardDeviationFromIntervals,
} from './reconcile.js';

/*
 * Reference: a NumPy reproduction of the dense formulas (G = (SᵀW⁻¹S)⁻¹SᵀW⁻¹, ỹ = S G ŷ, hts shrink.estim
 * translated line by line, V = S G W_h Gᵀ Sᵀ), numpy 1.24 (Debian), `/usr/bin/python3 ref.py`:
 *
 *   import numpy as np, json
 *   T, H = 20, 3
 *   A = np.array([[1,1,1,1,1,1],[1,1,1,0,0,0],[0,0,0,1,1,1]], float)
 *   S = np.vstack([A, np.eye(6)]); n, m = S.shape
 *   t = np.arange(1, T + 1)
 *   rb = np.array([np.sin(1.3*t + j) + 0.5*np.cos(0.7*t*(j+1)) + 0.2*(j+1)*np.sin(0.1*t*t) for j in range(6)]).T
 *   ra = (A @ rb.T).T + np.array([0.3*np.sin(2.1*t*(a+1) + a) for a in range(3)]).T
 *   R = np.hstack([ra, rb])                                  # T x n, node order total, A, B, A1..B3
 *   s = np.arange(H)
 *   yhat = np.array([80 + 2*s, 33 + s, 45 - s] + [10 + j + 0.5*s for j in range(6)], float)   # n x H
 *   sd = np.array([(1 + 0.1*i) * np.sqrt(s + 1) for i in range(n)])                          # n x H
 *   def shrink(x):                                           # hts shrink.estim(x, lowerD(x))
 *       nn = x.shape[0]
 *       covm = x.T @ x / nn
 *       tar = np.diag(np.diag(covm))
 *       corm = covm / np.sqrt(np.outer(np.diag(covm), np.diag(covm)))
 *       xs = x / np.sqrt(np.diag(covm))
 *       v = (1/(nn*(nn-1))) * ((xs**2).T @ (xs**2) - 1/nn * (xs.T @ xs)**2)
 *       np.fill_diagonal(v, 0)
 *       d = (corm - np.eye(x.shape[1]))**2
 *       lam = max(min(v.sum()/d.sum(), 1), 0)
 *       return lam, lam*tar + (1-lam)*covm, covm
 *   lam, Wshr, covm = shrink(R)
 *   lamb, _, covmb = shrink(rb)
 *   Ws = {'ols': np.eye(n), 'wls_structural': np.diag(S.sum(1)), 'wls_variance': np.diag(np.diag(covm)),
 *         'mint_shrink': Wshr, 'mint_sample': covm}
 *   def G_of(W): Wi = np.linalg.inv(W); return np.linalg.solve(S.T @ Wi @ S, S.T @ Wi)
 *   Gs = {k: G_of(W) for k, W in Ws.items()}
 *   Gs['bottom_up'] = np.hstack([np.zeros((6, 3)), np.eye(6)])
 *   out = {'lambda': lam, 'lambdaBottom': lamb}
 *   for k, G in Gs.items(): out[k] = (S @ G @ yhat).tolist()
 *   def sds(G, lam, covm, idx):                              # W_h = λ diag(σ_h²) + (1−λ) scaled covm
 *       res = []
 *       for h in range(H):
 *           sc = sd[idx, h] / np.sqrt(np.diag(covm))
 *           Wh = lam*np.diag(sd[idx, h]**2) + (1-lam)*np.outer(sc, sc)*covm
 *           V = S @ G @ Wh @ G.T @ S.T if len(idx) == n else S @ Wh @ S.T
 *           res.append(np.sqrt(np.diag(V)))
 *       return np.array(res).T.tolist()
 *   out['sd_mint_shrink'] = sds(Gs['mint_shrink'], lam, covm, np.arange(n))
 *   out['sd_ols'] = sds(Gs['ols'], lam, covm, np.arange(n))
 *   out['sd_bottom_up'] = sds(None, lamb, covmb, np.arange(3, n))
 *   G = Gs['wls_structural']                                 # no residuals: independent base errors
 *   out['sd_wls_structural_independent'] = np.array([np.sqrt(np.diag(S @ G @ np.diag(sd[:, h]**2) @ G.T @ S.T))
 *                                                    for h in range(H)]).T.tolist()
 *   print(json.dumps(out))
 */

const reference = {
  lambda: 0.13449914825039858,
  lambdaBottom: 0.16214581638315284,
  ols: [
    [78.9, 80.39999999999999, 81.89999999999999],
    [33.824999999999996, 35.324999999999996, 36.824999999999996],
    [45.075, 45.075, 45.075],
    [10.274999999999997, 10.774999999999991, 11.274999999999997],
    [11.275000000000002, 11.774999999999999, 12.275],
    [12.275, 12.775, 13.274999999999999],
    [14.025, 14.025000000000004, 14.025000000000002],
    [15.025, 15.025000000000006, 15.025000000000002],
    [16.025, 16.025, 16.025],
  ],
  wls_structural: [
    [77.66666666666667, 79.33333333333334, 81.0],
    [33.583333333333336, 34.91666666666667, 36.25],
    [44.083333333333336, 44.416666666666664, 44.75],
    [10.194444444444445, 10.638888888888891, 11.083333333333332],
    [11.194444444444445, 11.638888888888891, 12.083333333333332],
    [12.194444444444446, 12.638888888888891, 13.083333333333332],
    [13.694444444444446, 13.805555555555557, 13.916666666666668],
    [14.694444444444443, 14.805555555555557, 14.916666666666664],
    [15.694444444444441, 15.805555555555555, 15.916666666666666],
  ],
  wls_variance: [
    [76.88808771249063, 78.93874024244303, 80.98939277239543],
    [33.32060343762283, 34.61118541146185, 35.901767385300865],
    [43.56748427486781, 44.32755483098117, 45.08762538709455],
    [10.087271064320545, 10.530265643023483, 10.973260221726422],
    [11.097216563350562, 11.533714746408167, 11.97021292946577],
    [12.136115809951727, 12.54720502203021, 12.958294234108688],
    [13.491801316492504, 13.759646978200527, 14.027492639908555],
    [14.564921644514877, 14.798250925728455, 15.031580206942031],
    [15.510761313860428, 15.769656927052196, 16.02855254024396],
  ],
  mint_shrink: [
    [77.23247155655638, 79.61289822103778, 81.99332488551917],
    [33.382133016427474, 34.767516378789196, 36.152899741150904],
    [43.85033854012891, 44.8453818422486, 45.84042514436827],
    [10.087932480566307, 10.547080135419117, 11.006227790271923],
    [11.094099197757206, 11.546266619840187, 11.998434041923163],
    [12.200101338103961, 12.674169623529886, 13.148237908955814],
    [13.557855945835906, 13.879789676041806, 14.201723406247707],
    [14.665204443859926, 14.969480694791809, 15.273756945723688],
    [15.627278150433073, 15.996111471414974, 16.364944792396876],
  ],
  mint_sample: [
    [69.16088332190253, 81.83620329514957, 94.5115232683967],
    [29.322074098100025, 34.102798051003134, 38.88352200390625],
    [39.838809223802485, 47.73340524414647, 55.62800126449047],
    [11.184439040649849, 11.802751513126362, 12.421063985602864],
    [10.65735631168394, 11.62288292083921, 12.588409529994482],
    [7.48027874576625, 10.677163617037545, 13.87404848830889],
    [12.864918487369897, 14.719694854595962, 16.574471221822016],
    [15.041664280286268, 17.042867864989255, 19.044071449692247],
    [11.932226456146333, 15.970842524561261, 20.009458592976188],
  ],
  bottom_up: [
    [75.0, 78.0, 81.0],
    [33.0, 34.5, 36.0],
    [42.0, 43.5, 45.0],
    [10.0, 10.5, 11.0],
    [11.0, 11.5, 12.0],
    [12.0, 12.5, 13.0],
    [13.0, 13.5, 14.0],
    [14.0, 14.5, 15.0],
    [15.0, 15.5, 16.0],
  ],
  sd_mint_shrink: [
    [3.452365037340638, 4.882381458069827, 5.979671650948408],
    [2.0757254829145855, 2.935519129701249, 3.595261998973506],
    [2.8181440278635606, 3.9854575049253897, 4.881168639306488],
    [1.2386428261635094, 1.751705483696575, 2.1453923073459027],
    [1.1845510919468065, 1.6752082195550329, 2.051702675413062],
    [1.3208203051082665, 1.8679219889418799, 2.287727876116144],
    [1.2515290456659747, 1.7699293500846782, 2.1677118942416573],
    [1.195916839976901, 1.6912818145657083, 2.071388728467211],
    [1.4062021788390053, 1.9886701927527182, 2.4356136194632136],
  ],
  sd_ols: [
    [1.562448787598553, 2.209636265935273, 2.706240684345087],
    [1.1994682539048678, 1.6963042723082393, 2.0775399578291576],
    [1.6048451921908853, 2.2695938363056065, 2.7796734111572525],
    [1.2460155440083547, 1.7621320812643053, 2.1581622292430445],
    [0.9736671089513882, 1.3769732307156552, 1.686440902362506],
    [1.1371967996378443, 1.6082391371351183, 1.9696826351774706],
    [0.9962613293068299, 1.408926283573567, 1.7255752399755377],
    [0.9237333110924015, 1.3063561765626799, 1.5999530274558673],
    [1.1694483473133301, 1.6538497132653134, 2.0255439543741423],
  ],
  sd_bottom_up: [
    [5.183585232265963, 7.330696537187416, 8.978232987648367],
    [2.774526758451876, 3.923773370969703, 4.8056213125980305],
    [4.32154379459711, 6.111585844708523, 7.4851334193761945],
    [1.3, 1.8384776310850237, 2.2516660498395407],
    [1.4, 1.9798989873223332, 2.4248711305964283],
    [1.5, 2.1213203435596424, 2.5980762113533165],
    [1.6, 2.2627416997969525, 2.7712812921102032],
    [1.7, 2.404163056034262, 2.944486372867091],
    [1.8, 2.5455844122715714, 3.117691453623979],
  ],
  sd_wls_structural_independent: [
    [1.4236104336041748, 2.013289182738867, 2.4657656011875906],
    [1.1543396380615196, 1.632482771731451, 1.9993749023132206],
    [1.3549292724468438, 1.9161593531506371, 2.346806340540267],
    [1.135822430044676, 1.6062954850167468, 1.9673021572137253],
    [1.2062721884353433, 1.7059264887987364, 2.089324718127313],
    [1.27762076329982, 1.8068286110280716, 2.212904074840219],
    [1.3890111057338068, 1.9643583440155992, 2.4058378074083793],
    [1.4598008489237562, 2.064470158911734, 2.528449239268124],
    [1.5313090502597468, 2.1655980270619977, 2.652305077139925],
  ],
};

const T = 20;
const H = 3;
const bottomKeys = ['A1', 'A2', 'A3', 'B1', 'B2', 'B3'];
const nodeKeys = ['total', 'A', 'B', ...bottomKeys];

function smallHierarchy(): Hierarchy {
  return buildHierarchy(bottomKeys.map((key) => ({ key, path: [key.slice(0, 1)] })));
}

function smallInputs() {
  const time = Array.from({ length: T }, (_, i) => i + 1);
  const bottomResiduals = bottomKeys.map((_, j) =>
    time.map(
      (t) =>
        Math.sin(1.3 * t + j) + 0.5 * Math.cos(0.7 * t * (j + 1)) + 0.2 * (j + 1) * Math.sin(0.1 * t * t),
    ),
  );
  const sumOf = (rows: number[][]) => time.map((_, i) => rows.reduce((acc, r) => acc + (r[i] as number), 0));
  const aggregateResiduals = [
    sumOf(bottomResiduals),
    sumOf(bottomResiduals.slice(0, 3)),
    sumOf(bottomResiduals.slice(3)),
  ].map((row, a) => row.map((v, i) => v + 0.3 * Math.sin(2.1 * (i + 1) * (a + 1) + a)));
  const residualRows = [...aggregateResiduals, ...bottomResiduals];
  const steps = [0, 1, 2];
  const baseRows = [
    steps.map((s) => 80 + 2 * s),
    steps.map((s) => 33 + s),
    steps.map((s) => 45 - s),
    ...bottomKeys.map((_, j) => steps.map((s) => 10 + j + 0.5 * s)),
  ];
  const sdRows = nodeKeys.map((_, i) => steps.map((s) => (1 + 0.1 * i) * Math.sqrt(s + 1)));
  const byKey = (rows: number[][]) =>
    Object.fromEntries(nodeKeys.map((key, i) => [key, rows[i] as number[]]));
  return {
    base: byKey(baseRows),
    residuals: byKey(residualRows),
    standardDeviations: byKey(sdRows),
    residualRows,
  };
}

function expectMatrixClose(
  actual: readonly (readonly number[])[],
  expected: readonly (readonly number[])[],
  tolerance: number,
) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++)
    for (let s = 0; s < (actual[i] as readonly number[]).length; s++) {
      const v = (actual[i] as readonly number[])[s] as number;
      const e = (expected[i] as readonly number[])[s] as number;
      expect(Math.abs(v - e)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(e)));
    }
}

function expectCoherent(hierarchy: Hierarchy, rows: readonly (readonly number[])[]) {
  const { aggregateCount: k, memberStart, memberIndices } = hierarchy;
  for (let a = 0; a < k; a++)
    (rows[a] as readonly number[]).forEach((v, s) => {
      let sum = 0;
      for (let p = memberStart[a] as number; p < (memberStart[a + 1] as number); p++)
        sum += (rows[k + (memberIndices[p] as number)] as readonly number[])[s] as number;
      expect(Math.abs(v - sum)).toBeLessThanOrEqual(1e-9);
    });
  // Tree: every parent equals the sum of its direct children.
  if (hierarchy.kind === 'tree')
    for (let a = 0; a < k; a++) {
      const children = hierarchy.nodes.flatMap((node, i) => (node.parent === a ? [i] : []));
      (rows[a] as readonly number[]).forEach((v, s) => {
        const sum = children.reduce((acc, c) => acc + ((rows[c] as readonly number[])[s] as number), 0);
        expect(Math.abs(v - sum)).toBeLessThanOrEqual(1e-9);
      });
    }
}

describe('reconcileForecasts', () => {
  const methods: readonly ReconciliationMethod[] = [
    'bottom_up',
    'ols',
    'wls_structural',
    'wls_variance',
    'mint_shrink',
    'mint_sample',
  ];
  for (const method of methods)
    it(`${method}: matches the dense NumPy formula and adds up`, () => {
      const h = smallHierarchy();
      const { base, residuals } = smallInputs();
      const result = reconcileForecasts(h, { method, base, residuals });
      expect(result.method).toBe(method);
      expect(result.horizon).toBe(H);
      const points = result.nodes.map((n) => n.point);
      expectMatrixClose(points, reference[method], 1e-11);
      expectCoherent(h, points);
      expect(result.intervalMethod).toBe('none');
    });

  it('reports λ and uses it: mint_shrink intervals match S G W_h Gᵀ Sᵀ', () => {
    const h = smallHierarchy();
    const result = reconcileForecasts(h, { method: 'mint_shrink', ...smallInputs() });
    expect(result.shrinkageIntensity).toBeCloseTo(reference.lambda, 12);
    expect(result.residualObservations).toBe(T);
    expect(result.intervalMethod).toBe('gaussian-reconciled-covariance');
    expectMatrixClose(
      result.nodes.map((n) => n.standardDeviation as readonly number[]),
      reference.sd_mint_shrink,
      1e-10,
    );
    const total = result.nodes[0];
    const z95 = 1.959963984540054;
    expect(total?.intervals.map((i) => i.level)).toEqual([80, 95]);
    expect(total?.intervals[1]?.upper[0]).toBeCloseTo(
      (reference.mint_shrink[0]?.[0] as number) + z95 * (reference.sd_mint_shrink[0]?.[0] as number),
      9,
    );
  });

  it('ols and bottom-up intervals, and independent errors without residuals', () => {
    const h = smallHierarchy();
    const inputs = smallInputs();
    const ols = reconcileForecasts(h, { method: 'ols', ...inputs });
    expectMatrixClose(
      ols.nodes.map((n) => n.standardDeviation as readonly number[]),
      reference.sd_ols,
      1e-10,
    );
    const bottomOnly = (record: Record<string, number[]>) =>
      Object.fromEntries(bottomKeys.map((key) => [key, record[key] as number[]]));
    const bu = reconcileForecasts(h, {
      method: 'bottom_up',
      base: bottomOnly(inputs.base),
      residuals: bottomOnly(inputs.residuals),
      standardDeviations: bottomOnly(inputs.standardDeviations),
    });
    expect(bu.shrinkageIntensity).toBeCloseTo(reference.lambdaBottom, 12);
    expectMatrixClose(
      bu.nodes.map((n) => n.standardDeviation as readonly number[]),
      reference.sd_bottom_up,
      1e-10,
    );
    const independent = reconcileForecasts(h, {
      method: 'wls_structural',
      base: inputs.base,
      standardDeviations: inputs.standardDeviations,
    });
    expectMatrixClose(
      independent.nodes.map((n) => n.standardDeviation as readonly number[]),
      reference.sd_wls_structural_independent,
      1e-10,
    );
    expect(independent.notes.join(' ')).toMatch(/independent/);
  });

  it('reconciles the documented small example with OLS', () => {
    const h = buildHierarchy([
      { key: 'a1', path: ['a'] },
      { key: 'a2', path: ['a'] },
      { key: 'b1', path: ['b'] },
    ]);
    const base = { total: [10], a: [6], b: [3], a1: [3], a2: [2], b1: [3] };
    const result = reconcileForecasts(h, { method: 'ols', base });
    // numpy: S@np.linalg.solve(S.T@S, S.T)@[10,6,3,3,2,3] = [9.3846, 6.0769, 3.3077, 3.5385, 2.5385, 3.3077]
    expectMatrixClose(
      result.nodes.map((n) => n.point),
      [
        [9.384615384615385],
        [6.076923076923077],
        [3.307692307692308],
        [3.538461538461538],
        [2.538461538461538],
        [3.307692307692308],
      ],
      1e-12,
    );
  });

  it('grouped structures reconcile and add up in every grouping', () => {
    const series = ['web', 'store'].flatMap((channel) =>
      ['shoes', 'bags', 'hats'].map((category) => ({
        key: `${channel}-${category}`,
        attributes: { channel, category },
      })),
    );
    const h = buildGroupedHierarchy(series, { groupings: [['channel'], ['category']] });
    const base = Object.fromEntries(h.nodes.map((n, i) => [n.key, [10 + i, 12 - i]]));
    for (const method of ['ols', 'wls_structural'] as const)
      expectCoherent(
        h,
        reconcileForecasts(h, { method, base }).nodes.map((n) => n.point),
      );
  });

  it('rejects missing, ragged or non-finite inputs, and a singular sample covariance', () => {
    const h = smallHierarchy();
    const { base, residuals } = smallInputs();
    expect(() =>
      reconcileForecasts(h, { method: 'ols', base: { ...base, A: undefined as unknown as number[] } }),
    ).toThrow(/Missing base forecasts for node 'A'/);
    expect(() => reconcileForecasts(h, { method: 'ols', base: { ...base, B: [1] } })).toThrow(
      /length 1, expected 3/,
    );
    expect(() => reconcileForecasts(h, { method: 'ols', base: { ...base, B: [1, Number.NaN, 2] } })).toThrow(
      /not finite/,
    );
    expect(() => reconcileForecasts(h, { method: 'mint_shrink', base })).toThrow(/needs in-sample residuals/);
    // Two observations of nine series: Uᵀ Σ̂ U (3 × 3, rank ≤ 2) is singular for mint_sample.
    const short = Object.fromEntries(Object.entries(residuals).map(([k, v]) => [k, v.slice(0, 2)]));
    expect(() => reconcileForecasts(h, { method: 'mint_sample', base, residuals: short })).toThrow(
      /singular/,
    );
    // mint_shrink stays solvable.
    expectCoherent(
      h,
      reconcileForecasts(h, { method: 'mint_shrink', base, residuals: short }).nodes.map((n) => n.point),
    );
    // NaN residuals drop whole time points.
    const gappy = { ...residuals, A1: [Number.NaN, ...(residuals.A1 as number[]).slice(1)] };
    expect(
      reconcileForecasts(h, { method: 'wls_variance', base, residuals: gappy }).residualObservations,
    ).toBe(T - 1);
  });
});

describe('standardDeviationFromIntervals and reconciliationInputFromForecasts', () => {
  it('reads σ back from 80/95 % normal intervals', () => {
    const intervals = [
      { level: 80, lower: [10 - 1.2815515655446004 * 2], upper: [10 + 1.2815515655446004 * 2] },
      { level: 95, lower: [10 - 1.959963984540054 * 2], upper: [10 + 1.959963984540054 * 2] },
    ];
    expect(standardDeviationFromIntervals(intervals, 0)).toBeCloseTo(2, 12);
    expect(standardDeviationFromIntervals(intervals, 1)).toBeUndefined();
    expect(standardDeviationFromIntervals([], 0)).toBeUndefined();
  });

  it('turns per-node Forecasts and actuals into base, σ and residuals', () => {
    const h = buildHierarchy([
      { key: 'x', path: [] },
      { key: 'y', path: [] },
    ]);
    const forecast = (point: number[], fitted: number[]): Forecast => ({
      model: 'test',
      method: 'test',
      point,
      intervals: [
        {
          level: 95,
          lower: point.map((p) => p - 1.959963984540054),
          upper: point.map((p) => p + 1.959963984540054),
        },
      ],
      intervalMethod: 'analytic',
      fitted,
      params: {},
    });
    const input = reconciliationInputFromForecasts(
      h,
      {
        total: forecast([5], [Number.NaN, 4, 6]),
        x: forecast([2], [Number.NaN, 1, 2]),
        y: forecast([2], [Number.NaN, 2, 3]),
      },
      { total: [3, 5, 5], x: [1, 2, 2], y: [2, 3, 3] },
    );
    expect(input.base).toEqual({ total: [5], x: [2], y: [2] });
    expect(input.standardDeviations?.total?.[0]).toBeCloseTo(1, 12);
    expect(input.residuals?.total).toEqual([Number.NaN, 1, -1]);
    const result = reconcileForecasts(h, { method: 'wls_variance', ...input });
    expectCoherent(
      h,
      result.nodes.map((n) => n.point),
    );
    expect(result.residualObservations).toBe(2);
  });
});
