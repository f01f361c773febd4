import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoadedConfig, parseConfig } from '../../core/config.js';
import { startOpenAiTestServer, type TestServer } from '../../llm/testing/openai-test-server.js';
import { openStore } from '../../store/open-store.js';
import { checkLlm } from './llm-check.js';
import { endpointFor, openLlm } from './llm-service.js';
import { llmStats } from './llm-stats.js';

const loaded = (raw: unknown): LoadedConfig => ({
  ...parseConfig(raw, 'test'),
  dir: '/tmp',
  dbPath: ':memory:',
});

describe('LLM configuration', () => {
  it('gives no client when no LLM is configured', () => {
    expect(openLlm(loaded({}), { task: 'copy' })).toBeNull();
  });

  it('lets a task override the default endpoint', () => {
    const config = loaded({
      llm: {
        provider: 'openai-compatible',
        baseUrl: 'http://127.0.0.1:11434/v1',
        model: 'qwen2.5:7b',
        tasks: {
          classify: { model: 'qwen2.5:1.5b' },
          copy: { provider: 'anthropic', model: 'claude-x', apiKeyEnv: 'K' },
        },
      },
    });
    expect(endpointFor(config, 'classify')).toMatchObject({
      provider: 'openai-compatible',
      model: 'qwen2.5:1.5b',
    });
    expect(endpointFor(config, 'copy')).toMatchObject({
      provider: 'anthropic',
      model: 'claude-x',
      apiKeyEnv: 'K',
    });
    expect(endpointFor(config, 'other').model).toBe('qwen2.5:7b');
  });

  it('names what is missing', () => {
    expect(() =>
      openLlm(loaded({ llm: { provider: 'openai-compatible', model: 'm' } }), { task: 'x' }),
    ).toThrow(/llm.baseUrl is not set/);
    expect(() =>
      openLlm(loaded({ llm: { provider: 'openai', model: 'gpt', apiKeyEnv: 'NO_SUCH_KEY_VAR' } }), {
        task: 'x',
        env: {},
      }),
    ).toThrow(/NO_SUCH_KEY_VAR, but that environment variable is empty/);
    expect(() => loaded({ llm: { provider: 'gpt' } })).toThrow(/"llm.provider" is "gpt"/);
  });
});

describe('llm test and llm stats against a local OpenAI-compatible server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startOpenAiTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('checks text and structured output with latency', async () => {
    const config = loaded({
      llm: { provider: 'openai-compatible', baseUrl: server.url, model: 'test-model' },
    });
    const check = await checkLlm(config);
    expect(check.text.ok).toBe(true);
    expect(check.structured.ok).toBe(true);
    expect(check.structured.mode).toBe('json_schema');
    expect(check.text.latencyMs).toBeGreaterThan(0);
  });

  it('reports a server that is down as a failed probe with its error code', async () => {
    const config = loaded({
      llm: { provider: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1', model: 'm', maxRetries: 0 },
    });
    const check = await checkLlm(config);
    expect(check.text.ok).toBe(false);
    expect(check.text.errorCode).toBe('llm_network');
  });

  it('keeps reliability statistics per model from the call log', async () => {
    const store = await openStore({ engine: 'duckdb', path: ':memory:' });
    await store.migrate();
    try {
      let n = 0;
      // every other structured answer is broken JSON that needs local repair
      server.setReply(() =>
        n++ % 2 === 1 ? { text: '```json\n{"subject": "Hi", "body": "Thanks",}\n```' } : {},
      );
      const config = loaded({
        llm: { provider: 'openai-compatible', baseUrl: server.url, model: 'test-model' },
      });
      const client = openLlm(config, { task: 'copy', db: store });
      const { z } = await import('zod');
      const schema = z.object({ subject: z.string(), body: z.string() });
      for (let i = 0; i < 4; i++)
        await client?.generateObject({
          task: 'copy',
          schema,
          schemaName: 'email',
          messages: [{ role: 'user', content: `email ${i}` }],
        });
      await client?.generateObject({
        task: 'copy',
        schema,
        schemaName: 'email',
        messages: [{ role: 'user', content: 'email 0' }],
      });
      await client?.close();
      const [stats] = await llmStats(store);
      expect(stats).toMatchObject({
        provider: 'openai-compatible',
        model: 'test-model',
        task: 'copy',
        calls: 5,
      });
      expect(stats?.cachedCalls).toBe(1);
      expect(stats?.structuredCalls).toBe(4);
      expect(stats?.firstTryValidRate).toBe(0.5);
      expect(stats?.localRepairs).toBe(2);
      expect(stats?.structuredFailures).toBe(0);
    } finally {
      server.setReply(undefined);
      await store.close();
    }
  });
});
