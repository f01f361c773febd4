import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { CircuitOpenError, createCircuitBreaker } from './circuit-breaker.js';
import { LlmCallError } from './language-model.js';

const unavailable = () => new LlmCallError('llm_http', 'HTTP 503', { status: 503, isRetryable: true });
const badRequest = () => new LlmCallError('llm_http', 'HTTP 400', { status: 400, isRetryable: false });

function setup(failureThreshold = 3, resetAfterMs = 10_000) {
  const clock = { now: 1_000_000 };
  const breaker = createCircuitBreaker({ failureThreshold, resetAfterMs, now: () => clock.now });
  let calls = 0;
  const fail = (error: unknown) =>
    breaker.run(async () => {
      calls++;
      throw error;
    });
  const succeed = () =>
    breaker.run(async () => {
      calls++;
      return 'ok';
    });
  return { breaker, clock, fail, succeed, calls: () => calls };
}

describe('createCircuitBreaker', () => {
  it('opens after N consecutive failures and then fails fast without calling', async () => {
    const { breaker, fail, succeed, calls } = setup(3);
    for (let i = 0; i < 2; i++) await expect(fail(unavailable())).rejects.toThrow('HTTP 503');
    expect(breaker.state).toBe('closed');
    await expect(fail(unavailable())).rejects.toThrow('HTTP 503');
    expect(breaker.state).toBe('open');
    const error = await succeed().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CircuitOpenError);
    expect(error).toMatchObject({ code: 'llm_unavailable', isRetryable: false, retryInMs: 10_000 });
    expect(calls()).toBe(3);
  });

  it('half-opens after resetAfterMs, lets one trial through, and closes on success', async () => {
    const { breaker, clock, fail, succeed, calls } = setup(2, 5000);
    await fail(unavailable()).catch(() => undefined);
    await fail(unavailable()).catch(() => undefined);
    clock.now += 4999;
    expect(breaker.state).toBe('open');
    clock.now += 1;
    expect(breaker.state).toBe('half_open');
    let release!: () => void;
    const trial = breaker.run(
      () =>
        new Promise<string>((resolve) => {
          release = () => resolve('trial ok');
        }),
    );
    // a second call during the trial fails fast
    await expect(succeed()).rejects.toBeInstanceOf(CircuitOpenError);
    release();
    await expect(trial).resolves.toBe('trial ok');
    expect(breaker.state).toBe('closed');
    await expect(succeed()).resolves.toBe('ok');
    expect(calls()).toBe(3);
  });

  it('re-opens for another period when the trial fails', async () => {
    const { breaker, clock, fail } = setup(1, 1000);
    await fail(unavailable()).catch(() => undefined);
    clock.now += 1000;
    expect(breaker.state).toBe('half_open');
    await expect(fail(unavailable())).rejects.toThrow('HTTP 503');
    expect(breaker.state).toBe('open');
    clock.now += 999;
    expect(breaker.state).toBe('open');
    clock.now += 1;
    expect(breaker.state).toBe('half_open');
  });

  it('counts only consecutive operational failures', async () => {
    const { breaker, fail, succeed } = setup(3);
    await fail(unavailable()).catch(() => undefined);
    await fail(unavailable()).catch(() => undefined);
    await succeed();
    await fail(unavailable()).catch(() => undefined);
    await fail(unavailable()).catch(() => undefined);
    expect(breaker.state).toBe('closed');
    // a 400 means the server answered: it does not count, and it resets the run
    await fail(badRequest()).catch(() => undefined);
    await fail(unavailable()).catch(() => undefined);
    await fail(unavailable()).catch(() => undefined);
    expect(breaker.state).toBe('closed');
    for (let i = 0; i < 5; i++) await fail(badRequest()).catch(() => undefined);
    expect(breaker.state).toBe('closed');
  });

  it('rejects invalid options', () => {
    expect(() => createCircuitBreaker({ failureThreshold: 0, resetAfterMs: 1 })).toThrow(InputError);
    expect(() => createCircuitBreaker({ failureThreshold: 1, resetAfterMs: -1 })).toThrow(InputError);
  });
});
