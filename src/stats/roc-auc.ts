import { InputError } from '../core/errors.js';

/**
 * Area under the ROC curve of scores for binary labels, by the Mann-Whitney rank statistic:
 *   AUC = (Σ ranks of the positives − n₊(n₊ + 1)/2) / (n₊ · n₋),
 * with mid-ranks for ties (so a tie between a positive and a negative counts ½) — equal to
 * scikit-learn's roc_auc_score. 0.5 = no better than chance, 1 = perfect ranking.
 * Cost: O(n log n). Reference: Hanley & McNeil (1982), Radiology 143(1).
 * Example: rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]) → 0.75 (sklearn's documented example).
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number | boolean>): number {
  const n = scores.length;
  if (labels.length !== n)
    throw new InputError('invalid_argument', `rocAuc: ${n} scores but ${labels.length} labels`);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(scores[i] as number))
      throw new InputError('invalid_argument', `rocAuc: score at index ${i} is not a finite number`);
  }
  order.sort((x, y) => (scores[x] as number) - (scores[y] as number));
  let positives = 0;
  let rankSum = 0;
  for (let start = 0; start < n; ) {
    let end = start;
    while (end + 1 < n && scores[order[end + 1] as number] === scores[order[start] as number]) end++;
    const midRank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) {
      if (labels[order[k] as number]) {
        positives += 1;
        rankSum += midRank;
      }
    }
    start = end + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0)
    throw new InputError('insufficient_data', 'rocAuc needs at least one positive and one negative label');
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
