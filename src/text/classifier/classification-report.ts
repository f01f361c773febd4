import { InputError } from '../../core/errors.js';

/**
 * Accuracy, per-label precision / recall / F1, macro-F1 (unweighted mean of the per-label F1, as
 * scikit-learn's f1_score(average='macro')) and the confusion matrix (rows = true label, columns =
 * predicted). A label with no predictions has precision 0 (scikit-learn's zero_division=0).
 */

export interface ClassificationReport {
  readonly accuracy: number;
  readonly macroF1: number;
  readonly perLabel: Record<string, { precision: number; recall: number; f1: number; support: number }>;
  readonly confusion: { labels: string[]; matrix: number[][] };
}

/** Report for true vs predicted labels over `labels` (plus any label met in the data). */
export function classificationReport(
  labels: readonly string[],
  truth: readonly string[],
  predicted: readonly string[],
): ClassificationReport {
  if (truth.length !== predicted.length)
    throw new InputError(
      'invalid_argument',
      `${truth.length} true labels but ${predicted.length} predicted labels`,
    );
  if (truth.length === 0)
    throw new InputError('invalid_argument', 'a classification report needs at least one row');
  const all = [...labels];
  for (const label of [...truth, ...predicted]) if (!all.includes(label)) all.push(label);
  const position = new Map(all.map((label, i) => [label, i]));
  const matrix = all.map(() => all.map(() => 0));
  let correct = 0;
  for (let i = 0; i < truth.length; i++) {
    const t = position.get(truth[i] as string) as number;
    const p = position.get(predicted[i] as string) as number;
    (matrix[t] as number[])[p] = ((matrix[t] as number[])[p] as number) + 1;
    if (t === p) correct++;
  }
  const perLabel: ClassificationReport['perLabel'] = {};
  let f1Total = 0;
  all.forEach((label, i) => {
    const row = matrix[i] as number[];
    const support = row.reduce((a, b) => a + b, 0);
    const predictedCount = matrix.reduce((a, r) => a + (r[i] as number), 0);
    const hits = row[i] as number;
    const precision = predictedCount === 0 ? 0 : hits / predictedCount;
    const recall = support === 0 ? 0 : hits / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    perLabel[label] = { precision, recall, f1, support };
    f1Total += f1;
  });
  return {
    accuracy: correct / truth.length,
    macroF1: f1Total / all.length,
    perLabel,
    confusion: { labels: all, matrix },
  };
}
