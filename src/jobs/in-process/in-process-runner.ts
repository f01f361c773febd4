/**
 * The in-process job runner: runs a job's partitions concurrently in this process, on the main
 * thread or, for `cpuHeavy` jobs, in a pool of worker threads (one pool per run, closed at the end).
 * Owns the run semantics every runner shares: ledger skips, retries with backoff for retryable
 * errors only, abort and failFast, and the event stream.
 */
import { availableParallelism } from 'node:os';
import { InputError, OperationalError } from '../../core/errors.js';
import {
  abortedError,
  assertJsonSerializable,
  assertProgressFraction,
  backoffDelayMs,
  type JobDefinition,
  type JobEvent,
  type JobRunner,
  type Partition,
  type PartitionError,
  type PartitionHandler,
  type PartitionLedger,
  type PartitionResult,
  type RunOptions,
  type RunResult,
  toPartitionError,
  validateJobDefinition,
  validatePartitions,
} from '../job.js';
import { loadHandler } from '../load-handler.js';
import { MemoryLedger } from '../memory-ledger.js';
import { WorkerPool } from './worker-pool.js';

export interface InProcessRunnerOptions {
  /** Where finished partitions are recorded. Default: a new `MemoryLedger`. */
  readonly ledger?: PartitionLedger;
  /** Worker threads for cpuHeavy jobs. Default min(2, os.availableParallelism()). */
  readonly poolSize?: number;
  /** Concurrency of main-thread jobs when a run does not set one. Default 4. */
  readonly defaultConcurrency?: number;
  /** After an abort, a worker thread whose handler has not settled within this time is terminated. Default 2000. */
  readonly abortGraceMs?: number;
  /** Uniform [0, 1) source for backoff jitter. Default Math.random. */
  readonly random?: () => number;
}

/** How partitions are executed: in this thread or on a worker pool. */
interface Executor {
  execute(
    key: string,
    input: unknown,
    attempt: number,
    signal: AbortSignal,
    onProgress: (fraction: number, message?: string) => void,
  ): Promise<unknown>;
  close(): Promise<void>;
}

const defaultRetries = 2;

/**
 * Creates the in-process runner.
 * @example
 * const runner = createInProcessRunner();
 * const result = await runner.run(scoreJob, [{ key: 'shard-1', input: { from: 0, to: 1000 } }], { runId: 'run_1' });
 * result.succeeded; // → 1
 */
export function createInProcessRunner(options: InProcessRunnerOptions = {}): JobRunner {
  const ledger = options.ledger ?? new MemoryLedger();
  const poolSize = options.poolSize ?? Math.min(2, availableParallelism());
  const defaultConcurrency = options.defaultConcurrency ?? 4;
  const abortGraceMs = options.abortGraceMs ?? 2000;
  const random = options.random ?? Math.random;
  assertPositiveInteger(poolSize, 'poolSize');
  assertPositiveInteger(defaultConcurrency, 'defaultConcurrency');
  const openExecutors = new Set<Executor>();
  let closed = false;

  async function run(
    job: JobDefinition,
    partitions: readonly Partition[],
    runOptions: RunOptions,
  ): Promise<RunResult> {
    if (closed) throw new InputError('runner_closed', 'The in-process runner is closed');
    validateJobDefinition(job);
    validatePartitions(partitions);
    const { runId, signal, failFast = false, backoff = {} } = runOptions;
    if (typeof runId !== 'string' || runId === '')
      throw new InputError('invalid_run', 'runId must be a non-empty string');
    const retries = runOptions.retries ?? defaultRetries;
    if (!Number.isInteger(retries) || retries < 0) {
      throw new InputError('invalid_run', `retries must be an integer ≥ 0, got ${retries}`);
    }
    backoffDelayMs(1, backoff, () => 0); // validates the backoff options up front
    const concurrency = runOptions.concurrency ?? (job.cpuHeavy === true ? poolSize : defaultConcurrency);
    assertPositiveInteger(concurrency, 'concurrency');

    const startedAt = performance.now();
    let listenerError: unknown;
    const emit = (event: JobEvent): void => {
      try {
        runOptions.onEvent?.(event);
      } catch (error) {
        listenerError ??= error;
      }
    };

    const results = new Map<string, PartitionResult>();
    const pending: Partition[] = [];
    for (const partition of partitions) {
      const done = await ledger.get(runId, partition.key);
      if (done === undefined) pending.push(partition);
      else
        results.set(partition.key, {
          key: partition.key,
          status: 'skipped',
          attempts: 0,
          output: done.output,
        });
    }
    emit({ type: 'run-started', runId, job: job.name, total: partitions.length, skipped: results.size });

    // One controller for the run: the caller's signal and failFast both abort it.
    const controller = new AbortController();
    let failFastKey: string | undefined;
    const stopError = (key: string, started: boolean): PartitionError => {
      if (failFastKey === undefined) return toPartitionError(abortedError(key, started));
      const what = started ? 'was stopped' : 'was not started';
      return toPartitionError(
        new OperationalError(
          'fail_fast',
          `Partition "${key}" ${what}: partition "${failFastKey}" failed and failFast is set`,
          {
            isRetryable: true,
          },
        ),
      );
    };
    const onCallerAbort = (): void => controller.abort(signal?.reason);
    if (signal?.aborted === true) onCallerAbort();
    signal?.addEventListener('abort', onCallerAbort, { once: true });

    const failed = (key: string, attempts: number, error: PartitionError): PartitionResult => {
      emit({ type: 'partition-failed', runId, key, attempts, error });
      return { key, status: 'failed', attempts, error };
    };

    const runPartition = async (executor: Executor, { key, input }: Partition): Promise<PartitionResult> => {
      let attempt = 0;
      for (;;) {
        if (controller.signal.aborted) return failed(key, attempt, stopError(key, attempt > 0));
        attempt += 1;
        emit({ type: 'partition-started', runId, key, attempt });
        let settled = false;
        const onProgress = (fraction: number, message?: string): void => {
          if (!settled)
            emit({
              type: 'partition-progress',
              runId,
              key,
              fraction,
              ...(message === undefined ? {} : { message }),
            });
        };
        try {
          const output = await executor.execute(key, input, attempt, controller.signal, onProgress);
          settled = true;
          if (output !== undefined) assertJsonSerializable(output, `Output of partition "${key}"`);
          await ledger.markDone(runId, key, output);
          emit({ type: 'partition-succeeded', runId, key, attempts: attempt });
          return { key, status: 'succeeded', attempts: attempt, output };
        } catch (thrown) {
          settled = true;
          if (controller.signal.aborted) return failed(key, attempt, stopError(key, true));
          const error = toPartitionError(thrown);
          if (error.isRetryable && attempt <= retries) {
            const delayMs = backoffDelayMs(attempt, backoff, random);
            emit({ type: 'partition-retrying', runId, key, attempt, delayMs, error });
            await sleep(delayMs, controller.signal);
            continue;
          }
          if (failFast && failFastKey === undefined) {
            failFastKey = key;
            controller.abort();
          }
          return failed(key, attempt, error);
        }
      }
    };

    let executor: Executor | undefined;
    try {
      if (pending.length > 0 && !controller.signal.aborted) {
        const lanes = Math.min(
          concurrency,
          pending.length,
          job.cpuHeavy === true ? poolSize : Number.POSITIVE_INFINITY,
        );
        executor = job.cpuHeavy === true ? poolExecutor(job, lanes, abortGraceMs) : mainThreadExecutor(job);
        openExecutors.add(executor);
        let next = 0;
        const lane = async (current: Executor): Promise<void> => {
          while (next < pending.length && !controller.signal.aborted) {
            const partition = pending[next++] as Partition;
            results.set(partition.key, await runPartition(current, partition));
          }
        };
        await Promise.all(Array.from({ length: lanes }, () => lane(executor as Executor)));
      }
    } finally {
      signal?.removeEventListener('abort', onCallerAbort);
      if (executor !== undefined) {
        openExecutors.delete(executor);
        await executor.close();
      }
    }
    for (const { key } of pending)
      if (!results.has(key)) results.set(key, failed(key, 0, stopError(key, false)));

    const ordered = partitions.map(({ key }) => results.get(key) as PartitionResult);
    const count = (status: PartitionResult['status']): number =>
      ordered.filter((r) => r.status === status).length;
    const summary = { succeeded: count('succeeded'), failed: count('failed'), skipped: count('skipped') };
    const durationMs = performance.now() - startedAt;
    emit({ type: 'run-finished', runId, job: job.name, ...summary, durationMs });
    if (listenerError !== undefined) throw listenerError;
    return { runId, job: job.name, partitions: ordered, ...summary, durationMs };
  }

  return {
    kind: 'in-process',
    run,
    async close() {
      closed = true;
      await Promise.all([...openExecutors].map((executor) => executor.close()));
    },
  };
}

function mainThreadExecutor(job: JobDefinition): Executor {
  let handler: Promise<PartitionHandler> | undefined;
  return {
    async execute(key, input, attempt, signal, onProgress) {
      handler ??= loadHandler(job);
      // A copy, as a worker thread or a remote worker would receive.
      return (await handler)(structuredClone(input), {
        partition: key,
        attempt,
        signal,
        reportProgress(fraction, message) {
          assertProgressFraction(fraction, key);
          onProgress(fraction, message);
        },
      });
    },
    close: async () => {},
  };
}

function poolExecutor(job: JobDefinition, size: number, abortGraceMs: number): Executor {
  const pool = new WorkerPool({ job, size, abortGraceMs });
  return {
    execute: (key, input, attempt, signal, onProgress) =>
      pool.execute(key, input, attempt, signal, onProgress),
    close: () => pool.close(),
  };
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

function assertPositiveInteger(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new InputError('invalid_run', `${name} must be an integer ≥ 1, got ${value}`);
  }
}
