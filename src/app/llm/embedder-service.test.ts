import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoadedConfig, parseConfig } from '../../core/config.js';
import { InputError } from '../../core/errors.js';
import {
  hashedEmbedding,
  startOpenAiTestServer,
  type TestServer,
} from '../../llm/testing/openai-test-server.js';
import { openStore } from '../../store/open-store.js';
import { createEmbeddingProvider, openEmbedder } from './embedder-service.js';

const loaded = (raw: unknown): LoadedConfig => ({
  ...parseConfig(raw, 'test'),
  dir: '/tmp/workspace',
  dbPath: ':memory:',
});

describe('embedding configuration', () => {
  it('gives no embedder without llm.embeddingModel, even with a chat model', () => {
    expect(openEmbedder(loaded({}))).toBeNull();
    expect(
      openEmbedder(
        loaded({ llm: { provider: 'openai-compatible', baseUrl: 'http://127.0.0.1:1/v1', model: 'q' } }),
      ),
    ).toBeNull();
  });

  it('names what is wrong', () => {
    expect(() => openEmbedder(loaded({ llm: { embeddingModel: 'bge-m3' } }))).toThrow(
      /llm.embeddingModel is "bge-m3" but llm.provider is "none"/,
    );
    expect(() =>
      openEmbedder(loaded({ llm: { provider: 'openai-compatible', embeddingModel: 'e' } })),
    ).toThrow(/llm.baseUrl is not set/);
    expect(() => openEmbedder(loaded({ llm: { provider: 'anthropic', embeddingModel: 'e' } }))).toThrow(
      /no embeddings API/,
    );
    expect(() =>
      openEmbedder(loaded({ llm: { provider: 'openai', embeddingModel: 'e', apiKeyEnv: 'NO_SUCH_KEY' } }), {
        env: {},
      }),
    ).toThrow(/NO_SUCH_KEY, but that environment variable is empty/);
  });

  it('uses llm.tasks.embed to send embeddings elsewhere, and a workspace-relative GGUF path for local', () => {
    const remote = createEmbeddingProvider(
      loaded({
        llm: {
          provider: 'anthropic',
          model: 'claude-x',
          embeddingModel: 'nomic-embed-text',
          tasks: { embed: { provider: 'openai-compatible', baseUrl: 'http://127.0.0.1:11434/v1' } },
        },
      }),
    );
    expect(remote).toMatchObject({ provider: 'openai-compatible', model: 'nomic-embed-text' });
    const local = createEmbeddingProvider(
      loaded({ llm: { provider: 'local', modelPath: 'chat.gguf', embeddingModel: 'models/embed.gguf' } }),
    );
    expect(local).toMatchObject({ provider: 'local', model: 'embed.gguf' });
    expect(() => createEmbeddingProvider(loaded({}))).toThrow(InputError);
  });
});

describe('openEmbedder against the test server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startOpenAiTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('embeds through the configured server, redacted, and logs each batch in llm_calls', async () => {
    const store = await openStore({ engine: 'duckdb', path: ':memory:' });
    await store.migrate();
    try {
      const config = loaded({
        llm: { provider: 'openai-compatible', baseUrl: server.url, embeddingModel: 'test-embed' },
      });
      const embedder = openEmbedder(config, { db: store, runId: 'run_1' });
      expect(embedder?.engine).toBe('openai-compatible/test-embed');
      const before = server.requests.length;
      const vectors = await embedder?.embed(['slow delivery', 'mail me at a.b@example.com'], {
        task: 'topics',
      });
      expect(Array.from(vectors?.[0] ?? [])).toEqual(Array.from(hashedEmbedding('slow delivery')));
      const body = server.requests[before]?.rawBody ?? '';
      expect(body).not.toContain('a.b@example.com');
      expect(body).toContain('[EMAIL_1]');
      expect(embedder?.dimensions).toBe(256);
      await embedder?.close();
      const rows = await store.query<{ task: string; model: string; status: string; input_tokens: number }>(
        'SELECT task, model, status, input_tokens FROM llm_calls',
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ task: 'topics', model: 'test-embed', status: 'ok' });
      expect(Number(rows[0]?.input_tokens)).toBeGreaterThan(0);

      // a second run over the same texts is answered from llm_cache: no request, same vectors
      const second = openEmbedder(config, { db: store, runId: 'run_2' });
      const requests = server.requests.length;
      const cached = await second?.embed(['slow delivery', 'mail me at a.b@example.com']);
      expect(server.requests.length).toBe(requests);
      expect(second?.totals()).toMatchObject({ cachedTexts: 2, providerCalls: 0 });
      expect(Array.from(cached?.[1] ?? [])).toEqual(Array.from(vectors?.[1] ?? []));
      await second?.close();
      const stored = await store.query('SELECT response FROM llm_cache');
      expect(JSON.stringify(stored)).not.toContain('example.com');
    } finally {
      await store.close();
    }
  });
});
