import { InputError } from '../core/errors.js';

/**
 * Retries with capped exponential backoff and "full jitter", as in Marc Brooker, "Exponential
 * Backoff and Jitter", AWS Architecture Blog, 2015
 * (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/):
 *
 *   delay(n) = random(0, min(maxDelayMs, baseDelayMs · 2ⁿ))      for the n-th retry (n = 0, 1, …)
 *
 * Full jitter spreads the retries of many clients that failed together (a 429 storm) over the
 * whole window instead of synchronising them. When the server sent Retry-After (RFC 9110 §10.2.3)
 * we wait max(Retry-After, jittered delay); a Retry-After beyond `maxRetryAfterMs` means "come back
 * much later", so we fail at once rather than hold a worker.
 *
 * Only errors that say `isRetryable: true` are retried (our `OperationalError`, and the AI SDK's
 * `APICallError`, carry it); everything else is rethrown unchanged on the first failure.
 */

export interface RetryOptions {
  /** Retries after the first attempt (0 = try once). */
  readonly maxRetries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Longest Retry-After we are willing to wait; longer ones fail at once (default: no limit). */
  readonly maxRetryAfterMs?: number;
  /** Uniform random number in [0, 1); injected for tests (default Math.random). */
  readonly random?: () => number;
  /** Injected for tests; must reject when `signal` aborts (default: a timer). */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Aborting stops further attempts and interrupts a pending wait. */
  readonly signal?: AbortSignal;
  readonly onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

/** Whether a thrown value says a retry may help (`isRetryable: true`, duck-typed). */
export function isRetryableError(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { isRetryable?: unknown }).isRetryable === true
  );
}

/** The server's Retry-After in milliseconds when the error carries one. */
export function retryAfterOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const value = (error as { retryAfterMs?: unknown }).retryAfterMs;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * The full-jitter delay before retry number `retryIndex` (0-based):
 * `random() · min(maxDelayMs, baseDelayMs · 2^retryIndex)`, rounded down to whole milliseconds.
 * Example: base 100, max 10 000, retryIndex 3, random() = 0.5 → 400.
 */
export function fullJitterDelay(
  retryIndex: number,
  options: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number,
): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retryIndex);
  return Math.floor(random() * ceiling);
}

/** A timer that rejects with the signal's reason when the signal aborts first. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function validate(options: RetryOptions): void {
  const checks: [string, number][] = [
    ['maxRetries', options.maxRetries],
    ['baseDelayMs', options.baseDelayMs],
    ['maxDelayMs', options.maxDelayMs],
  ];
  for (const [name, value] of checks) {
    if (!Number.isFinite(value) || value < 0) {
      throw new InputError(
        'invalid_retry_options',
        `withRetry: ${name} must be a finite number ≥ 0, got ${value}`,
      );
    }
  }
  if (!Number.isInteger(options.maxRetries)) {
    throw new InputError(
      'invalid_retry_options',
      `withRetry: maxRetries must be an integer, got ${options.maxRetries}`,
    );
  }
}

/**
 * Runs `fn(attempt)` (attempt = 1, 2, …) until it succeeds, fails with a non-retryable error,
 * runs out of retries, or `signal` aborts. Returns the value and how many attempts it took;
 * on failure rethrows the last error unchanged.
 * Example: a function failing once with a retryable 503, then succeeding → `{ value, attempts: 2 }`.
 */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  options: RetryOptions,
): Promise<{ value: T; attempts: number }> {
  validate(options);
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? abortableSleep;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? Number.POSITIVE_INFINITY;
  for (let attempt = 1; ; attempt++) {
    options.signal?.throwIfAborted();
    try {
      return { value: await fn(attempt), attempts: attempt };
    } catch (error) {
      // The caller gave up: whatever the error says, do not try again.
      if (options.signal?.aborted) throw error;
      if (!isRetryableError(error) || attempt > options.maxRetries) throw error;
      const retryAfter = retryAfterOf(error);
      if (retryAfter !== undefined && retryAfter > maxRetryAfterMs) throw error;
      const jittered = fullJitterDelay(attempt - 1, options, random);
      const delayMs =
        retryAfter === undefined ? jittered : Math.min(Math.max(retryAfter, jittered), maxRetryAfterMs);
      options.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs, options.signal);
    }
  }
}
