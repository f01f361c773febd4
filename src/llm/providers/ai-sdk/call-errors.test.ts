import { APICallError } from 'ai';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LlmCallError } from '../../language-model.js';
import { startOpenAiTestServer, type TestServer } from '../../testing/openai-test-server.js';
import { createAiSdkProvider } from './ai-sdk-provider.js';
import { isRetryableStatus, parseRetryAfter, toLlmCallError } from './call-errors.js';
import { isStrictCompatible, toModelMessages, wireName } from './structured-call.js';

const context = { provider: 'openai-compatible', model: 'm' };

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');

  it('reads delay-seconds, fractions, retry-after-ms and HTTP dates, case-insensitively', () => {
    expect(parseRetryAfter({ 'retry-after': '2' }, now)).toBe(2000);
    expect(parseRetryAfter({ 'Retry-After': '0.25' }, now)).toBe(250);
    expect(parseRetryAfter({ 'retry-after-ms': '1500', 'retry-after': '9' }, now)).toBe(1500);
    expect(parseRetryAfter({ 'retry-after': 'Wed, 01 Jan 2025 00:00:30 GMT' }, now)).toBe(30_000);
    expect(parseRetryAfter({ 'retry-after': 'Tue, 31 Dec 2024 23:59:00 GMT' }, now)).toBe(0);
  });

  it('gives undefined when absent or unparseable', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter({}, now)).toBeUndefined();
    expect(parseRetryAfter({ 'retry-after': 'soon' }, now)).toBeUndefined();
    expect(parseRetryAfter({ 'retry-after': '-3' }, now)).toBeUndefined();
  });
});

describe('toLlmCallError', () => {
  it('classifies statuses: 408, 409, 429 and 5xx are retryable', () => {
    expect([408, 409, 429, 500, 503, 529].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 422].some(isRetryableStatus)).toBe(false);
  });

  it('keeps the request body out of the error (no APICallError cause)', () => {
    const apiError = new APICallError({
      message: 'Rate limited for prompt: secret prompt text',
      url: 'http://127.0.0.1:9/v1/chat/completions',
      requestBodyValues: { messages: [{ role: 'user', content: 'secret prompt text' }] },
      statusCode: 429,
      responseHeaders: { 'retry-after': '3' },
      responseBody: '{"error":{"message":"secret prompt text","type":"rate_limit_error"}}',
    });
    const mapped = toLlmCallError(apiError, context);
    expect(mapped).toMatchObject({ code: 'llm_http', status: 429, retryAfterMs: 3000, isRetryable: true });
    expect(mapped.message).toBe('openai-compatible model m: HTTP 429 (rate_limit_error)');
    expect(mapped.cause).toBeUndefined();
  });

  it('passes LlmCallError through and maps unknown failures to non-retryable llm_unavailable', () => {
    const original = new LlmCallError('llm_timeout', 'x', { isRetryable: true });
    expect(toLlmCallError(original, context)).toBe(original);
    const unknown = toLlmCallError(new RangeError('prompt text here'), context);
    expect(unknown).toMatchObject({ code: 'llm_unavailable', isRetryable: false });
    expect(unknown.message).not.toContain('prompt text');
  });
});

describe('missing API key', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    vi.unstubAllEnvs();
    await server?.close();
  });

  it('→ non-retryable llm_unavailable with a hint, before any request is sent', async () => {
    vi.stubEnv('ANTHROPIC_API_KEY', undefined);
    server = await startOpenAiTestServer();
    const provider = createAiSdkProvider({
      provider: 'anthropic',
      model: 'claude-test',
      baseUrl: server.url,
    });
    const error = await provider
      .complete({ messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'llm_unavailable', isRetryable: false });
    expect((error as LlmCallError).hint).toContain('API key');
    expect(server.requests).toHaveLength(0);
  });
});

describe('structured-call helpers', () => {
  it('isStrictCompatible requires every property required and additionalProperties: false, at every level', () => {
    const strict = {
      type: 'object',
      properties: {
        items: {
          type: 'array',
          items: {
            type: 'object',
            properties: { a: { type: 'string' } },
            required: ['a'],
            additionalProperties: false,
          },
        },
      },
      required: ['items'],
      additionalProperties: false,
    };
    expect(isStrictCompatible(strict)).toBe(true);
    const nestedLoose = structuredClone(strict);
    nestedLoose.properties.items.items.required = [];
    expect(isStrictCompatible(nestedLoose)).toBe(false);
    expect(isStrictCompatible({ type: 'object', properties: {}, required: [] })).toBe(false);
    expect(isStrictCompatible({ type: 'string', enum: ['a', 'b'] })).toBe(true);
  });

  it('wireName keeps names valid for tool and schema names', () => {
    expect(wireName('product copy/v2')).toBe('product_copy_v2');
    expect(wireName('产品文案')).toBe('____');
    expect(wireName('')).toBe('response');
    expect(wireName('x'.repeat(80))).toHaveLength(64);
  });

  it('toModelMessages appends a note to the first system message or adds one', () => {
    const withSystem = toModelMessages(
      [
        { role: 'system', content: 'Base.' },
        { role: 'user', content: 'Hi' },
      ],
      'NOTE',
    );
    expect(withSystem).toEqual([
      { role: 'system', content: 'Base.\n\nNOTE' },
      { role: 'user', content: 'Hi' },
    ]);
    expect(toModelMessages([{ role: 'user', content: 'Hi' }], 'NOTE')[0]).toEqual({
      role: 'system',
      content: 'NOTE',
    });
    expect(toModelMessages([{ role: 'user', content: 'Hi' }])).toEqual([{ role: 'user', content: 'Hi' }]);
  });
});
