import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import { LlmCallError } from '../../language-model.js';
import {
  hashedEmbedding,
  startOpenAiTestServer,
  TEST_EMBEDDING_DIMENSIONS,
  type TestServer,
} from '../../testing/openai-test-server.js';
import { createAiSdkEmbeddingProvider } from './ai-sdk-embedding.js';

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * (b[i] as number), 0);

describe('createAiSdkEmbeddingProvider against the test server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startOpenAiTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  for (const vendor of ['openai-compatible', 'openai'] as const) {
    it(`${vendor}: one POST /embeddings per call, vectors in order, usage counted`, async () => {
      server.setReply(undefined);
      const before = server.requests.length;
      const provider = createAiSdkEmbeddingProvider({
        provider: vendor,
        model: 'nomic-embed-text',
        baseUrl: server.url,
        apiKey: 'test-key',
      });
      const texts = ['the delivery was slow', 'slow delivery, late courier', '面料柔软，做工精细'];
      const response = await provider.embed({ texts });
      const sent = server.requests.slice(before);
      expect(sent).toHaveLength(1);
      expect(sent[0]?.path).toBe('/v1/embeddings');
      expect(sent[0]?.body).toMatchObject({ model: 'nomic-embed-text', input: texts });
      expect(sent[0]?.headers.authorization).toBe('Bearer test-key');
      expect(response.vectors).toHaveLength(3);
      response.vectors.forEach((vector, i) => {
        expect(vector.length).toBe(TEST_EMBEDDING_DIMENSIONS);
        expect(Array.from(vector)).toEqual(Array.from(hashedEmbedding(texts[i] as string)));
      });
      // Texts sharing words are closer than unrelated ones.
      const [slow, late, fabric] = response.vectors as [Float32Array, Float32Array, Float32Array];
      expect(cosine(slow, late)).toBeGreaterThan(cosine(slow, fabric) + 0.2);
      expect(response.inputTokens).toBeGreaterThan(0);
    });
  }

  it('passes dimensions through and maps HTTP errors to LlmCallError', async () => {
    const provider = createAiSdkEmbeddingProvider({
      provider: 'openai-compatible',
      model: 'm',
      baseUrl: server.url,
      dimensions: 32,
    });
    server.setReply(undefined);
    const response = await provider.embed({ texts: ['hello'] });
    expect(response.vectors[0]?.length).toBe(32);

    server.setReply(() => ({ status: 429, headers: { 'retry-after': '2' } }));
    const error = await provider.embed({ texts: ['hello'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmCallError);
    expect(error).toMatchObject({ code: 'llm_http', status: 429, isRetryable: true, retryAfterMs: 2000 });
    server.setReply(() => ({ status: 401 }));
    await expect(provider.embed({ texts: ['hello'] })).rejects.toMatchObject({
      status: 401,
      isRetryable: false,
    });
    server.setReply(undefined);
    await provider.close();
    await expect(provider.embed({ texts: ['x'] })).rejects.toThrow(/closed/);
  });

  it('validates its configuration', () => {
    expect(() => createAiSdkEmbeddingProvider({ provider: 'openai-compatible', model: 'm' })).toThrow(
      /base URL/,
    );
    expect(() => createAiSdkEmbeddingProvider({ provider: 'anthropic', model: 'm' })).toThrow(InputError);
    expect(() =>
      createAiSdkEmbeddingProvider({ provider: 'openai', model: ' ', baseUrl: server.url }),
    ).toThrow(/model name/);
    expect(() => createAiSdkEmbeddingProvider({ provider: 'openai', model: 'm', dimensions: 0 })).toThrow(
      /dimensions/,
    );
  });
});
