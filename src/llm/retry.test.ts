import { describe, expect, it } from 'vitest';
import { InputError, OperationalError } from '../core/errors.js';
import { LlmCallError } from './language-model.js';
import { abortableSleep, fullJitterDelay, type RetryOptions, withRetry } from './retry.js';

const retryable = (retryAfterMs?: number) =>
  new LlmCallError('llm_http', 'HTTP 429', {
    status: 429,
    isRetryable: true,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
const fatal = () => new LlmCallError('llm_http', 'HTTP 400', { status: 400, isRetryable: false });

/** A function failing with the given errors in turn, then returning 'ok'; counts its calls. */
function failing(errors: unknown[]) {
  const state = { calls: 0, attempts: [] as number[] };
  const fn = async (attempt: number) => {
    state.calls++;
    state.attempts.push(attempt);
    const error = errors.shift();
    if (error !== undefined) throw error;
    return 'ok';
  };
  return { fn, state };
}

function fakeSleep() {
  const delays: number[] = [];
  return { delays, sleep: async (ms: number) => void delays.push(ms) };
}

const base = {
  maxRetries: 3,
  baseDelayMs: 100,
  maxDelayMs: 10_000,
  random: () => 0.5,
} satisfies RetryOptions;

describe('fullJitterDelay', () => {
  it('is random · min(cap, base · 2^n)', () => {
    expect(fullJitterDelay(3, { baseDelayMs: 100, maxDelayMs: 10_000 }, () => 0.5)).toBe(400);
    expect(fullJitterDelay(10, { baseDelayMs: 100, maxDelayMs: 10_000 }, () => 0.5)).toBe(5000);
    expect(fullJitterDelay(0, { baseDelayMs: 100, maxDelayMs: 10_000 }, () => 0)).toBe(0);
  });
});

describe('withRetry', () => {
  it('retries retryable errors with exponentially growing jittered delays', async () => {
    const { fn, state } = failing([retryable(), retryable()]);
    const { delays, sleep } = fakeSleep();
    const retries: number[] = [];
    const result = await withRetry(fn, { ...base, sleep, onRetry: (info) => retries.push(info.attempt) });
    expect(result).toEqual({ value: 'ok', attempts: 3 });
    expect(state.attempts).toEqual([1, 2, 3]);
    expect(delays).toEqual([50, 100]); // 0.5 · 100 · 2⁰, 0.5 · 100 · 2¹
    expect(retries).toEqual([1, 2]);
  });

  it('caps the backoff window at maxDelayMs', async () => {
    const { fn } = failing([retryable(), retryable(), retryable()]);
    const { delays, sleep } = fakeSleep();
    await withRetry(fn, { ...base, maxDelayMs: 250, random: () => 0.999, sleep });
    expect(delays).toEqual([99, 199, 249]);
  });

  it('waits at least the Retry-After the server sent', async () => {
    const { fn } = failing([retryable(3000), retryable(10)]);
    const { delays, sleep } = fakeSleep();
    await withRetry(fn, { ...base, sleep });
    expect(delays).toEqual([3000, 100]); // max(3000, 50), then max(10, 100)
  });

  it('fails at once when Retry-After exceeds maxRetryAfterMs', async () => {
    const error = retryable(120_000);
    const { fn, state } = failing([error]);
    const { delays, sleep } = fakeSleep();
    await expect(withRetry(fn, { ...base, maxRetryAfterMs: 60_000, sleep })).rejects.toBe(error);
    expect(state.calls).toBe(1);
    expect(delays).toEqual([]);
  });

  it('does not retry non-retryable errors or plain errors', async () => {
    for (const error of [fatal(), new Error('bug'), new OperationalError('x', 'y', { isRetryable: false })]) {
      const { fn, state } = failing([error]);
      const { delays, sleep } = fakeSleep();
      await expect(withRetry(fn, { ...base, sleep })).rejects.toBe(error);
      expect(state.calls).toBe(1);
      expect(delays).toEqual([]);
    }
  });

  it('gives up after maxRetries with the last error', async () => {
    const errors = [retryable(), retryable(), retryable()];
    const last = errors[2];
    const { fn, state } = failing([...errors, retryable()]);
    const { sleep } = fakeSleep();
    await expect(withRetry(fn, { ...base, maxRetries: 2, sleep })).rejects.toBe(last);
    expect(state.calls).toBe(3);
  });

  it('maxRetries 0 tries once', async () => {
    const { fn, state } = failing([retryable()]);
    await expect(withRetry(fn, { ...base, maxRetries: 0, sleep: fakeSleep().sleep })).rejects.toThrow(
      'HTTP 429',
    );
    expect(state.calls).toBe(1);
  });

  it('stops when the caller aborts during the wait', async () => {
    const controller = new AbortController();
    const { fn, state } = failing([retryable(), retryable()]);
    const sleep = async (_ms: number, signal?: AbortSignal) => {
      controller.abort(new Error('caller gave up'));
      signal?.throwIfAborted();
    };
    await expect(withRetry(fn, { ...base, sleep, signal: controller.signal })).rejects.toThrow(
      'caller gave up',
    );
    expect(state.calls).toBe(1);
  });

  it('does not start when the signal is already aborted', async () => {
    const { fn, state } = failing([]);
    await expect(withRetry(fn, { ...base, signal: AbortSignal.abort(new Error('no')) })).rejects.toThrow(
      'no',
    );
    expect(state.calls).toBe(0);
  });

  it('rejects invalid options', async () => {
    const { fn } = failing([]);
    await expect(withRetry(fn, { ...base, maxRetries: -1 })).rejects.toBeInstanceOf(InputError);
    await expect(withRetry(fn, { ...base, maxRetries: 1.5 })).rejects.toBeInstanceOf(InputError);
    await expect(withRetry(fn, { ...base, baseDelayMs: Number.NaN })).rejects.toBeInstanceOf(InputError);
  });
});

describe('abortableSleep', () => {
  it('resolves after the timer and rejects on abort', async () => {
    await expect(abortableSleep(1)).resolves.toBeUndefined();
    const controller = new AbortController();
    const pending = abortableSleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });
});
