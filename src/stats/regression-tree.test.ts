import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { featureMatrixFromRows, predictRegressionTree, type RegressionTree } from './regression-tree.js';
import { fitRegressionTree } from './regression-tree-grower.js';

/*
 * Reference values: scikit-learn 1.2.1 (Debian python3-sklearn), produced by
 *   /usr/bin/python3 ref.py
 * with ref.py:
 *
 *   import json, numpy as np
 *   from sklearn.tree import DecisionTreeRegressor
 *   from sklearn.ensemble import GradientBoostingRegressor
 *   def row(i):
 *       x0 = ((i * 37 + 11) % 240) / 16
 *       x1 = ((i * 53 + 7) % 97) / 4
 *       x2 = 1.0 if (i * 7 + 3) % 11 < 4 else 0.0
 *       x3 = float((i * i * 7 + 3) % 31)
 *       x4 = ((i * 101 + 17) % 211) / 32
 *       return [x0, x1, x2, x3, x4]
 *   def target(i):
 *       x0, x1, x2, x3, x4 = row(i)
 *       e = (((i * 7907 + 13) % 1000) / 1000 - 0.5) * 0.6
 *       return 3 * x0 / (1 + x0 * x0 / 20) + 0.4 * x1 + 2 * x2 * (1.0 if x3 > 15 else 0.0) - x4 * x4 / 10 + e
 *   X = np.array([row(i) for i in range(240)]); y = np.array([target(i) for i in range(240)])
 *   Xt = np.array([row(1000 + 7 * j) for j in range(40)])
 *   w = np.array([1 + ((i * 13) % 5) / 4 for i in range(240)])
 *   out = {}
 *   t = DecisionTreeRegressor(random_state=0, max_depth=3).fit(X, y)
 *   out['a'] = dict(feature=t.tree_.feature.tolist(), threshold=t.tree_.threshold.tolist(), value=t.tree_.value.ravel().tolist(),
 *     samples=t.tree_.n_node_samples.tolist(), imp=t.feature_importances_.tolist(), pred=t.predict(Xt).tolist())
 *   t = DecisionTreeRegressor(random_state=0, min_samples_leaf=5).fit(X, y)
 *   out['b'] = dict(nodes=int(t.tree_.node_count), depth=int(t.get_depth()), fitted=t.predict(X)[::6].tolist(), imp=t.feature_importances_.tolist())
 *   t = DecisionTreeRegressor(random_state=0, max_depth=4, min_samples_leaf=3).fit(X, y, sample_weight=w)
 *   out['c'] = dict(feature=t.tree_.feature.tolist(), threshold=t.tree_.threshold.tolist(), imp=t.feature_importances_.tolist(), pred=t.predict(Xt).tolist())
 *   t = DecisionTreeRegressor(random_state=0, max_depth=6, min_samples_split=10, min_impurity_decrease=0.05).fit(X, y)
 *   out['d'] = dict(nodes=int(t.tree_.node_count), feature=t.tree_.feature.tolist(), threshold=t.tree_.threshold.tolist(), imp=t.feature_importances_.tolist(), pred=t.predict(Xt).tolist())
 *   g = GradientBoostingRegressor(loss='squared_error', learning_rate=0.1, n_estimators=100, max_depth=3, subsample=1.0, random_state=0).fit(X, y)
 *   out['g0'] = dict(fitted=g.predict(X)[::12].tolist(), train=g.train_score_[[0, 9, 49, 99]].tolist())
 *   g = GradientBoostingRegressor(loss='squared_error', learning_rate=0.1, n_estimators=100, max_depth=3, min_samples_leaf=3, random_state=0).fit(X, y)
 *   out['g1'] = dict(pred=g.predict(Xt).tolist(), imp=g.feature_importances_.tolist())
 *   g = GradientBoostingRegressor(learning_rate=0.05, n_estimators=150, max_depth=4, min_samples_leaf=5, random_state=0).fit(X, y, sample_weight=w)
 *   out['g2'] = dict(pred=g.predict(Xt).tolist(), imp=g.feature_importances_.tolist())
 *
 * The settings were chosen so that no two cuts tie in gain (sklearn's trees are identical for
 * random_state 0..5, checked); features are multiples of 1/32, exact in float32 (sklearn casts X to float32).
 */
const REF = {
  a: {
    feature: [1, 0, 0, -2, -2, 4, -2, -2, 1, 4, -2, -2, 4, -2, -2],
    threshold: [
      11.875, 2.03125, 0.71875, -2.0, -2.0, 4.703125, -2.0, -2.0, 17.875, 3.96875, -2.0, -2.0, 4.09375, -2.0,
      -2.0,
    ],
    value: [
      8.609567753228735, 6.230293974800391, 3.020034657328318, 1.5803110812501804, 4.067106349021508,
      6.834204143433747, 7.572610993031924, 4.465148834306258, 10.988841531657076, 9.667725835749387,
      10.710897774486376, 8.20728512151761, 12.30995722756476, 13.202281232118944, 10.652784076249853,
    ],
    samples: [240, 120, 19, 8, 11, 101, 77, 24, 120, 60, 35, 25, 60, 39, 21],
    imp: [0.11951826661592391, 0.7172668896268709, 0.0, 0.0, 0.16321484375720507],
    pred: [
      4.465148834306258, 7.572610993031924, 7.572610993031924, 10.652784076249853, 13.202281232118944,
      10.710897774486376, 4.465148834306258, 7.572610993031924, 7.572610993031924, 10.652784076249853,
      10.710897774486376, 8.20728512151761, 4.465148834306258, 7.572610993031924, 7.572610993031924,
      13.202281232118944, 10.710897774486376, 4.465148834306258, 7.572610993031924, 7.572610993031924,
      10.652784076249853, 13.202281232118944, 10.710897774486376, 1.5803110812501804, 4.067106349021508,
      7.572610993031924, 10.652784076249853, 10.710897774486376, 10.710897774486376, 4.465148834306258,
      7.572610993031924, 7.572610993031924, 10.652784076249853, 10.710897774486376, 8.20728512151761,
      7.572610993031924, 4.067106349021508, 10.652784076249853, 13.202281232118944, 10.710897774486376,
    ],
  },
  b: {
    nodes: 75,
    depth: 8,
    fitted: [
      1.5803110812501804, 4.099639815011016, 7.481216247430523, 11.813707691878083, 5.6589481483031445,
      8.459181060314746, 13.825149992156263, 4.5861652594201825, 8.293478313013695, 9.713915301614433,
      11.813707691878083, 7.485461947893261, 10.329610594763144, 11.283956524875743, 12.876072496137082,
      7.306285858859288, 8.776689175733768, 9.579316590714487, 4.099639815011016, 6.449017496747056,
      11.283956524875743, 13.825149992156263, 9.222432111692344, 10.329610594763144, 15.122612165976713,
      1.49301570577659, 4.604161501227888, 6.933362983207537, 11.411030940536097, 6.449017496747056,
      8.459181060314746, 12.224687752687116, 9.579316590714487, 5.750309003033428, 8.82165743283246,
      13.825149992156263, 6.749239810571491, 9.11424710626242, 12.224687752687116, 11.914316813932924,
    ],
    imp: [
      0.16607444481827185, 0.6772672753869399, 0.0033153991620408795, 0.0006874770771979112,
      0.15265540355554927,
    ],
  },
  c: {
    feature: [
      1, 0, 0, -2, 1, -2, -2, 1, 4, -2, -2, 4, -2, -2, 4, 1, 0, -2, -2, 0, -2, -2, 1, 0, -2, -2, 4, -2, -2,
    ],
    threshold: [
      11.875, 2.03125, 0.15625, -2.0, 3.375, -2.0, -2.0, 2.125, 5.140625, -2.0, -2.0, 3.6875, -2.0, -2.0,
      4.03125, 17.875, 11.09375, -2.0, -2.0, 8.96875, -2.0, -2.0, 16.875, 3.25, -2.0, -2.0, 5.5, -2.0, -2.0,
    ],
    imp: [0.13560978616673502, 0.7199786197732684, 0.0, 0.0, 0.14441159405999648],
    pred: [
      6.202255805446012, 8.332893833568743, 8.332893833568743, 11.009505407054625, 13.836935868696951,
      11.292964530702399, 6.202255805446012, 8.332893833568743, 5.026842987824573, 9.408719173863124,
      11.292964530702399, 11.292964530702399, 6.202255805446012, 8.332893833568743, 5.026842987824573,
      13.836935868696951, 11.292964530702399, 6.202255805446012, 8.332893833568743, 8.332893833568743,
      11.009505407054625, 12.112338069321279, 9.4680379555413, 4.486857466022595, 4.486857466022595,
      5.026842987824573, 9.408719173863124, 11.292964530702399, 11.292964530702399, 6.202255805446012,
      8.332893833568743, 5.026842987824573, 9.408719173863124, 9.4680379555413, 8.416303729266469,
      8.332893833568743, 4.486857466022595, 11.009505407054625, 13.836935868696951, 11.292964530702399,
    ],
  },
  d: {
    nodes: 39,
    feature: [
      1, 0, 0, -2, -2, 4, 1, -2, 0, 4, -2, -2, 1, -2, -2, 1, -2, 1, -2, -2, 1, 4, 0, 0, -2, -2, -2, 0, -2, -2,
      4, 0, 0, -2, -2, -2, 4, -2, -2,
    ],
    threshold: [
      11.875, 2.03125, 0.71875, -2.0, -2.0, 4.703125, 3.125, -2.0, 9.21875, 3.953125, -2.0, -2.0, 9.375, -2.0,
      -2.0, 1.875, -2.0, 8.75, -2.0, -2.0, 17.875, 3.96875, 11.09375, 2.0, -2.0, -2.0, -2.0, 1.03125, -2.0,
      -2.0, 4.09375, 8.96875, 1.15625, -2.0, -2.0, -2.0, 5.5, -2.0, -2.0,
    ],
    imp: [0.1650274761929911, 0.6831367897728884, 0.0, 0.0, 0.1518357340341206],
    pred: [
      7.0012290130825985, 9.31199600165735, 5.709948610519602, 11.313379451963923, 14.257517488301175,
      11.556857047889428, 7.0012290130825985, 6.515309909550049, 5.709948610519602, 9.579316590714487,
      9.576822349322246, 8.48485238104677, 4.861487132559822, 9.31199600165735, 5.709948610519602,
      14.257517488301175, 11.556857047889428, 7.0012290130825985, 6.515309909550049, 6.515309909550049,
      11.313379451963923, 12.17422028498609, 9.585181068358686, 1.5803110812501804, 4.067106349021508,
      5.709948610519602, 9.579316590714487, 11.556857047889428, 11.556857047889428, 7.0012290130825985,
      9.31199600165735, 5.709948610519602, 9.579316590714487, 9.585181068358686, 8.48485238104677,
      6.515309909550049, 4.067106349021508, 11.313379451963923, 14.257517488301175, 11.556857047889428,
    ],
  },
};

function simulatedRow(i: number): number[] {
  return [
    ((i * 37 + 11) % 240) / 16,
    ((i * 53 + 7) % 97) / 4,
    (i * 7 + 3) % 11 < 4 ? 1 : 0,
    (i * i * 7 + 3) % 31,
    ((i * 101 + 17) % 211) / 32,
  ];
}

function simulatedTarget(i: number): number {
  const [x0, x1, x2, x3, x4] = simulatedRow(i) as [number, number, number, number, number];
  const e = (((i * 7907 + 13) % 1000) / 1000 - 0.5) * 0.6;
  return (3 * x0) / (1 + (x0 * x0) / 20) + 0.4 * x1 + 2 * x2 * (x3 > 15 ? 1 : 0) - (x4 * x4) / 10 + e;
}

const X = featureMatrixFromRows(Array.from({ length: 240 }, (_, i) => simulatedRow(i)));
const y = Array.from({ length: 240 }, (_, i) => simulatedTarget(i));
const XTest = featureMatrixFromRows(Array.from({ length: 40 }, (_, j) => simulatedRow(1000 + 7 * j)));
const weights = Array.from({ length: 240 }, (_, i) => 1 + ((i * 13) % 5) / 4);

/** sklearn marks leaves with feature −2 and threshold −2. */
const sklearnFeatures = (tree: RegressionTree) => Array.from(tree.feature, (f) => (f < 0 ? -2 : f));
const sklearnThresholds = (tree: RegressionTree) =>
  Array.from(tree.threshold, (t) => (Number.isNaN(t) ? -2 : t));

function expectClose(actual: ArrayLike<number>, expected: readonly number[], tolerance = 1e-12): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs((actual[i] as number) - (expected[i] as number))).toBeLessThanOrEqual(tolerance);
  }
}

describe('fitRegressionTree vs scikit-learn 1.2.1 DecisionTreeRegressor', () => {
  it('max_depth=3: same split structure, node values, sizes, importances and predictions', () => {
    const tree = fitRegressionTree(X, y, { maxDepth: 3 });
    expect(sklearnFeatures(tree)).toEqual(REF.a.feature);
    expect(sklearnThresholds(tree)).toEqual(REF.a.threshold);
    expect(Array.from(tree.samples)).toEqual(REF.a.samples);
    expectClose(tree.value, REF.a.value);
    expectClose(tree.featureImportances, REF.a.imp);
    expectClose(predictRegressionTree(tree, XTest), REF.a.pred);
    expect(tree.depth).toBe(3);
    expect(tree.leafCount).toBe(8);
  });

  it('unlimited depth with min_samples_leaf=5: same node count, depth, fitted values, importances', () => {
    const tree = fitRegressionTree(X, y, { minSamplesLeaf: 5 });
    expect(tree.nodeCount).toBe(REF.b.nodes);
    expect(tree.depth).toBe(REF.b.depth);
    const fitted = predictRegressionTree(tree, X).filter((_, i) => i % 6 === 0);
    expectClose(fitted, REF.b.fitted);
    expectClose(tree.featureImportances, REF.b.imp);
    for (let leaf = 0; leaf < tree.nodeCount; leaf++) {
      if ((tree.feature[leaf] as number) < 0) expect(tree.samples[leaf]).toBeGreaterThanOrEqual(5);
    }
  });

  it('sample weights (max_depth=4, min_samples_leaf=3): same structure, importances, predictions', () => {
    const tree = fitRegressionTree(X, y, { maxDepth: 4, minSamplesLeaf: 3, sampleWeights: weights });
    expect(sklearnFeatures(tree)).toEqual(REF.c.feature);
    expect(sklearnThresholds(tree)).toEqual(REF.c.threshold);
    expectClose(tree.featureImportances, REF.c.imp);
    expectClose(predictRegressionTree(tree, XTest), REF.c.pred);
  });

  it('min_samples_split=10, min_impurity_decrease=0.05, max_depth=6: same pruned structure', () => {
    const tree = fitRegressionTree(X, y, { maxDepth: 6, minSamplesSplit: 10, minImpurityDecrease: 0.05 });
    expect(tree.nodeCount).toBe(REF.d.nodes);
    expect(sklearnFeatures(tree)).toEqual(REF.d.feature);
    expect(sklearnThresholds(tree)).toEqual(REF.d.threshold);
    expectClose(tree.featureImportances, REF.d.imp);
    expectClose(predictRegressionTree(tree, XTest), REF.d.pred);
  });
});

describe('fitRegressionTree behaviour', () => {
  it('splits at the midpoint and predicts leaf means (doc example)', () => {
    const x = featureMatrixFromRows([[1], [2], [3], [4]]);
    const tree = fitRegressionTree(x, [1, 1, 5, 5], { maxDepth: 1 });
    expect(tree.threshold[0]).toBe(2.5);
    expect(Array.from(predictRegressionTree(tree, x))).toEqual([1, 1, 5, 5]);
    expect(Array.from(tree.featureImportances)).toEqual([1]);
  });

  it('breaks exact ties by the lowest feature index, then the lowest threshold', () => {
    // Features 0 and 1 separate the rows identically; the 4-row target has two equally good cuts on each.
    const x = featureMatrixFromRows([
      [0, 10],
      [1, 11],
      [2, 12],
      [3, 13],
    ]);
    const tree = fitRegressionTree(x, [0, 1, 1, 0], { maxDepth: 1 });
    expect(tree.feature[0]).toBe(0);
    expect(tree.threshold[0]).toBe(0.5);
  });

  it('is a single leaf for a constant target, a constant feature, n = 1 or maxDepth 0', () => {
    const x = featureMatrixFromRows([[1], [2], [3]]);
    const constantTarget = fitRegressionTree(x, [4, 4, 4]);
    expect(constantTarget.nodeCount).toBe(1);
    expect(Array.from(constantTarget.featureImportances)).toEqual([0]);
    const constantFeature = fitRegressionTree(featureMatrixFromRows([[7], [7], [7]]), [1, 2, 3]);
    expect(constantFeature.nodeCount).toBe(1);
    expect(constantFeature.value[0]).toBe(2);
    expect(fitRegressionTree(featureMatrixFromRows([[1]]), [3]).value[0]).toBe(3);
    expect(fitRegressionTree(x, [1, 2, 3], { maxDepth: 0 }).nodeCount).toBe(1);
  });

  it('treats feature values closer than 1e-7 as equal (sklearn FEATURE_THRESHOLD)', () => {
    const x = featureMatrixFromRows([[1], [1 + 5e-8], [2]]);
    const tree = fitRegressionTree(x, [0, 10, 10], { maxDepth: 1 });
    expect(tree.threshold[0]).toBeCloseTo(1.5 + 2.5e-8, 12);
  });

  it('ignores zero-weight rows when choosing cuts but still routes them', () => {
    const x = featureMatrixFromRows([[1], [2], [3], [4]]);
    const tree = fitRegressionTree(x, [0, 100, 0, 10], { maxDepth: 1, sampleWeights: [1, 0, 1, 1] });
    expect(tree.threshold[0]).toBe(3.5);
    expect(Array.from(predictRegressionTree(tree, x))).toEqual([0, 0, 0, 10]);
  });

  it('rejects bad input with InputError', () => {
    const x = featureMatrixFromRows([[1], [2]]);
    expect(() => fitRegressionTree(x, [1])).toThrow(InputError);
    expect(() => fitRegressionTree(x, [1, Number.NaN])).toThrow(/target at row 1/);
    expect(() => fitRegressionTree(featureMatrixFromRows([[1], [Number.NaN]]), [1, 2])).toThrow(
      /feature 0 of row 1/,
    );
    expect(() => fitRegressionTree(x, [1, 2], { maxDepth: -1 })).toThrow(InputError);
    expect(() => fitRegressionTree(x, [1, 2], { minSamplesLeaf: 0 })).toThrow(InputError);
    expect(() => fitRegressionTree(x, [1, 2], { sampleWeights: [0, 0] })).toThrow(/sum to zero/);
    expect(() => fitRegressionTree({ values: new Float64Array(0), rows: 0, columns: 1 }, [])).toThrow(
      InputError,
    );
    const tree = fitRegressionTree(x, [1, 2]);
    expect(() => predictRegressionTree(tree, featureMatrixFromRows([[1, 2]]))).toThrow(
      /fitted on 1 features/,
    );
  });

  it('fits 5000 rows × 20 features to depth 8 (speed is measured in bench/, not here)', () => {
    const rows = 5000;
    const columns = 20;
    const values = new Float64Array(rows * columns);
    for (let k = 0; k < values.length; k++) values[k] = ((k * 2654435761) % 1000003) / 1000;
    const target = Array.from(
      { length: rows },
      (_, i) => (values[i] as number) + Math.sin(values[rows + i] as number),
    );
    const tree = fitRegressionTree({ values, rows, columns }, target, { maxDepth: 8 });
    expect(tree.depth).toBe(8);
    expect(tree.leafCount).toBeGreaterThan(100);
  });
});
