import { InputError } from '../core/errors.js';

/**
 * CART regression tree (Breiman et al. 1984) with the squared-error criterion, built exactly as
 * scikit-learn's `DecisionTreeRegressor(splitter='best', max_features=None)` builds it:
 *
 * - a node of weighted sum S, weight W and square sum Q has impurity Q/W − (S/W)²;
 * - every feature is scanned in sorted order; a cut is allowed only between two consecutive values
 *   that differ by more than 1e-7 (sklearn's FEATURE_THRESHOLD) and leaves ≥ minSamplesLeaf samples
 *   (and positive weight) each side; the cut maximising the proxy S_L²/W_L + S_R²/W_R wins
 *   (equivalently the largest drop in weighted squared error);
 * - the threshold is the midpoint x_(p−1)/2 + x_(p)/2 (x_(p−1) when rounding reaches x_(p)); rows with
 *   x ≤ threshold go left;
 * - a node is a leaf when depth ≥ maxDepth, it has < minSamplesSplit or < 2·minSamplesLeaf samples, its
 *   impurity ≤ 2⁻⁵² (machine epsilon), no allowed cut exists, or the split's weighted impurity
 *   decrease (W_node/W_root)·(I − W_R/W·I_R − W_L/W·I_L) is below minImpurityDecrease (−ε);
 * - a leaf predicts its weighted mean; feature importance = Σ over the feature's splits of
 *   W·I − W_L·I_L − W_R·I_R, divided by W_root (`impurityDecreases`) and normalised to sum 1
 *   (`featureImportances`, all zero for a single-leaf tree).
 *
 * Ties: sklearn visits features in a random order drawn from `random_state`, so among cuts of equal
 * proxy gain its choice depends on the seed. Here features are scanned in index order and a cut must be
 * strictly better to replace the best so far: ties go to the lowest feature index, then the lowest
 * threshold. With no exact ties the trees (split features, thresholds, node order, values) are equal to
 * sklearn 1.2.1's; nodes are numbered in sklearn's depth-first preorder (left child first).
 *
 * Data layout: `FeatureMatrix` is column-major — value (row i, feature j) is `values[j * rows + i]` —
 * so one feature's column is contiguous. sklearn casts X to float32 before fitting; pass values that are
 * exact in float32 when comparing thresholds bit for bit.
 *
 * Files: this one holds the types, the feature matrix, the finished tree (values, importances) and
 * prediction; regression-tree-grower.ts presorts and grows trees (`createTreeGrower`, `fitRegressionTree`);
 * regression-tree-split.ts holds the split scan and the segment partition.
 *
 * Reference: scikit-learn 1.2.1 `sklearn/tree/_splitter.pyx` (BestSplitter.node_split),
 * `_criterion.pyx` (MSE), `_tree.pyx` (DepthFirstTreeBuilder, compute_feature_importances).
 *
 * Example:
 *   const x = featureMatrixFromRows([[1], [2], [3], [4]]);
 *   const tree = fitRegressionTree(x, [1, 1, 5, 5], { maxDepth: 1 });
 *   tree.threshold[0] → 2.5; predictRegressionTree(tree, x) → Float64Array [1, 1, 5, 5]
 */

/** Dense rows × columns matrix, column-major: value (i, j) = values[j * rows + i]. */
export interface FeatureMatrix {
  readonly values: Float64Array;
  readonly rows: number;
  readonly columns: number;
}

export interface RegressionTreeOptions {
  /** Maximum depth (root = depth 0); undefined = grow until leaves are pure or too small. */
  readonly maxDepth?: number;
  /** Minimum samples in a node for it to be split (default 2). */
  readonly minSamplesSplit?: number;
  /** Minimum samples in each child (default 1). */
  readonly minSamplesLeaf?: number;
  /** Minimum weighted impurity decrease of a split, as sklearn's min_impurity_decrease (default 0). */
  readonly minImpurityDecrease?: number;
  /** Non-negative weight per row (default all 1). */
  readonly sampleWeights?: ArrayLike<number>;
}

/** A fitted tree as parallel arrays indexed by node (0 = root, depth-first preorder). */
export interface RegressionTree {
  readonly nodeCount: number;
  readonly leafCount: number;
  /** Depth of the deepest leaf (0 for a single leaf). */
  readonly depth: number;
  readonly columns: number;
  /** Split feature of each node; −1 for a leaf. */
  readonly feature: Int32Array;
  /** Split threshold (x ≤ threshold goes left); NaN for a leaf. */
  readonly threshold: Float64Array;
  /** Child node ids; −1 for a leaf. */
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Weighted mean of the target in the node (the prediction of a leaf). */
  readonly value: Float64Array;
  /** Weighted variance of the target in the node, Q/W − (S/W)². */
  readonly impurity: Float64Array;
  readonly samples: Int32Array;
  readonly weightedSamples: Float64Array;
  /** Σ impurity decrease per feature divided by the root weight (sklearn's normalize=False). */
  readonly impurityDecreases: Float64Array;
  /** impurityDecreases normalised to sum 1 (sklearn's feature_importances_). */
  readonly featureImportances: Float64Array;
}

/** Column-major FeatureMatrix from row arrays (all rows the same length). */
export function featureMatrixFromRows(rows: readonly (readonly number[])[]): FeatureMatrix {
  const n = rows.length;
  const p = n === 0 ? 0 : (rows[0] as readonly number[]).length;
  const values = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const row = rows[i] as readonly number[];
    if (row.length !== p)
      throw new InputError(
        'invalid_argument',
        `featureMatrixFromRows: row ${i} has ${row.length} values, row 0 has ${p}`,
      );
    for (let j = 0; j < p; j++) values[j * n + i] = row[j] as number;
  }
  return { values, rows: n, columns: p };
}

/** InputError unless x is a consistent rows × columns matrix of finite values. */
export function checkMatrix(x: FeatureMatrix, what: string): void {
  if (!Number.isInteger(x.rows) || !Number.isInteger(x.columns) || x.rows < 0 || x.columns < 0)
    throw new InputError('invalid_argument', `${what}: rows and columns must be non-negative integers`);
  if (x.values.length !== x.rows * x.columns)
    throw new InputError(
      'invalid_argument',
      `${what}: matrix has ${x.values.length} values, expected rows × columns = ${x.rows * x.columns}`,
    );
  for (let k = 0; k < x.values.length; k++) {
    if (!Number.isFinite(x.values[k] as number)) {
      const row = k % x.rows;
      const column = Math.floor(k / x.rows);
      throw new InputError(
        'invalid_argument',
        `${what}: feature ${column} of row ${row} is not a finite number`,
      );
    }
  }
}

/** Node arrays filled by the grower (capacity ≥ node count). */
export interface BuildArrays {
  readonly nodeFeature: Int32Array;
  readonly nodeThreshold: Float64Array;
  readonly nodeLeft: Int32Array;
  readonly nodeRight: Int32Array;
  readonly nodeCount: Int32Array;
  readonly nodeWeight: Float64Array;
  readonly nodeSum: Float64Array;
  readonly nodeSquares: Float64Array;
}

/** Copies the built nodes (already in depth-first preorder) and computes the importances. */
export function finishTree(
  nodes: number,
  leafCount: number,
  depth: number,
  columns: number,
  totalWeight: number,
  b: BuildArrays,
): RegressionTree {
  const feature = b.nodeFeature.slice(0, nodes);
  const threshold = b.nodeThreshold.slice(0, nodes);
  const left = b.nodeLeft.slice(0, nodes);
  const right = b.nodeRight.slice(0, nodes);
  const samples = b.nodeCount.slice(0, nodes);
  const weightedSamples = b.nodeWeight.slice(0, nodes);
  const value = new Float64Array(nodes);
  const impurity = new Float64Array(nodes);
  for (let id = 0; id < nodes; id++) {
    const w = weightedSamples[id] as number;
    const mean = (b.nodeSum[id] as number) / w;
    value[id] = mean;
    impurity[id] = (b.nodeSquares[id] as number) / w - mean * mean;
  }
  const impurityDecreases = new Float64Array(columns);
  for (let id = 0; id < nodes; id++) {
    const f = feature[id] as number;
    if (f < 0) continue;
    const l = left[id] as number;
    const r = right[id] as number;
    impurityDecreases[f] =
      (impurityDecreases[f] as number) +
      (weightedSamples[id] as number) * (impurity[id] as number) -
      (weightedSamples[l] as number) * (impurity[l] as number) -
      (weightedSamples[r] as number) * (impurity[r] as number);
  }
  let normaliser = 0;
  for (let f = 0; f < columns; f++) {
    impurityDecreases[f] = (impurityDecreases[f] as number) / totalWeight;
    normaliser += impurityDecreases[f] as number;
  }
  const featureImportances = new Float64Array(columns);
  if (normaliser > 0)
    for (let f = 0; f < columns; f++) featureImportances[f] = (impurityDecreases[f] as number) / normaliser;
  return {
    nodeCount: nodes,
    leafCount,
    depth,
    columns,
    feature,
    threshold,
    left,
    right,
    value,
    impurity,
    samples,
    weightedSamples,
    impurityDecreases,
    featureImportances,
  };
}

/** Leaf value of row `row` of a column-major matrix. */
export function predictRegressionTreeRow(tree: RegressionTree, x: FeatureMatrix, row: number): number {
  let node = 0;
  const { feature, threshold, left, right } = tree;
  const n = x.rows;
  const values = x.values;
  for (;;) {
    const f = feature[node] as number;
    if (f < 0) return tree.value[node] as number;
    node =
      (values[f * n + row] as number) <= (threshold[node] as number)
        ? (left[node] as number)
        : (right[node] as number);
  }
}

/** Predictions for every row of `x` (same columns as the training matrix). O(rows · depth). */
export function predictRegressionTree(tree: RegressionTree, x: FeatureMatrix): Float64Array {
  checkMatrix(x, 'predictRegressionTree');
  if (x.columns !== tree.columns)
    throw new InputError(
      'invalid_argument',
      `predictRegressionTree: the tree was fitted on ${tree.columns} features, the matrix has ${x.columns}`,
    );
  const out = new Float64Array(x.rows);
  for (let i = 0; i < x.rows; i++) out[i] = predictRegressionTreeRow(tree, x, i);
  return out;
}
