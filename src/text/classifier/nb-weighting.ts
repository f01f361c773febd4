import type { CsrMatrix } from './hashed-features.js';

/**
 * Naive-Bayes feature weighting for a binary linear classifier (NB-LR, the logistic-regression
 * variant of NBSVM: Wang & Manning 2012, "Baselines and Bigrams: Simple, Good Sentiment and Topic
 * Classification", ACL): every column j is scaled by its log-count ratio
 *   r_j = ln( (p_j / ‖p‖₁) / (q_j / ‖q‖₁) ),  p_j = α + #{positive rows with x_ij ≠ 0},
 *                                              q_j = α + #{negative rows with x_ij ≠ 0},
 * with ‖·‖₁ over the columns present in the rows, so that words the two classes use differently
 * weigh more before the L2-regularised fit. Columns absent from every row get r = 0.
 * Written here because no JavaScript library offers it; checked against the formula in
 * classifier.test.ts. Cost: O(non-zeros + columns).
 */
export function logCountRatio(rows: CsrMatrix, positive: Int32Array, alpha = 1): Float32Array {
  const inPositive = new Float64Array(rows.columns);
  const inNegative = new Float64Array(rows.columns);
  const present = new Uint8Array(rows.columns);
  for (let r = 0; r < rows.rows; r++) {
    const counts = positive[r] === 1 ? inPositive : inNegative;
    for (let k = rows.rowStart[r] as number; k < (rows.rowStart[r + 1] as number); k++) {
      if (rows.values[k] === 0) continue;
      const column = rows.indices[k] as number;
      counts[column] = (counts[column] as number) + 1;
      present[column] = 1;
    }
  }
  let positiveTotal = 0;
  let negativeTotal = 0;
  for (let j = 0; j < rows.columns; j++) {
    if (present[j] === 0) continue;
    positiveTotal += alpha + (inPositive[j] as number);
    negativeTotal += alpha + (inNegative[j] as number);
  }
  const ratio = new Float32Array(rows.columns);
  for (let j = 0; j < rows.columns; j++)
    if (present[j] === 1)
      ratio[j] =
        Math.log((alpha + (inPositive[j] as number)) / positiveTotal) -
        Math.log((alpha + (inNegative[j] as number)) / negativeTotal);
  return ratio;
}

/** In place: every value times its column's factor. */
export function scaleColumns(rows: CsrMatrix, factors: Float32Array): CsrMatrix {
  for (let k = 0; k < rows.indices.length; k++)
    rows.values[k] = (rows.values[k] as number) * (factors[rows.indices[k] as number] as number);
  return rows;
}
