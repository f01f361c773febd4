import { InputError } from '../../core/errors.js';
import { murmurHash3 } from './murmur-hash.js';
import { addCharNgrams, addWordNgrams, type NgramVocabulary } from './ngram-vocabulary.js';

/**
 * Hashed word and character n-grams (the "hashing trick", Weinberger et al. 2009, "Feature
 * hashing for large scale multitask learning", ICML): every n-gram's UTF-8 bytes are hashed with
 * MurmurHash3-32 into one of `buckets` columns, index = |h| mod buckets with h read as a signed
 * int32, and the count is added with sign +1 when h ≥ 0 and −1 otherwise, so that collisions cancel
 * in expectation (scikit-learn's HashingVectorizer with alternate_sign=True does the same).
 * Word n-grams are the caller's tokens joined by one space (seed 0: a word n-gram lands where
 * scikit-learn's HashingVectorizer puts it); character n-grams run over the lower-cased text with
 * runs of two or more whitespace characters made one space, counted in code points (seed 1, a separate namespace so
 * the word 好 and the character 好 do not share a column by construction).
 * With `vocabulary: 'exact'` the same n-grams get one column each from an NgramVocabulary
 * (ngram-vocabulary.ts) instead, with plain positive counts (scikit-learn's TfidfVectorizer).
 * Cost: O(total n-grams × mean n-gram bytes) time, O(non-zeros) memory.
 */

export interface FeatureSpec {
  /** Word n-gram orders [min, max]; [0, 0] turns word features off. */
  readonly word?: readonly [number, number];
  /** Character n-gram orders [min, max]; [0, 0] turns character features off. */
  readonly char?: readonly [number, number];
  /** Number of hash buckets, a power of two in 2^10 … 2^24 (default 2^20). */
  readonly buckets?: number;
  /** tf → 1 + ln tf (scikit-learn's sublinear_tf), applied to |tf| keeping its sign. */
  readonly sublinearTf?: boolean;
  /** 'exact' (default: a stored vocabulary, no collisions) or 'hashed' (nothing to store, collisions). */
  readonly vocabulary?: 'hashed' | 'exact';
  /** Exact vocabulary only: drop n-grams found in fewer training texts than this (default 2). */
  readonly minDf?: number;
}

/** Rows of a sparse matrix in compressed sparse row form: row r is columns[rowStart[r] … rowStart[r+1]). */
export interface CsrMatrix {
  readonly rows: number;
  readonly columns: number;
  readonly rowStart: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

export type Tokenize = (text: string) => readonly string[];

const WORD_SEED = 0;
const CHAR_SEED = 1;

/**
 * Default features: word 1–2-grams and character 1–3-grams, raw tf, an exact vocabulary of the
 * n-grams found in at least 2 training texts (hashing into 2^20 buckets cost 1–2 points of accuracy
 * on ChnSentiCorp, min_df 2 keeps the stored vocabulary about a third of the full one; bench/text).
 */
export const DEFAULT_FEATURES: Required<FeatureSpec> = {
  word: [1, 2],
  char: [1, 3],
  buckets: 1 << 20,
  sublinearTf: false,
  vocabulary: 'exact',
  minDf: 2,
};

function checkRange(range: readonly [number, number], what: string): void {
  const [low, high] = range;
  const off = low === 0 && high === 0;
  if (!off && !(Number.isInteger(low) && Number.isInteger(high) && low >= 1 && high >= low && high <= 8))
    throw new InputError(
      'invalid_argument',
      `${what} n-gram range must be [min, max] with 1 ≤ min ≤ max ≤ 8, or [0, 0] for none (got [${low}, ${high}])`,
    );
}

/** Fill in defaults and validate a feature spec (InputError on a bad range or bucket count). */
export function resolveFeatureSpec(spec: FeatureSpec = {}): Required<FeatureSpec> {
  const resolved: Required<FeatureSpec> = {
    word: spec.word ?? DEFAULT_FEATURES.word,
    char: spec.char ?? DEFAULT_FEATURES.char,
    buckets: spec.buckets ?? DEFAULT_FEATURES.buckets,
    sublinearTf: spec.sublinearTf ?? DEFAULT_FEATURES.sublinearTf,
    vocabulary: spec.vocabulary ?? DEFAULT_FEATURES.vocabulary,
    minDf: spec.minDf ?? DEFAULT_FEATURES.minDf,
  };
  checkRange(resolved.word, 'word');
  checkRange(resolved.char, 'char');
  if (resolved.word[0] === 0 && resolved.char[0] === 0)
    throw new InputError('invalid_argument', 'features must include word or character n-grams');
  const b = resolved.buckets;
  if (!(Number.isInteger(b) && b >= 1 << 10 && b <= 1 << 24 && (b & (b - 1)) === 0))
    throw new InputError('invalid_argument', `buckets must be a power of two in 2^10 … 2^24 (got ${b})`);
  if (resolved.vocabulary !== 'hashed' && resolved.vocabulary !== 'exact')
    throw new InputError(
      'invalid_argument',
      `vocabulary must be 'hashed' or 'exact' (got ${resolved.vocabulary})`,
    );
  if (!(Number.isInteger(resolved.minDf) && resolved.minDf >= 1))
    throw new InputError('invalid_argument', `minDf must be a positive integer (got ${resolved.minDf})`);
  return resolved;
}

/**
 * The default word tokenizer: scikit-learn's token_pattern `(?u)\b\w\w+\b` on lower-cased text
 * (runs of two or more letters, digits or underscores). Fine for English; for Chinese pass a
 * segmenter (jieba) or rely on character n-grams.
 */
export function defaultTokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}_]{2,}/gu) ?? [];
}

const encoder = new TextEncoder();

/** Reusable scratch buffers for one extraction pass (grown on demand). */
class Scratch {
  bytes = new Uint8Array(4096);
  offsets = new Int32Array(1024);
  /** Encode `units` (strings) joined by `separator` bytes; offsets[i] = start of unit i, offsets[len] = end + separator. */
  encode(units: readonly string[], separator: boolean): number {
    let position = 0;
    if (this.offsets.length < units.length + 1) this.offsets = new Int32Array(2 * units.length + 2);
    for (let i = 0; i < units.length; i++) {
      const unit = units[i] as string;
      if (this.bytes.length < position + 3 * unit.length + 1) {
        const grown = new Uint8Array(2 * (position + 3 * unit.length + 1));
        grown.set(this.bytes.subarray(0, position));
        this.bytes = grown;
      }
      this.offsets[i] = position;
      position += encoder.encodeInto(unit, this.bytes.subarray(position)).written;
      if (separator) this.bytes[position++] = 0x20;
    }
    this.offsets[units.length] = position;
    return units.length;
  }
}

/** Add every n-gram of orders [low, high] of the encoded units to the signed counts. */
function addNgrams(
  scratch: Scratch,
  count: number,
  [low, high]: readonly [number, number],
  separator: boolean,
  seed: number,
  buckets: number,
  counts: Map<number, number>,
): void {
  const trim = separator ? 1 : 0;
  for (let n = low; n <= high; n++) {
    for (let i = 0; i + n <= count; i++) {
      const start = scratch.offsets[i] as number;
      const end = (scratch.offsets[i + n] as number) - trim;
      const h = murmurHash3(scratch.bytes, start, end, seed) | 0;
      // |−2^31| overflows int32 in scikit-learn too; use the unsigned remainder for that one value.
      const bucket = h === -2147483648 ? 0 : Math.abs(h) % buckets;
      counts.set(bucket, (counts.get(bucket) ?? 0) + (h >= 0 ? 1 : -1));
    }
  }
}

/** The text character n-grams run over: lower-cased, runs of 2+ whitespace characters made one space (as scikit-learn). */
function charText(text: string): string {
  return text.toLowerCase().replace(/\s\s+/g, ' ');
}

/** n-gram counts of one document by exact vocabulary column (see ngram-vocabulary.ts). */
function exactCounts(
  text: string,
  spec: Required<FeatureSpec>,
  vocabulary: NgramVocabulary,
  tokenize: Tokenize,
): Map<number, number> {
  const counts = new Map<number, number>();
  if (spec.word[0] > 0) addWordNgrams(tokenize(text), spec.word, vocabulary, counts);
  if (spec.char[0] > 0) addCharNgrams(charText(text), spec.char, vocabulary, counts);
  return counts;
}

/**
 * n-gram counts of one document as column → count: signed hashed counts (zero sums dropped), or
 * exact-vocabulary counts when the spec says so (then `vocabulary` is required).
 */
export function featureCounts(
  text: string,
  spec: Required<FeatureSpec>,
  tokenize: Tokenize = defaultTokenize,
  vocabulary?: NgramVocabulary,
  scratch?: Scratch,
): Map<number, number> {
  if (spec.vocabulary === 'hashed') return hashedCounts(text, spec, tokenize, scratch);
  if (!vocabulary) throw new InputError('invalid_argument', 'exact n-gram features need a vocabulary');
  return exactCounts(text, spec, vocabulary, tokenize);
}

/** Signed n-gram counts of one document as bucket → count (zero sums dropped). */
export function hashedCounts(
  text: string,
  spec: Required<FeatureSpec>,
  tokenize: Tokenize = defaultTokenize,
  scratch: Scratch = new Scratch(),
): Map<number, number> {
  const counts = new Map<number, number>();
  if (spec.word[0] > 0) {
    const count = scratch.encode(tokenize(text), true);
    addNgrams(scratch, count, spec.word, true, WORD_SEED, spec.buckets, counts);
  }
  if (spec.char[0] > 0) {
    const count = scratch.encode(Array.from(charText(text)), false);
    addNgrams(scratch, count, spec.char, false, CHAR_SEED, spec.buckets, counts);
  }
  for (const [bucket, value] of counts) if (value === 0) counts.delete(bucket);
  return counts;
}

/**
 * Raw (signed, optionally sublinear) term-frequency rows of many documents, columns sorted per row.
 * Exact features need `vocabulary`: a growing one learns the n-grams (training), a frozen one ignores
 * unseen n-grams; the matrix has as many columns as the vocabulary holds afterwards.
 */
export function termFrequencies(
  texts: readonly string[],
  spec: Required<FeatureSpec>,
  tokenize: Tokenize = defaultTokenize,
  vocabulary?: NgramVocabulary,
): CsrMatrix {
  const scratch = new Scratch();
  const rowStart = new Int32Array(texts.length + 1);
  let indices = new Int32Array(Math.max(1024, texts.length * 64));
  let values = new Float32Array(indices.length);
  let nonZeros = 0;
  for (let r = 0; r < texts.length; r++) {
    const counts = featureCounts(texts[r] as string, spec, tokenize, vocabulary, scratch);
    const columns = Int32Array.from(counts.keys()).sort();
    if (nonZeros + columns.length > indices.length) {
      const size = 2 * (nonZeros + columns.length);
      const grownIndices = new Int32Array(size);
      grownIndices.set(indices.subarray(0, nonZeros));
      indices = grownIndices;
      const grownValues = new Float32Array(size);
      grownValues.set(values.subarray(0, nonZeros));
      values = grownValues;
    }
    for (const column of columns) {
      const tf = counts.get(column) as number;
      indices[nonZeros] = column;
      values[nonZeros] = spec.sublinearTf ? Math.sign(tf) * (1 + Math.log(Math.abs(tf))) : tf;
      nonZeros++;
    }
    rowStart[r + 1] = nonZeros;
  }
  return {
    rows: texts.length,
    columns: spec.vocabulary === 'exact' ? (vocabulary as NgramVocabulary).size : spec.buckets,
    rowStart,
    indices: indices.slice(0, nonZeros),
    values: values.slice(0, nonZeros),
  };
}

/**
 * Smooth inverse document frequency, as scikit-learn's TfidfTransformer(smooth_idf=True):
 * idf(j) = ln((1 + n) / (1 + df(j))) + 1, df(j) = number of rows with a non-zero in column j.
 */
export function fitIdf(tf: CsrMatrix): Float32Array {
  const documentFrequency = new Int32Array(tf.columns);
  for (let k = 0; k < tf.indices.length; k++) {
    const column = tf.indices[k] as number;
    documentFrequency[column] = (documentFrequency[column] as number) + 1;
  }
  const idf = new Float32Array(tf.columns);
  for (let j = 0; j < tf.columns; j++)
    idf[j] = Math.log((1 + tf.rows) / (1 + (documentFrequency[j] as number))) + 1;
  return idf;
}

/** In place: value ← tf × idf, then each row scaled to unit Euclidean norm (TfidfTransformer norm='l2'). */
export function applyIdfAndNormalise(tf: CsrMatrix, idf: Float32Array): CsrMatrix {
  for (let r = 0; r < tf.rows; r++) {
    const from = tf.rowStart[r] as number;
    const to = tf.rowStart[r + 1] as number;
    let squares = 0;
    for (let k = from; k < to; k++) {
      const v = (tf.values[k] as number) * (idf[tf.indices[k] as number] as number);
      tf.values[k] = v;
      squares += v * v;
    }
    if (squares > 0) {
      const scale = 1 / Math.sqrt(squares);
      for (let k = from; k < to; k++) tf.values[k] = (tf.values[k] as number) * scale;
    }
  }
  return tf;
}

/** TF-IDF rows of `texts` under a fitted idf (the transform step of a fitted vectoriser). */
export function tfidfRows(
  texts: readonly string[],
  spec: Required<FeatureSpec>,
  idf: Float32Array,
  tokenize?: Tokenize,
  vocabulary?: NgramVocabulary,
): CsrMatrix {
  return applyIdfAndNormalise(termFrequencies(texts, spec, tokenize, vocabulary), idf);
}

/**
 * Drop the columns of an exact-vocabulary tf matrix found in fewer than `minDf` rows
 * (scikit-learn's min_df): the pruned (frozen) vocabulary and the matrix over its columns.
 */
export function pruneRareTerms(
  tf: CsrMatrix,
  vocabulary: NgramVocabulary,
  minDf: number,
): { tf: CsrMatrix; vocabulary: NgramVocabulary } {
  if (minDf <= 1) return { tf, vocabulary: vocabulary.freeze() };
  const documentFrequency = new Int32Array(tf.columns);
  for (const column of tf.indices) documentFrequency[column] = (documentFrequency[column] as number) + 1;
  const pruned = vocabulary.select((column) => (documentFrequency[column] as number) >= minDf);
  const rowStart = new Int32Array(tf.rows + 1);
  const indices = new Int32Array(tf.indices.length);
  const values = new Float32Array(tf.indices.length);
  let nonZeros = 0;
  for (let r = 0; r < tf.rows; r++) {
    // remapping keeps the relative order, so each row stays sorted
    for (let k = tf.rowStart[r] as number; k < (tf.rowStart[r + 1] as number); k++) {
      const column = pruned.remap[tf.indices[k] as number] as number;
      if (column < 0) continue;
      indices[nonZeros] = column;
      values[nonZeros] = tf.values[k] as number;
      nonZeros++;
    }
    rowStart[r + 1] = nonZeros;
  }
  return {
    tf: {
      rows: tf.rows,
      columns: pruned.vocabulary.size,
      rowStart,
      indices: indices.slice(0, nonZeros),
      values: values.slice(0, nonZeros),
    },
    vocabulary: pruned.vocabulary,
  };
}
