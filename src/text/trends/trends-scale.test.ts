import { describe, expect, it } from 'vitest';
import { createRng, pick, poisson, type Rng } from '../../core/random.js';
import {
  type AlertDocument,
  contrastKeywords,
  emergingTerms,
  spikeAlerts,
  termVolumes,
  textRankKeywords,
  tfidfKeywords,
  topicClusters,
} from './index.js';

/*
 * Scale check at 100k documents × a 10k-term vocabulary (opt-in, prints timings, asserts results, never
 * times): MARKETMIND_TRENDS_SCALE=1 npx vitest run src/text/trends/trends-scale.test.ts
 */
const DAY = 86_400_000;
const START = Date.UTC(2025, 0, 1);
const VOCABULARY = Array.from({ length: 10_000 }, (_, i) => `t${i}`);

/** A term by a Zipf-like draw (rank ∝ u³) from one of 8 topic slices of the vocabulary, or from all of it. */
function term(rng: Rng, topic: number): string {
  const rank = Math.floor(rng.next() ** 3 * 1250);
  return rng.next() < 0.6 ? (VOCABULARY[topic * 1250 + rank] as string) : pick(rng, VOCABULARY);
}

function corpus(size: number): AlertDocument[] {
  const rng = createRng(2026);
  return Array.from({ length: size }, (_, i) => {
    const topic = i % 8;
    const length = 6 + poisson(rng, 6);
    const terms = Array.from({ length }, () => term(rng, topic));
    const day = Math.floor(rng.next() * 365);
    const negative = rng.next() < (day === 300 && topic === 3 ? 0.8 : 0.15);
    return {
      id: `d${i}`,
      ts: new Date(START + day * DAY + i),
      terms,
      negative,
      aspects: [`aspect${topic % 5}`],
    };
  });
}

function timed<T>(label: string, run: () => T): T {
  const started = performance.now();
  const result = run();
  console.log(`${label}: ${(performance.now() - started).toFixed(0)} ms`);
  return result;
}

describe.skipIf(!process.env.MARKETMIND_TRENDS_SCALE)(
  'trends at 100k documents (set MARKETMIND_TRENDS_SCALE=1)',
  () => {
    it('runs every analysis', () => {
      const docs = timed('generate 100k docs', () => corpus(100_000));
      const terms = docs.map((doc) => doc.terms);
      expect(timed('tfidfKeywords', () => tfidfKeywords(terms, { top: 20 }))).toHaveLength(20);
      expect(
        timed('tfidfKeywords ngram 2', () => tfidfKeywords(terms, { top: 20, ngram: 2, minDf: 2 })),
      ).toHaveLength(20);
      const target = terms.filter((_, i) => i % 8 === 3);
      expect(
        timed('contrastKeywords 12.5k vs 100k', () => contrastKeywords(target, terms, { top: 20 })),
      ).toHaveLength(20);
      expect(
        timed('textRankKeywords 10k tokens', () => textRankKeywords(terms.slice(0, 800).flat(), { top: 20 })),
      ).toHaveLength(20);
      timed('termVolumes day top 50', () => termVolumes(docs, 'day', { top: 50 }));
      timed('emergingTerms day any', () => emergingTerms(docs, 'day', { mode: 'any' }));
      const topics = timed('topicClusters k=8', () => topicClusters(terms, { k: 8, seed: 1 }));
      console.log(
        `  silhouette ${topics.silhouette?.toFixed(3)}, sizes ${topics.topics.map((t) => t.size).join(' ')}`,
      );
      const auto = timed('topicClusters auto 2…8', () => topicClusters(terms, { k: 'auto', seed: 1 }));
      console.log(`  ${auto.method}, silhouette ${auto.silhouette?.toFixed(3)}`);
      const alerts = timed('spikeAlerts day', () => spikeAlerts(docs, 'day'));
      console.log(
        `  ${alerts.map((alert) => `${alert.kind} ${alert.bucket} z=${alert.z.toFixed(1)}`).join('; ')}`,
      );
      expect(alerts.some((alert) => alert.kind === 'negative_share' && alert.bucket === '2025-10-28')).toBe(
        true,
      );
    }, 120_000);
  },
);
