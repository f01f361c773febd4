import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import {
  generateText,
  isStepCount,
  type LanguageModel,
  type LanguageModelUsage,
  NoObjectGeneratedError,
  streamText,
  ToolChoiceViolationError,
} from 'ai';
import { InputError } from '../../../core/errors.js';
import {
  LlmCallError,
  type LlmProvider,
  type LlmRequest,
  type LlmResponse,
  type StructuredMode,
} from '../../language-model.js';
import { toLlmCallError } from './call-errors.js';
import {
  type AiSdkVendor,
  buildStructuredCall,
  defaultStructuredMode,
  OPENAI_COMPATIBLE_NAME,
  type StructuredCallParts,
} from './structured-call.js';

/**
 * `LlmProvider` over the Vercel AI SDK (v7): any OpenAI-compatible server (Ollama, vLLM,
 * llama.cpp server, LM Studio, DeepSeek, Qwen …), OpenAI (chat-completions API) and Anthropic
 * (messages API). The adapter only translates: one call, no retries (`maxRetries: 0`; retries,
 * limits and the breaker live in our client), errors mapped to `LlmCallError`, and JSON answers
 * returned as the model's raw text even when they are malformed, because the client validates
 * and repairs them.
 */

export interface AiSdkProviderConfig {
  readonly provider: AiSdkVendor;
  readonly model: string;
  /** Base URL of the API, usually ending in `/v1`; required for `openai-compatible`. */
  readonly baseUrl?: string;
  readonly apiKey?: string;
  /** The mode used when a request asks for JSON and names none (default per vendor). */
  readonly structuredMode?: StructuredMode;
  /** Extra HTTP headers sent with every call. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Anthropic requires `max_tokens`; used when a request sets no `maxOutputTokens`. */
const ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;

/** Creates the provider; validates the configuration (InputError) but makes no network call. */
export function createAiSdkProvider(config: AiSdkProviderConfig): LlmProvider {
  if (config.model.trim() === '') {
    throw new InputError('llm_model_missing', `LLM provider ${config.provider} needs a model name`, {
      hint: 'Set the model in the LLM configuration, e.g. "qwen2.5:7b-instruct" or "gpt-4o-mini".',
    });
  }
  const languageModel = createLanguageModel(config);
  const structuredMode = config.structuredMode ?? defaultStructuredMode(config.provider);
  let closed = false;

  return {
    provider: config.provider,
    model: config.model,
    structuredMode,
    async complete(request: LlmRequest): Promise<LlmResponse> {
      const context = { provider: config.provider, model: config.model, signal: request.signal };
      if (closed) {
        const message = `${config.provider} model ${config.model}: provider closed`;
        throw new LlmCallError('llm_unavailable', message, { isRetryable: false });
      }
      const parts = buildStructuredCall(request, config.provider, structuredMode);
      const call = {
        model: languageModel,
        messages: parts.messages,
        allowSystemInMessages: true,
        ...(parts.output === undefined ? {} : { output: parts.output }),
        ...(parts.tools === undefined ? {} : { tools: parts.tools }),
        ...(parts.toolChoice === undefined ? {} : { toolChoice: parts.toolChoice }),
        ...(parts.providerOptions === undefined ? {} : { providerOptions: parts.providerOptions }),
        ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
        ...maxTokensOf(config.provider, request.maxOutputTokens),
        ...(request.seed === undefined ? {} : { seed: request.seed }),
        ...(request.signal === undefined ? {} : { abortSignal: request.signal }),
        maxRetries: 0,
        stopWhen: isStepCount(1),
      };
      try {
        return request.onDelta === undefined
          ? await generate(call, parts)
          : await stream(call, parts, request.onDelta);
      } catch (error) {
        throw toLlmCallError(error, context);
      }
    },
    async close(): Promise<void> {
      // HTTP connections belong to the process-wide fetch pool; there is nothing else to free.
      closed = true;
    },
  };
}

function maxTokensOf(vendor: AiSdkVendor, maxOutputTokens: number | undefined): { maxOutputTokens?: number } {
  if (maxOutputTokens !== undefined) return { maxOutputTokens };
  return vendor === 'anthropic' ? { maxOutputTokens: ANTHROPIC_DEFAULT_MAX_TOKENS } : {};
}

function createLanguageModel(config: AiSdkProviderConfig): LanguageModel {
  const headers = config.headers === undefined ? {} : { headers: { ...config.headers } };
  const apiKey = config.apiKey === undefined ? {} : { apiKey: config.apiKey };
  const baseURL = config.baseUrl === undefined ? {} : { baseURL: config.baseUrl };
  switch (config.provider) {
    case 'openai-compatible': {
      if (config.baseUrl === undefined || config.baseUrl.trim() === '') {
        throw new InputError('llm_base_url_missing', 'LLM provider openai-compatible needs a base URL', {
          hint: 'Set the base URL of the server, e.g. http://127.0.0.1:11434/v1 for Ollama.',
        });
      }
      return createOpenAICompatible({
        name: OPENAI_COMPATIBLE_NAME,
        baseURL: config.baseUrl,
        ...apiKey,
        ...headers,
        supportsStructuredOutputs: true,
        includeUsage: true,
      }).chatModel(config.model);
    }
    case 'openai':
      // The chat-completions API, which OpenAI-style gateways also speak (the SDK default is Responses).
      return createOpenAI({ ...baseURL, ...apiKey, ...headers }).chat(config.model);
    case 'anthropic':
      return createAnthropic({ ...baseURL, ...apiKey, ...headers }).messages(config.model);
  }
}

type CallOptions = Parameters<typeof generateText>[0] & Parameters<typeof streamText>[0];

const tokenCount = (value: number | undefined): number =>
  value === undefined || !Number.isFinite(value) ? 0 : Math.max(0, Math.round(value));

function toUsage(usage: LanguageModelUsage | undefined): LlmResponse['usage'] {
  return { inputTokens: tokenCount(usage?.inputTokens), outputTokens: tokenCount(usage?.outputTokens) };
}

/** The text of a tool call's input: the raw string when it did not parse, else its JSON. */
function toolInputText(input: unknown): string {
  return typeof input === 'string' ? input : JSON.stringify(input);
}

function response(
  text: string,
  usage: LanguageModelUsage | undefined,
  finishReason: string | undefined,
  mode: StructuredMode | undefined,
): LlmResponse {
  return {
    text,
    usage: toUsage(usage),
    finishReason: finishReason ?? 'unknown',
    ...(mode === undefined ? {} : { structuredMode: mode }),
  };
}

/** One non-streaming call. A JSON answer that does not parse comes back as text, not as an error. */
async function generate(call: CallOptions, parts: StructuredCallParts): Promise<LlmResponse> {
  try {
    const result = await generateText(call);
    const toolCall = result.toolCalls.find((candidate) => candidate.toolName === parts.toolName);
    const text = toolCall === undefined ? result.text : toolInputText(toolCall.input);
    return response(text, result.totalUsage, result.finishReason, parts.mode);
  } catch (error) {
    if (NoObjectGeneratedError.isInstance(error)) {
      return response(error.text ?? '', error.usage, error.finishReason, parts.mode);
    }
    // Tool mode, but the model answered in text: that text is the answer to validate and repair.
    if (ToolChoiceViolationError.isInstance(error)) {
      const text = error.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
      return response(text, undefined, error.finishReason, parts.mode);
    }
    throw error;
  }
}

/**
 * One streaming call. Text deltas go to `onDelta`; in tool mode the deltas are the tool
 * arguments (buffered text is sent only when no tool call came), so the deltas always add up to
 * the returned text.
 */
async function stream(
  call: CallOptions,
  parts: StructuredCallParts,
  onDelta: (delta: string) => void,
): Promise<LlmResponse> {
  const result = streamText({ ...call, onError: () => {} });
  let text = '';
  let toolText = '';
  let sawToolCall = false;
  let usage: LanguageModelUsage | undefined;
  let finishReason: string | undefined;
  const toolMode = parts.toolName !== undefined;

  for await (const part of result.fullStream) {
    switch (part.type) {
      case 'text-delta':
        text += part.text;
        if (!toolMode) onDelta(part.text);
        break;
      case 'tool-input-delta':
        if (toolMode) {
          toolText += part.delta;
          onDelta(part.delta);
        }
        break;
      case 'tool-call':
        if (toolMode && part.toolName === parts.toolName) {
          sawToolCall = true;
          // A provider that sends the call whole (no deltas) still yields its arguments.
          if (toolText === '') {
            toolText = toolInputText(part.input);
            onDelta(toolText);
          }
        }
        break;
      case 'finish':
        usage = part.totalUsage;
        finishReason = part.finishReason;
        break;
      case 'error':
        // Tool mode, but the model answered in text: fall through to returning that text.
        if (ToolChoiceViolationError.isInstance(part.error)) break;
        throw part.error;
      case 'abort':
        throw new DOMException('The streaming call was aborted', 'AbortError');
      default:
        break;
    }
  }
  if (toolMode && !sawToolCall && toolText === '') {
    if (text !== '') onDelta(text);
    return response(text, usage, finishReason, parts.mode);
  }
  return response(toolMode ? toolText : text, usage, finishReason, parts.mode);
}
