import { performance } from 'node:perf_hooks';
import type { z } from 'zod';
import { InputError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { llmCacheKey, promptHash } from './cache-key.js';
import { type LlmCacheStore, type LlmCallRecord, type LlmCallStatus, toCachedResponse } from './call-log.js';
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
import {
  type GuardedPrompt,
  LlmCallError,
  type LlmMessage,
  type LlmProvider,
  type LlmRequest,
  type LlmResponse,
  type LlmUsage,
} from './language-model.js';
import { createLimiter } from './limiter.js';
import { withRetry } from './retry.js';
import {
  completeStructured,
  jsonSchemaFor,
  StructuredOutputError,
  type StructuredStats,
  validateAnswer,
} from './structured-output.js';

/**
 * The LLM client: wraps any `LlmProvider` with everything a production call needs, in this order:
 *
 *   guard.protect(messages) → cache lookup → budget.check → limiter → circuit breaker
 *   → withRetry(provider.complete, per-attempt timeout) → cost → budget.add → cache.put
 *   → call record → restore allowed PII kinds in the answer
 *
 * Only guarded messages reach the provider, the cache key and the call log (as hashes, never
 * text). `generateObject` asks for JSON following a zod schema and runs the validate → repair →
 * re-ask loop (`completeStructured`); every repair round takes the same guarded, budgeted,
 * limited, retried path and is counted; only a validated answer is cached.
 */

export interface LlmClientOptions extends CallPolicyOptions {
  readonly provider: LlmProvider;
  readonly cache?: LlmCacheStore;
}

export interface LlmTextRequest {
  readonly task: string;
  readonly messages: readonly LlmMessage[];
  readonly temperature?: number;
  readonly maxOutputTokens?: number;
  readonly seed?: number;
  readonly template?: string;
  /** PII kinds the caller may see restored in the answer; default none. */
  readonly restore?: readonly string[];
  /** Streamed text deltas, as the model wrote them (placeholders not restored). */
  readonly onDelta?: (delta: string) => void;
  readonly signal?: AbortSignal;
}

export interface LlmObjectRequest<T> extends LlmTextRequest {
  readonly schema: z.ZodType<T>;
  readonly schemaName: string;
  /** Re-ask rounds for an invalid answer (default 2). */
  readonly maxRepairs?: number;
}

export interface LlmTextResult {
  /** The answer, with placeholders of the `restore` kinds put back. */
  readonly text: string;
  /** Tokens this call consumed (all attempts and rounds; 0 for a cache hit). */
  readonly usage: LlmUsage;
  readonly cost: number;
  readonly cached: boolean;
  /** Provider calls made (0 for a cache hit). */
  readonly attempts: number;
  readonly latencyMs: number;
  readonly callId: string;
  /** `provider/model`, shown with every result the call produced. */
  readonly engine: string;
}

export interface LlmTotals {
  /** Client calls (each produces one record). */
  readonly calls: number;
  readonly cachedCalls: number;
  /** `provider.complete` invocations, retries and repair rounds included. */
  readonly providerCalls: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cost: number;
}

export interface LlmClient {
  readonly engine: string;
  generateText(request: LlmTextRequest): Promise<LlmTextResult>;
  generateObject<T>(
    request: LlmObjectRequest<T>,
  ): Promise<LlmTextResult & { value: T; structured: StructuredStats }>;
  totals(): LlmTotals;
  close(): Promise<void>;
}

/** Answers not worth replaying from the cache. */
const uncacheableFinish = new Set(['error', 'content-filter']);

/** Spending of one client call across its attempts and rounds. */
interface Tally {
  attempts: number;
  inputTokens: number;
  outputTokens: number;
  cost: number;
}

/** Puts allowed PII back into every string of a parsed JSON value (not into the JSON text, which could break it). */
function restoreDeep(value: unknown, guarded: GuardedPrompt, kinds: readonly string[]): unknown {
  if (typeof value === 'string') return guarded.restore(value, kinds);
  if (Array.isArray(value)) return value.map((item) => restoreDeep(item, guarded, kinds));
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, restoreDeep(item, guarded, kinds)]),
    );
  }
  return value;
}

/** A promise that rejects when the signal aborts, so a provider that ignores its signal cannot hang us. */

function validateOptions(options: LlmClientOptions): void {
  const timeoutMs = options.timeoutMs ?? 60_000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new InputError('invalid_llm_options', `timeoutMs must be a positive number, got ${timeoutMs}`);
  }
  if (options.price && options.budget && options.price.currency !== options.budget.currency) {
    throw new InputError(
      'invalid_llm_options',
      `The model price is in ${options.price.currency} but the budget is in ${options.budget.currency}`,
      { hint: 'Give the price and the budget in the same currency.' },
    );
  }
}

/** Creates a client over `options.provider`; see the module comment for what each call goes through. */
export function createLlmClient(options: LlmClientOptions): LlmClient {
  validateOptions(options);
  const { provider, guard, cache, recorder, budget, price } = options;
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? 60_000;
  const limiter = createLimiter(options.concurrency ?? 4);
  const breaker = createCircuitBreaker({
    ...(options.breaker ?? defaultBreaker),
    now: () => now().getTime(),
  });
  const engine = `${provider.provider}/${provider.model}`;
  const currency = price?.currency ?? budget?.currency ?? 'USD';
  const totals = { calls: 0, cachedCalls: 0, providerCalls: 0, inputTokens: 0, outputTokens: 0, cost: 0 };

  /** One provider call: per-attempt timeout joined with the caller's signal; a timeout is retryable. */
  async function attemptOnce(
    request: LlmRequest,
    callerSignal: AbortSignal | undefined,
  ): Promise<LlmResponse> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = callerSignal ? AbortSignal.any([timeout, callerSignal]) : timeout;
    try {
      return await Promise.race([provider.complete({ ...request, signal }), rejectOnAbort(signal)]);
    } catch (error) {
      if (timeout.aborted && !callerSignal?.aborted && !(error instanceof LlmCallError)) {
        throw new LlmCallError('llm_timeout', `The LLM call timed out after ${timeoutMs} ms`, {
          isRetryable: true,
          cause: error,
          hint: 'Raise llm.timeoutMs, lower maxOutputTokens, or use a faster model.',
        });
      }
      throw error;
    }
  }

  /** One round: budget → limiter → breaker → retries; charges cost and tokens to the tally. */
  async function sendRound(request: LlmRequest, callerSignal: AbortSignal | undefined, tally: Tally) {
    budget?.check();
    const response = await limiter.run(() => {
      budget?.check(); // again: calls queued behind the limiter may find the budget spent
      return breaker.run(async () => {
        const retried = await withRetry(
          () => {
            tally.attempts++;
            totals.providerCalls++;
            return attemptOnce(request, callerSignal);
          },
          { ...defaultRetry, ...options.retry, ...(callerSignal ? { signal: callerSignal } : {}) },
        );
        return retried.value;
      });
    });
    const cost = callCost(response.usage, price);
    tally.inputTokens += response.usage.inputTokens;
    tally.outputTokens += response.usage.outputTokens;
    tally.cost += cost;
    totals.inputTokens += response.usage.inputTokens;
    totals.outputTokens += response.usage.outputTokens;
    totals.cost += cost;
    budget?.add(cost);
    return response;
  }

  async function execute<T>(request: LlmTextRequest, object: LlmObjectRequest<T> | undefined) {
    if (request.task.trim() === '')
      throw new InputError('invalid_llm_request', 'An LLM call needs a task name');
    if (request.messages.length === 0)
      throw new InputError('invalid_llm_request', 'An LLM call needs messages');
    const callId = newId('llm');
    const ts = now().toISOString();
    const started = performance.now();
    const guarded = guard.protect(request.messages);
    const json = object
      ? { name: object.schemaName, schema: jsonSchemaFor(object.schema, object.schemaName) }
      : undefined;
    const base = {
      ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
      ...(request.maxOutputTokens === undefined ? {} : { maxOutputTokens: request.maxOutputTokens }),
      ...(request.seed === undefined ? {} : { seed: request.seed }),
      ...(json ? { json } : {}),
      ...(request.onDelta ? { onDelta: request.onDelta } : {}),
    };
    const cacheKey = llmCacheKey({
      provider: provider.provider,
      model: provider.model,
      messages: guarded.messages,
      temperature: request.temperature,
      maxOutputTokens: request.maxOutputTokens,
      seed: request.seed,
      json,
      structuredMode: json ? provider.structuredMode : undefined,
    });
    const kinds = request.restore ?? [];
    const tally: Tally = { attempts: 0, inputTokens: 0, outputTokens: 0, cost: 0 };
    totals.calls++;

    const record = (status: LlmCallStatus, cached: boolean, extra: Partial<LlmCallRecord> = {}) => {
      const call: LlmCallRecord = {
        id: callId,
        ts,
        task: request.task,
        provider: provider.provider,
        model: provider.model,
        ...(request.template === undefined ? {} : { template: request.template }),
        ...(options.runId === undefined ? {} : { runId: options.runId }),
        promptHash: promptHash(guarded.messages),
        cacheKey,
        cached,
        status,
        attempts: tally.attempts,
        latencyMs: Math.round(performance.now() - started),
        inputTokens: tally.inputTokens,
        outputTokens: tally.outputTokens,
        cost: tally.cost,
        currency,
        redactions: { ...guarded.redactions },
        ...extra,
      };
      return recorder ? recorder.record(call) : Promise.resolve();
    };
    const result = (text: string, cached: boolean): LlmTextResult => ({
      text,
      usage: { inputTokens: tally.inputTokens, outputTokens: tally.outputTokens },
      cost: tally.cost,
      cached,
      attempts: tally.attempts,
      latencyMs: Math.round(performance.now() - started),
      callId,
      engine,
    });

    try {
      const hit = await cache?.get(cacheKey);
      if (hit) {
        const checked = object ? validateAnswer(hit.text, object.schema) : undefined;
        // A cached object answer that no longer validates is treated as a miss.
        if (!checked || checked.ok) {
          totals.cachedCalls++;
          request.onDelta?.(hit.text);
          const structured: StructuredStats | undefined = checked && {
            mode: hit.structuredMode,
            firstTryValid: !checked.repaired,
            localRepair: checked.repaired,
            llmRepairs: 0,
            valid: true,
          };
          await record('ok', true, structured ? { structured } : {});
          const value = checked ? restoreDeep(checked.value, guarded, kinds) : undefined;
          return { ...result(guarded.restore(hit.text, kinds), true), value: value as T, structured };
        }
      }

      if (!object) {
        const response = await sendRound({ ...base, messages: guarded.messages }, request.signal, tally);
        if (!uncacheableFinish.has(response.finishReason))
          await cache?.put(cacheKey, toCachedResponse(response));
        await record('ok', false);
        return {
          ...result(guarded.restore(response.text, kinds), false),
          value: undefined as T,
          structured: undefined,
        };
      }

      let lastGuarded = guarded;
      const structuredResult = await completeStructured(
        (messages) => {
          // Round 0 sends the guarded request; repair rounds (request + answer + issues) are guarded again.
          lastGuarded = messages === request.messages ? guarded : guard.protect(messages);
          return sendRound({ ...base, messages: lastGuarded.messages }, request.signal, tally);
        },
        request.messages,
        object.schema,
        object.maxRepairs === undefined ? {} : { maxRepairs: object.maxRepairs },
      );
      const accepted = structuredResult.responses[structuredResult.responses.length - 1] as LlmResponse;
      await cache?.put(cacheKey, toCachedResponse(accepted));
      await record('ok', false, { structured: structuredResult.stats });
      return {
        ...result(lastGuarded.restore(accepted.text, kinds), false),
        value: restoreDeep(structuredResult.value, lastGuarded, kinds) as T,
        structured: structuredResult.stats,
      };
    } catch (error) {
      const structured = error instanceof StructuredOutputError ? { structured: error.stats } : {};
      // The original error matters more than a failing recorder; do not let one mask the other.
      await record(statusOf(error), false, { errorCode: errorCodeOf(error), ...structured }).catch(
        () => undefined,
      );
      throw error;
    }
  }

  return {
    engine,
    async generateText(request) {
      const { value: _value, structured: _structured, ...text } = await execute(request, undefined);
      return text;
    },
    async generateObject<T>(request: LlmObjectRequest<T>) {
      const outcome = await execute(request, request);
      return { ...outcome, structured: outcome.structured as StructuredStats };
    },
    totals() {
      return { ...totals };
    },
    async close() {
      try {
        await options.recorder?.flush?.();
        await options.cache?.flush?.();
      } finally {
        await provider.close();
      }
    },
  };
}
