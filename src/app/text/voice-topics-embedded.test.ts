import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { createEmbedder } from '../../llm/embedding-client.js';
import { createPromptGuard } from '../../llm/guard/index.js';
import { LlmCallError } from '../../llm/language-model.js';
import { createFakeEmbeddingProvider } from '../../llm/testing/fake-embedding-provider.js';
import { hashedEmbedding } from '../../llm/testing/test-server-embeddings.js';
import { createTextPipeline, type SentimentLabel } from '../../text/index.js';
import { themedDocument } from './testing/voice-document.js';
import type { VoiceDocument } from './voice-documents.js';
import { voiceTopicsAndTerms } from './voice-topics.js';
import { voiceTopicsAndTermsEmbedded } from './voice-topics-embedded.js';

const EMAIL = 'wang.fang@example.com';

const doc = (id: number, text: string, lang: 'zh' | 'en', label: SentimentLabel, aspect: string) =>
  themedDocument(id, text, lang, label, [aspect]);

/**
 * Per language, a delivery theme and a fabric theme, each written two ways that share no content
 * word ("courier … neighbour" / "late package, tracking stuck"), so only meaning joins them.
 */
function corpus(perTheme: number): VoiceDocument[] {
  const docs: VoiceDocument[] = [];
  let id = 0;
  for (let i = 0; i < perTheme; i++) {
    const odd = i % 2 === 1;
    // A number per document, so no two texts (and no two vectors) are the same.
    const n = ` #${i}`;
    docs.push(
      doc(
        id++,
        `${odd ? '快递员把包裹放在驿站。' : '物流太慢，一直没到。'}${n}`,
        'zh',
        'negative',
        'logistics',
      ),
    );
    docs.push(doc(id++, `${odd ? '面料柔软。' : '做工精细，穿着舒服。'}${n}`, 'zh', 'positive', 'quality'));
    const courier = `The courier left the parcel at the neighbour${i === 1 ? ` ${EMAIL}` : ''}.`;
    docs.push(
      doc(
        id++,
        `${odd ? courier : 'Late again, tracking stuck for days.'}${n}`,
        'en',
        'negative',
        'logistics',
      ),
    );
    docs.push(
      doc(
        id++,
        `${odd ? 'The fabric is soft.' : 'Neat stitching, comfy cotton.'}${n}`,
        'en',
        'positive',
        'quality',
      ),
    );
  }
  return docs.sort((a, b) => a.ts.getTime() - b.ts.getTime() || (a.id < b.id ? -1 : 1));
}

// A stand-in for a semantic model: delivery words along one axis, fabric words along another,
// everything else along a third, plus a small hashed component so no two texts are identical.
const DELIVERY =
  /\b(courier|parcel|tracking|track|delivery|neighbour|late|stuck|stick)\b|物流|快递|包裹|驿站|慢|没到/;
const FABRIC = /\b(fabric|stitching|stitch|cotton|soft|comfy|neat)\b|面料|柔软|做工|精细|舒服/;
function meaning(text: string): Float32Array {
  const noise = hashedEmbedding(text, 64);
  const axes = [DELIVERY.test(text) ? 1 : 0, FABRIC.test(text) ? 1 : 0, 0];
  if (axes[0] === 0 && axes[1] === 0) axes[2] = 1;
  return Float32Array.from([...axes, ...Array.from(noise, (x) => 0.05 * x)]);
}

const pipeline = createTextPipeline();
const noWait = { baseDelayMs: 0, maxDelayMs: 0, maxRetries: 0, sleep: async () => undefined } as const;
const setup = (failures?: readonly unknown[]) => {
  const provider = createFakeEmbeddingProvider({ vectorOf: meaning, ...(failures ? { failures } : {}) });
  return { provider, embedder: createEmbedder({ provider, guard: createPromptGuard(), retry: noWait }) };
};

describe('voiceTopicsAndTermsEmbedded', () => {
  const docs = corpus(40);

  it('clusters by meaning per language, names the model, and keeps TF-IDF terms per topic', async () => {
    const { provider, embedder } = setup();
    const { topics } = await voiceTopicsAndTermsEmbedded(docs, docs, pipeline, embedder, {
      bucket: 'month',
      maxTopics: 4,
    });
    expect(topics.method).toMatch(/^spherical k-means on fake\/fake-embedding embeddings per language/);
    expect(topics.embedding).toEqual({ engine: 'fake/fake-embedding' });
    expect(topics.languages.map((f) => [f.lang, f.k])).toEqual([
      ['zh', 2],
      ['en', 2],
    ]);
    for (const lang of ['zh', 'en'] as const) {
      const mine = topics.topics.filter((t) => t.lang === lang);
      expect(mine.map((t) => t.size)).toEqual([40, 40]);
      // Both phrasings of the delivery theme in one topic: all negative.
      const delivery = mine.find((t) => t.negativeShare === 1);
      const words = delivery?.terms.map((t) => t.term) ?? [];
      expect(words).toEqual(expect.arrayContaining(lang === 'zh' ? ['驿站', '物流'] : ['courier', 'track']));
      expect(mine.find((t) => t.negativeShare === 0)).toBeDefined();
    }
    // TF-IDF cannot join phrasings that share no word: it splits the themes otherwise.
    const plain = voiceTopicsAndTerms(docs, docs, pipeline, { bucket: 'month', maxTopics: 4 });
    for (const lang of ['zh', 'en'])
      expect(plain.topics.topics.filter((t) => t.lang === lang).map((t) => t.size)).not.toEqual([40, 40]);
    // Nothing left the process unredacted.
    expect(provider.requests.flat().join('\n')).not.toContain(EMAIL);
    expect(provider.requests.flat().join('\n')).toContain('[EMAIL_1]');
  });

  it('embeds at most maxEmbeddedDocuments topic documents, a seeded sample, and says so', async () => {
    const { provider, embedder } = setup();
    const { topics } = await voiceTopicsAndTermsEmbedded(docs, docs, pipeline, embedder, {
      bucket: 'month',
      maxEmbeddedDocuments: 100,
      seed: 3,
    });
    expect(topics.sampled).toBe(100);
    expect(topics.total).toBe(160);
    expect(topics.method).toContain('a seeded sample of at most 100 documents embedded');
    expect(provider.requests.slice(0, 2).map((r) => r.length)).toEqual([64, 36]); // batches of 64
    const again = await voiceTopicsAndTermsEmbedded(docs, docs, pipeline, setup().embedder, {
      bucket: 'month',
      maxEmbeddedDocuments: 100,
      seed: 3,
    });
    expect(JSON.stringify(again.topics)).toBe(JSON.stringify(topics));
  });

  it('proposes aspect terms by embedding neighbours of the seed terms, backed by documents', async () => {
    const { embedder } = setup();
    const { aspectTerms } = await voiceTopicsAndTermsEmbedded(docs, docs, pipeline, embedder, {
      bucket: 'month',
    });
    expect(aspectTerms.method).toMatch(
      /^nearest fake\/fake-embedding embedding neighbours of the taxonomy's \d+ seed terms/,
    );
    expect(aspectTerms.embedding).toEqual({ engine: 'fake/fake-embedding' });
    const logistics = aspectTerms.terms.filter((t) => t.aspect === 'logistics').map((t) => t.term);
    expect(logistics).toEqual(expect.arrayContaining(['neighbour', '驿站', 'track']));
    expect(logistics).not.toContain('parcel'); // a seed term already
    for (const t of aspectTerms.terms) {
      expect(t.support).toBeGreaterThanOrEqual(5);
      expect(t.score).toBeGreaterThanOrEqual(0.6);
    }
  });

  it('falls back to TF-IDF and co-occurrence when the embedding calls fail, and says so', async () => {
    const { embedder } = setup(
      Array.from(
        { length: 5 },
        () => new LlmCallError('llm_http', 'HTTP 503', { status: 503, isRetryable: true }),
      ),
    );
    const result = await voiceTopicsAndTermsEmbedded(docs, docs, pipeline, embedder, { bucket: 'month' });
    expect(result.topics.method).toMatch(
      /^fake\/fake-embedding embeddings failed \(llm_http\); fell back to spherical k-means on TF-IDF/,
    );
    expect(result.aspectTerms.method).toMatch(/fell back to clause co-occurrence/);
    expect(result.topics.embedding).toEqual({ engine: 'fake/fake-embedding', failed: 'llm_http' });
    expect(result.topics.topics.length).toBeGreaterThan(0);
    await expect(
      voiceTopicsAndTermsEmbedded(docs, docs, pipeline, embedder, {
        bucket: 'month',
        maxEmbeddedDocuments: 0,
      }),
    ).rejects.toThrow(InputError);
  });
});
