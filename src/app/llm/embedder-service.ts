import { resolve } from 'node:path';
import type { LoadedConfig } from '../../core/config.js';
import { InputError } from '../../core/errors.js';
import type { Embedder, EmbeddingProvider } from '../../llm/embedding.js';
import { createEmbedder } from '../../llm/embedding-client.js';
import { createAiSdkEmbeddingProvider } from '../../llm/providers/ai-sdk/index.js';
import { createLocalEmbeddingProvider } from '../../llm/providers/local/index.js';
import type { Queryable } from '../../store/store.js';
import { callPolicy, endpointFor } from './llm-service.js';
import { storeEmbeddingCache } from './llm-stores.js';

/**
 * Turns `llm.embeddingModel` into an `Embedder`: the provider, base URL and API key of the `llm`
 * section (overridable for embeddings alone under `llm.tasks.embed`), the model's price, the run's
 * budget, the privacy guard, the store-backed call log and vector cache (`llm.cache`). Returns null when no embedding model is
 * configured: callers then use TF-IDF and co-occurrence, and say so.
 */

export interface OpenEmbedderOptions {
  /** Store for the call log (none: no log). */
  readonly db?: Queryable;
  readonly runId?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Use this provider instead of the configured one (tests, benchmarks). */
  readonly provider?: EmbeddingProvider;
}

/** The task name whose `llm.tasks` entry overrides the endpoint of embedding calls. */
export const EMBED_TASK = 'embed';

function apiKey(apiKeyEnv: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (apiKeyEnv === undefined) return undefined;
  const key = env[apiKeyEnv];
  if (!key)
    throw new InputError(
      'missing_api_key',
      `llm.apiKeyEnv names ${apiKeyEnv}, but that environment variable is empty`,
      { hint: `export ${apiKeyEnv}=… (the key itself never goes into the config file)` },
    );
  return key;
}

/** The embedding adapter for the configured model (no network and no model loading until the first call). */
export function createEmbeddingProvider(
  config: LoadedConfig,
  env: NodeJS.ProcessEnv = process.env,
): EmbeddingProvider {
  const model = config.llm.embeddingModel;
  if (model === undefined)
    throw new InputError('llm_not_configured', 'No embedding model is configured (llm.embeddingModel)');
  const endpoint = endpointFor(config, EMBED_TASK);
  switch (endpoint.provider) {
    case 'none':
      throw new InputError('invalid_config', `llm.embeddingModel is "${model}" but llm.provider is "none"`, {
        hint: 'Set llm.provider (openai-compatible, openai or local) and, for a server, llm.baseUrl; or remove llm.embeddingModel.',
      });
    case 'local':
      return createLocalEmbeddingProvider({
        modelPath: resolve(config.dir, model),
        ...(config.llm.threads === undefined ? {} : { threads: config.llm.threads }),
      });
    case 'openai-compatible':
    case 'openai':
    case 'anthropic': {
      const key = apiKey(endpoint.apiKeyEnv, env);
      if (endpoint.provider === 'openai-compatible' && endpoint.baseUrl === undefined)
        throw new InputError(
          'invalid_config',
          'llm.provider is "openai-compatible" but llm.baseUrl is not set',
          {
            hint: 'Set "llm": {"baseUrl": "http://127.0.0.1:11434/v1"} (or MARKETMIND_LLM_BASE_URL).',
          },
        );
      return createAiSdkEmbeddingProvider({
        provider: endpoint.provider,
        model,
        ...(endpoint.baseUrl === undefined ? {} : { baseUrl: endpoint.baseUrl }),
        ...(key === undefined ? {} : { apiKey: key }),
      });
    }
  }
}

/** An embedder for the configured embedding model, or null when there is none. */
export function openEmbedder(config: LoadedConfig, options: OpenEmbedderOptions = {}): Embedder | null {
  if (options.provider === undefined && config.llm.embeddingModel === undefined) return null;
  const provider = options.provider ?? createEmbeddingProvider(config, options.env);
  return createEmbedder({
    provider,
    ...callPolicy(config, provider.model, options),
    ...(options.db && config.llm.cache
      ? { cache: storeEmbeddingCache(options.db, { provider: provider.provider, model: provider.model }) }
      : {}),
  });
}
