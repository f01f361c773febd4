import { InputError } from '../core/errors.js';

/**
 * A concurrency limiter (counting semaphore with a FIFO queue): at most `concurrency` functions
 * run at once, the rest wait in arrival order. Used so a batch of thousands of generations does
 * not open thousands of sockets to a provider (or load a local model thousands of times).
 * O(1) per call; the queue holds one closure per waiting call.
 */

export interface Limiter {
  run<T>(fn: () => Promise<T>): Promise<T>;
  /** Functions running now. */
  readonly active: number;
  /** Functions waiting for a slot. */
  readonly queued: number;
}

/** Creates a limiter allowing `concurrency` (an integer ≥ 1) functions at once. */
export function createLimiter(concurrency: number): Limiter {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new InputError(
      'invalid_concurrency',
      `createLimiter: concurrency must be an integer ≥ 1, got ${concurrency}`,
    );
  }
  let active = 0;
  const waiting: (() => void)[] = [];

  const release = () => {
    const next = waiting.shift();
    // Hand the slot straight to the next waiter, so `active` never dips and lets a newcomer jump the queue.
    if (next) next();
    else active--;
  };

  const acquire = (): Promise<void> => {
    if (active < concurrency) {
      active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => waiting.push(resolve));
  };

  return {
    async run<T>(fn: () => Promise<T>): Promise<T> {
      await acquire();
      try {
        return await fn();
      } finally {
        release();
      }
    },
    get active() {
      return active;
    },
    get queued() {
      return waiting.length;
    },
  };
}
