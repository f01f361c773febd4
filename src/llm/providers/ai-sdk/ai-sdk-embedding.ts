import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { type EmbeddingModel, embedMany } from 'ai';
import { InputError } from '../../../core/errors.js';
import type { EmbeddingProvider, EmbeddingRequest, EmbeddingResponse } from '../../embedding.js';
import { LlmCallError } from '../../language-model.js';
import { toLlmCallError } from './call-errors.js';
import { OPENAI_COMPATIBLE_NAME } from './structured-call.js';

/**
 * `EmbeddingProvider` over the AI SDK (v7) `embedMany`: any OpenAI-compatible server with
 * `POST /v1/embeddings` (Ollama, vLLM, llama.cpp server, LM Studio, text-embeddings-inference …)
 * and OpenAI itself. Anthropic has no embeddings API. Like the chat adapter it only translates:
 * one HTTP call per `embed` (`maxRetries: 0`, one batch), errors mapped to `LlmCallError`.
 */

export interface AiSdkEmbeddingConfig {
  readonly provider: 'openai-compatible' | 'openai' | 'anthropic';
  readonly model: string;
  /** Base URL of the API, usually ending in `/v1`; required for `openai-compatible`. */
  readonly baseUrl?: string;
  readonly apiKey?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Requested vector length, for models that can shorten theirs (OpenAI text-embedding-3). */
  readonly dimensions?: number;
  /** Texts per HTTP call (default 256; OpenAI allows 2048). */
  readonly maxBatchSize?: number;
}

function embeddingModelOf(config: AiSdkEmbeddingConfig): EmbeddingModel {
  const headers = config.headers === undefined ? {} : { headers: { ...config.headers } };
  const apiKey = config.apiKey === undefined ? {} : { apiKey: config.apiKey };
  switch (config.provider) {
    case 'openai-compatible':
      if (config.baseUrl === undefined || config.baseUrl.trim() === '')
        throw new InputError('llm_base_url_missing', 'Embeddings over openai-compatible need a base URL', {
          hint: 'Set llm.baseUrl, e.g. http://127.0.0.1:11434/v1 for Ollama.',
        });
      return createOpenAICompatible({
        name: OPENAI_COMPATIBLE_NAME,
        baseURL: config.baseUrl,
        ...apiKey,
        ...headers,
      }).embeddingModel(config.model);
    case 'openai':
      return createOpenAI({
        ...(config.baseUrl === undefined ? {} : { baseURL: config.baseUrl }),
        ...apiKey,
        ...headers,
      }).embedding(config.model);
    case 'anthropic':
      throw new InputError('llm_embeddings_unsupported', 'Anthropic offers no embeddings API', {
        hint: 'Serve an embedding model over an OpenAI-compatible API (e.g. Ollama with nomic-embed-text) and point llm.tasks.embed at it, or use a local GGUF embedding model.',
      });
  }
}

/** Creates the provider; validates the configuration (InputError) but makes no network call. */
export function createAiSdkEmbeddingProvider(config: AiSdkEmbeddingConfig): EmbeddingProvider {
  if (config.model.trim() === '')
    throw new InputError('llm_model_missing', `Embeddings over ${config.provider} need a model name`, {
      hint: 'Set llm.embeddingModel, e.g. "nomic-embed-text" or "text-embedding-3-small".',
    });
  const maxBatchSize = config.maxBatchSize ?? 256;
  if (!Number.isInteger(maxBatchSize) || maxBatchSize < 1)
    throw new InputError(
      'invalid_embedding_options',
      `maxBatchSize must be an integer ≥ 1, got ${maxBatchSize}`,
    );
  if (config.dimensions !== undefined && !(Number.isInteger(config.dimensions) && config.dimensions >= 1))
    throw new InputError(
      'invalid_embedding_options',
      `dimensions must be an integer ≥ 1, got ${config.dimensions}`,
    );
  const model = embeddingModelOf(config);
  let closed = false;
  return {
    provider: config.provider,
    model: config.model,
    maxBatchSize,
    async embed(request: EmbeddingRequest): Promise<EmbeddingResponse> {
      const context = { provider: config.provider, model: config.model, signal: request.signal };
      if (closed)
        throw new LlmCallError(
          'llm_unavailable',
          `${config.provider} model ${config.model}: provider closed`,
          {
            isRetryable: false,
          },
        );
      try {
        const result = await embedMany({
          model,
          values: [...request.texts],
          maxRetries: 0,
          maxParallelCalls: 1,
          ...(config.dimensions === undefined ? {} : { dimensions: config.dimensions }),
          ...(request.signal === undefined ? {} : { abortSignal: request.signal }),
        });
        const tokens = result.usage?.tokens;
        return {
          vectors: result.embeddings.map((vector) => Float32Array.from(vector)),
          inputTokens: typeof tokens === 'number' && Number.isFinite(tokens) ? tokens : 0,
        };
      } catch (error) {
        throw toLlmCallError(error, context);
      }
    },
    async close() {
      closed = true;
    },
  };
}
