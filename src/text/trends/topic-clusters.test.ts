import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { createRng, pick, type Rng, uniformInt } from '../../core/random.js';
import { topicClusters } from './topic-clusters.js';

const TOPICS = [
  ['物流', '快递', '配送', '发货', '送达', '包裹', 'delivery', 'courier'],
  ['价格', '便宜', '优惠', '划算', '性价比', '折扣', 'price', 'discount'],
  ['质量', '做工', '材质', '耐用', '结实', '手感', 'quality', 'material'],
];
const SHARED = ['产品', '购买', '感觉', '东西', '这次', 'really'];

/** Documents of 4–8 terms: mostly from one planted topic, with shared filler words. */
function plantedDocs(rng: Rng, perTopic: number): { docs: string[][]; truth: number[] } {
  const docs: string[][] = [];
  const truth: number[] = [];
  for (let i = 0; i < perTopic * TOPICS.length; i++) {
    const topic = i % TOPICS.length;
    const length = uniformInt(rng, 4, 8);
    const doc: string[] = [];
    for (let t = 0; t < length; t++)
      doc.push(rng.next() < 0.7 ? pick(rng, TOPICS[topic] as string[]) : pick(rng, SHARED));
    docs.push(doc);
    truth.push(topic);
  }
  return { docs, truth };
}

/** Purity: Σ over clusters of the largest true class in it, over the number of documents. */
function purity(assignments: readonly number[], truth: readonly number[]): number {
  const table = new Map<number, Map<number, number>>();
  assignments.forEach((cluster, i) => {
    const row = table.get(cluster) ?? new Map<number, number>();
    row.set(truth[i] as number, (row.get(truth[i] as number) ?? 0) + 1);
    table.set(cluster, row);
  });
  let total = 0;
  for (const row of table.values()) total += Math.max(...row.values());
  return total / assignments.length;
}

describe('topicClusters', () => {
  it('recovers three planted topics with k = 3 and names them by their vocabulary', () => {
    const { docs, truth } = plantedDocs(createRng(11), 100);
    const result = topicClusters(docs, { k: 3, seed: 1 });
    expect(purity(result.assignments, truth)).toBeGreaterThanOrEqual(0.9);
    expect(result.topics.map((topic) => topic.size).reduce((a, b) => a + b, 0)).toBe(300);
    for (const topic of result.topics) {
      const top = topic.terms.slice(0, 5).map((entry) => entry.term);
      const source = TOPICS.findIndex((words) => words.includes(top[0] as string));
      expect(source).toBeGreaterThanOrEqual(0);
      for (const term of top) expect(TOPICS[source]).toContain(term);
    }
    expect(result.method).toContain('spherical k-means');
    expect(result.silhouette).toBeGreaterThan(0.1);
  });

  it('picks k = 3 by silhouette with k = auto, deterministically for a seed', () => {
    const { docs, truth } = plantedDocs(createRng(12), 80);
    const first = topicClusters(docs, { k: 'auto', seed: 5 });
    expect(first.topics).toHaveLength(3);
    expect(purity(first.assignments, truth)).toBeGreaterThanOrEqual(0.9);
    expect(first.method).toMatch(/k = 3 chosen by silhouette/);
    expect(topicClusters(docs, { k: 'auto', seed: 5 })).toEqual(first);
  });

  it('clusters jieba-segmented Chinese reviews', () => {
    const jieba = Jieba.withDict(dict);
    const sentences = [
      [
        '快递很快，第二天就送到了',
        '物流太慢了，等了一个星期',
        '快递员态度很好，送货上门',
        '发货速度快，物流给力',
      ],
      [
        '价格很便宜，性价比高',
        '这个价格太贵了，不划算',
        '活动优惠力度大，价格实惠',
        '比超市便宜多了，价格合理',
      ],
      ['质量很好，做工精细', '质量太差，用了两天就坏了', '材质不错，做工扎实', '质量一般，做工粗糙'],
    ];
    const stop = new Set(['，', '了', '很', '就', '的', '太', '这个', '多', '用', '两天', '一个', '不']);
    const docs: string[][] = [];
    const truth: number[] = [];
    const rng = createRng(3);
    for (let i = 0; i < 60; i++) {
      const topic = i % 3;
      const text = `${pick(rng, sentences[topic] as string[])}，${pick(rng, sentences[topic] as string[])}`;
      docs.push(jieba.cut(text, false).filter((token) => !stop.has(token)));
      truth.push(topic);
    }
    const result = topicClusters(docs, { k: 3, seed: 2 });
    expect(purity(result.assignments, truth)).toBeGreaterThanOrEqual(0.9);
  });

  it('marks documents without kept terms, rejects impossible k', () => {
    const docs = [['a', 'b'], ['a', 'c'], ['d', 'e'], ['d', 'f'], []];
    const result = topicClusters(docs, { k: 2, seed: 0 });
    expect(result.assignments[4]).toBe(-1);
    expect(result.assignments[0]).toBe(result.assignments[1]);
    expect(result.assignments[2]).toBe(result.assignments[3]);
    expect(result.assignments[0]).not.toBe(result.assignments[2]);
    expect(() => topicClusters(docs, { k: 5, seed: 0 })).toThrow(InputError);
    expect(() => topicClusters(docs, { k: 0, seed: 0 })).toThrow(InputError);
    expect(topicClusters(docs, { k: 1, seed: 0 }).silhouette).toBeUndefined();
  });
});
