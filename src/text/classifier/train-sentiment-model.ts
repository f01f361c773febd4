import { InputError, type Issue } from '../../core/errors.js';
import { type ClassificationReport, classificationReport } from './classification-report.js';
import {
  applyIdfAndNormalise,
  type CsrMatrix,
  type FeatureSpec,
  fitIdf,
  pruneRareTerms,
  resolveFeatureSpec,
  type Tokenize,
  termFrequencies,
} from './hashed-features.js';
import {
  denseWeights,
  fitLogistic,
  type LogisticFit,
  prepareLogisticProblem,
} from './logistic-regression.js';
import { logCountRatio, scaleColumns } from './nb-weighting.js';
import { NgramVocabulary } from './ngram-vocabulary.js';
import { predictRows, type TrainedSentimentModel } from './sentiment-model.js';
import { stratifiedHoldout } from './splits.js';

/**
 * Train a sentiment (text-class) model on the user's own labelled texts ("fine-tuning" the
 * classical engine): word + character n-gram TF-IDF features (hashed, or an exact vocabulary),
 * NB-weighted for two labels (NB-LR, nb-weighting.ts) unless `weighting: 'tfidf'`, and L2
 * logistic regression (binary or multinomial) by L-BFGS. With `c: 'auto'` (default) C is chosen from
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
  /** 'nb-tfidf' (default; two labels only, plain TF-IDF for more) or 'tfidf'. */
  readonly weighting?: 'tfidf' | 'nb-tfidf';
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

/**
 * Idf and TF-IDF rows (the tf values are consumed), scaled by the NB log-count ratio when asked
 * (binary only), and the logistic problem over them.
 */
function vectorise(
  tf: CsrMatrix,
  labels: readonly string[],
  classes: readonly string[],
  weighting: 'tfidf' | 'nb-tfidf',
) {
  const idf = fitIdf(tf);
  const rows = applyIdfAndNormalise(tf, idf);
  const classIndex = new Map(classes.map((label, i) => [label, i]));
  const y = Int32Array.from(labels, (label) => classIndex.get(label) as number);
  const ratio = weighting === 'nb-tfidf' ? logCountRatio(rows, y) : undefined;
  if (ratio) scaleColumns(rows, ratio);
  return { idf, ratio, problem: prepareLogisticProblem(rows, y, classes.length) };
}

/** Fit the weights at C and package the model (an NB ratio is folded into the weights). */
function fitModel(
  vectorised: ReturnType<typeof vectorise>,
  classes: readonly string[],
  features: Required<FeatureSpec>,
  vocabulary: NgramVocabulary | undefined,
  c: number,
  warmStart?: Float64Array,
): { model: TrainedSentimentModel; fit: LogisticFit } {
  const { problem, idf, ratio } = vectorised;
  const fit = fitLogistic(problem, c, warmStart ? { warmStart } : {});
  const { weights, intercepts } = denseWeights(problem, fit);
  if (ratio)
    for (let j = 0; j < weights.length; j++) weights[j] = (weights[j] as number) * (ratio[j] as number);
  return {
    model: {
      labels: classes,
      features,
      c,
      idf,
      weights,
      intercepts,
      trainedOn: problem.rows,
      ...(vocabulary ? { vocabulary } : {}),
      weighting: ratio ? 'nb-tfidf' : 'tfidf',
    },
    fit,
  };
}

/** tf rows of the training texts, and the (pruned, frozen) vocabulary when features are exact. */
function trainingFrequencies(
  texts: readonly string[],
  features: Required<FeatureSpec>,
  tokenize: Tokenize | undefined,
): { tf: CsrMatrix; vocabulary?: NgramVocabulary } {
  if (features.vocabulary === 'hashed') return { tf: termFrequencies(texts, features, tokenize) };
  const growing = NgramVocabulary.growing();
  const pruned = pruneRareTerms(termFrequencies(texts, features, tokenize, growing), growing, features.minDf);
  if (pruned.vocabulary.size === 0)
    throw new InputError(
      'no_features',
      `no n-gram occurs in at least ${features.minDf} of the ${texts.length} texts the model is fitted on`,
      { hint: 'add training texts, or lower minDf (features.minDf: 1)' },
    );
  return pruned;
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

  const weighting = classes.length === 2 ? (options.weighting ?? 'nb-tfidf') : 'tfidf';
  const fitOn = (fitTexts: readonly string[], fitLabels: readonly string[]) => {
    const { tf, vocabulary } = trainingFrequencies(fitTexts, features, tokenize);
    return { vectors: vectorise(tf, fitLabels, classes, weighting), vocabulary };
  };

  // The vectoriser (vocabulary, idf, NB ratio) is fitted on the rows the weights are fitted on, and
  // the validation rows only transformed, as a scikit-learn pipeline would.
  let checkTexts: readonly string[];
  let checkLabels: readonly string[];
  let search: ReturnType<typeof fitOn>;
  if (options.validationSet) {
    ({ texts: checkTexts, labels: checkLabels } = options.validationSet);
    checkTrainingData(checkTexts, checkLabels, 'validation');
    search = fitOn(texts, labels);
  } else {
    const split = stratifiedHoldout(labels, share, options.seed ?? 42);
    const pick = (rows: readonly number[], from: readonly string[]) => rows.map((row) => from[row] as string);
    checkTexts = pick(split.holdout, texts);
    checkLabels = pick(split.holdout, labels);
    search = fitOn(pick(split.train, texts), pick(split.train, labels));
  }
  const check = applyIdfAndNormalise(
    termFrequencies(checkTexts, features, tokenize, search.vocabulary),
    search.vectors.idf,
  );

  const results: { c: number; accuracy: number }[] = [];
  let best: { c: number; report: ClassificationReport; model: TrainedSentimentModel } | undefined;
  let warmStart: Float64Array | undefined;
  for (const c of grid) {
    const fitted = fitModel(search.vectors, classes, features, search.vocabulary, c, warmStart);
    warmStart = fitted.fit.parameters;
    const report = classificationReport(classes, checkLabels, predictRows(fitted.model, check));
    results.push({ c, accuracy: report.accuracy });
    if (!best || report.accuracy > best.report.accuracy) best = { c, report, model: fitted.model };
  }
  if (!best) throw new InputError('invalid_argument', 'no C value to try');
  let model = best.model;
  if (!options.validationSet) {
    const all = fitOn(texts, labels);
    model = fitModel(all.vectors, classes, features, all.vocabulary, best.c).model;
  }
  return {
    model,
    validation: best.report,
    ...(grid.length > 1 ? { cGrid: results } : {}),
  };
}
