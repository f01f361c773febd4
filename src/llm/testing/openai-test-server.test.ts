import { afterEach, describe, expect, it } from 'vitest';
import { exampleFromJsonSchema, startOpenAiTestServer, type TestServer } from './openai-test-server.js';
import { estimateTokens, findSchemaInText } from './test-server-protocols.js';

const SCHEMA = {
  type: 'object',
  properties: { title: { type: 'string', minLength: 3 }, count: { type: 'integer', minimum: 2 } },
  required: ['title', 'count'],
  additionalProperties: false,
};

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  if (server === undefined) throw new Error('no server');
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** The `data:` payloads of a server-sent-event body, `[DONE]` excluded. */
function sseData(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('data: ') && line !== 'data: [DONE]')
    .map((line) => JSON.parse(line.slice('data: '.length)) as Record<string, unknown>);
}

describe('exampleFromJsonSchema', () => {
  it('fills every property of an object and honours string and number bounds', () => {
    expect(exampleFromJsonSchema(SCHEMA)).toEqual({ title: 'example', count: 2 });
    expect(exampleFromJsonSchema({ type: 'string', minLength: 10 })).toBe('examplexxx');
    expect(exampleFromJsonSchema({ type: 'string', maxLength: 3 })).toBe('exa');
    expect(exampleFromJsonSchema({ type: 'number', minimum: -5, maximum: -1 })).toBe(-1);
    expect(exampleFromJsonSchema({ type: 'integer', exclusiveMinimum: 0 })).toBe(1);
    expect(exampleFromJsonSchema({ type: 'integer', minimum: 7, multipleOf: 5 })).toBe(10);
    expect(exampleFromJsonSchema({ type: 'integer', minimum: 1, exclusiveMinimum: true })).toBe(2);
    expect(exampleFromJsonSchema({ type: 'boolean' })).toBe(true);
  });

  it('uses enum, const, formats, nullable types, anyOf and $ref', () => {
    expect(exampleFromJsonSchema({ enum: ['b', 'c'] })).toBe('b');
    expect(exampleFromJsonSchema({ const: 42 })).toBe(42);
    expect(exampleFromJsonSchema({ type: 'string', format: 'email' })).toBe('user@example.com');
    expect(exampleFromJsonSchema({ type: ['null', 'string'] })).toBe('example');
    expect(exampleFromJsonSchema({ anyOf: [{ type: 'null' }, { type: 'integer', minimum: 3 }] })).toBe(3);
    const withRef = {
      type: 'object',
      properties: { item: { $ref: '#/$defs/Item' } },
      $defs: { Item: { type: 'object', properties: { sku: { type: 'string' } } } },
    };
    expect(exampleFromJsonSchema(withRef)).toEqual({ item: { sku: 'example' } });
    const merged = {
      allOf: [{ properties: { a: { type: 'integer' } } }, { properties: { b: { type: 'boolean' } } }],
    };
    expect(exampleFromJsonSchema(merged)).toEqual({ a: 0, b: true });
  });

  it('makes arrays of the minimum length with distinct items when uniqueItems is set', () => {
    expect(exampleFromJsonSchema({ type: 'array', items: { type: 'string' } })).toEqual(['example']);
    const unique = exampleFromJsonSchema({
      type: 'array',
      items: { type: 'string', maxLength: 8 },
      minItems: 3,
      uniqueItems: true,
    }) as string[];
    expect(unique).toHaveLength(3);
    expect(new Set(unique).size).toBe(3);
    for (const item of unique) expect(item.length).toBeLessThanOrEqual(8);
    expect(
      exampleFromJsonSchema({ type: 'array', prefixItems: [{ type: 'integer' }, { type: 'string' }] }),
    ).toEqual([0, 'example']);
  });

  it('finds a schema written into prompt text', () => {
    expect(
      findSchemaInText(`Answer in JSON following:\n${JSON.stringify(SCHEMA)}\nThanks {not json}`),
    ).toEqual(SCHEMA);
    expect(findSchemaInText('no schema {here}')).toBeUndefined();
  });

  it('estimates tokens for English and Chinese text', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('one two three')).toBe(3);
    expect(estimateTokens('欢迎新客户')).toBe(5);
  });
});

describe('startOpenAiTestServer', () => {
  it('lists a model and records requests with headers and bodies', async () => {
    server = await startOpenAiTestServer();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const models = (await (await fetch(`${server.url}/models`)).json()) as { data: { id: string }[] };
    expect(models.data[0]?.id).toBe('test-model');
    const answer = await post(
      '/chat/completions',
      { model: 'm1', messages: [{ role: 'user', content: 'Hello there, server' }] },
      { authorization: 'Bearer sk-fake' },
    );
    const completion = (await answer.json()) as {
      model: string;
      choices: { message: { content: string }; finish_reason: string }[];
      usage: { prompt_tokens: number; completion_tokens: number };
    };
    expect(completion.model).toBe('m1');
    expect(completion.choices[0]?.message.content).toBe('Echo: Hello there, server');
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage.prompt_tokens).toBeGreaterThan(0);
    const recorded = server.requests.at(-1);
    expect(recorded?.path).toBe('/v1/chat/completions');
    expect(recorded?.headers.authorization).toBe('Bearer sk-fake');
    expect(recorded?.body).toMatchObject({ model: 'm1' });
  });

  it('answers JSON requests with a schema example: json_schema, json_object and forced tools', async () => {
    server = await startOpenAiTestServer();
    const messages = [{ role: 'user', content: 'json please' }];
    const bySchema = (await (
      await post('/chat/completions', {
        messages,
        response_format: { type: 'json_schema', json_schema: { name: 'x', schema: SCHEMA } },
      })
    ).json()) as { choices: { message: { content: string } }[] };
    expect(JSON.parse(bySchema.choices[0]?.message.content ?? '')).toEqual({ title: 'example', count: 2 });

    const byNote = (await (
      await post('/chat/completions', {
        messages: [{ role: 'system', content: `Follow ${JSON.stringify(SCHEMA)}` }, ...messages],
        response_format: { type: 'json_object' },
      })
    ).json()) as { choices: { message: { content: string } }[] };
    expect(JSON.parse(byNote.choices[0]?.message.content ?? '')).toEqual({ title: 'example', count: 2 });

    const byTool = (await (
      await post('/chat/completions', {
        messages,
        tools: [{ type: 'function', function: { name: 'save', parameters: SCHEMA } }],
        tool_choice: { type: 'function', function: { name: 'save' } },
      })
    ).json()) as {
      choices: {
        message: { tool_calls: { function: { name: string; arguments: string } }[] };
        finish_reason: string;
      }[];
    };
    const call = byTool.choices[0]?.message.tool_calls[0]?.function;
    expect(call?.name).toBe('save');
    expect(JSON.parse(call?.arguments ?? '')).toEqual({ title: 'example', count: 2 });
    expect(byTool.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('streams OpenAI chunks whose deltas rebuild the text, with a usage chunk only when asked', async () => {
    server = await startOpenAiTestServer();
    const messages = [{ role: 'user', content: 'Stream this sentence back to me please' }];
    const withUsage = await post('/chat/completions', {
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(withUsage.headers.get('content-type')).toContain('text/event-stream');
    const raw = await withUsage.text();
    expect(raw.trimEnd().endsWith('data: [DONE]')).toBe(true);
    const chunks = sseData(raw) as { choices: { delta: { content?: string } }[]; usage?: unknown }[];
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe('Echo: Stream this sentence back to me please');
    expect(chunks.filter((chunk) => chunk.choices[0]?.delta.content).length).toBeGreaterThan(1);
    expect(chunks.at(-1)?.usage).toBeDefined();
    const withoutUsage = sseData(await (await post('/chat/completions', { messages, stream: true })).text());
    expect(withoutUsage.some((chunk) => 'usage' in chunk)).toBe(false);
  });

  it('speaks the Anthropic messages API, plain and streaming, with tool_use for a forced tool', async () => {
    server = await startOpenAiTestServer();
    const plain = (await (
      await post('/messages', {
        model: 'claude-x',
        system: 'Be brief.',
        messages: [{ role: 'user', content: [{ type: 'text', text: '你好，世界' }] }],
      })
    ).json()) as {
      content: { type: string; text: string }[];
      stop_reason: string;
      usage: { input_tokens: number };
    };
    expect(plain.content[0]).toEqual({ type: 'text', text: 'Echo: 你好，世界' });
    expect(plain.stop_reason).toBe('end_turn');
    expect(plain.usage.input_tokens).toBeGreaterThan(0);

    const raw = await (
      await post('/messages', {
        messages: [{ role: 'user', content: 'save it' }],
        tools: [{ name: 'save', input_schema: SCHEMA }],
        tool_choice: { type: 'tool', name: 'save' },
        stream: true,
      })
    ).text();
    expect(raw).toContain('event: message_start');
    const events = sseData(raw) as {
      type: string;
      delta?: { partial_json?: string; stop_reason?: string };
    }[];
    expect(events.map((event) => event.type).at(-1)).toBe('message_stop');
    const json = events.map((event) => event.delta?.partial_json ?? '').join('');
    expect(JSON.parse(json)).toEqual({ title: 'example', count: 2 });
    expect(events.find((event) => event.type === 'message_delta')?.delta?.stop_reason).toBe('tool_use');
  });

  it('sends the reply’s status, headers and raw body, and the reply’s text or tool call', async () => {
    server = await startOpenAiTestServer({
      reply: (_request, index) =>
        index === 0
          ? { status: 429, headers: { 'retry-after': '2' } }
          : index === 1
            ? { rawBody: '{"oops": ' }
            : { toolCall: { name: 'save', arguments: '{"a": 1,' } },
    });
    const limited = await post('/chat/completions', { messages: [] });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(((await limited.json()) as { error: { type: string } }).error.type).toBe('rate_limit_error');
    expect(await (await post('/chat/completions', { messages: [] })).text()).toBe('{"oops": ');
    const called = (await (await post('/chat/completions', { messages: [] })).json()) as {
      choices: { message: { tool_calls: { function: { arguments: string } }[] } }[];
    };
    expect(called.choices[0]?.message.tool_calls[0]?.function.arguments).toBe('{"a": 1,');
    server.setReply(() => ({ status: 503 }));
    const anthropicError = (await (await post('/messages', { messages: [] })).json()) as { type: string };
    expect(anthropicError.type).toBe('error');
  });

  it('close() ends hanging connections and may be called twice', async () => {
    server = await startOpenAiTestServer({ reply: () => ({ hang: true }) });
    const pending = post('/chat/completions', { messages: [] }).then(
      () => 'answered',
      () => 'failed',
    );
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await server.close();
    await server.close();
    expect(await pending).toBe('failed');
  });

  it('answers many concurrent keep-alive requests with latency without socket errors', async () => {
    server = await startOpenAiTestServer({ latencyMs: 20 });
    const total = 256;
    const concurrency = 64;
    let next = 0;
    const statuses: number[] = [];
    const worker = async () => {
      while (next < total) {
        next += 1;
        const response = await post('/chat/completions', {
          messages: [{ role: 'user', content: `n ${next}` }],
        });
        await response.json();
        statuses.push(response.status);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    expect(statuses).toHaveLength(total);
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(server.requests).toHaveLength(total);
  });
});
