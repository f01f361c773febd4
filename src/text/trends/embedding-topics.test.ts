import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { embeddingTopics, unitRows } from './embedding-topics.js';
import { topicClusters } from './topic-clusters.js';

// Two groups of directions: near (1,0,0) and near (0,1,0).
const VECTORS = [
  [1, 0.1, 0],
  [1, 0, 0.1],
  [0.9, 0.1, 0],
  [0.1, 1, 0],
  [0, 1, 0.1],
  [0, 0.9, 0.1],
];
const DOCS = [
  ['物流', '慢', '快递'],
  ['快递', '延迟'],
  ['物流', '配送'],
  ['面料', '柔软'],
  ['做工', '面料'],
  ['柔软', '舒服'],
];

describe('embeddingTopics', () => {
  it('clusters by the vectors and describes topics by their members’ TF-IDF terms', () => {
    const result = embeddingTopics(DOCS, VECTORS, {
      k: 'auto',
      seed: 1,
      kRange: { min: 2, max: 3 },
      model: 'm',
    });
    expect(result.assignments).toEqual([0, 0, 0, 1, 1, 1]);
    expect(result.topics.map((t) => t.size)).toEqual([3, 3]);
    // Mean TF-IDF over members: every topic term comes from its own documents.
    expect(new Set(result.topics[0]?.terms.map((t) => t.term))).toEqual(
      new Set(['物流', '快递', '慢', '延迟', '配送']),
    );
    expect(
      result.topics[0]?.terms
        .slice(0, 2)
        .map((t) => t.term)
        .sort(),
    ).toEqual(['快递', '物流']);
    expect(new Set(result.topics[1]?.terms.map((t) => t.term))).toEqual(
      new Set(['面料', '柔软', '做工', '舒服']),
    );
    // numpy, cosine distances of the unit rows, labels [0,0,0,1,1,1], Rousseeuw's mean s(i): 0.9921510438671772
    expect(result.silhouette).toBeCloseTo(0.9921510438671772, 10);
    expect(result.method).toBe(
      'spherical k-means on m embeddings (cosine), k = 2 chosen by silhouette over 2…3',
    );
    expect(result.vocabularySize).toBe(9);
  });

  it('groups texts that share meaning but no words, which TF-IDF cannot', () => {
    // 'late parcel' and 'slow delivery' share no word; their (made-up) vectors are close.
    const docs = [
      ['late', 'parcel'],
      ['slow', 'delivery'],
      ['courier', 'delayed'],
      ['soft', 'fabric'],
      ['neat', 'stitching'],
      ['comfy', 'cotton'],
    ];
    const byVectors = embeddingTopics(docs, VECTORS, { k: 2, seed: 3 });
    expect(byVectors.assignments).toEqual([0, 0, 0, 1, 1, 1]);
    expect(byVectors.method).toBe('spherical k-means on dense embeddings (cosine)');
    const byWords = topicClusters(docs, { k: 2, seed: 3 });
    expect(byWords.assignments).not.toEqual([0, 0, 0, 1, 1, 1]);
  });

  it('leaves zero vectors without a topic and is deterministic for a seed', () => {
    const vectors = [...VECTORS, [0, 0, 0]];
    const docs = [...DOCS, []];
    const a = embeddingTopics(docs, vectors, { k: 'auto', seed: 7 });
    expect(a.assignments.at(-1)).toBe(-1);
    expect(a.topics.reduce((sum, t) => sum + t.size, 0)).toBe(6);
    expect(embeddingTopics(docs, vectors, { k: 'auto', seed: 7 })).toEqual(a);
    const one = embeddingTopics(docs, vectors, { k: 1, seed: 7 });
    expect(one.silhouette).toBeUndefined();
    expect(one.assignments).toEqual([0, 0, 0, 0, 0, 0, -1]);
  });

  it('accepts Float32Array vectors and a scale-free input (only directions count)', () => {
    const scaled = VECTORS.map((v, i) => Float32Array.from(v, (x) => x * (i + 1) * 10));
    expect(embeddingTopics(DOCS, scaled, { k: 2, seed: 1 }).assignments).toEqual([0, 0, 0, 1, 1, 1]);
  });

  it('rejects bad input with the reason', () => {
    expect(() => embeddingTopics(DOCS, VECTORS.slice(1), { k: 2, seed: 1 })).toThrow(
      /6 documents but 5 vectors/,
    );
    expect(() => embeddingTopics(DOCS, [...VECTORS.slice(1), [1, 2]], { k: 2, seed: 1 })).toThrow(
      /one length/,
    );
    expect(() => embeddingTopics(DOCS, [...VECTORS.slice(1), [1, Number.NaN, 0]], { k: 2, seed: 1 })).toThrow(
      /non-finite/,
    );
    expect(() => embeddingTopics(DOCS, VECTORS, { k: 7, seed: 1 })).toThrow(InputError);
    expect(() => embeddingTopics(DOCS.slice(0, 2), VECTORS.slice(0, 2), { k: 'auto', seed: 1 })).toThrow(
      /at least one k ≥ 2/,
    );
    expect(() => embeddingTopics(DOCS, VECTORS, { k: 2, seed: Number.NaN })).toThrow(/seed/);
    expect(() => embeddingTopics(DOCS, VECTORS, { k: 2, seed: 1, restarts: 0 })).toThrow(/restarts/);
    expect(() => embeddingTopics([], [], { k: 'auto', seed: 1 })).toThrow(
      /0 documents with a non-zero vector/,
    );
  });
});

describe('unitRows', () => {
  it('normalises each vector and stores every dimension; a zero vector is an empty row', () => {
    const rows = unitRows([
      [3, 4],
      [0, 0],
      [0, 2],
    ]);
    expect(Array.from(rows.rowOffsets)).toEqual([0, 2, 2, 4]);
    for (const [e, value] of [0.6, 0.8, 0, 1].entries()) expect(rows.values[e]).toBeCloseTo(value, 12);
    expect(Array.from(rows.columns)).toEqual([0, 1, 0, 1]);
    expect(rows.vocabulary).toEqual(['d0', 'd1']);
  });
});
