/**
 * Text embeddings: the adapter spec (`EmbeddingProvider`, what the AI SDK and local GGUF adapters
 * implement) and what callers use (`Embedder`, made by `createEmbedder` in embedding-client.ts,
 * which adds the privacy guard, batching, retries, timeouts, the breaker and the call log).
 * Kept apart from `LlmProvider`: a server or model file may embed without generating, or the
 * other way round, and each side is optional.
 */

export interface EmbeddingRequest {
  /** Non-empty texts, already redacted, at most `maxBatchSize` of them. */
  readonly texts: readonly string[];
  readonly signal?: AbortSignal;
}

export interface EmbeddingResponse {
  /** One vector per text, in order, all of the same length. */
  readonly vectors: readonly Float32Array[];
  /** Tokens the provider says it read (0 when it does not say). */
  readonly inputTokens: number;
}

export interface EmbeddingProvider {
  /** Provider id as in config: `openai-compatible`, `openai`, `local`. */
  readonly provider: string;
  readonly model: string;
  /** Most texts one `embed` call takes; the client splits larger inputs. */
  readonly maxBatchSize: number;
  /** One call, no retries (the client retries); failures are `LlmCallError`s. */
  embed(request: EmbeddingRequest): Promise<EmbeddingResponse>;
  close(): Promise<void>;
}

/**
 * Vectors already computed, by the key of (provider, model, redacted text): a second run over the
 * same documents costs nothing. Only redacted text is hashed into a key; the text is not stored.
 */
export interface EmbeddingCache {
  /** The cached vectors of the keys that have one. */
  getMany(keys: readonly string[]): Promise<ReadonlyMap<string, Float32Array>>;
  put(key: string, vector: Float32Array): void;
  /** Writes what `put` buffered. */
  flush?(): Promise<void>;
}

export interface EmbedOptions {
  /** What the vectors are for (`topics`, `aspect_terms` …), recorded in the call log. Default `embed`. */
  readonly task?: string;
  readonly signal?: AbortSignal;
}

/** Embeds texts for callers: inputs redacted, batched, retried; see embedding-client.ts. */
export interface Embedder {
  /** Model name as configured (e.g. `text-embedding-3-small`, `bge-m3`, `nomic-embed.gguf`). */
  readonly model: string;
  /** `provider/model`, shown with every result the vectors produced. */
  readonly engine: string;
  /** Vector length; null until the first call has returned one. */
  readonly dimensions: number | null;
  /**
   * One vector per text, in order. Texts are redacted by the privacy guard and cut to
   * `maxInputChars` before they leave the process; an empty (or all-space) text is not sent and
   * gets a zero vector.
   */
  embed(texts: readonly string[], options?: EmbedOptions): Promise<Float32Array[]>;
  totals(): EmbedderTotals;
  close(): Promise<void>;
}

export interface EmbedderTotals {
  /** Texts asked for (empty ones included). */
  readonly texts: number;
  /** Texts answered from the cache (no provider call). */
  readonly cachedTexts: number;
  /** Provider calls made, retries included. */
  readonly providerCalls: number;
  readonly inputTokens: number;
  readonly cost: number;
}
