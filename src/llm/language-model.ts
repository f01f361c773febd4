import { OperationalError } from '../core/errors.js';

/**
 * The provider interface every LLM adapter implements (AI SDK providers, local GGUF) and the one
 * contract suite checks. Kept small: one call that takes messages and returns text, with an
 * optional JSON schema the provider enforces as well as it can (`structuredMode`). Everything
 * else (privacy guard, cache, retries, breaker, budget, repair) wraps this in `LlmClient`.
 */

export type LlmRole = 'system' | 'user' | 'assistant';

export interface LlmMessage {
  readonly role: LlmRole;
  readonly content: string;
}

/** A JSON Schema (draft 7 / 2020-12 subset as produced by `z.toJSONSchema`). */
export type JsonSchema = Readonly<Record<string, unknown>>;

/**
 * How a provider makes the model answer in JSON:
 * - `json_schema`: server-side structured outputs (OpenAI `response_format: json_schema`);
 * - `tool`: a forced tool call whose arguments follow the schema;
 * - `grammar`: constrained decoding (llama.cpp GBNF from the schema);
 * - `json_object`: JSON mode without a schema (the schema goes into the prompt);
 * - `prompt`: no server support — the schema is described in the prompt and the answer repaired.
 */
export type StructuredMode = 'json_schema' | 'tool' | 'grammar' | 'json_object' | 'prompt';

export interface LlmRequest {
  readonly messages: readonly LlmMessage[];
  readonly temperature?: number;
  readonly maxOutputTokens?: number;
  readonly seed?: number;
  /** Ask for JSON following this schema; `name` names it for tool / json_schema modes. */
  readonly json?: { readonly name: string; readonly schema: JsonSchema };
  /** Override the provider's default structured mode for this call. */
  readonly structuredMode?: StructuredMode;
  /** Stream tokens; `onDelta` receives each text delta. The response still has the full text. */
  readonly onDelta?: (delta: string) => void;
  readonly signal?: AbortSignal;
}

export interface LlmUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
}

export interface LlmResponse {
  readonly text: string;
  readonly usage: LlmUsage;
  readonly finishReason: string;
  /** The structured mode actually used (`undefined` for plain text). */
  readonly structuredMode?: StructuredMode;
}

export interface LlmProvider {
  /** Provider id as in config: `openai-compatible`, `openai`, `anthropic`, `local`. */
  readonly provider: string;
  readonly model: string;
  /** The structured mode used when a request asks for JSON and names none. */
  readonly structuredMode: StructuredMode;
  complete(request: LlmRequest): Promise<LlmResponse>;
  /** Frees what the provider holds (local model, sockets). */
  close(): Promise<void>;
}

/**
 * A failed provider call: HTTP status when there was one, whether a retry may help, and the
 * server's Retry-After in milliseconds when it sent one.
 */
export class LlmCallError extends OperationalError {
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  constructor(
    code: 'llm_http' | 'llm_timeout' | 'llm_network' | 'llm_invalid_response' | 'llm_unavailable',
    message: string,
    options: {
      readonly status?: number;
      readonly retryAfterMs?: number;
      readonly isRetryable: boolean;
      readonly cause?: unknown;
      readonly hint?: string;
    },
  ) {
    super(code, message, {
      isRetryable: options.isRetryable,
      ...(options.cause === undefined ? {} : { cause: options.cause }),
      ...(options.hint === undefined ? {} : { hint: options.hint }),
    });
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** A prompt after the privacy guard: what may go on the wire, and how to put PII back in the answer. */
export interface GuardedPrompt {
  readonly messages: readonly LlmMessage[];
  /** sha256 (hex) of each outbound message's content, for the call log (never the text). */
  readonly sentHashes: readonly string[];
  /** How many values of each PII kind were replaced by placeholders. */
  readonly redactions: Readonly<Record<string, number>>;
  /** Puts the original values back for placeholders of the allowed kinds (none by default). */
  restore(text: string, allowedKinds?: readonly string[]): string;
}

/** The privacy guard every outbound call goes through (src/llm/guard). */
export interface PromptGuard {
  protect(messages: readonly LlmMessage[]): GuardedPrompt;
}
