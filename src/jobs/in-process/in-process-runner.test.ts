import { isMainThread } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { describeJobRunnerContract, maxOverlap } from '../job.contract.js';
import type { JobEvent, JobRunner } from '../job.js';
import { fixtureJob, type RunWindow } from '../testing/fixture-jobs.js';
import { createInProcessRunner } from './in-process-runner.js';

describeJobRunnerContract('in-process, main thread', ({ ledger }) => createInProcessRunner({ ledger }));
describeJobRunnerContract(
  'in-process, worker threads',
  ({ ledger }) => createInProcessRunner({ ledger, poolSize: 2 }),
  {
    cpuHeavy: true,
  },
);

describe('in-process runner', () => {
  let runner: JobRunner;
  afterEach(async () => {
    await runner.close();
  });

  const windowOf = (output: unknown): RunWindow => (output as { window: RunWindow }).window;

  it('runs ordinary jobs on the main thread and cpuHeavy jobs in worker threads', async () => {
    runner = createInProcessRunner({ poolSize: 2 });
    expect(isMainThread).toBe(true); // vitest's forks pool: the test itself runs on a main thread
    const main = await runner.run(fixtureJob('double'), [{ key: 'm', input: { n: 1 } }], { runId: 'r1' });
    expect(windowOf(main.partitions[0]?.output)).toMatchObject({ isMainThread: true, threadId: 0 });

    const cpu = await runner.run(fixtureJob('double', { cpuHeavy: true }), [{ key: 'w', input: { n: 1 } }], {
      runId: 'r2',
    });
    const window = windowOf(cpu.partitions[0]?.output);
    expect(window.isMainThread).toBe(false);
    expect(window.threadId).not.toBe(0);
  });

  it('runs two CPU-bound partitions in parallel on two threads', async () => {
    runner = createInProcessRunner({ poolSize: 2 });
    const partitions = [
      { key: 'spin-a', input: { ms: 400 } },
      { key: 'spin-b', input: { ms: 400 } },
    ];
    const result = await runner.run(fixtureJob('spin', { cpuHeavy: true }), partitions, {
      runId: 'spin',
      concurrency: 2,
    });
    const [a, b] = result.partitions.map((p) => windowOf(p.output)) as [RunWindow, RunWindow];
    expect(a.threadId).not.toBe(b.threadId);
    // Overlapping windows: each started before the other finished.
    expect(a.startedAt < b.finishedAt && b.startedAt < a.finishedAt).toBe(true);
    expect(maxOverlap([a, b])).toBe(2);
  });

  it('fails the partition of a crashed worker with a clear error and replaces the worker', async () => {
    runner = createInProcessRunner({ poolSize: 1 });
    const partitions = [
      { key: 'exits', input: { how: 'exit' } },
      { key: 'after-exit', input: { how: 'none' } },
      { key: 'throws', input: { how: 'throw' } },
      { key: 'after-throw', input: { how: 'none' } },
    ];
    const result = await runner.run(fixtureJob('crash', { cpuHeavy: true }), partitions, {
      runId: 'crash',
      concurrency: 1,
      retries: 3,
    });
    expect(result.partitions.map((p) => p.status)).toEqual(['failed', 'succeeded', 'failed', 'succeeded']);
    const [exits, afterExit, throws, afterThrow] = result.partitions;
    expect(exits).toMatchObject({ attempts: 1, error: { code: 'worker_crashed', isRetryable: false } });
    expect(exits?.error?.message).toMatch(/partition "exits" of job "fixture-crash".*exited with code 7/);
    expect(throws).toMatchObject({ attempts: 1, error: { code: 'worker_crashed' } });
    expect(throws?.error?.message).toMatch(/partition "throws".*fixture uncaught failure/);
    // A pool of one thread: each partition after a crash ran on a new thread.
    const threadOf = (output: unknown): number => (output as { threadId: number }).threadId;
    expect(threadOf(afterExit?.output)).not.toBe(threadOf(afterThrow?.output));
  });

  it('terminates a worker whose CPU-bound handler ignores the abort', async () => {
    runner = createInProcessRunner({ poolSize: 1, abortGraceMs: 100 });
    const controller = new AbortController();
    const result = await runner.run(
      fixtureJob('spin', { cpuHeavy: true }),
      [{ key: 'stuck', input: { ms: 20_000 } }],
      {
        runId: 'stuck',
        signal: controller.signal,
        onEvent: (event) => {
          if (event.type === 'partition-started') setTimeout(() => controller.abort(), 200);
        },
      },
    );
    expect(result.partitions[0]).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'aborted' } });
    expect(result.durationMs).toBeLessThan(10_000);
  });

  it('drops progress reported after a partition settled and rejects fractions outside [0, 1]', async () => {
    runner = createInProcessRunner();
    const events: JobEvent[] = [];
    const result = await runner.run(
      fixtureJob('progress'),
      [{ key: 'over', input: { fractions: [0.5, 1.5] } }],
      {
        runId: 'bad-progress',
        onEvent: (event) => events.push(event),
      },
    );
    expect(result.partitions[0]).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: { code: 'invalid_progress' },
    });
    expect(result.partitions[0]?.error?.message).toMatch(/partition "over".*got 1\.5/);
    expect(events.filter((e) => e.type === 'partition-progress')).toHaveLength(1);
  });

  it('validates the job definition and run options', async () => {
    runner = createInProcessRunner();
    const partitions = [{ key: 'p', input: null }];
    const relative = { name: 'rel', module: './fixture-jobs.js', exportName: 'double' };
    await expect(runner.run(relative, partitions, { runId: 'x' })).rejects.toThrow(
      /absolute path or file URL/,
    );
    await expect(runner.run(fixtureJob('double'), partitions, { runId: '' })).rejects.toBeInstanceOf(
      InputError,
    );
    await expect(
      runner.run(fixtureJob('double'), partitions, { runId: 'x', concurrency: 0 }),
    ).rejects.toThrow(/concurrency/);
    await expect(runner.run(fixtureJob('double'), partitions, { runId: 'x', retries: -1 })).rejects.toThrow(
      /retries/,
    );
    expect(() => createInProcessRunner({ poolSize: 1.5 })).toThrow(InputError);
  });

  it('rethrows an exception from onEvent after the run finished', async () => {
    runner = createInProcessRunner();
    let finished = false;
    const run = runner.run(fixtureJob('double'), [{ key: 'p', input: { n: 1 } }], {
      runId: 'listener',
      onEvent: (event) => {
        if (event.type === 'run-finished') finished = true;
        if (event.type === 'partition-started') throw new Error('listener bug');
      },
    });
    await expect(run).rejects.toThrow('listener bug');
    expect(finished).toBe(true);
  });

  it('refuses runs after close', async () => {
    runner = createInProcessRunner();
    await runner.close();
    await expect(runner.run(fixtureJob('double'), [], { runId: 'closed' })).rejects.toThrow(/closed/);
  });
});
