import { describe, expect, it } from 'vitest';
import { AsyncMutex } from './async-mutex.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('AsyncMutex', () => {
  it('runs holders one at a time in FIFO order', async () => {
    const mutex = new AsyncMutex();
    const log: string[] = [];
    const task = (name: string, ms: number) =>
      mutex.runExclusive(async () => {
        log.push(`${name}:start`);
        await sleep(ms);
        log.push(`${name}:end`);
        return name;
      });
    expect(await Promise.all([task('a', 20), task('b', 1), task('c', 5)])).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a:start', 'a:end', 'b:start', 'b:end', 'c:start', 'c:end']);
  });

  it('releases after a failure', async () => {
    const mutex = new AsyncMutex();
    await expect(mutex.runExclusive(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await mutex.runExclusive(async () => 'next')).toBe('next');
    await mutex.idle();
  });
});
