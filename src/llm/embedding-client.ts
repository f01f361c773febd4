import { performance } from 'node:perf_hooks';
import { InputError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { llmCacheKey, promptHash } from './cache-key.js';
import type { LlmCallStatus } from './call-log.js';
import {
  type CallPolicyOptions,
  defaultBreaker,
  defaultRetry,
  errorCodeOf,
  rejectOnAbort,
  statusOf,
} from './call-policy.js';
import { createCircuitBreaker } from './circuit-breaker.js';
import { callCost } from './cost.js';
import type {
  Embedder,
  EmbedderTotals,
  EmbeddingCache,
  EmbeddingProvider,
  EmbeddingResponse,
} from './embedding.js';
import { LlmCallError, type LlmMessage } from './language-model.js';
import { createLimiter } from './limiter.js';
import { withRetry } from './retry.js';

/**
 * The embedding client: wraps an `EmbeddingProvider` the way `createLlmClient` wraps an
 * `LlmProvider`, with the same parts, per batch:
 *
 *   guard.protect(each text) → cut to maxInputChars → split into batches of batchSize
 *   → budget.check → limiter → circuit breaker → withRetry(provider.embed, per-attempt timeout)
 *   → validate (one finite vector per text, one length) → cost → budget.add → call record
 *
 * Only redacted text reaches the provider; the call log gets one record per batch (task, sha256
 * of the redacted inputs, tokens, cost, redaction counts), never the text. With a `cache`, texts
 * whose (provider, model, redacted text) key has a vector of the right length are not sent, and
 * new vectors are put in it.
 */

export interface EmbedderOptions extends CallPolicyOptions {
  readonly provider: EmbeddingProvider;
  readonly cache?: EmbeddingCache;
  /** Texts per provider call (default 64, at most the provider's `maxBatchSize`). */
  readonly batchSize?: number;
  /** Characters kept of each text (default 2000): longer texts would overflow small embedding models. */
  readonly maxInputChars?: number;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new InputError('invalid_embedding_options', `${name} must be an integer ≥ 1, got ${value}`);
  return value;
}

/** Checks the provider's answer: one vector per text, all finite and of one length (the known one, if any). */
function checkResponse(
  response: EmbeddingResponse,
  expected: number,
  dimensions: number | null,
  who: string,
): number {
  const invalid = (why: string) =>
    new LlmCallError('llm_invalid_response', `${who}: embedding response ${why}`, { isRetryable: false });
  if (response.vectors.length !== expected)
    throw invalid(`has ${response.vectors.length} vectors for ${expected} texts`);
  const length = dimensions ?? response.vectors[0]?.length ?? 0;
  if (length < 1) throw invalid('has empty vectors');
  for (const vector of response.vectors) {
    if (vector.length !== length) throw invalid(`mixes vector lengths ${length} and ${vector.length}`);
    for (const value of vector) if (!Number.isFinite(value)) throw invalid('holds a non-finite value');
  }
  return length;
}

/** Creates an embedder over `options.provider`; see the module comment for what each batch goes through. */
export function createEmbedder(options: EmbedderOptions): Embedder {
  const { provider, guard, recorder, price, budget } = options;
  const batchSize = Math.min(
    positiveInteger('batchSize', options.batchSize ?? 64),
    positiveInteger('provider maxBatchSize', provider.maxBatchSize),
  );
  const maxInputChars = positiveInteger('maxInputChars', options.maxInputChars ?? 2000);
  const timeoutMs = options.timeoutMs ?? 60_000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw new InputError(
      'invalid_embedding_options',
      `timeoutMs must be a positive number, got ${timeoutMs}`,
    );
  const now = options.now ?? (() => new Date());
  const limiter = createLimiter(options.concurrency ?? 4);
  const breaker = createCircuitBreaker({
    ...(options.breaker ?? defaultBreaker),
    now: () => now().getTime(),
  });
  const engine = `${provider.provider}/${provider.model}`;
  const currency = price?.currency ?? budget?.currency ?? 'USD';
  const totals = { texts: 0, cachedTexts: 0, providerCalls: 0, inputTokens: 0, cost: 0 };
  const cacheKey = (content: string) =>
    llmCacheKey({
      provider: provider.provider,
      model: `embed:${provider.model}`,
      messages: [{ role: 'user', content }],
    });
  let dimensions: number | null = null;

  async function attemptOnce(texts: readonly string[], callerSignal: AbortSignal | undefined) {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = callerSignal ? AbortSignal.any([timeout, callerSignal]) : timeout;
    try {
      return await Promise.race([provider.embed({ texts, signal }), rejectOnAbort(signal)]);
    } catch (error) {
      if (timeout.aborted && !callerSignal?.aborted && !(error instanceof LlmCallError))
        throw new LlmCallError('llm_timeout', `The embedding call timed out after ${timeoutMs} ms`, {
          isRetryable: true,
          cause: error,
          hint: 'Raise llm.timeoutMs or use a smaller batch.',
        });
      throw error;
    }
  }

  /** One batch of redacted texts through budget → limiter → breaker → retries, recorded. */
  async function embedBatch(
    messages: readonly LlmMessage[],
    redactions: Record<string, number>,
    task: string,
    signal: AbortSignal | undefined,
  ): Promise<readonly Float32Array[]> {
    const id = newId('llm');
    const ts = now().toISOString();
    const started = performance.now();
    const tally = { attempts: 0, inputTokens: 0, cost: 0 };
    const record = async (status: LlmCallStatus, errorCode?: string) =>
      recorder?.record({
        id,
        ts,
        task,
        provider: provider.provider,
        model: provider.model,
        ...(options.runId === undefined ? {} : { runId: options.runId }),
        promptHash: promptHash(messages),
        cacheKey: llmCacheKey({ provider: provider.provider, model: `embed:${provider.model}`, messages }),
        cached: false,
        status,
        ...(errorCode === undefined ? {} : { errorCode }),
        attempts: tally.attempts,
        latencyMs: Math.round(performance.now() - started),
        inputTokens: tally.inputTokens,
        outputTokens: 0,
        cost: tally.cost,
        currency,
        redactions,
      });
    try {
      budget?.check();
      const texts = messages.map((message) => message.content);
      const response = await limiter.run(() => {
        budget?.check();
        return breaker.run(async () => {
          const retried = await withRetry(
            () => {
              tally.attempts++;
              totals.providerCalls++;
              return attemptOnce(texts, signal);
            },
            { ...defaultRetry, ...options.retry, ...(signal ? { signal } : {}) },
          );
          return retried.value;
        });
      });
      dimensions = checkResponse(response, texts.length, dimensions, engine);
      const inputTokens = Math.max(0, Math.round(response.inputTokens));
      const cost = callCost({ inputTokens, outputTokens: 0 }, price);
      tally.inputTokens = inputTokens;
      tally.cost = cost;
      totals.inputTokens += inputTokens;
      totals.cost += cost;
      budget?.add(cost);
      await record('ok');
      return response.vectors;
    } catch (error) {
      await record(statusOf(error), errorCodeOf(error)).catch(() => undefined);
      throw error;
    }
  }

  return {
    model: provider.model,
    engine,
    get dimensions() {
      return dimensions;
    },
    async embed(texts, embedOptions = {}) {
      const task = embedOptions.task ?? 'embed';
      if (task.trim() === '')
        throw new InputError('invalid_embedding_request', 'An embedding call needs a task name');
      totals.texts += texts.length;
      // Redact every whole text on its own (one placeholder vault per text), then cut, then drop the
      // empty ones: cutting first could split an e-mail address or a phone number into a fragment the
      // detectors no longer recognise.
      const guarded = texts.map((text) => {
        const protectedText = guard.protect([{ role: 'user', content: text }]);
        return {
          content: (protectedText.messages[0]?.content ?? '').slice(0, maxInputChars),
          redactions: protectedText.redactions,
        };
      });
      const vectors: Float32Array[] = texts.map(() => new Float32Array(0));
      let sent = guarded.flatMap((g, index) => (g.content.trim() === '' ? [] : [index]));
      const keys = new Map(sent.map((index) => [index, cacheKey(guarded[index]?.content ?? '')]));
      if (options.cache && sent.length > 0) {
        const hits = await options.cache.getMany([...new Set(keys.values())]);
        sent = sent.filter((index) => {
          const hit = hits.get(keys.get(index) as string);
          // a vector of another length is from another configuration of the model: embed again
          if (!hit || hit.length === 0 || (dimensions !== null && hit.length !== dimensions)) return true;
          dimensions ??= hit.length;
          vectors[index] = hit;
          totals.cachedTexts++;
          return false;
        });
      }
      const batches: number[][] = [];
      for (let start = 0; start < sent.length; start += batchSize)
        batches.push(sent.slice(start, start + batchSize));
      const results = await Promise.all(
        batches.map((batch) => {
          const redactions: Record<string, number> = {};
          for (const index of batch)
            for (const [kind, count] of Object.entries(guarded[index]?.redactions ?? {}))
              redactions[kind] = (redactions[kind] ?? 0) + count;
          const messages = batch.map(
            (index): LlmMessage => ({ role: 'user', content: guarded[index]?.content ?? '' }),
          );
          return embedBatch(messages, redactions, task, embedOptions.signal);
        }),
      );
      batches.forEach((batch, b) => {
        batch.forEach((index, position) => {
          const vector = results[b]?.[position] ?? new Float32Array(dimensions ?? 0);
          vectors[index] = vector;
          options.cache?.put(keys.get(index) as string, vector);
        });
      });
      return vectors.map((vector) => (vector.length === 0 ? new Float32Array(dimensions ?? 0) : vector));
    },
    totals(): EmbedderTotals {
      return { ...totals };
    },
    async close() {
      try {
        await recorder?.flush?.();
        await options.cache?.flush?.();
      } finally {
        await provider.close();
      }
    },
  };
}
