/**
 * The contract every `JobRunner` must pass (in-process now, BullMQ later): call
 * `describeJobRunnerContract(name, makeRunner)` from the runner's test file. Jobs come from
 * ./testing/fixture-jobs.ts; everything is observed through results, events and the handlers'
 * returned run windows, never through shared memory, so it works across threads and machines.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import type { JobEvent, JobRunner, Partition, PartitionLedger, RunOptions } from './job.js';
import { MemoryLedger } from './memory-ledger.js';
import { fixtureJob, type RunWindow } from './testing/fixture-jobs.js';

export type MakeRunner = (context: { readonly ledger: PartitionLedger }) => JobRunner | Promise<JobRunner>;

export interface JobRunnerContractOptions {
  /** Run the fixture jobs as cpuHeavy (worker threads in-process). Default false. */
  readonly cpuHeavy?: boolean;
}

const fastBackoff = { initialDelayMs: 1, maxDelayMs: 4 } as const;

/** Records every event of a run. */
function recorder(): { readonly events: JobEvent[]; readonly onEvent: (event: JobEvent) => void } {
  const events: JobEvent[] = [];
  return { events, onEvent: (event) => events.push(event) };
}

const ofType = <T extends JobEvent['type']>(events: readonly JobEvent[], type: T) =>
  events.filter((event): event is Extract<JobEvent, { type: T }> => event.type === type);

/** Largest number of partitions in flight, from started/finished events. */
function maxInFlightFromEvents(events: readonly JobEvent[]): number {
  let inFlight = 0;
  let max = 0;
  for (const event of events) {
    if (event.type === 'partition-started') max = Math.max(max, ++inFlight);
    if (
      event.type === 'partition-succeeded' ||
      event.type === 'partition-failed' ||
      event.type === 'partition-retrying'
    ) {
      inFlight -= event.type === 'partition-failed' && event.attempts === 0 ? 0 : 1;
    }
  }
  return max;
}

/** Largest number of overlapping handler run windows (a sweep over start/end points). */
export function maxOverlap(windows: readonly RunWindow[]): number {
  const points = windows.flatMap((w) => [
    { at: w.startedAt, delta: 1 },
    { at: w.finishedAt, delta: -1 },
  ]);
  points.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let current = 0;
  let max = 0;
  for (const point of points) {
    current += point.delta;
    max = Math.max(max, current);
  }
  return max;
}

export function describeJobRunnerContract(
  name: string,
  makeRunner: MakeRunner,
  contractOptions: JobRunnerContractOptions = {},
): void {
  const job = (exportName: string) => fixtureJob(exportName, { cpuHeavy: contractOptions.cpuHeavy ?? false });
  let runner: JobRunner;
  let ledger: MemoryLedger;
  let runCounter = 0;
  const runId = (): string => `contract_run_${++runCounter}`;

  describe(`JobRunner contract: ${name}`, () => {
    beforeEach(async () => {
      ledger = new MemoryLedger();
      runner = await makeRunner({ ledger });
    });
    afterEach(async () => {
      await runner.close();
    });

    it('runs every partition exactly once and returns outputs by key, in input order', async () => {
      const { events, onEvent } = recorder();
      const partitions = Array.from({ length: 7 }, (_, n) => ({ key: `p${n}`, input: { n } }));
      const result = await runner.run(job('double'), partitions, { runId: runId(), concurrency: 3, onEvent });
      expect(result.job).toBe('fixture-double');
      expect(result.partitions.map((p) => p.key)).toEqual(partitions.map((p) => p.key));
      for (const [n, partition] of result.partitions.entries()) {
        expect(partition).toMatchObject({
          status: 'succeeded',
          attempts: 1,
          output: { doubled: 2 * n, attempt: 1 },
        });
      }
      expect({ succeeded: result.succeeded, failed: result.failed, skipped: result.skipped }).toEqual({
        succeeded: 7,
        failed: 0,
        skipped: 0,
      });
      const started = ofType(events, 'partition-started').map((e) => e.key);
      expect(started.toSorted()).toEqual(partitions.map((p) => p.key).toSorted());
      expect(events[0]).toMatchObject({ type: 'run-started', total: 7, skipped: 0 });
      expect(events.at(-1)).toMatchObject({ type: 'run-finished', succeeded: 7, failed: 0, skipped: 0 });
      expect(result.durationMs).toBeGreaterThan(0);
    });

    it('respects the concurrency limit', async () => {
      const { events, onEvent } = recorder();
      const partitions = Array.from({ length: 6 }, (_, n) => ({ key: `c${n}`, input: { n, delayMs: 40 } }));
      const result = await runner.run(job('double'), partitions, { runId: runId(), concurrency: 2, onEvent });
      const windows = result.partitions.map((p) => (p.output as { window: RunWindow }).window);
      expect(maxInFlightFromEvents(events)).toBe(2);
      expect(maxOverlap(windows)).toBe(2);

      const sequential = await runner.run(job('double'), partitions, { runId: runId(), concurrency: 1 });
      expect(maxOverlap(sequential.partitions.map((p) => (p.output as { window: RunWindow }).window))).toBe(
        1,
      );
    });

    it('emits progress events in order, between start and success of their partition', async () => {
      const { events, onEvent } = recorder();
      const fractions = [0, 0.25, 0.5, 1];
      const partitions = ['a', 'b', 'c'].map((key) => ({ key, input: { fractions } }));
      const result = await runner.run(job('progress'), partitions, {
        runId: runId(),
        concurrency: 3,
        onEvent,
      });
      expect(result.succeeded).toBe(3);
      for (const { key } of partitions) {
        const own = events.filter((e) => 'key' in e && e.key === key);
        expect(own.map((e) => e.type)).toEqual([
          'partition-started',
          'partition-progress',
          'partition-progress',
          'partition-progress',
          'partition-progress',
          'partition-succeeded',
        ]);
        const progress = ofType(own, 'partition-progress');
        expect(progress.map((e) => e.fraction)).toEqual(fractions);
        expect(progress.map((e) => e.message)).toEqual(['step 1', 'step 2', 'step 3', 'step 4']);
      }
    });

    it('retries retryable errors with backoff, up to `retries`, then fails', async () => {
      const { events, onEvent } = recorder();
      const partitions: Partition[] = [
        { key: 'recovers', input: { succeedOnAttempt: 3 } },
        { key: 'never', input: {} },
      ];
      const options: RunOptions = { runId: runId(), retries: 2, backoff: fastBackoff, onEvent };
      const result = await runner.run(job('flaky'), partitions, options);
      expect(result.partitions[0]).toMatchObject({
        status: 'succeeded',
        attempts: 3,
        output: { attempt: 3 },
      });
      expect(result.partitions[1]).toMatchObject({
        status: 'failed',
        attempts: 3,
        error: { code: 'fixture_flaky', isRetryable: true, message: 'flaky failure on attempt 3' },
      });
      const retrying = ofType(events, 'partition-retrying').filter((e) => e.key === 'recovers');
      expect(retrying.map((e) => e.attempt)).toEqual([1, 2]);
      for (const event of retrying) expect(event.delayMs).toBeLessThanOrEqual(fastBackoff.maxDelayMs);
      expect(
        ofType(events, 'partition-started')
          .filter((e) => e.key === 'never')
          .map((e) => e.attempt),
      ).toEqual([1, 2, 3]);

      const noRetries = await runner.run(job('flaky'), [{ key: 'once', input: {} }], {
        runId: runId(),
        retries: 0,
      });
      expect(noRetries.partitions[0]).toMatchObject({ status: 'failed', attempts: 1 });
    });

    it('fails non-retryable errors at once, and one failure does not stop the others', async () => {
      const { events, onEvent } = recorder();
      const partitions: Partition[] = [
        { key: 'input-error', input: { kind: 'input' } },
        { key: 'operational-error', input: { kind: 'operational' } },
      ];
      const result = await runner.run(job('broken'), partitions, {
        runId: runId(),
        retries: 3,
        backoff: fastBackoff,
        onEvent,
      });
      expect(result.partitions).toEqual([
        {
          key: 'input-error',
          status: 'failed',
          attempts: 1,
          error: { code: 'fixture_bad_row', message: 'fixture row 3 has no customer id', isRetryable: false },
        },
        {
          key: 'operational-error',
          status: 'failed',
          attempts: 1,
          error: { code: 'fixture_down', message: 'fixture dependency is down for good', isRetryable: false },
        },
      ]);
      expect(ofType(events, 'partition-retrying')).toEqual([]);

      const mixed = await runner.run(
        job('maybeFail'),
        [
          { key: 'ok-1', input: { n: 1 } },
          { key: 'bad', input: { fail: true } },
          { key: 'ok-2', input: { n: 2 } },
        ],
        { runId: runId(), concurrency: 1 },
      );
      expect(mixed.partitions.map((p) => p.status)).toEqual(['succeeded', 'failed', 'succeeded']);
      expect(mixed.partitions[2]?.output).toEqual({ n: 2 });
    });

    it('stops after the first failure with failFast', async () => {
      const { events, onEvent } = recorder();
      const partitions = [
        { key: 'bad', input: { fail: true } },
        ...['x', 'y'].map((key) => ({ key, input: {} })),
      ];
      const result = await runner.run(job('maybeFail'), partitions, {
        runId: runId(),
        concurrency: 1,
        failFast: true,
        onEvent,
      });
      expect(result.partitions.map((p) => [p.status, p.attempts, p.error?.code])).toEqual([
        ['failed', 1, 'fixture_fail'],
        ['failed', 0, 'fail_fast'],
        ['failed', 0, 'fail_fast'],
      ]);
      expect(ofType(events, 'partition-started')).toHaveLength(1);
      expect(ofType(events, 'partition-failed')).toHaveLength(3);
    });

    it('is idempotent per partition: a re-run with the same runId skips done partitions', async () => {
      const id = runId();
      const first = await runner.run(
        job('maybeFail'),
        [
          { key: 'a', input: { n: 1 } },
          { key: 'b', input: { fail: true } },
          { key: 'c', input: { n: 3 } },
        ],
        { runId: id },
      );
      expect(first.partitions.map((p) => p.status)).toEqual(['succeeded', 'failed', 'succeeded']);

      const { events, onEvent } = recorder();
      const fixed = [
        { key: 'a', input: { n: 100 } },
        { key: 'b', input: { n: 2 } },
        { key: 'c', input: { n: 300 } },
      ];
      const second = await runner.run(job('maybeFail'), fixed, { runId: id, onEvent });
      expect(second.partitions).toEqual([
        { key: 'a', status: 'skipped', attempts: 0, output: { n: 1 } },
        { key: 'b', status: 'succeeded', attempts: 1, output: { n: 2 } },
        { key: 'c', status: 'skipped', attempts: 0, output: { n: 3 } },
      ]);
      expect({ succeeded: second.succeeded, failed: second.failed, skipped: second.skipped }).toEqual({
        succeeded: 1,
        failed: 0,
        skipped: 2,
      });
      expect(events[0]).toMatchObject({ type: 'run-started', total: 3, skipped: 2 });
      expect(ofType(events, 'partition-started').map((e) => e.key)).toEqual(['b']);

      const other = await runner.run(job('maybeFail'), fixed, { runId: runId() });
      expect(other.partitions.map((p) => p.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    });

    it('on abort, does not start pending partitions and aborts running ones', async () => {
      const controller = new AbortController();
      const { events, onEvent } = recorder();
      const partitions = Array.from({ length: 4 }, (_, n) => ({
        key: `slow${n}`,
        input: { n, delayMs: 20_000 },
      }));
      const result = await runner.run(job('double'), partitions, {
        runId: runId(),
        concurrency: 1,
        signal: controller.signal,
        onEvent: (event) => {
          onEvent(event);
          if (event.type === 'partition-started') setTimeout(() => controller.abort(), 300);
        },
      });
      expect(result.partitions.map((p) => [p.status, p.attempts, p.error?.code])).toEqual([
        ['failed', 1, 'aborted'],
        ['failed', 0, 'aborted'],
        ['failed', 0, 'aborted'],
        ['failed', 0, 'aborted'],
      ]);
      expect(result.durationMs).toBeLessThan(15_000); // the running handler saw the abort
      expect(ofType(events, 'partition-started')).toHaveLength(1);

      const preAborted = await runner.run(job('double'), partitions, {
        runId: runId(),
        signal: AbortSignal.abort(),
      });
      expect(preAborted.failed).toBe(4);
      expect(preAborted.partitions.every((p) => p.attempts === 0 && p.error?.code === 'aborted')).toBe(true);
    });

    it('rejects non-serialisable input with an InputError naming the partition, before running anything', async () => {
      const { events, onEvent } = recorder();
      const withFunction = [
        { key: 'fine', input: { n: 1 } },
        { key: 'has-fn', input: { n: 2, callback: () => 1 } },
      ];
      const run = runner.run(job('double'), withFunction, { runId: runId(), onEvent });
      await expect(run).rejects.toBeInstanceOf(InputError);
      await expect(run).rejects.toThrow(/partition "has-fn".*a function at \$\.callback/);
      await expect(
        runner.run(job('double'), [{ key: 'big', input: { n: 10n } }], { runId: runId() }),
      ).rejects.toThrow(/partition "big".*a bigint at \$\.n/);
      await expect(
        runner.run(job('double'), [{ key: 'nan', input: { n: Number.NaN } }], { runId: runId() }),
      ).rejects.toThrow(/partition "nan".*NaN/);
      await expect(
        runner.run(
          job('double'),
          [
            { key: 'k', input: {} },
            { key: 'k', input: {} },
          ],
          { runId: runId() },
        ),
      ).rejects.toThrow(/Duplicate partition key "k"/);
      expect(events).toEqual([]);
    });

    it('fails a partition whose output is not serialisable, and a job whose export is missing', async () => {
      const bad = await runner.run(job('badOutput'), [{ key: 'out', input: null }], {
        runId: runId(),
        retries: 2,
      });
      expect(bad.partitions[0]).toMatchObject({
        status: 'failed',
        attempts: 1,
        error: { isRetryable: false },
      });
      expect(bad.partitions[0]?.error?.message).toMatch(/partition "out"/);

      const missing = await runner.run(job('notAHandler'), [{ key: 'm', input: null }], { runId: runId() });
      expect(missing.partitions[0]).toMatchObject({
        status: 'failed',
        attempts: 1,
        error: { code: 'job_export_missing' },
      });
    });
  });
}
