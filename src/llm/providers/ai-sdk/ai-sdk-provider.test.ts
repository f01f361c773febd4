import { afterEach, describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import { LlmCallError, type LlmRequest } from '../../language-model.js';
import { describeProviderContract } from '../../provider.contract.js';
import { startOpenAiTestServer, type TestServer } from '../../testing/openai-test-server.js';
import { type AiSdkProviderConfig, createAiSdkProvider } from './index.js';

const FAKE_KEY = 'sk-test-0000-fake-key';
const PROMPT = 'Describe product 555-0100 for jane@example.com';

const SCHEMA = {
  type: 'object',
  properties: { title: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } },
  required: ['title', 'tags'],
  additionalProperties: false,
};

const JSON_REQUEST: LlmRequest = {
  messages: [
    { role: 'system', content: 'You write product copy.' },
    { role: 'user', content: PROMPT },
  ],
  json: { name: 'product copy', schema: SCHEMA },
};

/** Starts a test server and a provider pointed at it, for the contract suite. */
function contractSetup(config: Omit<AiSdkProviderConfig, 'baseUrl' | 'model'>) {
  return async () => {
    const server = await startOpenAiTestServer();
    const provider = createAiSdkProvider({
      ...config,
      model: 'test-model',
      baseUrl: server.url,
      apiKey: FAKE_KEY,
    });
    return { provider, teardown: () => server.close() };
  };
}

describeProviderContract(
  'ai-sdk openai-compatible (json_schema)',
  contractSetup({ provider: 'openai-compatible' }),
);
describeProviderContract(
  'ai-sdk openai-compatible (tool)',
  contractSetup({ provider: 'openai-compatible', structuredMode: 'tool' }),
);
describeProviderContract(
  'ai-sdk openai-compatible (json_object)',
  contractSetup({ provider: 'openai-compatible', structuredMode: 'json_object' }),
);
describeProviderContract('ai-sdk openai', contractSetup({ provider: 'openai' }));
describeProviderContract('ai-sdk anthropic (tool)', contractSetup({ provider: 'anthropic' }));
describeProviderContract(
  'ai-sdk anthropic (json_schema)',
  contractSetup({ provider: 'anthropic', structuredMode: 'json_schema' }),
);

let server: TestServer;

afterEach(async () => {
  await server?.close();
});

async function providerFor(config: Partial<AiSdkProviderConfig> = {}) {
  server = await startOpenAiTestServer();
  return createAiSdkProvider({
    provider: 'openai-compatible',
    model: 'qwen-test',
    baseUrl: server.url,
    apiKey: FAKE_KEY,
    ...config,
  });
}

const lastBody = () => server.requests.at(-1)?.body as Record<string, unknown>;

async function failure(promise: Promise<unknown>): Promise<LlmCallError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(LlmCallError);
  return error as LlmCallError;
}

describe('createAiSdkProvider: request shape', () => {
  it('json_schema mode sends response_format with the schema, the model name and the bearer key', async () => {
    const provider = await providerFor({ headers: { 'x-tenant': 'demo' } });
    expect(provider.structuredMode).toBe('json_schema');
    const response = await provider.complete(JSON_REQUEST);
    expect(response.structuredMode).toBe('json_schema');
    expect(JSON.parse(response.text)).toEqual({ title: 'example', tags: ['example'] });
    const body = lastBody();
    expect(body.model).toBe('qwen-test');
    expect(body.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'product_copy', schema: SCHEMA, strict: true },
    });
    expect(body.tools).toBeUndefined();
    const headers = server.requests.at(-1)?.headers ?? {};
    expect(headers.authorization).toBe(`Bearer ${FAKE_KEY}`);
    expect(headers['x-tenant']).toBe('demo');
  });

  it('a schema that strict mode would reject is sent with strict: false', async () => {
    const provider = await providerFor();
    const loose = { type: 'object', properties: { title: { type: 'string' } } };
    await provider.complete({ ...JSON_REQUEST, json: { name: 'loose', schema: loose } });
    expect(lastBody().response_format).toMatchObject({ json_schema: { strict: false } });
  });

  it('tool mode sends one tool with the schema and forces it; the answer is the tool arguments', async () => {
    const provider = await providerFor({ structuredMode: 'tool' });
    const response = await provider.complete(JSON_REQUEST);
    expect(response.structuredMode).toBe('tool');
    expect(JSON.parse(response.text)).toEqual({ title: 'example', tags: ['example'] });
    const body = lastBody();
    expect(body.tools).toEqual([
      expect.objectContaining({
        type: 'function',
        function: expect.objectContaining({ name: 'product_copy' }),
      }),
    ]);
    expect(body.tool_choice).toEqual({ type: 'function', function: { name: 'product_copy' } });
    expect(body.response_format).toBeUndefined();
  });

  it('json_object mode asks for JSON mode and puts the schema in the system message', async () => {
    const provider = await providerFor({ structuredMode: 'json_object' });
    const response = await provider.complete(JSON_REQUEST);
    expect(JSON.parse(response.text)).toEqual({ title: 'example', tags: ['example'] });
    const body = lastBody();
    expect(body.response_format).toEqual({ type: 'json_object' });
    const messages = body.messages as { role: string; content: string }[];
    expect(messages[0]?.role).toBe('system');
    expect(messages[0]?.content).toContain('You write product copy.');
    expect(messages[0]?.content).toContain(JSON.stringify(SCHEMA));
  });

  it('prompt mode sends no response format and adds a system note when there is no system message', async () => {
    const provider = await providerFor();
    await provider.complete({
      messages: [{ role: 'user', content: 'hi' }],
      json: { name: 'x', schema: SCHEMA },
      structuredMode: 'prompt',
    });
    const body = lastBody();
    expect(body.response_format).toBeUndefined();
    const messages = body.messages as { role: string; content: string }[];
    expect(messages.map((message) => message.role)).toEqual(['system', 'user']);
    expect(messages[0]?.content).toContain(JSON.stringify(SCHEMA));
  });

  it('grammar mode (a local-model mode) falls back to json_schema over HTTP', async () => {
    const provider = await providerFor();
    const response = await provider.complete({ ...JSON_REQUEST, structuredMode: 'grammar' });
    expect(response.structuredMode).toBe('json_schema');
    expect(lastBody().response_format).toMatchObject({ type: 'json_schema' });
  });

  it('passes temperature, max tokens and seed', async () => {
    const provider = await providerFor();
    await provider.complete({
      messages: [{ role: 'user', content: 'hi' }],
      temperature: 0.2,
      maxOutputTokens: 99,
      seed: 7,
    });
    expect(lastBody()).toMatchObject({ temperature: 0.2, max_tokens: 99, seed: 7 });
  });

  it('openai uses the chat-completions API with the bearer key', async () => {
    const provider = await providerFor({ provider: 'openai', model: 'gpt-test' });
    await provider.complete(JSON_REQUEST);
    expect(server.requests.at(-1)?.path).toBe('/v1/chat/completions');
    expect(server.requests.at(-1)?.headers.authorization).toBe(`Bearer ${FAKE_KEY}`);
    expect(lastBody()).toMatchObject({ model: 'gpt-test', response_format: { type: 'json_schema' } });
  });

  it('anthropic sends x-api-key, a forced tool in tool mode and a default max_tokens', async () => {
    const provider = await providerFor({ provider: 'anthropic', model: 'claude-test' });
    expect(provider.structuredMode).toBe('tool');
    const response = await provider.complete(JSON_REQUEST);
    expect(JSON.parse(response.text)).toEqual({ title: 'example', tags: ['example'] });
    const request = server.requests.at(-1);
    expect(request?.path).toBe('/v1/messages');
    expect(request?.headers['x-api-key']).toBe(FAKE_KEY);
    expect(lastBody()).toMatchObject({
      model: 'claude-test',
      max_tokens: 4096,
      tool_choice: { type: 'tool', name: 'product_copy' },
      system: [{ type: 'text', text: 'You write product copy.' }],
    });
  });

  it('streams over SSE with usage from the final chunk', async () => {
    const provider = await providerFor();
    const deltas: string[] = [];
    const response = await provider.complete({
      messages: [{ role: 'user', content: 'a fairly long sentence to stream in several pieces' }],
      onDelta: (delta) => deltas.push(delta),
    });
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe(response.text);
    expect(response.usage.outputTokens).toBeGreaterThan(0);
    expect(lastBody()).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('rejects a configuration without model or (openai-compatible) base URL', () => {
    expect(() => createAiSdkProvider({ provider: 'openai-compatible', model: 'm' })).toThrow(InputError);
    expect(() => createAiSdkProvider({ provider: 'openai', model: ' ' })).toThrow(InputError);
  });
});

describe('createAiSdkProvider: malformed JSON is returned, not thrown', () => {
  const malformed = '```json\n{"a": 1,}\n```';

  it('json_schema mode returns the raw text, plain and streaming', async () => {
    const provider = await providerFor();
    server.setReply(() => ({ text: malformed }));
    const plain = await provider.complete(JSON_REQUEST);
    expect(plain.text).toBe(malformed);
    expect(plain.usage.outputTokens).toBeGreaterThan(0);
    const deltas: string[] = [];
    const streamed = await provider.complete({ ...JSON_REQUEST, onDelta: (delta) => deltas.push(delta) });
    expect(streamed.text).toBe(malformed);
    expect(deltas.join('')).toBe(malformed);
  });

  it('tool mode returns the raw tool arguments, plain and streaming', async () => {
    const provider = await providerFor({ structuredMode: 'tool' });
    server.setReply(() => ({ toolCall: { name: 'product_copy', arguments: '{"title": "x",' } }));
    expect((await provider.complete(JSON_REQUEST)).text).toBe('{"title": "x",');
    const deltas: string[] = [];
    const streamed = await provider.complete({ ...JSON_REQUEST, onDelta: (delta) => deltas.push(delta) });
    expect(streamed.text).toBe('{"title": "x",');
    expect(deltas.join('')).toBe('{"title": "x",');
  });

  it('tool mode returns the model’s text when it answered without calling the tool', async () => {
    const provider = await providerFor({ structuredMode: 'tool' });
    server.setReply(() => ({ text: '{"title": "plain"}' }));
    expect((await provider.complete(JSON_REQUEST)).text).toBe('{"title": "plain"}');
    const deltas: string[] = [];
    const streamed = await provider.complete({ ...JSON_REQUEST, onDelta: (delta) => deltas.push(delta) });
    expect(streamed.text).toBe('{"title": "plain"}');
    expect(deltas.join('')).toBe('{"title": "plain"}');
  });
});

describe('createAiSdkProvider: errors', () => {
  it('429 with Retry-After: 2 → retryable llm_http with retryAfterMs 2000', async () => {
    const provider = await providerFor();
    server.setReply(() => ({ status: 429, headers: { 'retry-after': '2' } }));
    const error = await failure(provider.complete(JSON_REQUEST));
    expect(error.code).toBe('llm_http');
    expect(error.status).toBe(429);
    expect(error.retryAfterMs).toBe(2000);
    expect(error.isRetryable).toBe(true);
    expect(server.requests).toHaveLength(1); // no retries inside the adapter
  });

  it('reads retry-after-ms and HTTP-date Retry-After (anthropic too)', async () => {
    const provider = await providerFor({ provider: 'anthropic', model: 'claude-test' });
    server.setReply(() => ({ status: 529, headers: { 'retry-after-ms': '1500' } }));
    const overloaded = await failure(provider.complete(JSON_REQUEST));
    expect(overloaded).toMatchObject({ status: 529, retryAfterMs: 1500, isRetryable: true });
    const later = new Date(Date.now() + 60_000).toUTCString();
    server.setReply(() => ({ status: 503, headers: { 'retry-after': later } }));
    const unavailable = await failure(provider.complete(JSON_REQUEST));
    expect(unavailable.retryAfterMs).toBeGreaterThan(0);
    expect(unavailable.retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it('500 and 408 are retryable; 400 and 401 are not', async () => {
    const provider = await providerFor();
    for (const [status, retryable] of [
      [500, true],
      [408, true],
      [400, false],
      [401, false],
    ] as const) {
      server.setReply(() => ({ status }));
      const error = await failure(provider.complete({ messages: [{ role: 'user', content: PROMPT }] }));
      expect(error).toMatchObject({ code: 'llm_http', status, isRetryable: retryable });
    }
  });

  it('error messages carry neither the API key nor the prompt', async () => {
    const provider = await providerFor();
    server.setReply(() => ({
      status: 401,
      rawBody: JSON.stringify({
        error: { message: `bad key ${FAKE_KEY} for ${PROMPT}`, type: 'invalid_api_key' },
      }),
    }));
    const error = await failure(provider.complete(JSON_REQUEST));
    expect(error.message).toContain('401');
    expect(error.message).toContain('invalid_api_key');
    expect(error.hint).toBeDefined();
    const everything = `${error.message} ${error.hint} ${String(error.cause ?? '')} ${error.stack ?? ''}`;
    expect(everything).not.toContain(FAKE_KEY);
    expect(everything).not.toContain('555-0100');
    expect(everything).not.toContain('jane@example.com');
  });

  it('a hanging server with AbortSignal.timeout(200) → retryable llm_timeout (plain and streaming)', async () => {
    const provider = await providerFor();
    server.setReply(() => ({ hang: true }));
    const plain = await failure(provider.complete({ ...JSON_REQUEST, signal: AbortSignal.timeout(200) }));
    expect(plain).toMatchObject({ code: 'llm_timeout', isRetryable: true });
    expect(plain.message).toContain('timed out');
    const streamed = await failure(
      provider.complete({ ...JSON_REQUEST, signal: AbortSignal.timeout(200), onDelta: () => {} }),
    );
    expect(streamed).toMatchObject({ code: 'llm_timeout', isRetryable: true });
  });

  it('a cancelled call → llm_timeout saying it was aborted', async () => {
    const provider = await providerFor();
    server.setReply(() => ({ hang: true }));
    const controller = new AbortController();
    const pending = provider.complete({ ...JSON_REQUEST, signal: controller.signal });
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    const error = await failure(pending);
    expect(error.code).toBe('llm_timeout');
    expect(error.message).toContain('aborted');
  });

  it('connection refused → retryable llm_network', async () => {
    const closed = await startOpenAiTestServer();
    await closed.close();
    const provider = createAiSdkProvider({ provider: 'openai-compatible', model: 'm', baseUrl: closed.url });
    const error = await failure(provider.complete({ messages: [{ role: 'user', content: PROMPT }] }));
    expect(error).toMatchObject({ code: 'llm_network', isRetryable: true });
    expect(error.message).toContain('127.0.0.1');
    expect(error.message).not.toContain('555-0100');
  });

  it('an unparseable response body → retryable llm_invalid_response', async () => {
    const provider = await providerFor();
    server.setReply(() => ({ rawBody: '{"choices": ' }));
    const error = await failure(provider.complete({ messages: [{ role: 'user', content: 'hi' }] }));
    expect(error).toMatchObject({ code: 'llm_invalid_response', isRetryable: true });
  });

  it('a closed provider rejects further calls', async () => {
    const provider = await providerFor();
    await provider.close();
    const error = await failure(provider.complete({ messages: [{ role: 'user', content: 'hi' }] }));
    expect(error.code).toBe('llm_unavailable');
  });
});
