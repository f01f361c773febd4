import { InputError } from '../../core/errors.js';
import { type SparseRows, type SparseTfidfOptions, sparseTfidf } from './sparse-tfidf.js';
import type { TopicClusters } from './topic-clusters.js';
import { fitTopics, type TopicFitOptions } from './topic-fitting.js';

export interface EmbeddingTopicOptions extends SparseTfidfOptions, TopicFitOptions {
  /** The model that made the vectors, named in `method`. */
  readonly model?: string;
}

/**
 * Topic clusters over dense text embeddings: spherical k-means (Dhillon & Modha 2001) on the
 * L2-normalised vectors, k chosen by the mean silhouette (Rousseeuw 1987) under cosine distance
 * as in `topicClusters` (each k fitted on a seeded document sample, scored on a seeded
 * sub-sample, the smaller k on ties), then fitted on all documents. Clusters come from the
 * vectors, so texts that share meaning but no words (快递慢 / 物流太慢, "late parcel" /
 * "slow delivery") can meet; each topic is still described by the highest mean TF-IDF terms of its
 * members (`sparseTfidf` of `docs`), so topics stay readable. A zero vector (e.g. an empty text)
 * has no direction and gets no topic (−1). Deterministic for a seed.
 *
 * Cost: O(n · d · k · iterations · restarts) for a fit on n vectors of length d, plus O(s² · d)
 * for a silhouette on s documents (s = 1000, d = 768: ≈ 4·10⁸ multiply-adds, about a second).
 *
 * Example: 6 documents whose vectors point near (1,0,0) or near (0,1,0), k = 'auto' over 2 … 3 →
 * k = 2, the two groups, silhouette ≈ 0.99; each topic's terms are its members' words.
 */
export function embeddingTopics(
  docs: readonly (readonly string[])[],
  vectors: readonly ArrayLike<number>[],
  options: EmbeddingTopicOptions,
): TopicClusters {
  if (vectors.length !== docs.length)
    throw new InputError(
      'invalid_argument',
      `embeddingTopics: ${docs.length} documents but ${vectors.length} vectors; give one vector per document`,
    );
  return fitTopics(unitRows(vectors), sparseTfidf(docs, options), options, {
    caller: 'embeddingTopics',
    label: 'embedding-topic',
    rows: 'documents with a non-zero vector',
    method: `spherical k-means on ${options.model ?? 'dense'} embeddings (cosine)`,
  });
}

/**
 * The vectors, L2-normalised, as rows of a `SparseRows` with every dimension stored (so the
 * sparse k-means and silhouette kernels serve dense vectors too); a zero vector is an empty row.
 */
export function unitRows(vectors: readonly ArrayLike<number>[]): SparseRows {
  const dimensions = vectors[0]?.length ?? 0;
  const rowOffsets = new Int32Array(vectors.length + 1);
  const columns = new Int32Array(vectors.length * dimensions);
  const values = new Float64Array(vectors.length * dimensions);
  let nnz = 0;
  vectors.forEach((vector, r) => {
    if (vector.length !== dimensions)
      throw new InputError(
        'invalid_argument',
        `embeddings must all have one length: vector 0 has ${dimensions}, vector ${r} has ${vector.length}`,
      );
    let norm = 0;
    for (let c = 0; c < dimensions; c++) {
      const value = vector[c] as number;
      if (!Number.isFinite(value))
        throw new InputError('invalid_argument', `embedding ${r} holds a non-finite value at ${c}`);
      norm += value * value;
    }
    if (norm > 0) {
      const scale = 1 / Math.sqrt(norm);
      for (let c = 0; c < dimensions; c++) {
        columns[nnz] = c;
        values[nnz++] = (vector[c] as number) * scale;
      }
    }
    rowOffsets[r + 1] = nnz;
  });
  const vocabulary = Array.from({ length: dimensions }, (_, c) => `d${c}`);
  return {
    rows: vectors.length,
    vocabulary,
    rowOffsets,
    columns: columns.slice(0, nnz),
    values: values.slice(0, nnz),
  };
}
