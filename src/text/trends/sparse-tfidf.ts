import { InputError } from '../../core/errors.js';
import { documentFrequencies, internDocs } from './term-ids.js';
import { compareStrings } from './term-volumes.js';

/** Documents × terms in compressed sparse row form; row r holds entries rowOffsets[r] … rowOffsets[r+1] − 1. */
export interface SparseRows {
  readonly rows: number;
  readonly vocabulary: readonly string[];
  readonly rowOffsets: Int32Array;
  readonly columns: Int32Array;
  readonly values: Float64Array;
}

export interface SparseTfidfOptions {
  /** Keep terms found in at least this many documents. Default 2 when there are ≥ 100 documents, else 1. */
  readonly minDf?: number;
  /** Drop terms found in more than this share of documents. Default 0.5. */
  readonly maxDfShare?: number;
  /** Keep at most this many terms, those in the most documents. Default 10000. */
  readonly maxTerms?: number;
}

/**
 * The L2-normalised TF-IDF matrix of a corpus, sparse (scikit-learn's TfidfVectorizer defaults:
 * raw counts, idf = ln((1 + N)/(1 + df)) + 1, unit rows), over a vocabulary pruned by document
 * frequency. A document with none of the kept terms gets an empty row. Cost O(T + V log V) time,
 * O(nnz + V) memory for T tokens and V distinct terms.
 */
export function sparseTfidf(
  docs: readonly (readonly string[])[],
  options: SparseTfidfOptions = {},
): SparseRows {
  const n = docs.length;
  const minDf = options.minDf ?? (n >= 100 ? 2 : 1);
  const maxDfShare = options.maxDfShare ?? 0.5;
  const maxTerms = options.maxTerms ?? 10_000;
  if (!Number.isInteger(minDf) || minDf < 1)
    throw new InputError('invalid_argument', `sparseTfidf: minDf must be an integer ≥ 1, got ${minDf}`);
  if (!(maxDfShare > 0 && maxDfShare <= 1))
    throw new InputError('invalid_argument', `sparseTfidf: maxDfShare must be in (0, 1], got ${maxDfShare}`);
  if (!Number.isInteger(maxTerms) || maxTerms < 1)
    throw new InputError('invalid_argument', `sparseTfidf: maxTerms must be an integer ≥ 1, got ${maxTerms}`);

  const interned = internDocs(docs);
  const df = documentFrequencies(interned);
  const candidates: number[] = [];
  for (let id = 0; id < df.length; id++) {
    const count = df[id] as number;
    if (count >= minDf && count <= maxDfShare * n) candidates.push(id);
  }
  candidates.sort(
    (a, b) =>
      (df[b] as number) - (df[a] as number) ||
      compareStrings(interned.vocabulary[a] as string, interned.vocabulary[b] as string),
  );
  const kept = candidates.slice(0, maxTerms);
  const vocabulary = kept.map((id) => interned.vocabulary[id] as string);
  const column = new Int32Array(df.length).fill(-1);
  const idf = new Float64Array(kept.length);
  kept.forEach((id, c) => {
    column[id] = c;
    idf[c] = Math.log((1 + n) / (1 + (df[id] as number))) + 1;
  });

  // Rows: count the kept terms in a scratch array, emit them in column order, L2-normalise.
  const rowOffsets = new Int32Array(n + 1);
  const columns = new Int32Array(interned.ids.length);
  const values = new Float64Array(interned.ids.length);
  const counts = new Float64Array(kept.length);
  let nnz = 0;
  for (let r = 0; r < n; r++) {
    const rowStart = nnz;
    for (let i = interned.offsets[r] as number; i < (interned.offsets[r + 1] as number); i++) {
      const c = column[interned.ids[i] as number] as number;
      if (c < 0) continue;
      if (counts[c] === 0) {
        // Insertion into the row's sorted columns (rows are short: a few dozen terms).
        let at = nnz++;
        while (at > rowStart && (columns[at - 1] as number) > c) {
          columns[at] = columns[at - 1] as number;
          at--;
        }
        columns[at] = c;
      }
      counts[c] = (counts[c] as number) + 1;
    }
    let norm = 0;
    for (let e = rowStart; e < nnz; e++) {
      const c = columns[e] as number;
      values[e] = (counts[c] as number) * (idf[c] as number);
      norm += (values[e] as number) ** 2;
      counts[c] = 0;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let e = rowStart; e < nnz; e++) values[e] = (values[e] as number) * scale;
    rowOffsets[r + 1] = nnz;
  }
  return { rows: n, vocabulary, rowOffsets, columns: columns.slice(0, nnz), values: values.slice(0, nnz) };
}

/** Dot product of sparse row r with a dense vector laid out at dense[c·stride + offset]. */
export function rowDot(
  matrix: SparseRows,
  r: number,
  dense: Float64Array,
  stride: number,
  offset: number,
): number {
  let sum = 0;
  for (let e = matrix.rowOffsets[r] as number; e < (matrix.rowOffsets[r + 1] as number); e++)
    sum += (matrix.values[e] as number) * (dense[(matrix.columns[e] as number) * stride + offset] as number);
  return sum;
}

/** The sub-matrix of the given rows, in that order (vocabulary shared). O(nnz of those rows). */
export function selectRows(matrix: SparseRows, rows: ArrayLike<number>): SparseRows {
  const rowOffsets = new Int32Array(rows.length + 1);
  let nnz = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as number;
    nnz += (matrix.rowOffsets[r + 1] as number) - (matrix.rowOffsets[r] as number);
    rowOffsets[i + 1] = nnz;
  }
  const columns = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as number;
    const from = matrix.rowOffsets[r] as number;
    const to = matrix.rowOffsets[r + 1] as number;
    columns.set(matrix.columns.subarray(from, to), rowOffsets[i] as number);
    values.set(matrix.values.subarray(from, to), rowOffsets[i] as number);
  }
  return { rows: rows.length, vocabulary: matrix.vocabulary, rowOffsets, columns, values };
}
