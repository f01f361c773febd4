import { basename } from 'node:path';
import { describeError, InputError } from '../../../core/errors.js';
import {
  LlmCallError,
  type LlmProvider,
  type LlmRequest,
  type LlmResponse,
  type StructuredMode,
} from '../../language-model.js';
import { toChatPrompt, toCompletionPrompt } from './format-messages.js';
import { toGbnfJsonSchema } from './gbnf-json-schema.js';
import type { Llama, LlamaGenerationOptions, LlamaGrammar } from './llama-types.js';
import {
  type LoadedLocalModel,
  type LocalProviderConfig,
  loadLocalModel,
  resolveLocalSettings,
} from './local-model.js';

export { type LocalProviderConfig, resolveLocalSettings } from './local-model.js';

/**
 * The local GGUF provider: runs a model file in-process through node-llama-cpp (loaded lazily,
 * see load-llama.ts). One context with one sequence; calls are served one at a time in arrival
 * order. Chat models are prompted through their own chat template (`LlamaChatSession`, a fresh
 * session per call); base models without a template get a plain-text prompt (`LlamaCompletion`).
 * JSON requests are decoded under a GBNF grammar built from the schema (`structuredMode: 'grammar'`).
 */

const maxCachedGrammars = 32;

function abortedError(signal: AbortSignal): LlmCallError {
  return new LlmCallError('llm_timeout', 'The local model call was aborted', {
    isRetryable: true,
    cause: signal.reason,
  });
}

/** Resolves when `previous` settles, or rejects as soon as `signal` aborts. */
function waitForTurn(previous: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return previous;
  if (signal.aborted) return Promise.reject(abortedError(signal));
  return new Promise<void>((resolveTurn, reject) => {
    const onAbort = () => reject(abortedError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    void previous.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolveTurn();
    });
  });
}

/** node-llama-cpp stop reasons → the AI SDK's finish reasons. */
function finishReasonOf(stopReason: string): string {
  if (stopReason === 'maxTokens') return 'length';
  if (stopReason === 'functionCalls') return 'tool-calls';
  return 'stop';
}

function validateRequest(request: LlmRequest): void {
  const { temperature, maxOutputTokens, seed } = request;
  if (temperature !== undefined && !(Number.isFinite(temperature) && temperature >= 0)) {
    throw new InputError('llm_temperature', `temperature must be a finite number ≥ 0, got ${temperature}`);
  }
  if (maxOutputTokens !== undefined && !(Number.isInteger(maxOutputTokens) && maxOutputTokens >= 1)) {
    throw new InputError(
      'llm_max_output_tokens',
      `maxOutputTokens must be an integer ≥ 1, got ${maxOutputTokens}`,
    );
  }
  if (seed !== undefined && !Number.isInteger(seed)) {
    throw new InputError('llm_seed', `seed must be an integer, got ${seed}`);
  }
}

interface Generation {
  readonly text: string;
  readonly stopReason: string;
  readonly inputTokens: number;
}

/** The answer's token budget: what is left of the context, capped by `maxOutputTokens`. */
function maxTokensFor(inputTokens: number, contextSize: number, maxOutputTokens: number | undefined): number {
  const room = contextSize - inputTokens;
  if (room < 1) {
    throw new InputError(
      'llm_prompt_too_long',
      `The prompt is ${inputTokens} tokens; the local context holds ${contextSize}`,
      {
        hint: 'shorten the prompt or raise contextSize',
      },
    );
  }
  return Math.min(maxOutputTokens ?? room, room);
}

/** One chat turn through the model's chat wrapper, in a fresh session over the shared sequence. */
async function runChat(
  loaded: LoadedLocalModel,
  request: LlmRequest,
  options: LlamaGenerationOptions,
): Promise<Generation> {
  const { history, prompt } = toChatPrompt(request.messages);
  const session = new loaded.module.LlamaChatSession({
    contextSequence: loaded.sequence,
    autoDisposeSequence: false,
  });
  try {
    session.setChatHistory([...history]);
    const rendered = session.chatWrapper.generateContextState({
      chatHistory: [...history, { type: 'user', text: prompt }, { type: 'model', response: [] }],
    });
    const inputTokens = rendered.contextText.tokenize(loaded.model.tokenizer).length;
    const maxTokens = maxTokensFor(inputTokens, loaded.context.contextSize, request.maxOutputTokens);
    const result = await session.promptWithMeta(prompt, { ...options, maxTokens });
    return { text: result.responseText, stopReason: result.stopReason, inputTokens };
  } finally {
    session.dispose({ disposeSequence: false });
  }
}

/** A plain-text continuation, for base models without a chat template. */
async function runCompletion(
  loaded: LoadedLocalModel,
  request: LlmRequest,
  options: LlamaGenerationOptions,
): Promise<Generation> {
  const { prompt, stopTriggers } = toCompletionPrompt(request.messages);
  const { model } = loaded;
  // Count as LlamaCompletion tokenizes: BOS, then the text without SentencePiece's leading space.
  const withBos = model.tokens.shouldPrependBosToken && model.tokens.bos !== null;
  const inputTokens = withBos
    ? model.tokenize(prompt, false, 'trimLeadingSpace').length + 1
    : model.tokenize(prompt).length;
  const maxTokens = maxTokensFor(inputTokens, loaded.context.contextSize, request.maxOutputTokens);
  const generator = new loaded.module.LlamaCompletion({
    contextSequence: loaded.sequence,
    autoDisposeSequence: false,
  });
  try {
    const result = await generator.generateCompletionWithMeta(prompt, {
      ...options,
      maxTokens,
      ...(stopTriggers.length > 0 ? { customStopTriggers: stopTriggers } : {}),
    });
    return { text: result.response, stopReason: result.metadata.stopReason, inputTokens };
  } finally {
    generator.dispose({ disposeSequence: false });
  }
}

/** Creates the `local` provider for one GGUF file; nothing is loaded until the first call. */
export function createLocalProvider(config: LocalProviderConfig): LlmProvider {
  const settings = resolveLocalSettings(config);
  let loading: Promise<LoadedLocalModel> | undefined;
  let queue: Promise<void> = Promise.resolve();
  let closing: Promise<void> | undefined;
  const grammars = new Map<string, Promise<{ grammar: LlamaGrammar; mode: StructuredMode }>>();

  function ensureLoaded(): Promise<LoadedLocalModel> {
    if (!loading) {
      const attempt = loadLocalModel(settings);
      loading = attempt;
      // A failed load (missing file, runtime not installed) is retried on the next call.
      attempt.catch(() => {
        if (loading === attempt) loading = undefined;
      });
    }
    return loading;
  }

  /** The grammar for a JSON request: the schema's own, or generic JSON when it cannot be mapped. */
  function grammarFor(
    llama: Llama,
    request: LlmRequest,
  ): Promise<{ grammar: LlamaGrammar; mode: StructuredMode }> | undefined {
    const json = request.json;
    const mode = request.structuredMode ?? 'grammar';
    if (!json || mode === 'prompt') return undefined;
    const mapping = mode === 'json_object' ? undefined : toGbnfJsonSchema(json.schema);
    const key = mapping?.ok ? JSON.stringify(mapping.schema) : 'json';
    let grammar = grammars.get(key);
    if (!grammar) {
      const generic = () =>
        llama.getGrammarFor('json').then((compiled) => ({ grammar: compiled, mode: 'json_object' as const }));
      grammar = mapping?.ok
        ? llama
            .createGrammarForJsonSchema(mapping.schema)
            .then((compiled) => ({ grammar: compiled, mode: 'grammar' as const }))
            // A schema node-llama-cpp still refuses gets the generic JSON grammar too.
            .catch(generic)
        : generic();
      if (grammars.size >= maxCachedGrammars) grammars.delete(grammars.keys().next().value as string);
      grammars.set(key, grammar);
      grammar.catch(() => grammars.delete(key));
    }
    return grammar;
  }

  async function generate(request: LlmRequest): Promise<LlmResponse> {
    const loaded = await ensureLoaded();
    const signal = request.signal;
    if (signal?.aborted) throw abortedError(signal);
    const structured = await grammarFor(loaded.llama, request);
    // Start every call from an empty KV cache, so the same request gives the same answer.
    await loaded.sequence.clearHistory();
    let outputTokens = 0;
    const options: LlamaGenerationOptions = {
      ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
      ...(request.seed === undefined ? {} : { seed: request.seed }),
      ...(structured ? { grammar: structured.grammar } : {}),
      ...(request.onDelta ? { onTextChunk: request.onDelta } : {}),
      // Count the tokens the model generated (re-tokenizing the text can give a different number).
      onToken: (tokens) => {
        outputTokens += tokens.length;
      },
      ...(signal ? { signal } : {}),
    };
    try {
      const run = loaded.format === 'chat' ? runChat : runCompletion;
      const { text, stopReason, inputTokens } = await run(loaded, request, options);
      if (stopReason === 'abort' && signal?.aborted) throw abortedError(signal);
      return {
        text,
        usage: { inputTokens, outputTokens },
        finishReason: finishReasonOf(stopReason),
        ...(structured
          ? { structuredMode: structured.mode }
          : request.json
            ? { structuredMode: 'prompt' as const }
            : {}),
      };
    } catch (error) {
      if (signal?.aborted) throw abortedError(signal);
      if (error instanceof InputError || error instanceof LlmCallError) throw error;
      throw new LlmCallError(
        'llm_unavailable',
        `The local model ${basename(settings.modelPath)} failed: ${describeError(error)}`,
        {
          cause: error,
          isRetryable: false,
        },
      );
    }
  }

  return {
    provider: 'local',
    model: basename(settings.modelPath),
    structuredMode: 'grammar',
    async complete(request: LlmRequest): Promise<LlmResponse> {
      if (closing)
        throw new LlmCallError('llm_unavailable', 'The local provider is closed', { isRetryable: false });
      validateRequest(request);
      const previous = queue;
      let release = () => {};
      const done = new Promise<void>((resolveDone) => {
        release = resolveDone;
      });
      // Chain on `previous` too, so a caller that gave up while waiting does not let the next one overlap.
      queue = previous.then(() => done);
      try {
        await waitForTurn(previous, request.signal);
        return await generate(request);
      } finally {
        release();
      }
    },
    close(): Promise<void> {
      closing ??= (async () => {
        await queue;
        const current = loading;
        loading = undefined;
        if (!current) return;
        const loaded = await current.catch(() => undefined);
        if (!loaded) return;
        await loaded.context.dispose();
        await loaded.model.dispose();
      })();
      return closing;
    },
  };
}
