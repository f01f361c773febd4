import { InputError } from '../../core/errors.js';
import { base64ToBuffer, typedArrayToBase64 } from '../../core/typed-array-base64.js';
import { resolveFeatureSpec } from './hashed-features.js';
import { NgramVocabulary } from './ngram-vocabulary.js';
import type { TrainedSentimentModel } from './sentiment-model.js';

/**
 * Compact, versioned JSON for a trained model. Only columns that matter are stored: `columns`
 * lists (ascending) the columns whose idf differs from the unseen-column idf or whose weight is
 * non-zero; `idf` and `weights` (labels-or-1 × stored columns, row-major) hold their Float32 values;
 * every other column has idf = `idfDefault` and weight 0. Typed arrays are base64 of little-endian
 * bytes. Exact-vocabulary models (version 2) add `vocabulary`, the n-gram key of every column in
 * order; `weighting` says how the weights were fitted. Version 1 (hashed, before NB weighting) still
 * loads. Round-trips exactly (Float32 in, Float32 out).
 */

const FORMAT = 'marketmind.sentiment-model';
const VERSION = 2;

function fromBase64<T extends Float32Array | Int32Array>(
  text: unknown,
  make: (buffer: ArrayBuffer) => T,
  what: string,
): T {
  if (typeof text !== 'string') throw bad(`${what} is missing`);
  const buffer = base64ToBuffer(text);
  if (buffer === null) throw bad(`${what} is not a whole number of 4-byte values`);
  return make(buffer);
}

function bad(message: string): InputError {
  return new InputError('invalid_model', `not a valid sentiment model: ${message}`);
}

/** Serialise a model to compact JSON (see the module comment). */
export function serializeModel(model: TrainedSentimentModel): string {
  const buckets = model.idf.length;
  const vectors = model.intercepts.length;
  const idfDefault = Math.fround(Math.log(1 + model.trainedOn) + 1);
  const columns: number[] = [];
  for (let j = 0; j < buckets; j++) {
    let keep = model.idf[j] !== idfDefault;
    for (let k = 0; k < vectors && !keep; k++) keep = model.weights[k * buckets + j] !== 0;
    if (keep) columns.push(j);
  }
  const idf = Float32Array.from(columns, (j) => model.idf[j] as number);
  const weights = new Float32Array(vectors * columns.length);
  for (let k = 0; k < vectors; k++)
    columns.forEach((j, a) => {
      weights[k * columns.length + a] = model.weights[k * buckets + j] as number;
    });
  return JSON.stringify({
    format: FORMAT,
    version: VERSION,
    labels: model.labels,
    features: model.features,
    c: model.c,
    trainedOn: model.trainedOn,
    idfDefault,
    columns: typedArrayToBase64(Int32Array.from(columns)),
    idf: typedArrayToBase64(idf),
    weights: typedArrayToBase64(weights),
    intercepts: typedArrayToBase64(model.intercepts),
    weighting: model.weighting ?? 'tfidf',
    ...(model.vocabulary ? { vocabulary: model.vocabulary.keys } : {}),
  });
}

/** Parse serializeModel's output; InputError('invalid_model') on a bad, foreign or newer payload. */
export function deserializeModel(text: string): TrainedSentimentModel {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new InputError('invalid_model', 'not a valid sentiment model: the text is not JSON', {
      cause: error,
    });
  }
  if (typeof raw !== 'object' || raw === null) throw bad('not a JSON object');
  const payload = raw as Record<string, unknown>;
  if (payload.format !== FORMAT)
    throw bad(`format is ${JSON.stringify(payload.format)}, expected "${FORMAT}"`);
  if (payload.version !== 1 && payload.version !== VERSION)
    throw bad(`version ${JSON.stringify(payload.version)} is not supported (1 … ${VERSION} are)`);
  const labels = payload.labels;
  if (!Array.isArray(labels) || labels.length < 2 || !labels.every((l) => typeof l === 'string'))
    throw bad('labels must be at least 2 strings');
  let features: TrainedSentimentModel['features'];
  try {
    features = resolveFeatureSpec(payload.features as TrainedSentimentModel['features']);
  } catch (error) {
    throw bad(error instanceof Error ? error.message : 'bad features');
  }
  const { c, trainedOn, idfDefault } = payload;
  if (typeof c !== 'number' || !(c > 0)) throw bad('c must be a positive number');
  if (typeof trainedOn !== 'number' || !Number.isInteger(trainedOn) || trainedOn < 1)
    throw bad('trainedOn must be a positive integer');
  if (typeof idfDefault !== 'number') throw bad('idfDefault must be a number');
  const vectors = labels.length === 2 ? 1 : labels.length;
  const { weighting } = payload;
  if (weighting !== undefined && weighting !== 'tfidf' && weighting !== 'nb-tfidf')
    throw bad(`weighting ${JSON.stringify(weighting)} is not tfidf or nb-tfidf`);
  let vocabulary: NgramVocabulary | undefined;
  if (features.vocabulary === 'exact') {
    if (!Array.isArray(payload.vocabulary)) throw bad('an exact-vocabulary model needs its vocabulary');
    vocabulary = NgramVocabulary.of(payload.vocabulary as string[]);
  }
  const buckets = vocabulary ? vocabulary.size : features.buckets;
  const columns = fromBase64(payload.columns, (b) => new Int32Array(b), 'columns');
  const idfValues = fromBase64(payload.idf, (b) => new Float32Array(b), 'idf');
  const weightValues = fromBase64(payload.weights, (b) => new Float32Array(b), 'weights');
  const intercepts = fromBase64(payload.intercepts, (b) => new Float32Array(b), 'intercepts');
  if (idfValues.length !== columns.length || weightValues.length !== vectors * columns.length)
    throw bad('idf / weights lengths do not match the columns');
  if (intercepts.length !== vectors) throw bad(`expected ${vectors} intercepts, got ${intercepts.length}`);
  const idf = new Float32Array(buckets).fill(idfDefault);
  const weights = new Float32Array(vectors * buckets);
  for (let a = 0; a < columns.length; a++) {
    const j = columns[a] as number;
    if (!(j >= 0 && j < buckets)) throw bad(`column ${j} is outside 0 … ${buckets - 1}`);
    idf[j] = idfValues[a] as number;
    for (let k = 0; k < vectors; k++)
      weights[k * buckets + j] = weightValues[k * columns.length + a] as number;
  }
  return {
    labels: labels as string[],
    features,
    c,
    idf,
    weights,
    intercepts,
    trainedOn,
    weighting: weighting ?? 'tfidf',
    ...(vocabulary ? { vocabulary } : {}),
  };
}
