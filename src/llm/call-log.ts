import type { LlmResponse, LlmUsage, StructuredMode } from './language-model.js';
import type { StructuredStats } from './structured-output.js';

/**
 * What the LLM client remembers about each call, and where: the call log (one record per
 * `generateText` / `generateObject`, for cost reports and audits) and the response cache. Both
 * are interfaces so the store can persist them (`llm_calls`, `llm_cache` tables); the in-memory
 * versions here serve tests and one-off CLI runs.
 *
 * Privacy: a record holds hashes of the guarded prompt, never its text; the cache holds answers
 * as the model wrote them (with PII placeholders, before restoring).
 */

export type LlmCallStatus = 'ok' | 'error' | 'budget_exceeded' | 'circuit_open';

export interface LlmCallRecord {
  readonly id: string;
  /** ISO 8601 timestamp of the call's start. */
  readonly ts: string;
  /** What the call was for (`copy`, `classify` …), also the key for per-task model overrides. */
  readonly task: string;
  readonly provider: string;
  readonly model: string;
  /** Prompt template id when the prompt came from one. */
  readonly template?: string;
  readonly runId?: string;
  /** sha256 of the guarded messages (canonical JSON). */
  readonly promptHash: string;
  readonly cacheKey: string;
  readonly cached: boolean;
  readonly status: LlmCallStatus;
  readonly errorCode?: string;
  /** Provider calls made (retries and repair rounds included; 0 for a cache hit). */
  readonly attempts: number;
  readonly latencyMs: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cost: number;
  readonly currency: string;
  readonly structured?: StructuredStats;
  /** PII values replaced by placeholders, by kind. */
  readonly redactions: Readonly<Record<string, number>>;
}

export interface LlmCallRecorder {
  record(call: LlmCallRecord): Promise<void>;
  /** Writes what a buffering recorder still holds; the client calls it on close. */
  flush?(): Promise<void>;
}

export interface CachedLlmResponse {
  readonly text: string;
  readonly usage: LlmUsage;
  readonly finishReason: string;
  readonly structuredMode?: StructuredMode;
}

export interface LlmCacheStore {
  get(key: string): Promise<CachedLlmResponse | undefined>;
  put(key: string, value: CachedLlmResponse): Promise<void>;
  /** Writes what a buffering cache still holds; the client calls it on close. */
  flush?(): Promise<void>;
}

/** The part of a response worth caching (no transport details). */
export function toCachedResponse(response: LlmResponse): CachedLlmResponse {
  return {
    text: response.text,
    usage: { inputTokens: response.usage.inputTokens, outputTokens: response.usage.outputTokens },
    finishReason: response.finishReason,
    ...(response.structuredMode === undefined ? {} : { structuredMode: response.structuredMode }),
  };
}

/** A cache in a Map, for tests and single runs. Stores frozen copies so callers cannot alter entries. */
export function memoryCache(): LlmCacheStore & { readonly size: number } {
  const entries = new Map<string, CachedLlmResponse>();
  return {
    async get(key) {
      return entries.get(key);
    },
    async put(key, value) {
      entries.set(key, Object.freeze({ ...value, usage: Object.freeze({ ...value.usage }) }));
    },
    get size() {
      return entries.size;
    },
  };
}

/** A recorder that keeps records in an array, in call order. */
export function memoryRecorder(): LlmCallRecorder & { readonly calls: readonly LlmCallRecord[] } {
  const calls: LlmCallRecord[] = [];
  return {
    async record(call) {
      calls.push(Object.freeze({ ...call }));
    },
    get calls() {
      return calls;
    },
  };
}
