import { InputError } from '../../core/errors.js';
import { type ClassificationReport, classificationReport } from './classification-report.js';
import {
  type CsrMatrix,
  type FeatureSpec,
  featureCounts,
  type Tokenize,
  tfidfRows,
} from './hashed-features.js';
import type { NgramVocabulary } from './ngram-vocabulary.js';

/**
 * A trained sentiment (or any text-class) model: hashed or exact-vocabulary n-gram TF-IDF features
 * (hashed-features.ts) and L2 logistic regression weights (logistic-regression.ts), plus prediction
 * and evaluation. Binary models hold one weight vector: P(labels[1] | x) = σ(x·w + b), as
 * scikit-learn; models with K ≥ 3 labels hold K vectors (labels × columns, row-major):
 * P(k | x) = softmax(x·W + b)ₖ. Columns are the hash buckets, or the vocabulary's n-grams.
 * NB-weighted models were fitted on TF-IDF rows scaled by the log-count ratio r; the stored
 * weights are r ∘ w, so prediction is the same for both weightings.
 */
export interface TrainedSentimentModel {
  /** Class labels, sorted (the order of probabilities). */
  readonly labels: readonly string[];
  readonly features: Required<FeatureSpec>;
  /** Inverse regularisation strength the weights were fitted with. */
  readonly c: number;
  /** Inverse document frequency per column, fitted on the training texts. */
  readonly idf: Float32Array;
  /** labels × columns (row-major), or columns alone for a binary model. */
  readonly weights: Float32Array;
  /** The n-gram of every column when `features.vocabulary` is 'exact'. */
  readonly vocabulary?: NgramVocabulary;
  /** 'nb-tfidf' when features were scaled by the naive-Bayes log-count ratio (NB-LR), else 'tfidf'. */
  readonly weighting?: 'tfidf' | 'nb-tfidf';
  /** One per weight vector. */
  readonly intercepts: Float32Array;
  /** Number of training texts. */
  readonly trainedOn: number;
}

/** Probabilities from linear scores z (binary: z is the logit of labels[1]). */
function probabilitiesFromScores(scores: Float64Array, labelCount: number): Float64Array {
  if (labelCount === 2) {
    const p = 1 / (1 + Math.exp(-(scores[0] as number)));
    return Float64Array.of(1 - p, p);
  }
  let max = Number.NEGATIVE_INFINITY;
  for (const z of scores) max = Math.max(max, z);
  let total = 0;
  const out = new Float64Array(labelCount);
  for (let j = 0; j < labelCount; j++) {
    out[j] = Math.exp((scores[j] as number) - max);
    total += out[j] as number;
  }
  for (let j = 0; j < labelCount; j++) out[j] = (out[j] as number) / total;
  return out;
}

/** Linear scores of one sparse TF-IDF row. */
function rowScores(
  model: TrainedSentimentModel,
  indices: ArrayLike<number>,
  values: ArrayLike<number>,
): Float64Array {
  const vectors = model.intercepts.length;
  const columns = model.idf.length;
  const scores = Float64Array.from(model.intercepts);
  for (let t = 0; t < indices.length; t++) {
    const column = indices[t] as number;
    const v = values[t] as number;
    for (let j = 0; j < vectors; j++)
      scores[j] = (scores[j] as number) + v * (model.weights[j * columns + column] as number);
  }
  return scores;
}

/**
 * Class probabilities (in `model.labels` order) of one text. Pass the tokenizer the model was
 * trained with when it uses word n-grams. An empty text gets the intercept-only probabilities.
 */
export function predictProba(model: TrainedSentimentModel, text: string, tokenize?: Tokenize): Float64Array {
  const counts = featureCounts(text, model.features, tokenize, model.vocabulary);
  const indices: number[] = [];
  const values: number[] = [];
  let squares = 0;
  for (const [column, tf] of counts) {
    const raw = model.features.sublinearTf ? Math.sign(tf) * (1 + Math.log(Math.abs(tf))) : tf;
    const v = raw * (model.idf[column] as number);
    indices.push(column);
    values.push(v);
    squares += v * v;
  }
  const scale = squares > 0 ? 1 / Math.sqrt(squares) : 0;
  for (let t = 0; t < values.length; t++) values[t] = (values[t] as number) * scale;
  return probabilitiesFromScores(rowScores(model, indices, values), model.labels.length);
}

/** Index of the largest probability (first on ties). */
function argmax(values: Float64Array): number {
  let best = 0;
  for (let j = 1; j < values.length; j++) if ((values[j] as number) > (values[best] as number)) best = j;
  return best;
}

/** The most probable label of one text. */
export function predictLabel(model: TrainedSentimentModel, text: string, tokenize?: Tokenize): string {
  return model.labels[argmax(predictProba(model, text, tokenize))] as string;
}

/** Most probable label of every row of a TF-IDF matrix built with the model's idf. */
export function predictRows(model: TrainedSentimentModel, rows: CsrMatrix): string[] {
  const out: string[] = [];
  for (let r = 0; r < rows.rows; r++) {
    const from = rows.rowStart[r] as number;
    const to = rows.rowStart[r + 1] as number;
    const scores = rowScores(model, rows.indices.subarray(from, to), rows.values.subarray(from, to));
    out.push(model.labels[argmax(probabilitiesFromScores(scores, model.labels.length))] as string);
  }
  return out;
}

/** Labels of many texts (vectorised once; faster than predictLabel in a loop). */
export function predictLabels(
  model: TrainedSentimentModel,
  texts: readonly string[],
  tokenize?: Tokenize,
): string[] {
  return predictRows(model, tfidfRows(texts, model.features, model.idf, tokenize, model.vocabulary));
}

/** Accuracy, macro-F1, per-label scores and confusion matrix of the model on labelled texts. */
export function evaluate(
  model: TrainedSentimentModel,
  texts: readonly string[],
  labels: readonly string[],
  tokenize?: Tokenize,
): ClassificationReport {
  if (texts.length !== labels.length)
    throw new InputError(
      'mismatched_lengths',
      `evaluate got ${texts.length} texts but ${labels.length} labels`,
    );
  return classificationReport(model.labels, labels, predictLabels(model, texts, tokenize));
}
