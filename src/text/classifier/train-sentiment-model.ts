import { InputError, type Issue } from '../../core/errors.js';
import { type ClassificationReport, classificationReport } from './classification-report.js';
import {
  applyIdfAndNormalise,
  type CsrMatrix,
  type FeatureSpec,
  fitIdf,
  hashedTermFrequencies,
  resolveFeatureSpec,
  type Tokenize,
} from './hashed-features.js';
import {
  denseWeights,
  fitLogistic,
  type LogisticFit,
  prepareLogisticProblem,
} from './logistic-regression.js';
import { predictRows, type TrainedSentimentModel } from './sentiment-model.js';
import { stratifiedHoldout } from './splits.js';

/**
 * Train a sentiment (text-class) model on the user's own labelled texts ("fine-tuning" the
 * classical engine): hashed word + character n-gram TF-IDF features and L2 logistic regression
 * (binary or multinomial) by L-BFGS. With `c: 'auto'` (default) C is chosen from
 * {0.5, 1, 2, 4, 8, 16, 32} by accuracy on a seeded stratified validation split (first best, i.e.
 * the smallest C on ties), and the final model is refitted on all texts (features too) with that C.
 * With `validationSet`, C is chosen on it instead and the model is the one trained on `texts`
 * (the protocol of a standard train/dev split). Cost: O(grid × L-BFGS iterations × non-zeros).
 */

export interface TrainOptions {
  readonly features?: FeatureSpec;
  /** Inverse regularisation strength, or 'auto' (default) to choose it on validation. */
  readonly c?: number | 'auto';
  /** Share of each label held out for validation (default 0.1, stratified, seeded; 0 < share ≤ 0.5). */
  readonly validationShare?: number;
  /** Seed of the validation split (default 42). */
  readonly seed?: number;
  /** Word tokenizer (default: defaultTokenize); pass the same one to predict. */
  readonly tokenize?: Tokenize;
  /** A separate labelled validation set (e.g. a standard dev split): no split, no refit. */
  readonly validationSet?: { readonly texts: readonly string[]; readonly labels: readonly string[] };
  /** C grid for 'auto' (default 0.5, 1, 2, 4, 8, 16, 32). */
  readonly cGrid?: readonly number[];
}

export interface TrainResult {
  readonly model: TrainedSentimentModel;
  readonly validation: ClassificationReport;
  readonly cGrid?: { c: number; accuracy: number }[];
}

export const DEFAULT_C_GRID: readonly number[] = [0.5, 1, 2, 4, 8, 16, 32];

/** Up to ten row numbers, then "…". */
function listRows(rows: readonly number[]): string {
  return rows.length <= 10 ? rows.join(', ') : `${rows.slice(0, 10).join(', ')} … (${rows.length} in all)`;
}

/** InputError unless texts and labels form a trainable set (≥ 2 labels, each with ≥ 2 texts, no empty text). */
export function checkTrainingData(
  texts: readonly string[],
  labels: readonly string[],
  what = 'training',
): void {
  if (texts.length !== labels.length)
    throw new InputError(
      'mismatched_lengths',
      `${what} data has ${texts.length} texts but ${labels.length} labels`,
    );
  if (texts.length === 0) throw new InputError('no_training_data', `${what} data has no texts`);
  const emptyText: number[] = [];
  const emptyLabel: number[] = [];
  texts.forEach((text, row) => {
    if (typeof text !== 'string' || text.trim() === '') emptyText.push(row);
    if (typeof labels[row] !== 'string' || labels[row] === '') emptyLabel.push(row);
  });
  const issues: Issue[] = [
    ...emptyText.map((row) => ({ code: 'empty_text', path: [row], message: `text ${row} is empty` })),
    ...emptyLabel.map((row) => ({ code: 'empty_label', path: [row], message: `label ${row} is empty` })),
  ];
  if (emptyText.length > 0)
    throw new InputError('empty_text', `${what} texts at rows ${listRows(emptyText)} (0-based) are empty`, {
      issues,
      hint: 'drop empty texts before training',
    });
  if (emptyLabel.length > 0)
    throw new InputError(
      'empty_label',
      `${what} labels at rows ${listRows(emptyLabel)} (0-based) are empty`,
      {
        issues,
      },
    );
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  if (counts.size < 2)
    throw new InputError(
      'too_few_labels',
      `${what} data needs at least 2 distinct labels (got ${counts.size}: ${[...counts.keys()].join(', ')})`,
    );
  const rare = [...counts].filter(([, count]) => count < 2);
  if (rare.length > 0)
    throw new InputError(
      'too_few_examples',
      `every label needs at least 2 ${what} examples; ${rare.map(([label, count]) => `"${label}" has ${count}`).join(', ')}`,
    );
}

/** Copy of the chosen rows of a CSR matrix. */
function selectRows(matrix: CsrMatrix, rows: readonly number[]): CsrMatrix {
  const rowStart = new Int32Array(rows.length + 1);
  let total = 0;
  rows.forEach((row, r) => {
    total += (matrix.rowStart[row + 1] as number) - (matrix.rowStart[row] as number);
    rowStart[r + 1] = total;
  });
  const indices = new Int32Array(total);
  const values = new Float32Array(total);
  rows.forEach((row, r) => {
    const from = matrix.rowStart[row] as number;
    const to = matrix.rowStart[row + 1] as number;
    indices.set(matrix.indices.subarray(from, to), rowStart[r] as number);
    values.set(matrix.values.subarray(from, to), rowStart[r] as number);
  });
  return { rows: rows.length, columns: matrix.columns, rowStart, indices, values };
}

/** Idf and TF-IDF rows (the tf values are consumed) and the logistic problem over them. */
function vectorise(tf: CsrMatrix, labels: readonly string[], classes: readonly string[]) {
  const idf = fitIdf(tf);
  const rows = applyIdfAndNormalise(tf, idf);
  const classIndex = new Map(classes.map((label, i) => [label, i]));
  const y = Int32Array.from(labels, (label) => classIndex.get(label) as number);
  return { idf, problem: prepareLogisticProblem(rows, y, classes.length) };
}

/** Fit the weights at C and package the model. */
function fitModel(
  vectorised: ReturnType<typeof vectorise>,
  classes: readonly string[],
  features: Required<FeatureSpec>,
  c: number,
  warmStart?: Float64Array,
): { model: TrainedSentimentModel; fit: LogisticFit } {
  const { problem, idf } = vectorised;
  const fit = fitLogistic(problem, c, warmStart ? { warmStart } : {});
  const { weights, intercepts } = denseWeights(problem, fit);
  return { model: { labels: classes, features, c, idf, weights, intercepts, trainedOn: problem.rows }, fit };
}

/** C values to try: the given C alone, or the grid. */
function candidateCs(options: TrainOptions): readonly number[] {
  const c = options.c ?? 'auto';
  if (c !== 'auto') {
    if (!(typeof c === 'number' && c > 0 && Number.isFinite(c)))
      throw new InputError('invalid_argument', `c must be a positive number or 'auto' (got ${c})`);
    return [c];
  }
  const grid = [...(options.cGrid ?? DEFAULT_C_GRID)].sort((a, b) => a - b);
  if (grid.length === 0 || !grid.every((v) => v > 0 && Number.isFinite(v)))
    throw new InputError('invalid_argument', 'cGrid must list positive finite numbers');
  return grid;
}

/** Train a model; see the module comment for the protocol. */
export function trainSentimentModel(
  texts: readonly string[],
  labels: readonly string[],
  options: TrainOptions = {},
): TrainResult {
  checkTrainingData(texts, labels);
  const features = resolveFeatureSpec(options.features);
  const classes = [...new Set(labels)].sort();
  const grid = candidateCs(options);
  const tokenize = options.tokenize;
  const share = options.validationShare ?? 0.1;
  if (!(share > 0 && share <= 0.5))
    throw new InputError('invalid_argument', `validationShare must be in (0, 0.5] (got ${share})`);

  let fitLabels: readonly string[] = labels;
  let checkLabels: readonly string[];
  let trainTf: CsrMatrix;
  let checkTf: CsrMatrix;
  const allTf = hashedTermFrequencies(texts, features, tokenize);
  if (options.validationSet) {
    checkLabels = options.validationSet.labels;
    checkTrainingData(options.validationSet.texts, checkLabels, 'validation');
    trainTf = allTf;
    checkTf = hashedTermFrequencies(options.validationSet.texts, features, tokenize);
  } else {
    const split = stratifiedHoldout(labels, share, options.seed ?? 42);
    fitLabels = split.train.map((row) => labels[row] as string);
    checkLabels = split.holdout.map((row) => labels[row] as string);
    trainTf = selectRows(allTf, split.train);
    checkTf = selectRows(allTf, split.holdout);
  }

  const results: { c: number; accuracy: number }[] = [];
  let best: { c: number; report: ClassificationReport; model: TrainedSentimentModel } | undefined;
  let warmStart: Float64Array | undefined;
  // trainTf is either a row copy or (with a validation set) never needed again: it may be consumed.
  const trainVectors = vectorise(trainTf, fitLabels, classes);
  const check = applyIdfAndNormalise(checkTf, trainVectors.idf);
  for (const c of grid) {
    const fitted = fitModel(trainVectors, classes, features, c, warmStart);
    warmStart = fitted.fit.parameters;
    const report = classificationReport(classes, checkLabels, predictRows(fitted.model, check));
    results.push({ c, accuracy: report.accuracy });
    if (!best || report.accuracy > best.report.accuracy) best = { c, report, model: fitted.model };
  }
  if (!best) throw new InputError('invalid_argument', 'no C value to try');
  const model = options.validationSet
    ? best.model
    : fitModel(vectorise(allTf, labels, classes), classes, features, best.c).model;
  return {
    model,
    validation: best.report,
    ...(grid.length > 1 ? { cGrid: results } : {}),
  };
}
