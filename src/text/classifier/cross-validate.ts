import { InputError } from '../../core/errors.js';
import { evaluate } from './sentiment-model.js';
import { splitsForFolds } from './splits.js';
import { checkTrainingData, type TrainOptions, trainSentimentModel } from './train-sentiment-model.js';

/**
 * Stratified k-fold cross-validated accuracy (Hastie, Tibshirani & Friedman 2009, §7.10): the rows
 * are dealt into `folds` label-stratified folds (seeded, splits.ts); for each fold a model is trained
 * on the other folds with `options` (including C chosen on an inner validation split when c is
 * 'auto') and scored on it. accuracy = correct predictions over all rows / n (rows are each
 * predicted exactly once). Cost: folds × trainSentimentModel.
 */
export function crossValidate(
  texts: readonly string[],
  labels: readonly string[],
  folds: number,
  options: TrainOptions = {},
): { accuracy: number; foldAccuracies: number[]; foldCs: number[] } {
  checkTrainingData(texts, labels);
  if (!(Number.isInteger(folds) && folds >= 2 && folds <= texts.length))
    throw new InputError(
      'invalid_argument',
      `folds must be an integer in 2 … ${texts.length} (got ${folds})`,
    );
  const foldAccuracies: number[] = [];
  const foldCs: number[] = [];
  let correct = 0;
  for (const { train, test } of splitsForFolds(labels, folds, options.seed ?? 42)) {
    const pick = (rows: readonly number[], from: readonly string[]) => rows.map((row) => from[row] as string);
    const { model } = trainSentimentModel(pick(train, texts), pick(train, labels), options);
    const report = evaluate(model, pick(test, texts), pick(test, labels), options.tokenize);
    foldAccuracies.push(report.accuracy);
    foldCs.push(model.c);
    correct += Math.round(report.accuracy * test.length);
  }
  return { accuracy: correct / texts.length, foldAccuracies, foldCs };
}
