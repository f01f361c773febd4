import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { memoryRecorder } from './call-log.js';
import { CircuitOpenError } from './circuit-breaker.js';
import { createBudget, LlmBudgetError } from './cost.js';
import { createEmbedder, type EmbedderOptions } from './embedding-client.js';
import { createPromptGuard } from './guard/index.js';
import { LlmCallError } from './language-model.js';
import { createFakeEmbeddingProvider, type FakeEmbeddingOptions } from './testing/fake-embedding-provider.js';
import { hashedEmbedding } from './testing/test-server-embeddings.js';

const EMAIL = 'li.xiaoming+vip@example.com';
const PHONE = '13800138000';
const noWait = { baseDelayMs: 0, maxDelayMs: 0, sleep: async () => undefined } as const;
const http = (status: number) =>
  new LlmCallError('llm_http', `HTTP ${status}`, { status, isRetryable: status === 429 || status >= 500 });

function setup(fake: FakeEmbeddingOptions = {}, options: Partial<EmbedderOptions> = {}) {
  const provider = createFakeEmbeddingProvider(fake);
  const recorder = memoryRecorder();
  const embedder = createEmbedder({
    provider,
    guard: createPromptGuard(),
    recorder,
    retry: noWait,
    ...options,
  });
  return { provider, recorder, embedder };
}

describe('createEmbedder', () => {
  it('returns one vector per text, in order, from batches of batchSize', async () => {
    const { provider, embedder } = setup({}, { batchSize: 2 });
    const texts = ['delivery was slow', 'the fabric is soft', 'slow delivery again', 'soft fabric'];
    const vectors = await embedder.embed(texts);
    expect(provider.requests.map((r) => r.length)).toEqual([2, 2]);
    expect(vectors.map((v) => Array.from(v))).toEqual(texts.map((t) => Array.from(hashedEmbedding(t))));
    expect(embedder.dimensions).toBe(256);
    expect(embedder.engine).toBe('fake/fake-embedding');
    expect(embedder.totals()).toMatchObject({ texts: 4, providerCalls: 2 });
  });

  it('answers repeated texts from the cache and re-embeds a cached vector of another length', async () => {
    const store = new Map<string, Float32Array>();
    const cache = {
      getMany: async (keys: readonly string[]) =>
        new Map(keys.flatMap((k) => (store.has(k) ? [[k, store.get(k) as Float32Array] as const] : []))),
      put: (key: string, vector: Float32Array) => void store.set(key, vector),
    };
    const { provider, embedder } = setup({}, { cache });
    const first = await embedder.embed(['slow delivery', 'soft fabric', '']);
    expect(provider.requests).toEqual([['slow delivery', 'soft fabric']]);
    expect(store.size).toBe(2);
    const again = await embedder.embed(['soft fabric', 'slow delivery', 'new text']);
    expect(provider.requests.at(-1)).toEqual(['new text']);
    expect(Array.from(again[0] as Float32Array)).toEqual(Array.from(first[1] as Float32Array));
    expect(embedder.totals()).toMatchObject({ texts: 6, cachedTexts: 2, providerCalls: 2 });
    // a stale vector of another length (another model configuration) is embedded again
    for (const key of store.keys()) store.set(key, new Float32Array(3));
    await embedder.embed(['slow delivery']);
    expect(provider.requests.at(-1)).toEqual(['slow delivery']);
  });

  it('redacts PII before anything reaches the provider or the call log', async () => {
    const { provider, recorder, embedder } = setup();
    await embedder.embed([`我叫李小明，请发邮件到 ${EMAIL} 或打 ${PHONE}。`, 'no pii here']);
    const sent = provider.requests.flat().join('\n');
    for (const value of [EMAIL, PHONE, '李小明']) expect(sent).not.toContain(value);
    expect(sent).toContain('[EMAIL_1]');
    expect(recorder.calls).toHaveLength(1);
    const record = recorder.calls[0];
    expect(record).toMatchObject({
      task: 'embed',
      status: 'ok',
      attempts: 1,
      outputTokens: 0,
      cached: false,
    });
    expect(record?.redactions).toMatchObject({ email: 1, phone: 1, name: 1 });
    expect(JSON.stringify(recorder.calls)).not.toContain('no pii here');
  });

  it('sends no empty text and gives it a zero vector; cuts long texts', async () => {
    const { provider, embedder } = setup({}, { maxInputChars: 10 });
    const vectors = await embedder.embed(['', 'abcdefghijklmnop', '   ']);
    expect(provider.requests).toEqual([['abcdefghij']]);
    expect(vectors).toHaveLength(3);
    expect(vectors[0]).toEqual(new Float32Array(256));
    expect(vectors[2]).toEqual(new Float32Array(256));
    expect(await embedder.embed([])).toEqual([]);
  });

  it('redacts before it cuts, so a cut never leaves a fragment of an address', async () => {
    const { provider, embedder } = setup({}, { maxInputChars: 20 });
    await embedder.embed(['Write to someone.long.name@example.com today']);
    const sent = provider.requests[0]?.[0] ?? '';
    expect(sent).toHaveLength(20);
    expect(sent).not.toMatch(/someone|example/);
  });

  it('retries retryable failures and records the attempts', async () => {
    const { provider, recorder, embedder } = setup({ failures: [http(503), http(429)] });
    const [vector] = await embedder.embed(['hello'], { task: 'topics' });
    expect(vector).toEqual(hashedEmbedding('hello'));
    expect(provider.requests).toHaveLength(3);
    expect(recorder.calls[0]).toMatchObject({ task: 'topics', attempts: 3, status: 'ok' });
  });

  it('does not retry a 400, records it, and opens the breaker after repeated failures', async () => {
    const { recorder, embedder } = setup({ failures: [http(400)] });
    await expect(embedder.embed(['x'])).rejects.toThrow(/HTTP 400/);
    expect(recorder.calls[0]).toMatchObject({ status: 'error', errorCode: 'llm_http', attempts: 1 });

    const failing = setup(
      { failures: Array.from({ length: 10 }, () => http(503)) },
      { retry: { ...noWait, maxRetries: 0 }, breaker: { failureThreshold: 2, resetAfterMs: 60_000 } },
    );
    await expect(failing.embedder.embed(['a'])).rejects.toThrow(/503/);
    await expect(failing.embedder.embed(['b'])).rejects.toThrow(/503/);
    await expect(failing.embedder.embed(['c'])).rejects.toBeInstanceOf(CircuitOpenError);
    expect(failing.provider.requests).toHaveLength(2);
    expect(failing.recorder.calls.at(-1)?.status).toBe('circuit_open');
  });

  it('rejects a response with the wrong number of vectors or mixed lengths, without retrying', async () => {
    let call = 0;
    const wrong = setup({
      vectorOf: () => new Float32Array(call++ === 0 ? 4 : 8).fill(1),
    });
    await expect(wrong.embedder.embed(['a', 'b'])).rejects.toThrow(/mixes vector lengths 4 and 8/);
    expect(wrong.provider.requests).toHaveLength(1);
    const nan = setup({ vectorOf: () => Float32Array.of(Number.NaN, 1) });
    await expect(nan.embedder.embed(['a'])).rejects.toThrow(/non-finite/);
  });

  it('times out a hanging call as a retryable failure', async () => {
    const provider = createFakeEmbeddingProvider();
    const hanging = { ...provider, embed: () => new Promise<never>(() => undefined) };
    const embedder = createEmbedder({
      provider: hanging,
      guard: createPromptGuard(),
      timeoutMs: 20,
      retry: { ...noWait, maxRetries: 1 },
    });
    const error = await embedder.embed(['x']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmCallError);
    expect((error as LlmCallError).code).toBe('llm_timeout');
    expect(embedder.totals().providerCalls).toBe(2);
  });

  it('charges input tokens to the price and stops at the budget', async () => {
    const budget = createBudget({ limit: 0.000_01, currency: 'USD' });
    const { embedder, recorder } = setup(
      {},
      { price: { inputPerMillion: 1, outputPerMillion: 0, currency: 'USD' }, budget },
    );
    await embedder.embed(['a'.repeat(400)]); // 100 tokens → 0.0001 USD
    expect(recorder.calls[0]?.cost).toBeCloseTo(0.0001, 10);
    await expect(embedder.embed(['more'])).rejects.toBeInstanceOf(LlmBudgetError);
    expect(recorder.calls[1]?.status).toBe('budget_exceeded');
  });

  it('validates its options and closes the provider', async () => {
    expect(() => setup({}, { batchSize: 0 })).toThrow(InputError);
    expect(() => setup({}, { maxInputChars: 1.5 })).toThrow(/maxInputChars/);
    expect(() => setup({}, { timeoutMs: 0 })).toThrow(/timeoutMs/);
    const { provider, embedder } = setup();
    await expect(embedder.embed(['a'], { task: ' ' })).rejects.toThrow(InputError);
    await embedder.close();
    expect(provider.closed).toBe(true);
  });
});
