import { describe, expect, it } from 'vitest';
import type { VoiceInsights } from '../voice-insights.js';
import type { VoiceAspectTerms, VoiceTopics } from '../voice-topic-types.js';
import { aspectTermBlocks, voiceTopicBlocks } from './voice-topics-section.js';

const topics: VoiceTopics = {
  method: 'spherical k-means on TF-IDF per language, k chosen by silhouette over 2…8',
  seed: 1,
  sampled: 100,
  total: 250,
  bucket: 'month',
  buckets: ['2024-01-01', '2024-02-01'],
  languages: [
    {
      lang: 'zh',
      documents: 80,
      k: 2,
      silhouette: 0.31,
      vocabularySize: 40,
      method: 'spherical k-means on TF-IDF (cosine), k = 2 chosen by silhouette over 2…8',
    },
    {
      lang: 'en',
      documents: 20,
      k: 0,
      silhouette: null,
      vocabularySize: 0,
      method: 'none',
      skipped: '20 documents, fewer than 30',
    },
  ],
  topics: [
    {
      id: 'zh-0',
      lang: 'zh',
      label: '物流 / 快递 / 延误',
      terms: [
        { term: '物流', weight: 0.4 },
        { term: '快递', weight: 0.3 },
        { term: '延误', weight: 0.2 },
      ],
      size: 50,
      share: 0.625,
      negativeShare: 0.9,
      shareByBucket: [0.6, 0.65],
      examples: [{ docId: 'doc_1', ts: new Date('2024-01-03T00:00:00Z'), text: '物流太慢，快递延误。' }],
    },
  ],
};
const aspectTerms: VoiceAspectTerms = {
  method: 'clause co-occurrence',
  seed: 1,
  sampled: 250,
  total: 250,
  terms: [{ aspect: 'logistics', term: '驿站', lang: 'zh', score: 0.45, support: 12 }],
};
const insights = {
  topics,
  aspectTerms,
  aspectNames: { logistics: { en: 'Logistics', zh: '物流' } },
} as unknown as VoiceInsights;

describe('voice topic report blocks', () => {
  it('say how the topics were made, list them and chart their shares per language', () => {
    const blocks = voiceTopicBlocks(insights);
    expect(blocks.map((b) => b.kind)).toEqual(['paragraph', 'table', 'chart']);
    const method = blocks[0]?.kind === 'paragraph' ? blocks[0].text : null;
    expect(method?.en).toContain('seeded sample of 100 of 250 documents (seed 1)');
    expect(method?.en).toContain('Chinese: k = 2, silhouette 0.31');
    expect(method?.en).toContain('English: no topics (20 documents, fewer than 30)');
    expect(method?.zh).toContain('250 篇文档中的 100 篇随机样本');
    const table = blocks[1];
    expect(table?.kind === 'table' && table.rows[0]).toMatchObject({
      terms: '物流, 快递, 延误',
      size: 50,
      negative: 0.9,
      example: '“物流太慢，快递延误。” (doc_1)',
    });
    const chart = blocks[2];
    expect(chart?.kind === 'chart' && chart.chart.type === 'line' && chart.chart.series[0]?.values).toEqual([
      0.6, 0.65,
    ]);
  });

  it('name the embedding model when topics were fitted on embeddings, and a failure when it fell back', () => {
    const embedded = { ...insights, topics: { ...topics, embedding: { engine: 'openai-compatible/nomic' } } };
    const method = voiceTopicBlocks(embedded as VoiceInsights)[0];
    expect(method?.kind === 'paragraph' && method.text.en).toContain(
      'spherical k-means on openai-compatible/nomic embeddings fitted per language',
    );
    const failed = {
      ...insights,
      topics: { ...topics, embedding: { engine: 'x/y', failed: 'llm_timeout' } },
    };
    const fallback = voiceTopicBlocks(failed as VoiceInsights)[0];
    expect(fallback?.kind === 'paragraph' && fallback.text.zh).toContain(
      'x/y 向量调用失败：llm_timeout，改用 TF-IDF',
    );
  });

  it('show only the method when there are no topics', () => {
    const none = { ...insights, topics: { ...topics, topics: [] } } as VoiceInsights;
    expect(voiceTopicBlocks(none).map((b) => b.kind)).toEqual(['paragraph']);
  });

  it('list candidate aspect terms with the aspect’s name, score and support', () => {
    const [table] = aspectTermBlocks(insights);
    expect(table?.kind === 'table' && table.rows).toEqual([
      { aspect: { en: 'Logistics', zh: '物流' }, term: '驿站', score: 0.45, support: 12 },
    ]);
    expect(table?.kind === 'table' && table.caption?.en).toContain('on all 250 documents');
  });
});
