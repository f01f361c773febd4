import { InputError } from '../../core/errors.js';
import { cosineDistances, silhouetteFromDistances } from './cosine-silhouette.js';
import { type SparseRows, type SparseTfidfOptions, selectRows, sparseTfidf } from './sparse-tfidf.js';
import { sphericalKMeans } from './spherical-kmeans.js';
import type { TopicClusters } from './topic-clusters.js';
import { autoK, describeTopics, sampleRows } from './topic-fitting.js';

export interface EmbeddingTopicOptions extends SparseTfidfOptions {
  /** Number of topics, or `auto` to pick it by silhouette within `kRange`. */
  readonly k: number | 'auto';
  readonly seed: number;
  /** Terms listed per topic (from TF-IDF of its members). Default 10. */
  readonly topTerms?: number;
  /** k-means starts per fit, the most cohesive kept. Default 3. */
  readonly restarts?: number;
  /** Range searched by `auto`. Default 2 … 8. */
  readonly kRange?: { readonly min: number; readonly max: number };
  /** Documents the silhouette is computed on (a seeded sample above this). Default 1000. */
  readonly silhouetteSample?: number;
  /** `auto` fits each candidate k on a sample of at most this many documents. Default 5000. */
  readonly selectionSample?: number;
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
  const topTerms = options.topTerms ?? 10;
  const restarts = options.restarts ?? 3;
  const silhouetteSample = options.silhouetteSample ?? 1000;
  const selectionSample = options.selectionSample ?? 5000;
  const { seed } = options;
  if (!Number.isFinite(seed))
    throw new InputError('invalid_argument', 'embeddingTopics: seed must be finite');
  for (const [name, value, min] of [
    ['topTerms', topTerms, 0],
    ['restarts', restarts, 1],
    ['silhouetteSample', silhouetteSample, 2],
    ['selectionSample', selectionSample, 2],
  ] as const)
    if (!Number.isInteger(value) || value < min)
      throw new InputError(
        'invalid_argument',
        `embeddingTopics: ${name} must be an integer ≥ ${min}, got ${value}`,
      );
  if (vectors.length !== docs.length)
    throw new InputError(
      'invalid_argument',
      `embeddingTopics: ${docs.length} documents but ${vectors.length} vectors; give one vector per document`,
    );

  const matrix = unitRows(vectors);
  const nonEmpty: number[] = [];
  for (let r = 0; r < matrix.rows; r++)
    if ((matrix.rowOffsets[r + 1] as number) > (matrix.rowOffsets[r] as number)) nonEmpty.push(r);

  let k: number;
  let method = `spherical k-means on ${options.model ?? 'dense'} embeddings (cosine)`;
  if (options.k === 'auto') {
    const chosen = autoK(matrix, nonEmpty, options.kRange, {
      seed,
      restarts,
      silhouetteSample,
      selectionSample,
      label: 'embedding-topic',
      caller: 'embeddingTopics',
      rows: 'documents with a non-zero vector',
    });
    k = chosen.k;
    method += chosen.method;
  } else {
    k = options.k;
    if (!Number.isInteger(k) || k < 1)
      throw new InputError(
        'invalid_argument',
        `embeddingTopics: k must be an integer ≥ 1 or 'auto', got ${k}`,
      );
    if (k > nonEmpty.length)
      throw new InputError(
        'insufficient_data',
        `embeddingTopics: k = ${k} topics need at least ${k} documents with a non-zero vector, got ${nonEmpty.length}`,
      );
  }

  const fit = sphericalKMeans(matrix, k, seed, restarts);
  const tfidf = sparseTfidf(docs, options);
  const { assignments, topics } = describeTopics(tfidf, fit.labels, k, topTerms);
  let silhouette: number | undefined;
  if (k >= 2) {
    const sample = sampleRows(nonEmpty, silhouetteSample, seed, 'embedding-topic-silhouette');
    silhouette = silhouetteFromDistances(
      cosineDistances(selectRows(matrix, sample)),
      sample.map((r) => assignments[r] as number),
    );
  }
  return {
    assignments,
    topics,
    method,
    ...(silhouette === undefined ? {} : { silhouette }),
    vocabularySize: tfidf.vocabulary.length,
  };
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
