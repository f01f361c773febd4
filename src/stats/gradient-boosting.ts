import { InputError } from '../core/errors.js';
import { createRng } from '../core/random.js';
import { type FeatureMatrix, predictRegressionTreeRow, type RegressionTree } from './regression-tree.js';
import { createTreeGrower } from './regression-tree-grower.js';

/**
 * Least-squares gradient boosting of regression trees (Friedman 2001, "Greedy function approximation:
 * a gradient boosting machine", Annals of Statistics 29(5), algorithm LS_Boost), as scikit-learn's
 * `GradientBoostingRegressor(loss='squared_error')`:
 *
 *   F₀ = weighted mean of y;  for m = 1..M:  r = y − F_{m−1};  h_m = CART tree fitted to r
 *   (leaf value = weighted mean residual);  F_m = F_{m−1} + learningRate · h_m.
 *
 * The trees are grown by `createTreeGrower` (regression-tree-grower.ts): the rows are presorted once and
 * every tree reuses the same buffers, so a fit costs O(p·n log n + M·p·n·depth). With subsample = 1 and no
 * ties in split gain, predictions equal sklearn 1.2.1's to rounding (its default friedman_mse criterion
 * ranks cuts exactly as squared error does: Friedman's gain = W_node × the squared-error gain).
 *
 * Options beyond sklearn's defaults:
 * - subsample < 1: each tree sees a random subset of ⌊subsample·n⌋ rows (drawn with our seeded Rng, so
 *   the subsets differ from sklearn's NumPy draws); the other rows get weight 0, as in sklearn.
 * - earlyStopping: holds out validationFraction of the rows (random rows, or the last rows with
 *   split 'tail' for time-ordered data) and stops when the validation MSE has not improved by more
 *   than `tolerance` for `patience` trees — sklearn's n_iter_no_change rule (the tree that failed to
 *   improve is kept, as sklearn keeps it).
 * Feature importances are sklearn's: the per-tree impurity decreases (not normalised) averaged over
 * trees with at least one split, then normalised to sum 1.
 *
 * Example: fitGradientBoosting(featureMatrixFromRows([[0], [1], [2], [3]]), [0, 0, 4, 4],
 *   { nEstimators: 1, learningRate: 0.5, maxDepth: 1 }) → init 2, one stump ±2; predictions [1, 1, 3, 3].
 */

export interface EarlyStoppingOptions {
  /** Share of rows held out for validation (default 0.1). */
  readonly validationFraction?: number;
  /** Trees without improvement before stopping (sklearn's n_iter_no_change; default 10). */
  readonly patience?: number;
  /** Minimum improvement of the validation MSE (default 1e-4). */
  readonly tolerance?: number;
  /** 'random' rows (default) or the 'tail' (last rows, for time-ordered data). */
  readonly split?: 'random' | 'tail';
}

export interface GradientBoostingOptions {
  /** Number of boosting stages (default 100). */
  readonly nEstimators?: number;
  /** Shrinkage (default 0.1). */
  readonly learningRate?: number;
  /** Depth of each tree (default 3). */
  readonly maxDepth?: number;
  readonly minSamplesSplit?: number;
  readonly minSamplesLeaf?: number;
  readonly minImpurityDecrease?: number;
  /** Fraction of rows per tree, in (0, 1] (default 1). */
  readonly subsample?: number;
  readonly sampleWeights?: ArrayLike<number>;
  readonly earlyStopping?: EarlyStoppingOptions;
  /** Seed for subsampling and the random validation split (default 1). */
  readonly seed?: number;
}

export interface GradientBoostingModel {
  /** F₀: the (weighted) mean of the training target. */
  readonly initialPrediction: number;
  readonly learningRate: number;
  readonly trees: readonly RegressionTree[];
  readonly columns: number;
  /** Normalised importances (sum 1; all 0 when no tree split). */
  readonly featureImportances: Float64Array;
  /** Weighted training MSE after each stage (sklearn's train_score_ when subsample = 1). */
  readonly trainLoss: Float64Array;
  /** Validation MSE after each stage when early stopping was on. */
  readonly validationLoss?: Float64Array;
}

function rowsOf(x: FeatureMatrix, rows: Int32Array): FeatureMatrix {
  const m = rows.length;
  const values = new Float64Array(m * x.columns);
  for (let f = 0; f < x.columns; f++) {
    const from = f * x.rows;
    const to = f * m;
    for (let k = 0; k < m; k++) values[to + k] = x.values[from + (rows[k] as number)] as number;
  }
  return { values, rows: m, columns: x.columns };
}

function pickValues(values: ArrayLike<number>, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = values[rows[k] as number] as number;
  return out;
}

function weightedMse(y: Float64Array, raw: Float64Array, w: Float64Array | undefined): number {
  let total = 0;
  let weight = 0;
  for (let i = 0; i < y.length; i++) {
    const d = (y[i] as number) - (raw[i] as number);
    const wi = w === undefined ? 1 : (w[i] as number);
    total += wi * d * d;
    weight += wi;
  }
  return total / weight;
}

function checkRange(value: number, name: string, ok: (v: number) => boolean, rule: string): number {
  if (!ok(value))
    throw new InputError('invalid_argument', `fitGradientBoosting: ${name} must be ${rule}, got ${value}`);
  return value;
}

/**
 * Fits LS gradient boosting. Throws InputError on invalid options or non-finite data (the tree checks
 * features, targets and weights).
 */
export function fitGradientBoosting(
  x: FeatureMatrix,
  target: ArrayLike<number>,
  options: GradientBoostingOptions = {},
): GradientBoostingModel {
  const nEstimators = checkRange(
    options.nEstimators ?? 100,
    'nEstimators',
    (v) => Number.isInteger(v) && v >= 1,
    'an integer ≥ 1',
  );
  const learningRate = checkRange(
    options.learningRate ?? 0.1,
    'learningRate',
    (v) => Number.isFinite(v) && v > 0,
    'a number > 0',
  );
  const subsample = checkRange(options.subsample ?? 1, 'subsample', (v) => v > 0 && v <= 1, 'in (0, 1]');
  const maxDepth = options.maxDepth ?? 3;
  if (target.length !== x.rows)
    throw new InputError(
      'invalid_argument',
      `fitGradientBoosting: ${x.rows} rows but ${target.length} target values`,
    );
  for (let i = 0; i < x.rows; i++) {
    if (!Number.isFinite(target[i] as number))
      throw new InputError(
        'invalid_argument',
        `fitGradientBoosting: target at row ${i} is not a finite number`,
      );
  }
  const rng = createRng(options.seed ?? 1);

  // Training / validation rows.
  let trainRows: Int32Array;
  let validationRows: Int32Array | undefined;
  const early = options.earlyStopping;
  let patience = 0;
  let tolerance = 0;
  if (early !== undefined) {
    const fraction = checkRange(
      early.validationFraction ?? 0.1,
      'validationFraction',
      (v) => v > 0 && v < 1,
      'in (0, 1)',
    );
    patience = checkRange(
      early.patience ?? 10,
      'patience',
      (v) => Number.isInteger(v) && v >= 1,
      'an integer ≥ 1',
    );
    tolerance = checkRange(
      early.tolerance ?? 1e-4,
      'tolerance',
      (v) => Number.isFinite(v) && v >= 0,
      'a number ≥ 0',
    );
    const validationCount = Math.ceil(fraction * x.rows);
    if (validationCount < 1 || x.rows - validationCount < 2)
      throw new InputError(
        'insufficient_data',
        `fitGradientBoosting: ${x.rows} rows are too few for early stopping`,
      );
    const order = Int32Array.from({ length: x.rows }, (_, i) => i);
    if ((early.split ?? 'random') === 'random') {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(rng.next() * (i + 1));
        const t = order[i] as number;
        order[i] = order[j] as number;
        order[j] = t;
      }
      trainRows = order.slice(0, x.rows - validationCount).sort();
      validationRows = order.slice(x.rows - validationCount).sort();
    } else {
      trainRows = order.slice(0, x.rows - validationCount);
      validationRows = order.slice(x.rows - validationCount);
    }
  } else {
    trainRows = Int32Array.from({ length: x.rows }, (_, i) => i);
  }

  const fullTrain = validationRows === undefined;
  const xTrain = fullTrain ? x : rowsOf(x, trainRows);
  const yTrain = pickValues(target, trainRows);
  const wTrain =
    options.sampleWeights === undefined ? undefined : pickValues(options.sampleWeights, trainRows);
  const n = xTrain.rows;
  const grower = createTreeGrower(xTrain, {
    maxDepth,
    ...(options.minSamplesSplit === undefined ? {} : { minSamplesSplit: options.minSamplesSplit }),
    ...(options.minSamplesLeaf === undefined ? {} : { minSamplesLeaf: options.minSamplesLeaf }),
    ...(options.minImpurityDecrease === undefined
      ? {}
      : { minImpurityDecrease: options.minImpurityDecrease }),
  });

  let initialPrediction = 0;
  {
    let s = 0;
    let ws = 0;
    for (let i = 0; i < n; i++) {
      const wi = wTrain === undefined ? 1 : (wTrain[i] as number);
      s += wi * (yTrain[i] as number);
      ws += wi;
    }
    if (!(ws > 0))
      throw new InputError('insufficient_data', 'fitGradientBoosting: training weights sum to zero');
    initialPrediction = s / ws;
  }

  const raw = new Float64Array(n).fill(initialPrediction);
  const residual = new Float64Array(n);
  const leafValues = new Float64Array(n);
  const stageWeights = subsample < 1 ? new Float64Array(n) : undefined;
  const inBag = subsample < 1 ? Math.max(1, Math.floor(subsample * n)) : n;
  const permutation = subsample < 1 ? Int32Array.from({ length: n }, (_, i) => i) : undefined;
  const trees: RegressionTree[] = [];
  const trainLoss = new Float64Array(nEstimators);

  const xValidation = validationRows === undefined ? undefined : rowsOf(x, validationRows);
  const yValidation = validationRows === undefined ? undefined : pickValues(target, validationRows);
  const wValidation =
    validationRows === undefined || options.sampleWeights === undefined
      ? undefined
      : pickValues(options.sampleWeights, validationRows);
  const rawValidation =
    xValidation === undefined ? undefined : new Float64Array(xValidation.rows).fill(initialPrediction);
  const validationLoss = xValidation === undefined ? undefined : new Float64Array(nEstimators);
  const history = new Float64Array(Math.max(1, patience)).fill(Number.POSITIVE_INFINITY);

  let stages = 0;
  for (let m = 0; m < nEstimators; m++) {
    for (let i = 0; i < n; i++) residual[i] = (yTrain[i] as number) - (raw[i] as number);
    let weights: ArrayLike<number> | undefined = wTrain;
    if (stageWeights !== undefined && permutation !== undefined) {
      // Partial Fisher–Yates: the first inBag entries are a uniform sample without replacement.
      for (let i = 0; i < inBag; i++) {
        const j = i + Math.floor(rng.next() * (n - i));
        const t = permutation[i] as number;
        permutation[i] = permutation[j] as number;
        permutation[j] = t;
      }
      stageWeights.fill(0);
      for (let i = 0; i < inBag; i++) {
        const row = permutation[i] as number;
        stageWeights[row] = wTrain === undefined ? 1 : (wTrain[row] as number);
      }
      weights = stageWeights;
    }
    const tree = grower.grow(residual, weights, leafValues);
    trees.push(tree);
    for (let i = 0; i < n; i++) raw[i] = (raw[i] as number) + learningRate * (leafValues[i] as number);
    trainLoss[m] = weightedMse(yTrain, raw, wTrain);
    stages = m + 1;
    if (
      xValidation !== undefined &&
      rawValidation !== undefined &&
      yValidation !== undefined &&
      validationLoss
    ) {
      for (let i = 0; i < xValidation.rows; i++)
        rawValidation[i] =
          (rawValidation[i] as number) + learningRate * predictRegressionTreeRow(tree, xValidation, i);
      const loss = weightedMse(yValidation, rawValidation, wValidation);
      validationLoss[m] = loss;
      let improves = false;
      for (let k = 0; k < history.length; k++) if (loss + tolerance < (history[k] as number)) improves = true;
      if (!improves) break;
      history[m % history.length] = loss;
    }
  }

  const featureImportances = new Float64Array(x.columns);
  let relevant = 0;
  for (const tree of trees) {
    if (tree.nodeCount <= 1) continue;
    relevant++;
    for (let f = 0; f < x.columns; f++)
      featureImportances[f] = (featureImportances[f] as number) + (tree.impurityDecreases[f] as number);
  }
  let total = 0;
  for (let f = 0; f < x.columns; f++) total += featureImportances[f] as number;
  if (relevant > 0 && total > 0)
    for (let f = 0; f < x.columns; f++) featureImportances[f] = (featureImportances[f] as number) / total;

  return {
    initialPrediction,
    learningRate,
    trees,
    columns: x.columns,
    featureImportances,
    trainLoss: trainLoss.slice(0, stages),
    ...(validationLoss === undefined ? {} : { validationLoss: validationLoss.slice(0, stages) }),
  };
}

/** F_M(x) for every row of x. O(rows · trees · depth). */
export function predictGradientBoosting(model: GradientBoostingModel, x: FeatureMatrix): Float64Array {
  if (x.columns !== model.columns)
    throw new InputError(
      'invalid_argument',
      `predictGradientBoosting: the model was fitted on ${model.columns} features, the matrix has ${x.columns}`,
    );
  if (x.values.length !== x.rows * x.columns)
    throw new InputError('invalid_argument', 'predictGradientBoosting: values length is not rows × columns');
  for (let k = 0; k < x.values.length; k++) {
    if (!Number.isFinite(x.values[k] as number))
      throw new InputError(
        'invalid_argument',
        `predictGradientBoosting: feature ${Math.floor(k / x.rows)} of row ${k % x.rows} is not a finite number`,
      );
  }
  const out = new Float64Array(x.rows).fill(model.initialPrediction);
  for (const tree of model.trees) {
    for (let i = 0; i < x.rows; i++)
      out[i] = (out[i] as number) + model.learningRate * predictRegressionTreeRow(tree, x, i);
  }
  return out;
}
