import { InputError } from '../core/errors.js';

/**
 * Adjusted Rand index (Hubert & Arabie 1985, "Comparing partitions", Journal of Classification 2),
 * as scikit-learn's `adjusted_rand_score(labels_true, labels_pred)`: the agreement of two
 * partitions of the same items, corrected for chance.
 *
 * From the contingency table n_ij (items in class i of the first and cluster j of the second), with
 * row sums a_i, column sums b_j and C(m) = m(m − 1)/2:
 *   index = Σ_ij C(n_ij),  expected = Σ_i C(a_i) · Σ_j C(b_j) / C(n),  max = ½ (Σ_i C(a_i) + Σ_j C(b_j)),
 *   ARI = (index − expected) / (max − expected).
 * 1 for identical partitions (whatever the label names), about 0 for independent ones, negative
 * when worse than chance. When no pair of items is split differently (both partitions trivial in
 * the same way, or n = 1), the result is 1, as in scikit-learn.
 *
 * Labels are any integers (compared by value). Cost O(n) time (hash maps), O(classes · clusters)
 * memory; pair counts stay exact in double precision up to n ≈ 10⁸.
 *
 * Example: adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2]) → 0.5714285714285714 (scikit-learn:
 * adjusted_rand_score([0, 0, 1, 1], [0, 0, 1, 2]) = 0.5714285714285714).
 */
export function adjustedRandIndex(first: ArrayLike<number>, second: ArrayLike<number>): number {
  const n = first.length;
  if (second.length !== n)
    throw new InputError(
      'invalid_argument',
      `adjustedRandIndex: the two labelings have different lengths (${n} and ${second.length})`,
    );
  if (n === 0)
    throw new InputError('insufficient_data', 'adjustedRandIndex needs at least one labelled item');
  const rowIds = denseIds(first, 'first');
  const columnIds = denseIds(second, 'second');
  const rows = rowIds.count;
  const columns = columnIds.count;
  const rowSums = new Float64Array(rows);
  const columnSums = new Float64Array(columns);
  // Sparse contingency table keyed by row·columns + column (fits a double exactly for any realistic size).
  const cells = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const r = rowIds.ids[i] as number;
    const c = columnIds.ids[i] as number;
    rowSums[r] = (rowSums[r] as number) + 1;
    columnSums[c] = (columnSums[c] as number) + 1;
    const key = r * columns + c;
    cells.set(key, (cells.get(key) ?? 0) + 1);
  }
  const pairs = (m: number) => (m * (m - 1)) / 2;
  let index = 0;
  for (const count of cells.values()) index += pairs(count);
  let rowPairs = 0;
  for (const count of rowSums) rowPairs += pairs(count);
  let columnPairs = 0;
  for (const count of columnSums) columnPairs += pairs(count);
  // Pairs split differently by the two partitions: none → perfect agreement (scikit-learn's special case).
  if (rowPairs === index && columnPairs === index) return 1;
  const expected = (rowPairs * columnPairs) / pairs(n);
  const maximum = (rowPairs + columnPairs) / 2;
  return (index - expected) / (maximum - expected);
}

/** Dense ids 0 … count − 1 in order of first appearance; labels must be integers. */
function denseIds(labels: ArrayLike<number>, which: string): { ids: Int32Array; count: number } {
  const ids = new Int32Array(labels.length);
  const seen = new Map<number, number>();
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] as number;
    if (!Number.isInteger(label))
      throw new InputError(
        'invalid_argument',
        `adjustedRandIndex: ${which} labeling has a non-integer label at index ${i} (${label})`,
      );
    let id = seen.get(label);
    if (id === undefined) {
      id = seen.size;
      seen.set(label, id);
    }
    ids[i] = id;
  }
  return { ids, count: seen.size };
}
