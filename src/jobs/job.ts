/**
 * The job spec: a named job over partitions, run by interchangeable runners (in-process now,
 * BullMQ later) that all pass `describeJobRunnerContract`. Types and small pure helpers only.
 *
 * Shape after n8n's queue mode (one queue interface, several implementations, one contract test)
 * and the Vercel AI SDK (errors carry `isRetryable`; retries live in the runner core, never in a
 * handler).
 *
 * How it maps onto BullMQ (for the distributed runner):
 * - `JobDefinition.name`           → BullMQ job `name` (one queue per deployment, e.g. `marketmind`).
 * - `module` + `exportName`        → what the BullMQ Worker's processor imports (like a sandboxed
 *                                    processor file); the worker loads it exactly like worker-entry.ts.
 * - one `Partition`                → one BullMQ Job: `data = { runId, key, input, module, exportName }`,
 *                                    `opts.jobId = stableId('part', runId, key)` (custom ids must not
 *                                    contain ':'; a duplicate jobId add is ignored → idempotent enqueue).
 * - `run()`                        → a FlowProducer parent job whose children are the partitions
 *                                    (parent collects `getChildrenValues()`), or QueueEvents listeners.
 * - `context.reportProgress`       → `job.updateProgress({ fraction, message })` → QueueEvents `progress`.
 * - `context.attempt`              → `job.attemptsMade + 1`.
 * - `retries` / `backoff`          → `opts.attempts = retries + 1`, `opts.backoff = { type: 'exponential',
 *                                    delay: initialDelayMs, jitter }`; errors with `isRetryable !== true`
 *                                    are rethrown as BullMQ `UnrecoverableError` (no further attempts).
 * - `concurrency`                  → Worker `concurrency` (per process) / queue global concurrency.
 * - `PartitionLedger`              → completed jobs' `returnvalue` or a store-backed ledger.
 * - `signal`                       → remove the run's waiting jobs; cancel active ones.
 */

import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError, OperationalError } from '../core/errors.js';

/** A job, addressable by module so any worker (a thread now, another machine later) can load it. */
export interface JobDefinition {
  readonly name: string;
  /** Absolute file URL or absolute path of the module exporting the handler. */
  readonly module: string;
  readonly exportName: string;
  /** Run partitions in a pool of worker threads instead of the main thread. */
  readonly cpuHeavy?: boolean;
}

export interface PartitionContext {
  readonly partition: string;
  /** 1-based attempt number (BullMQ: `attemptsMade + 1`). */
  readonly attempt: number;
  readonly signal: AbortSignal;
  /** `fraction` in [0, 1]; anything else throws `InputError`. */
  reportProgress(fraction: number, message?: string): void;
}

/** Input and output must be JSON-serialisable (they cross threads and, later, Redis). */
export type PartitionHandler<Input = unknown, Output = unknown> = (
  input: Input,
  context: PartitionContext,
) => Promise<Output>;

export interface Partition {
  readonly key: string;
  readonly input: unknown;
}

export interface PartitionError {
  readonly code: string;
  readonly message: string;
  readonly isRetryable: boolean;
}

export type PartitionStatus = 'succeeded' | 'failed' | 'skipped';

export interface PartitionResult {
  readonly key: string;
  /** `skipped`: already done under this runId (output comes from the ledger). */
  readonly status: PartitionStatus;
  /** Attempts made in this run (0 for skipped or never started). */
  readonly attempts: number;
  readonly output?: unknown;
  readonly error?: PartitionError;
}

export interface RunResult {
  readonly runId: string;
  /** The job's name. */
  readonly job: string;
  /** One entry per input partition, in input order. */
  readonly partitions: readonly PartitionResult[];
  readonly succeeded: number;
  readonly failed: number;
  readonly skipped: number;
  readonly durationMs: number;
}

export interface BackoffOptions {
  /** Delay before the first retry, before jitter. Default 500 ms. */
  readonly initialDelayMs?: number;
  /** Growth per retry. Default 2. */
  readonly factor?: number;
  /** Cap, before jitter. Default 30 000 ms. */
  readonly maxDelayMs?: number;
  /** Fraction of the delay randomised away, in [0, 1] (as BullMQ's `jitter`). Default 0.5. */
  readonly jitter?: number;
}

export type JobEvent =
  | {
      readonly type: 'run-started';
      readonly runId: string;
      readonly job: string;
      readonly total: number;
      readonly skipped: number;
    }
  | {
      readonly type: 'partition-started';
      readonly runId: string;
      readonly key: string;
      readonly attempt: number;
    }
  | {
      readonly type: 'partition-progress';
      readonly runId: string;
      readonly key: string;
      readonly fraction: number;
      readonly message?: string;
    }
  | {
      readonly type: 'partition-succeeded';
      readonly runId: string;
      readonly key: string;
      readonly attempts: number;
    }
  | {
      readonly type: 'partition-failed';
      readonly runId: string;
      readonly key: string;
      readonly attempts: number;
      readonly error: PartitionError;
    }
  | {
      readonly type: 'partition-retrying';
      readonly runId: string;
      readonly key: string;
      /** The attempt that failed; the next one is `attempt + 1`. */
      readonly attempt: number;
      readonly delayMs: number;
      readonly error: PartitionError;
    }
  | {
      readonly type: 'run-finished';
      readonly runId: string;
      readonly job: string;
      readonly succeeded: number;
      readonly failed: number;
      readonly skipped: number;
      readonly durationMs: number;
    };

export interface RunOptions {
  /** Identifies the run for idempotency: partitions already done under this id are skipped. */
  readonly runId: string;
  /** Max partitions in flight. Default: runner-specific (in-process: 4, or the pool size for cpuHeavy). */
  readonly concurrency?: number;
  /** Extra attempts for errors with `isRetryable === true`. Default 2. */
  readonly retries?: number;
  readonly backoff?: BackoffOptions;
  /** Pending partitions are not started; running ones receive the abort. */
  readonly signal?: AbortSignal;
  /** Stop starting partitions (and abort running ones) after the first failure. */
  readonly failFast?: boolean;
  /** Must not throw; if it does, the run finishes and `run()` then rejects with that error. */
  readonly onEvent?: (event: JobEvent) => void;
}

export interface JobRunner {
  readonly kind: string;
  /** Rejects with `InputError` for a bad job definition or bad partitions, before anything runs. */
  run(job: JobDefinition, partitions: readonly Partition[], options: RunOptions): Promise<RunResult>;
  close(): Promise<void>;
}

export interface LedgerEntry {
  readonly output: unknown;
}

/** Records finished partitions so a re-run with the same runId skips them. */
export interface PartitionLedger {
  get(runId: string, key: string): Promise<LedgerEntry | undefined>;
  markDone(runId: string, key: string, output: unknown): Promise<void>;
}

/** Throws `InputError` unless the definition names a job, an absolute module and an export. */
export function validateJobDefinition(job: JobDefinition): void {
  if (typeof job.name !== 'string' || job.name.trim() === '') {
    throw new InputError('invalid_job', 'Job definition needs a non-empty name');
  }
  if (typeof job.exportName !== 'string' || job.exportName === '') {
    throw new InputError('invalid_job', `Job "${job.name}" needs an exportName`);
  }
  jobModuleUrl(job);
}

/** The module as a file URL; absolute paths are converted, relative ones rejected (ambiguous in a worker). */
export function jobModuleUrl(job: JobDefinition): string {
  const module = job.module;
  if (typeof module === 'string' && module.startsWith('file:')) return module;
  if (typeof module === 'string' && isAbsolute(module)) return pathToFileURL(module).href;
  throw new InputError(
    'invalid_job',
    `Job "${job.name}": module must be an absolute path or file URL, got ${JSON.stringify(module)}`,
  );
}

/**
 * Throws `InputError` unless `value` survives a JSON round trip unchanged: plain objects, arrays,
 * strings, finite numbers, booleans, null (undefined object properties are allowed and dropped).
 * Rejects functions, BigInt, symbols, NaN/±Infinity, Dates, Maps, typed arrays and cycles.
 */
export function assertJsonSerializable(value: unknown, what: string): void {
  const seen = new Set<object>();
  const visit = (node: unknown, path: string): void => {
    function fail(found: string): never {
      throw new InputError('not_serializable', `${what} is not JSON-serialisable: ${found} at ${path}`);
    }
    if (node === null || typeof node === 'string' || typeof node === 'boolean') return;
    if (typeof node === 'number') {
      if (!Number.isFinite(node)) fail(String(node));
      return;
    }
    if (typeof node !== 'object') fail(node === undefined ? 'undefined' : `a ${typeof node}`);
    if (seen.has(node)) fail('a circular reference');
    const proto = Object.getPrototypeOf(node) as unknown;
    if (Array.isArray(node)) {
      seen.add(node);
      for (let index = 0; index < node.length; index += 1) visit(node[index], `${path}[${index}]`);
    } else if (proto === Object.prototype || proto === null) {
      seen.add(node);
      for (const [key, item] of Object.entries(node)) {
        if (item !== undefined) visit(item, `${path}.${key}`);
      }
    } else {
      fail(`a ${node.constructor?.name ?? 'non-plain'} object`);
    }
    seen.delete(node);
  };
  visit(value, '$');
}

/** Throws `InputError` for empty or duplicate keys, or an input that is not JSON-serialisable. */
export function validatePartitions(partitions: readonly Partition[]): void {
  if (!Array.isArray(partitions)) throw new InputError('invalid_partitions', 'partitions must be an array');
  const keys = new Set<string>();
  for (const [index, partition] of partitions.entries()) {
    const key = partition?.key;
    if (typeof key !== 'string' || key === '') {
      throw new InputError('invalid_partitions', `Partition #${index} needs a non-empty string key`);
    }
    if (keys.has(key)) throw new InputError('invalid_partitions', `Duplicate partition key "${key}"`);
    keys.add(key);
    assertJsonSerializable(partition.input, `Input of partition "${key}"`);
  }
}

/** Throws `InputError` unless `fraction` is a finite number in [0, 1]. */
export function assertProgressFraction(fraction: number, partition: string): void {
  if (typeof fraction !== 'number' || !(fraction >= 0 && fraction <= 1)) {
    throw new InputError(
      'invalid_progress',
      `reportProgress in partition "${partition}" needs a fraction in [0, 1], got ${String(fraction)}`,
    );
  }
}

/**
 * Delay before retry number `retry` (1-based):
 * base = min(maxDelayMs, initialDelayMs · factor^(retry−1)); delay = base · (1 − jitter · u), u ~ U[0, 1).
 * Same formula as BullMQ's exponential backoff with `jitter` and the AI SDK's retry loop.
 */
export function backoffDelayMs(
  retry: number,
  options: BackoffOptions = {},
  random: () => number = Math.random,
): number {
  const initial = options.initialDelayMs ?? 500;
  const factor = options.factor ?? 2;
  const max = options.maxDelayMs ?? 30_000;
  const jitter = options.jitter ?? 0.5;
  if (!Number.isInteger(retry) || retry < 1)
    throw new InputError('invalid_backoff', `retry must be an integer ≥ 1, got ${retry}`);
  if (!(initial >= 0) || !(factor >= 1) || !(max >= 0) || !(jitter >= 0 && jitter <= 1)) {
    throw new InputError(
      'invalid_backoff',
      `backoff needs initialDelayMs ≥ 0, factor ≥ 1, maxDelayMs ≥ 0, jitter in [0, 1]; got ${JSON.stringify(options)}`,
    );
  }
  const base = Math.min(max, initial * factor ** (retry - 1));
  return Math.round(base * (1 - jitter * random()));
}

/**
 * Any thrown value as a `PartitionError`. Retryable only when the error says so
 * (`isRetryable === true`, e.g. `OperationalError`, AI SDK `APICallError`); everything else fails at once.
 */
export function toPartitionError(error: unknown): PartitionError {
  if (typeof error === 'object' && error !== null) {
    const record = error as { code?: unknown; message?: unknown; isRetryable?: unknown };
    return {
      code: typeof record.code === 'string' && record.code !== '' ? record.code : 'handler_error',
      message: typeof record.message === 'string' ? record.message : String(error),
      isRetryable: record.isRetryable === true,
    };
  }
  return { code: 'handler_error', message: String(error), isRetryable: false };
}

/** The error of a partition stopped by the run's abort signal (retryable: a re-run may finish it). */
export function abortedError(key: string, started = true): OperationalError {
  const what = started ? 'was aborted while running' : 'was not started: the run was aborted';
  return new OperationalError('aborted', `Partition "${key}" ${what}`, { isRetryable: true });
}
