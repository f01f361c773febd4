import { createRng, shuffle } from '../../core/random.js';

/**
 * Seeded stratified splits: each label's rows are shuffled (our seeded rng) and dealt out so every
 * part keeps the label proportions (as scikit-learn's StratifiedKFold / train_test_split(stratify=)).
 * The bench uses these same functions to hand identical splits to scikit-learn.
 */

/** Row numbers grouped by label, in first-appearance order of the labels. */
function rowsByLabel(labels: readonly string[]): number[][] {
  const groups = new Map<string, number[]>();
  labels.forEach((label, row) => {
    const group = groups.get(label);
    if (group) group.push(row);
    else groups.set(label, [row]);
  });
  return [...groups.values()];
}

/**
 * Hold out round(share × count) rows of every label (at least 1 and at most count − 1 when a
 * label has ≥ 2 rows). Returns sorted row numbers of both parts.
 */
export function stratifiedHoldout(
  labels: readonly string[],
  share: number,
  seed: number,
): { train: number[]; holdout: number[] } {
  const rng = createRng(seed);
  const train: number[] = [];
  const holdout: number[] = [];
  for (const group of rowsByLabel(labels)) {
    const shuffled = shuffle(rng, group);
    const take =
      group.length < 2 ? 0 : Math.min(group.length - 1, Math.max(1, Math.round(share * group.length)));
    holdout.push(...shuffled.slice(0, take));
    train.push(...shuffled.slice(take));
  }
  return { train: train.sort((a, b) => a - b), holdout: holdout.sort((a, b) => a - b) };
}

/** Fold number (0 … folds − 1) per row: each label's shuffled rows are dealt round-robin. */
export function stratifiedFolds(labels: readonly string[], folds: number, seed: number): Int32Array {
  const rng = createRng(seed);
  const fold = new Int32Array(labels.length);
  let offset = 0;
  for (const group of rowsByLabel(labels)) {
    shuffle(rng, group).forEach((row, i) => {
      fold[row] = (offset + i) % folds;
    });
    // Continue the deal where the previous label stopped so fold sizes stay within one row.
    offset = (offset + group.length) % folds;
  }
  return fold;
}

/** Train and test row numbers of each fold of stratifiedFolds. */
export function splitsForFolds(
  labels: readonly string[],
  folds: number,
  seed: number,
): { train: number[]; test: number[] }[] {
  const fold = stratifiedFolds(labels, folds, seed);
  return Array.from({ length: folds }, (_, f) => {
    const train: number[] = [];
    const test: number[] = [];
    fold.forEach((value, row) => {
      (value === f ? test : train).push(row);
    });
    return { train, test };
  });
}
