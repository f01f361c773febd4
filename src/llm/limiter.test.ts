import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { createLimiter } from './limiter.js';

/** A promise with its resolve exposed. */
function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('createLimiter', () => {
  it('never runs more than `concurrency` functions at once, and reaches it', async () => {
    const limiter = createLimiter(3);
    let running = 0;
    let most = 0;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        limiter.run(async () => {
          running++;
          most = Math.max(most, running);
          expect(limiter.active).toBeLessThanOrEqual(3);
          for (let k = 0; k < 1 + (i % 4); k++) await tick();
          running--;
          return i;
        }),
      ),
    );
    expect(most).toBe(3);
    expect(results).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(limiter.active).toBe(0);
    expect(limiter.queued).toBe(0);
  });

  it('queues in arrival order and reports active / queued', async () => {
    const limiter = createLimiter(2);
    const gates = Array.from({ length: 5 }, () => deferred());
    const started: number[] = [];
    const runs = gates.map((gate, i) =>
      limiter.run(async () => {
        started.push(i);
        await gate.promise;
      }),
    );
    await tick();
    expect(limiter.active).toBe(2);
    expect(limiter.queued).toBe(3);
    expect(started).toEqual([0, 1]);
    gates[1]?.resolve();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    for (const gate of gates) gate.resolve();
    await Promise.all(runs);
    expect(started).toEqual([0, 1, 2, 3, 4]);
  });

  it('frees the slot when a function throws', async () => {
    const limiter = createLimiter(1);
    await expect(limiter.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run(async () => 'next')).resolves.toBe('next');
    expect(limiter.active).toBe(0);
  });

  it('rejects a concurrency that is not a positive integer', () => {
    for (const value of [0, -1, 1.5, Number.NaN]) expect(() => createLimiter(value)).toThrow(InputError);
  });
});
