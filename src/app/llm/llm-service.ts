import { resolve } from 'node:path';
import type { LlmEndpointConfig, LoadedConfig } from '../../core/config.js';
import { InputError } from '../../core/errors.js';
import type { CallPolicyOptions } from '../../llm/call-policy.js';
import { createPromptGuard } from '../../llm/guard/index.js';
import { createBudget, createLlmClient, type LlmClient, type ModelPrice } from '../../llm/index.js';
import type { LlmProvider } from '../../llm/language-model.js';
import { createAiSdkProvider } from '../../llm/providers/ai-sdk/index.js';
import { createLocalProvider } from '../../llm/providers/local/index.js';
import type { Queryable } from '../../store/store.js';
import { storeCache, storeRecorder } from './llm-stores.js';

/**
 * Turns the `llm` section of the configuration into a client for one task: the endpoint (the
 * default, or the task's override — e.g. a cheap model for classification, a stronger one for
 * copy), its price, the run's budget, the privacy guard, and the store-backed cache and call log.
 * Returns null when no LLM is configured: every caller then uses its classical engine and says so.
 */

export type ResolvedEndpoint = Required<Pick<LlmEndpointConfig, 'provider'>> &
  Omit<LlmEndpointConfig, 'provider'>;

/** The endpoint for a task: the task's override on top of the default. */
export function endpointFor(config: LoadedConfig, task: string): ResolvedEndpoint {
  const { provider, baseUrl, model, apiKeyEnv, modelPath, structuredMode } = config.llm;
  const base: LlmEndpointConfig = { provider, baseUrl, model, apiKeyEnv, modelPath, structuredMode };
  const override = config.llm.tasks[task] ?? {};
  const merged = Object.fromEntries(
    Object.entries({ ...base, ...override }).filter(([, v]) => v !== undefined),
  ) as LlmEndpointConfig;
  return { ...merged, provider: merged.provider ?? 'none' };
}

function need<T>(value: T | undefined, key: string, provider: string): T {
  if (value === undefined)
    throw new InputError('invalid_config', `llm.provider is "${provider}" but llm.${key} is not set`, {
      hint: `Set "llm": {"${key}": …} in marketmind.config.json (or MARKETMIND_LLM_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}).`,
    });
  return value;
}

function apiKey(endpoint: ResolvedEndpoint, env: NodeJS.ProcessEnv): string | undefined {
  if (endpoint.apiKeyEnv === undefined) return undefined;
  const key = env[endpoint.apiKeyEnv];
  if (!key)
    throw new InputError(
      'missing_api_key',
      `llm.apiKeyEnv names ${endpoint.apiKeyEnv}, but that environment variable is empty`,
      { hint: `export ${endpoint.apiKeyEnv}=… (the key itself never goes into the config file)` },
    );
  return key;
}

/** The provider adapter for an endpoint (no network until the first call). */
export function createProvider(
  config: LoadedConfig,
  endpoint: ResolvedEndpoint,
  env: NodeJS.ProcessEnv = process.env,
): LlmProvider {
  switch (endpoint.provider) {
    case 'none':
      throw new InputError('llm_not_configured', 'No LLM is configured (llm.provider is "none")', {
        hint: 'Set llm.provider (openai-compatible, openai, anthropic or local) in marketmind.config.json.',
      });
    case 'local':
      return createLocalProvider({
        modelPath: resolve(config.dir, need(endpoint.modelPath, 'modelPath', 'local')),
        ...(config.llm.threads === undefined ? {} : { threads: config.llm.threads }),
        ...(config.llm.contextSize === undefined ? {} : { contextSize: config.llm.contextSize }),
      });
    case 'openai-compatible':
    case 'openai':
    case 'anthropic': {
      const key = apiKey(endpoint, env);
      return createAiSdkProvider({
        provider: endpoint.provider,
        model: need(endpoint.model, 'model', endpoint.provider),
        ...(endpoint.provider === 'openai-compatible'
          ? { baseUrl: need(endpoint.baseUrl, 'baseUrl', endpoint.provider) }
          : endpoint.baseUrl === undefined
            ? {}
            : { baseUrl: endpoint.baseUrl }),
        ...(key === undefined ? {} : { apiKey: key }),
        ...(endpoint.structuredMode === undefined ? {} : { structuredMode: endpoint.structuredMode }),
      });
    }
  }
}

export interface OpenLlmOptions {
  readonly task: string;
  /** Store for the response cache and the call log (none: in-memory only). */
  readonly db?: Queryable;
  readonly runId?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Use this provider instead of the configured one (tests, benchmarks). */
  readonly provider?: LlmProvider;
}

/**
 * The call policy every client of this workspace shares (see src/llm/call-policy.ts): privacy guard,
 * call log in the store, the model's price, the run budget, concurrency, timeout and retries.
 */
export function callPolicy(
  config: LoadedConfig,
  model: string,
  options: { readonly db?: Queryable; readonly runId?: string },
): CallPolicyOptions {
  const price: ModelPrice | undefined = config.llm.prices[model];
  return {
    guard: createPromptGuard(),
    ...(options.db ? { recorder: storeRecorder(options.db) } : {}),
    ...(price === undefined ? {} : { price }),
    ...(config.llm.budgetPerRun === undefined
      ? {}
      : { budget: createBudget({ limit: config.llm.budgetPerRun, currency: config.llm.budgetCurrency }) }),
    concurrency: config.llm.concurrency,
    timeoutMs: config.llm.timeoutMs,
    retry: { maxRetries: config.llm.maxRetries },
    ...(options.runId === undefined ? {} : { runId: options.runId }),
  };
}

/** A client for the task, or null when no LLM is configured. */
export function openLlm(config: LoadedConfig, options: OpenLlmOptions): LlmClient | null {
  const endpoint = endpointFor(config, options.task);
  if (options.provider === undefined && endpoint.provider === 'none') return null;
  const provider = options.provider ?? createProvider(config, endpoint, options.env);
  return createLlmClient({
    provider,
    ...callPolicy(config, provider.model, options),
    ...(options.db && config.llm.cache
      ? { cache: storeCache(options.db, { provider: provider.provider, model: provider.model }) }
      : {}),
  });
}
