import { InputError } from '../core/errors.js';
import { LlmCallError } from './language-model.js';
import { isRetryableError } from './retry.js';

/**
 * Circuit breaker (Michael Nygard, "Release It!", 2007, ch. 5; Martin Fowler, "CircuitBreaker",
 * 2014, https://martinfowler.com/bliki/CircuitBreaker.html).
 *
 * - closed: calls go through; `failureThreshold` consecutive failures open the circuit.
 * - open: calls fail at once with `CircuitOpenError` (no network, no waiting) until
 *   `resetAfterMs` has passed since opening.
 * - half_open: one trial call goes through (others still fail fast); success closes the
 *   circuit, failure opens it again for another `resetAfterMs`.
 *
 * Only operational failures count (errors with `isRetryable: true`: timeouts, 429, 5xx, network).
 * A non-retryable error (400, 401, invalid output) means the service answered, so it counts as
 * reachable: it resets the failure count like a success. A call aborted by its caller counts
 * neither way.
 */

export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerOptions {
  readonly failureThreshold: number;
  readonly resetAfterMs: number;
  /** Clock in milliseconds (default Date.now); injected for tests. */
  readonly now?: () => number;
}

export interface CircuitBreaker {
  run<T>(fn: () => Promise<T>): Promise<T>;
  readonly state: CircuitState;
}

/** Thrown without calling the provider while the circuit is open. */
export class CircuitOpenError extends LlmCallError {
  readonly retryInMs: number;
  constructor(consecutiveFailures: number, retryInMs: number) {
    super(
      'llm_unavailable',
      `LLM provider unavailable: circuit open after ${consecutiveFailures} consecutive failures; next trial in ${Math.ceil(retryInMs / 1000)} s`,
      {
        isRetryable: false,
        hint: 'Check that the LLM server is up and reachable, or wait for the circuit to half-open.',
      },
    );
    this.retryInMs = retryInMs;
  }
}

/** An abort by the caller (DOMException AbortError) says nothing about the provider's health. */
function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** Creates a breaker; see the module comment for the state machine. */
export function createCircuitBreaker(options: CircuitBreakerOptions): CircuitBreaker {
  const { failureThreshold, resetAfterMs } = options;
  if (!Number.isInteger(failureThreshold) || failureThreshold < 1) {
    throw new InputError(
      'invalid_breaker_options',
      `failureThreshold must be an integer ≥ 1, got ${failureThreshold}`,
    );
  }
  if (!Number.isFinite(resetAfterMs) || resetAfterMs < 0) {
    throw new InputError(
      'invalid_breaker_options',
      `resetAfterMs must be a finite number ≥ 0, got ${resetAfterMs}`,
    );
  }
  const now = options.now ?? Date.now;
  let consecutiveFailures = 0;
  let openedAt: number | undefined;
  let trialInFlight = false;

  const currentState = (): CircuitState => {
    if (openedAt === undefined) return 'closed';
    return now() - openedAt >= resetAfterMs ? 'half_open' : 'open';
  };

  const onFailure = () => {
    consecutiveFailures++;
    if (openedAt !== undefined || consecutiveFailures >= failureThreshold) openedAt = now();
  };
  const onReachable = () => {
    consecutiveFailures = 0;
    openedAt = undefined;
  };

  return {
    async run<T>(fn: () => Promise<T>): Promise<T> {
      const state = currentState();
      const isTrial = state === 'half_open';
      if (state === 'open' || (isTrial && trialInFlight)) {
        const retryInMs = openedAt === undefined ? 0 : Math.max(0, openedAt + resetAfterMs - now());
        throw new CircuitOpenError(consecutiveFailures, retryInMs);
      }
      if (isTrial) trialInFlight = true;
      try {
        const value = await fn();
        onReachable();
        return value;
      } catch (error) {
        if (isRetryableError(error)) onFailure();
        else if (!isAbort(error)) onReachable();
        throw error;
      } finally {
        if (isTrial) trialInFlight = false;
      }
    },
    get state() {
      return currentState();
    },
  };
}
