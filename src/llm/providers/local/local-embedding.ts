import { availableParallelism } from 'node:os';
import { basename, resolve } from 'node:path';
import { describeError, InputError } from '../../../core/errors.js';
import type { EmbeddingProvider, EmbeddingRequest, EmbeddingResponse } from '../../embedding.js';
import { LlmCallError } from '../../language-model.js';
import type { LlamaEmbeddingContext, LlamaEmbeddingModel } from './llama-types.js';
import { loadLocalRuntime } from './load-llama.js';
import { assertGgufFile } from './local-model.js';

/**
 * `EmbeddingProvider` for a local GGUF embedding model (nomic-embed-text, bge-m3, multilingual-e5 …
 * converted to GGUF) through node-llama-cpp 3.21.1's `model.createEmbeddingContext()` /
 * `getEmbeddingFor`, loaded lazily on the first call like the local chat provider. Texts are
 * embedded one at a time in arrival order (one context); a text longer than the context is cut to
 * its first `contextSize − 2` tokens. Token counts are the tokenizer's, so the call log is exact.
 */

export interface LocalEmbeddingConfig {
  /** Path of the `.gguf` embedding model. */
  readonly modelPath: string;
  /** Tokens per text (default 512, the window of most embedding models; at least 16). */
  readonly contextSize?: number;
  /** CPU threads; default one less than the cores (at least 1), never more than the cores. */
  readonly threads?: number;
  readonly runtimeDir?: string;
}

interface Loaded {
  readonly model: LlamaEmbeddingModel;
  readonly context: LlamaEmbeddingContext;
}

/** Creates the provider; validates the configuration (InputError) but loads nothing until the first call. */
export function createLocalEmbeddingProvider(config: LocalEmbeddingConfig): EmbeddingProvider {
  if (typeof config.modelPath !== 'string' || config.modelPath.trim() === '')
    throw new InputError('llm_local_model_path', 'Local embeddings need a modelPath (a .gguf file)');
  const contextSize = config.contextSize ?? 512;
  if (!Number.isInteger(contextSize) || contextSize < 16)
    throw new InputError('llm_local_context_size', `contextSize must be an integer ≥ 16, got ${contextSize}`);
  const cores = availableParallelism();
  const threads = config.threads ?? Math.max(1, cores - 1);
  if (!Number.isInteger(threads) || threads < 1)
    throw new InputError('llm_local_threads', `threads must be an integer ≥ 1, got ${config.threads}`);
  const modelPath = resolve(config.modelPath);
  const name = basename(modelPath);
  let loading: Promise<Loaded> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let closing: Promise<void> | undefined;

  async function load(): Promise<Loaded> {
    await assertGgufFile(modelPath);
    const { llama } = await loadLocalRuntime(config.runtimeDir ? { runtimeDir: config.runtimeDir } : {});
    let model: LlamaEmbeddingModel;
    try {
      model = (await llama.loadModel({ modelPath })) as LlamaEmbeddingModel;
    } catch (error) {
      throw new InputError(
        'llm_local_model_invalid',
        `Could not load the GGUF model ${modelPath}: ${describeError(error)}`,
        {
          cause: error,
        },
      );
    }
    try {
      // More threads than cores makes llama.cpp hundreds of times slower.
      const context = await model.createEmbeddingContext({ contextSize, threads: Math.min(threads, cores) });
      return { model, context };
    } catch (error) {
      await model.dispose();
      throw new LlmCallError(
        'llm_unavailable',
        `Could not create an embedding context for ${name}: ${describeError(error)}`,
        {
          cause: error,
          isRetryable: false,
        },
      );
    }
  }

  function ensureLoaded(): Promise<Loaded> {
    if (!loading) {
      const attempt = load();
      loading = attempt;
      attempt.catch(() => {
        if (loading === attempt) loading = undefined;
      });
    }
    return loading;
  }

  async function run(request: EmbeddingRequest): Promise<EmbeddingResponse> {
    const { model, context } = await ensureLoaded();
    const vectors: Float32Array[] = [];
    let inputTokens = 0;
    for (const text of request.texts) {
      if (request.signal?.aborted)
        throw new LlmCallError('llm_timeout', 'The local embedding call was aborted', {
          isRetryable: true,
          cause: request.signal.reason,
        });
      const tokens = model.tokenize(text);
      const kept = tokens.length > contextSize - 2 ? tokens.slice(0, contextSize - 2) : tokens;
      inputTokens += kept.length;
      try {
        const embedding = await context.getEmbeddingFor(kept);
        vectors.push(Float32Array.from(embedding.vector));
      } catch (error) {
        throw new LlmCallError(
          'llm_unavailable',
          `The local embedding model ${name} failed: ${describeError(error)}`,
          {
            cause: error,
            isRetryable: false,
          },
        );
      }
    }
    return { vectors, inputTokens };
  }

  return {
    provider: 'local',
    model: name,
    maxBatchSize: 64,
    embed(request) {
      if (closing)
        return Promise.reject(
          new LlmCallError('llm_unavailable', 'The local embedding provider is closed', {
            isRetryable: false,
          }),
        );
      const result = queue.then(() => run(request));
      queue = result.catch(() => undefined);
      return result;
    },
    close() {
      closing ??= (async () => {
        await queue;
        const current = loading;
        loading = undefined;
        const loaded = await current?.catch(() => undefined);
        if (!loaded) return;
        await loaded.context.dispose();
        await loaded.model.dispose();
      })();
      return closing;
    },
  };
}
