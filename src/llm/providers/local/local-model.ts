import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { describeError, InputError } from '../../../core/errors.js';
import { LlmCallError } from '../../language-model.js';
import type { Llama, LlamaContext, LlamaContextSequence, LlamaModel, LlamaModule } from './llama-types.js';
import { loadLocalRuntime } from './load-llama.js';

/**
 * The local provider's settings and model loading: validates the config, checks the file is
 * GGUF, loads it through the process-wide node-llama-cpp backend and opens one context with one
 * sequence, sized and threaded as configured.
 */

export interface LocalProviderConfig {
  /** Path of the `.gguf` model file. */
  readonly modelPath: string;
  /** Context window in tokens (prompt + answer); default 2048, at least 512. */
  readonly contextSize?: number;
  /** CPU threads; default one less than the cores (at least 1), never more than the cores. */
  readonly threads?: number;
  /** Where `marketmind llm install-local` put node-llama-cpp (default `~/.cache/marketmind/llama`). */
  readonly runtimeDir?: string;
  /**
   * `chat` uses the model's chat wrapper, `completion` a plain prompt; `auto` (default) picks
   * `chat` when the GGUF has a chat template (`tokenizer.chat_template`), else `completion`.
   */
  readonly promptFormat?: 'auto' | 'chat' | 'completion';
}

const defaultContextSize = 2048;
const minContextSize = 512;

export interface LocalSettings {
  readonly modelPath: string;
  readonly contextSize: number;
  readonly threads: number;
  readonly runtimeDir: string | undefined;
  readonly promptFormat: 'auto' | 'chat' | 'completion';
}

/** Validates the config and fills in defaults; throws InputError naming the bad field. */
export function resolveLocalSettings(config: LocalProviderConfig): LocalSettings {
  if (typeof config.modelPath !== 'string' || config.modelPath.trim() === '') {
    throw new InputError('llm_local_model_path', 'The local provider needs a modelPath (a .gguf file)');
  }
  const contextSize = config.contextSize ?? defaultContextSize;
  if (!Number.isInteger(contextSize) || contextSize < minContextSize) {
    throw new InputError(
      'llm_local_context_size',
      `contextSize must be an integer ≥ ${minContextSize}, got ${config.contextSize}`,
    );
  }
  const cores = availableParallelism();
  const threads = config.threads ?? Math.max(1, cores - 1);
  if (!Number.isInteger(threads) || threads < 1) {
    throw new InputError('llm_local_threads', `threads must be an integer ≥ 1, got ${config.threads}`);
  }
  return {
    modelPath: resolve(config.modelPath),
    contextSize,
    // More threads than cores makes llama.cpp generation hundreds of times slower.
    threads: Math.min(threads, cores),
    runtimeDir: config.runtimeDir,
    promptFormat: config.promptFormat ?? 'auto',
  };
}

/**
 * Checks that `path` is a readable GGUF file (magic bytes `GGUF`, per the GGUF spec in
 * ggml/docs/gguf.md) before handing it to llama.cpp, so the error names the file and the cause.
 */
export async function assertGgufFile(path: string): Promise<void> {
  const bytes = Buffer.alloc(64);
  let read: number;
  try {
    const handle = await open(path, 'r');
    try {
      ({ bytesRead: read } = await handle.read(bytes, 0, bytes.length, 0));
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new InputError(
      'llm_local_model_unreadable',
      `Cannot read the GGUF model file ${path}: ${describeError(error)}`,
      {
        cause: error,
      },
    );
  }
  const head = bytes.subarray(0, read).toString('latin1');
  if (head.startsWith('GGUF')) return;
  const lfs = head.startsWith('version https://git-lfs');
  throw new InputError(
    'llm_local_model_not_gguf',
    `${path} is not a GGUF model file (it does not start with the bytes "GGUF")`,
    lfs ? { hint: 'this is a Git LFS pointer: run `git lfs pull` to fetch the real file' } : {},
  );
}

export interface LoadedLocalModel {
  readonly module: LlamaModule;
  readonly llama: Llama;
  readonly model: LlamaModel;
  readonly context: LlamaContext;
  readonly sequence: LlamaContextSequence;
  readonly format: 'chat' | 'completion';
}

export async function loadLocalModel(settings: LocalSettings): Promise<LoadedLocalModel> {
  await assertGgufFile(settings.modelPath);
  const { module, llama } = await loadLocalRuntime(
    settings.runtimeDir ? { runtimeDir: settings.runtimeDir } : {},
  );
  let model: LlamaModel;
  try {
    model = await llama.loadModel({ modelPath: settings.modelPath });
  } catch (error) {
    throw new InputError(
      'llm_local_model_invalid',
      `Could not load the GGUF model ${settings.modelPath}: ${describeError(error)}`,
      { cause: error },
    );
  }
  try {
    const context = await model.createContext({
      contextSize: settings.contextSize,
      threads: settings.threads,
      sequences: 1,
    });
    const template = model.fileInfo.metadata?.tokenizer?.chat_template;
    const hasTemplate = typeof template === 'string' && template.trim() !== '';
    const format =
      settings.promptFormat === 'auto' ? (hasTemplate ? 'chat' : 'completion') : settings.promptFormat;
    return { module, llama, model, context, sequence: context.getSequence(), format };
  } catch (error) {
    await model.dispose();
    throw new LlmCallError(
      'llm_unavailable',
      `Could not create a ${settings.contextSize}-token context for ${settings.modelPath}: ${describeError(error)}`,
      { cause: error, isRetryable: false, hint: 'try a smaller contextSize' },
    );
  }
}
