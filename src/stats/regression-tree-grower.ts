import { InputError } from '../core/errors.js';
import {
  checkMatrix,
  type FeatureMatrix,
  finishTree,
  type RegressionTree,
  type RegressionTreeOptions,
} from './regression-tree.js';
import { partitionSegment, scanFeature } from './regression-tree-split.js';

/**
 * Grows CART regression trees as scikit-learn's DepthFirstTreeBuilder (criterion, cut rules, ties and
 * reference in regression-tree.ts).
 *
 * Build: features are presorted once (O(p·n log n)); the tree then grows depth-first as sklearn's
 * DepthFirstTreeBuilder. Every node owns one contiguous segment of each feature's sorted row list, so
 * finding its cut is a sequential scan with running sums, and splitting it is a stable partition of
 * those segments: O(p·n) per tree level, O(p·n·depth) per tree, no allocation inside the loops. As in
 * sklearn, the right child's sums are the parent's minus the left child's. `createTreeGrower` keeps the
 * presort and buffers so gradient boosting grows hundreds of trees on the same rows without re-sorting.
 *
 * Example:
 *   const grower = createTreeGrower(featureMatrixFromRows([[1], [2], [3], [4]]), { maxDepth: 1 });
 *   grower.grow([1, 1, 5, 5]).threshold[0] → 2.5
 */

/** Grows trees on one fixed matrix; presorts once. Used by gradient boosting. */
export interface TreeGrower {
  /**
   * Fits a tree to `target` (length rows) with optional per-row weights; when `fittedOut` is given,
   * writes each row's leaf value into it (the tree's prediction for the training rows).
   */
  grow(target: ArrayLike<number>, weights?: ArrayLike<number>, fittedOut?: Float64Array): RegressionTree;
}

const EPSILON = Number.EPSILON;

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1)
    throw new InputError(
      'invalid_argument',
      `regression tree: ${name} must be a positive integer, got ${value}`,
    );
  return value;
}

interface ResolvedOptions {
  readonly maxDepth: number;
  readonly minSamplesSplit: number;
  readonly minSamplesLeaf: number;
  readonly minImpurityDecrease: number;
}

function resolveOptions(options: RegressionTreeOptions): ResolvedOptions {
  const maxDepth =
    options.maxDepth === undefined ? Number.POSITIVE_INFINITY : positiveIntegerOrZero(options.maxDepth);
  const minSamplesSplit = positiveInteger(options.minSamplesSplit, 2, 'minSamplesSplit');
  if (minSamplesSplit < 2)
    throw new InputError(
      'invalid_argument',
      `regression tree: minSamplesSplit must be ≥ 2, got ${minSamplesSplit}`,
    );
  const minSamplesLeaf = positiveInteger(options.minSamplesLeaf, 1, 'minSamplesLeaf');
  const minImpurityDecrease = options.minImpurityDecrease ?? 0;
  if (!Number.isFinite(minImpurityDecrease) || minImpurityDecrease < 0)
    throw new InputError(
      'invalid_argument',
      `regression tree: minImpurityDecrease must be a finite number ≥ 0, got ${minImpurityDecrease}`,
    );
  return { maxDepth, minSamplesSplit, minSamplesLeaf, minImpurityDecrease };
}

function positiveIntegerOrZero(value: number): number {
  if (!Number.isInteger(value) || value < 0)
    throw new InputError(
      'invalid_argument',
      `regression tree: maxDepth must be an integer ≥ 0, got ${value}`,
    );
  return value;
}

function checkTarget(target: ArrayLike<number>, rows: number, what: string): void {
  if (target.length !== rows)
    throw new InputError('invalid_argument', `${what}: ${rows} rows but ${target.length} target values`);
  for (let i = 0; i < rows; i++) {
    if (!Number.isFinite(target[i] as number))
      throw new InputError('invalid_argument', `${what}: target at row ${i} is not a finite number`);
  }
}

function checkWeights(weights: ArrayLike<number> | undefined, rows: number, what: string): void {
  if (weights === undefined) return;
  if (weights.length !== rows)
    throw new InputError('invalid_argument', `${what}: ${rows} rows but ${weights.length} sample weights`);
  let total = 0;
  for (let i = 0; i < rows; i++) {
    const w = weights[i] as number;
    if (!Number.isFinite(w) || w < 0)
      throw new InputError(
        'invalid_argument',
        `${what}: sample weight at row ${i} must be finite and ≥ 0, got ${w}`,
      );
    total += w;
  }
  if (!(total > 0)) throw new InputError('insufficient_data', `${what}: sample weights sum to zero`);
}

/**
 * Presorts the matrix and returns a grower that fits trees with the given options to any target.
 * The matrix must not change while the grower is in use.
 */
export function createTreeGrower(x: FeatureMatrix, options: RegressionTreeOptions = {}): TreeGrower {
  checkMatrix(x, 'regression tree');
  if (x.rows < 1) throw new InputError('insufficient_data', 'regression tree needs at least one row');
  const { maxDepth, minSamplesSplit, minSamplesLeaf, minImpurityDecrease } = resolveOptions(options);
  const n = x.rows;
  const p = x.columns;
  const X = x.values;

  // Presort: per feature, row indices by value (ties by row index).
  const sortedRows = new Int32Array((p + 1) * n);
  const rowsByValue = new Array<number>(n);
  for (let f = 0; f < p; f++) {
    const base = f * n;
    for (let i = 0; i < n; i++) rowsByValue[i] = i;
    rowsByValue.sort((a, b) => (X[base + a] as number) - (X[base + b] as number) || a - b);
    for (let i = 0; i < n; i++) sortedRows[base + i] = rowsByValue[i] as number;
  }
  // The values in the same order, so the split scan reads them sequentially.
  const sortedValues = new Float64Array(p * n);
  for (let k = 0; k < p * n; k++) sortedValues[k] = X[k - (k % n) + (sortedRows[k] as number)] as number;

  // One sorted row list per feature plus a plain row list (index p) for membership; each node owns the
  // same segment [start, end) of every list, kept sorted by stable partitioning when the node splits.
  const rowLists = p + 1;
  for (let i = 0; i < n; i++) sortedRows[p * n + i] = i;
  const order = new Int32Array(rowLists * n);
  const orderValues = new Float64Array(p * n);
  const scratch = new Int32Array(n);
  const scratchValues = new Float64Array(n);
  const goesLeft = new Uint8Array(n);
  const capacity = 2 * n - 1;
  const nodeFeature = new Int32Array(capacity);
  const nodeThreshold = new Float64Array(capacity);
  const nodeLeft = new Int32Array(capacity);
  const nodeRight = new Int32Array(capacity);
  const nodeCount = new Int32Array(capacity);
  const nodeWeight = new Float64Array(capacity);
  const nodeSum = new Float64Array(capacity);
  const nodeSquares = new Float64Array(capacity);
  // Depth-first stack of nodes still to build (as sklearn's DepthFirstTreeBuilder: right pushed first).
  const stackSize = n + 2;
  const stackParent = new Int32Array(stackSize);
  const stackIsLeft = new Uint8Array(stackSize);
  const stackStart = new Int32Array(stackSize);
  const stackEnd = new Int32Array(stackSize);
  const stackDepth = new Int32Array(stackSize);
  const stackWeight = new Float64Array(stackSize);
  const stackSum = new Float64Array(stackSize);
  const stackSquares = new Float64Array(stackSize);
  const targetBuffer = new Float64Array(n);
  const weightBuffer = new Float64Array(n);
  // Interleaved (w, w·y) per row: one cache line per row in the scan.
  const weightedPairs = new Float64Array(2 * n);
  const cut = new Float64Array(2);

  const grow = (
    target: ArrayLike<number>,
    weightsInput?: ArrayLike<number>,
    fittedOut?: Float64Array,
  ): RegressionTree => {
    checkTarget(target, n, 'regression tree');
    checkWeights(weightsInput, n, 'regression tree');
    if (fittedOut !== undefined && fittedOut.length !== n)
      throw new InputError('invalid_argument', `regression tree: fittedOut must have ${n} entries`);
    // Monomorphic Float64Array copies keep the hot loops fast whatever array type the caller passes.
    const y = targetBuffer;
    const w = weightBuffer;
    let totalWeight = 0;
    let totalSum = 0;
    let totalSquares = 0;
    for (let i = 0; i < n; i++) {
      const yi = target[i] as number;
      const wi = weightsInput === undefined ? 1 : (weightsInput[i] as number);
      y[i] = yi;
      w[i] = wi;
      weightedPairs[2 * i] = wi;
      weightedPairs[2 * i + 1] = wi * yi;
      totalWeight += wi;
      totalSum += wi * yi;
      totalSquares += wi * yi * yi;
    }
    order.set(sortedRows);
    orderValues.set(sortedValues);
    const membership = p * n;

    let top = 0;
    stackParent[0] = -1;
    stackIsLeft[0] = 0;
    stackStart[0] = 0;
    stackEnd[0] = n;
    stackDepth[0] = 0;
    stackWeight[0] = totalWeight;
    stackSum[0] = totalSum;
    stackSquares[0] = totalSquares;
    top = 1;
    let nodes = 0;
    let leafCount = 0;
    let deepest = 0;

    while (top > 0) {
      top--;
      const start = stackStart[top] as number;
      const end = stackEnd[top] as number;
      const depth = stackDepth[top] as number;
      const parent = stackParent[top] as number;
      const weight = stackWeight[top] as number;
      const sum = stackSum[top] as number;
      const squares = stackSquares[top] as number;
      const id = nodes++;
      if (parent >= 0) {
        if (stackIsLeft[top] === 1) nodeLeft[parent] = id;
        else nodeRight[parent] = id;
      }
      const count = end - start;
      nodeCount[id] = count;
      nodeWeight[id] = weight;
      nodeSum[id] = sum;
      nodeSquares[id] = squares;
      const mean = sum / weight;
      const impurity = squares / weight - mean * mean;

      let bestFeature = -1;
      let bestThreshold = 0;
      let leftCount = 0;
      let leftWeight = 0;
      let leftSum = 0;
      let leftSquares = 0;
      if (
        !(depth >= maxDepth || count < minSamplesSplit || count < 2 * minSamplesLeaf || impurity <= EPSILON)
      ) {
        // Best cut: scan each feature's sorted segment with running left sums.
        let bestProxy = Number.NEGATIVE_INFINITY;
        for (let f = 0; f < p; f++) {
          if (
            scanFeature(
              f * n,
              start,
              end,
              weight,
              sum,
              minSamplesLeaf,
              bestProxy,
              order,
              orderValues,
              weightedPairs,
              cut,
            )
          ) {
            bestProxy = cut[0] as number;
            bestThreshold = cut[1] as number;
            bestFeature = f;
          }
        }
        if (bestFeature >= 0) {
          const base = bestFeature * n;
          for (let r = start; r < end; r++) {
            const i = order[membership + r] as number;
            if ((X[base + i] as number) <= bestThreshold) {
              goesLeft[i] = 1;
              const wi = w[i] as number;
              const yi = y[i] as number;
              leftCount++;
              leftWeight += wi;
              leftSum += wi * yi;
              leftSquares += wi * yi * yi;
            } else goesLeft[i] = 0;
          }
          const rightWeight = weight - leftWeight;
          const rightSquares = squares - leftSquares;
          const meanLeft = leftSum / leftWeight;
          const meanRight = (sum - leftSum) / rightWeight;
          const impurityLeft = leftSquares / leftWeight - meanLeft * meanLeft;
          const impurityRight = rightSquares / rightWeight - meanRight * meanRight;
          const improvement =
            (weight / totalWeight) *
            (impurity - (rightWeight / weight) * impurityRight - (leftWeight / weight) * impurityLeft);
          if (improvement + EPSILON < minImpurityDecrease) bestFeature = -1;
        }
      }

      if (bestFeature < 0) {
        nodeFeature[id] = -1;
        nodeThreshold[id] = Number.NaN;
        nodeLeft[id] = -1;
        nodeRight[id] = -1;
        leafCount++;
        if (depth > deepest) deepest = depth;
        if (fittedOut !== undefined)
          for (let r = start; r < end; r++) fittedOut[order[membership + r] as number] = mean;
        continue;
      }

      nodeFeature[id] = bestFeature;
      nodeThreshold[id] = bestThreshold;
      // Stable partition of every list's segment: left rows first, each side still sorted.
      for (let q = 0; q < rowLists; q++)
        partitionSegment(
          q * n + start,
          q * n + end,
          goesLeft,
          order,
          q < p ? orderValues : undefined,
          scratch,
          scratchValues,
        );
      // Sums of the right child by difference; recomputing them exactly would cost another pass.
      const middle = start + leftCount;
      stackParent[top] = id;
      stackIsLeft[top] = 0;
      stackStart[top] = middle;
      stackEnd[top] = end;
      stackDepth[top] = depth + 1;
      stackWeight[top] = weight - leftWeight;
      stackSum[top] = sum - leftSum;
      stackSquares[top] = squares - leftSquares;
      top++;
      stackParent[top] = id;
      stackIsLeft[top] = 1;
      stackStart[top] = start;
      stackEnd[top] = middle;
      stackDepth[top] = depth + 1;
      stackWeight[top] = leftWeight;
      stackSum[top] = leftSum;
      stackSquares[top] = leftSquares;
      top++;
    }

    return finishTree(nodes, leafCount, deepest, p, totalWeight, {
      nodeFeature,
      nodeThreshold,
      nodeLeft,
      nodeRight,
      nodeCount,
      nodeWeight,
      nodeSum,
      nodeSquares,
    });
  };

  return { grow };
}

/**
 * Fits one regression tree. Cost O(p·n log n + p·n·depth).
 * Throws InputError on non-finite features/targets, mismatched lengths or invalid options.
 */
export function fitRegressionTree(
  x: FeatureMatrix,
  target: ArrayLike<number>,
  options: RegressionTreeOptions = {},
): RegressionTree {
  return createTreeGrower(x, options).grow(target, options.sampleWeights);
}
