import { sha256Hex } from '../core/ids.js';
import type { JsonSchema, LlmMessage, StructuredMode } from './language-model.js';

/**
 * Content-addressed cache keys for LLM calls: the same request to the same model gives the same
 * key on any machine and in any run, so a re-run of a batch costs nothing. The key is
 * sha256(canonical JSON) where canonical JSON sorts object keys and omits undefined fields (so
 * `{a, b}` and `{b, a}`, or a missing and an undefined temperature, hash alike).
 *
 * The messages are the ones after the privacy guard: the key never depends on (or reveals) the
 * raw PII, and two prompts that differ only in redacted values share an answer.
 */

export interface CacheKeyParts {
  readonly provider: string;
  readonly model: string;
  /** The guarded messages, exactly as sent. */
  readonly messages: readonly LlmMessage[];
  readonly temperature?: number | undefined;
  readonly maxOutputTokens?: number | undefined;
  readonly seed?: number | undefined;
  /** The JSON schema asked for (generateObject), with its name. */
  readonly json?: { readonly name: string; readonly schema: JsonSchema } | undefined;
  readonly structuredMode?: StructuredMode | undefined;
}

/**
 * JSON with object keys sorted at every level (RFC 8785 JCS-style ordering; numbers and strings
 * as `JSON.stringify` writes them). Undefined object fields are omitted; in arrays they become null.
 * Example: canonicalJson({ b: 1, a: [true, undefined] }) → '{"a":[true,null],"b":1}'.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined && typeof item !== 'function')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

/** The cache key of a call: sha256 hex of the canonical JSON of its parts. */
export function llmCacheKey(parts: CacheKeyParts): string {
  return sha256Hex(
    canonicalJson({
      v: 1,
      provider: parts.provider,
      model: parts.model,
      messages: parts.messages.map((message) => ({ role: message.role, content: message.content })),
      temperature: parts.temperature,
      maxOutputTokens: parts.maxOutputTokens,
      seed: parts.seed,
      json: parts.json,
      structuredMode: parts.structuredMode,
    }),
  );
}

/** sha256 of the guarded messages, for the call log (never the text itself). */
export function promptHash(messages: readonly LlmMessage[]): string {
  return sha256Hex(
    canonicalJson(messages.map((message) => ({ role: message.role, content: message.content }))),
  );
}
