import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JsonSchema, LlmCallError, type LlmProvider, type LlmResponse } from './language-model.js';

/**
 * The contract every `LlmProvider` passes (after Kysely's per-dialect loop and the AI SDK's
 * provider spec): the same behaviour checks, run against each adapter — the AI SDK providers
 * against the local test server, the local GGUF provider against a tiny model. The checks hold
 * for any model, however small: they test the adapter (text, usage, JSON plumbing, streaming,
 * cancellation, close), not the model's wisdom.
 *
 * The provider is created once (`setup`, in `beforeAll`) because loading a local model is slow;
 * the close test runs last and `teardown` runs after it.
 */

export interface ProviderContractOptions {
  /** A slow provider (local model on CPU): longer timeouts per test. */
  readonly slow?: boolean;
  /**
   * The provider cannot enforce JSON server-side (`prompt` mode with a model too small to follow
   * the instructions): JSON answers need only be non-empty text, not parseable JSON.
   */
  readonly lenientJson?: boolean;
}

export interface ProviderContractSetup {
  readonly provider: LlmProvider;
  readonly teardown?: () => Promise<void>;
}

const STRUCTURED_MODES = ['json_schema', 'tool', 'grammar', 'json_object', 'prompt'];

/** A small object schema, strict-compatible (every property required, no extra properties). */
export const CONTRACT_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    headline: { type: 'string', minLength: 1, maxLength: 60 },
    sentiment: { type: 'string', enum: ['positive', 'neutral', 'negative'] },
    score: { type: 'integer', minimum: 0, maximum: 10 },
  },
  required: ['headline', 'sentiment', 'score'],
  additionalProperties: false,
};

const JSON_REQUEST = {
  json: { name: 'review_summary', schema: CONTRACT_SCHEMA },
  messages: [
    { role: 'system' as const, content: 'You summarise customer reviews as JSON.' },
    {
      role: 'user' as const,
      content:
        'Review: "Fast delivery and the blender works great." Give a headline, the sentiment and a 0-10 score.',
    },
  ],
  temperature: 0,
  maxOutputTokens: 128,
};

function expectUsage(response: LlmResponse): void {
  for (const count of [response.usage.inputTokens, response.usage.outputTokens]) {
    expect(Number.isInteger(count)).toBe(true);
    expect(count).toBeGreaterThanOrEqual(0);
  }
}

function expectJsonAnswer(response: LlmResponse, lenient: boolean): void {
  expect(response.text.trim().length).toBeGreaterThan(0);
  if (lenient) return;
  const parsed: unknown = JSON.parse(response.text);
  expect(typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)).toBe(true);
  for (const key of CONTRACT_SCHEMA.required as string[]) expect(parsed).toHaveProperty(key);
}

/** Registers the provider contract suite under `LlmProvider contract: <name>`. */
export function describeProviderContract(
  name: string,
  setup: () => Promise<ProviderContractSetup>,
  options: ProviderContractOptions = {},
): void {
  const timeout = options.slow === true ? 300_000 : 20_000;
  const lenient = options.lenientJson === true;

  describe(`LlmProvider contract: ${name}`, () => {
    let provider: LlmProvider;
    let teardown: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      ({ provider, teardown } = await setup());
    }, timeout);

    afterAll(async () => {
      await provider?.close();
      await teardown?.();
    }, timeout);

    it('names its provider, model and default structured mode', () => {
      expect(provider.provider.length).toBeGreaterThan(0);
      expect(provider.model.length).toBeGreaterThan(0);
      expect(STRUCTURED_MODES).toContain(provider.structuredMode);
    });

    it(
      'a plain completion returns non-empty text, integer usage ≥ 0 and a finish reason',
      async () => {
        const response = await provider.complete({
          messages: [
            { role: 'system', content: 'You are a concise marketing assistant.' },
            { role: 'user', content: 'Write one short sentence that welcomes a new customer.' },
          ],
          temperature: 0,
          maxOutputTokens: 48,
        });
        expect(response.text.trim().length).toBeGreaterThan(0);
        expectUsage(response);
        expect(typeof response.finishReason).toBe('string');
        expect(response.structuredMode).toBeUndefined();
      },
      timeout,
    );

    it(
      'a Chinese prompt returns non-empty text',
      async () => {
        const response = await provider.complete({
          messages: [{ role: 'user', content: '请用一句话欢迎新客户。' }],
          temperature: 0,
          maxOutputTokens: 48,
        });
        expect(response.text.trim().length).toBeGreaterThan(0);
        expectUsage(response);
      },
      timeout,
    );

    it(
      'a JSON request returns an object with the schema’s required keys, in the default mode',
      async () => {
        const response = await provider.complete(JSON_REQUEST);
        expectJsonAnswer(response, lenient);
        expectUsage(response);
        expect(response.structuredMode).toBeDefined();
      },
      timeout,
    );

    it(
      'streaming: the deltas given to onDelta add up to the final text',
      async () => {
        const deltas: string[] = [];
        const response = await provider.complete({
          messages: [{ role: 'user', content: 'List three colours, separated by commas.' }],
          temperature: 0,
          maxOutputTokens: 48,
          onDelta: (delta) => deltas.push(delta),
        });
        expect(response.text.trim().length).toBeGreaterThan(0);
        expect(deltas.length).toBeGreaterThan(0);
        expect(deltas.join('')).toBe(response.text);
        expectUsage(response);
      },
      timeout,
    );

    it(
      'streaming a JSON request: the deltas add up to the final JSON text',
      async () => {
        const deltas: string[] = [];
        const response = await provider.complete({ ...JSON_REQUEST, onDelta: (delta) => deltas.push(delta) });
        expect(deltas.join('')).toBe(response.text);
        expectJsonAnswer(response, lenient);
      },
      timeout,
    );

    it(
      'a request whose signal is already aborted rejects with a retryable llm_timeout LlmCallError',
      async () => {
        const error = await provider
          .complete({ messages: [{ role: 'user', content: 'Hello' }], signal: AbortSignal.abort() })
          .then(
            () => undefined,
            (failure: unknown) => failure,
          );
        expect(error).toBeInstanceOf(LlmCallError);
        expect((error as LlmCallError).code).toBe('llm_timeout');
        expect((error as LlmCallError).isRetryable).toBe(true);
      },
      timeout,
    );

    // Last on purpose: the provider is shared by the tests above.
    it(
      'close() may be called twice',
      async () => {
        await provider.close();
        await expect(provider.close()).resolves.toBeUndefined();
      },
      timeout,
    );
  });
}
