/**
 * Job handlers used by the runner contract and runner tests. They load by module like any job,
 * so they must not share state with the test: everything they report comes back in the output.
 */
import { isMainThread, threadId } from 'node:worker_threads';
import { InputError, OperationalError } from '../../core/errors.js';
import type { JobDefinition, PartitionContext } from '../job.js';

/** A `JobDefinition` for one of this module's exports. */
export function fixtureJob(exportName: string, options: { readonly cpuHeavy?: boolean } = {}): JobDefinition {
  return {
    name: `fixture-${exportName}`,
    module: import.meta.url,
    exportName,
    cpuHeavy: options.cpuHeavy ?? false,
  };
}

/** Where and when a handler ran (epoch ms with sub-ms precision, comparable across threads). */
export interface RunWindow {
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly isMainThread: boolean;
  readonly threadId: number;
}

const now = (): number => performance.timeOrigin + performance.now();

/** Sleeps `ms`, rejecting early when `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new OperationalError('aborted', 'aborted before sleeping'));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new OperationalError('aborted', 'aborted while sleeping'));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** `{ n, delayMs? }` → `{ doubled: 2n, attempt, window }`, after sleeping `delayMs`. */
export async function double(
  input: { readonly n: number; readonly delayMs?: number },
  context: PartitionContext,
): Promise<{ doubled: number; attempt: number; window: RunWindow }> {
  const startedAt = now();
  await pause(input.delayMs ?? 0, context.signal);
  return {
    doubled: input.n * 2,
    attempt: context.attempt,
    window: { startedAt, finishedAt: now(), isMainThread, threadId },
  };
}

/** Reports progress at the given fractions, then returns them. */
export async function progress(
  input: { readonly fractions: readonly number[] },
  context: PartitionContext,
): Promise<{ reported: readonly number[] }> {
  for (const [index, fraction] of input.fractions.entries()) {
    context.reportProgress(fraction, `step ${index + 1}`);
    await pause(1, context.signal);
  }
  return { reported: input.fractions };
}

/** Fails with a retryable OperationalError until attempt `succeedOnAttempt` (never, if absent). */
export async function flaky(
  input: { readonly succeedOnAttempt?: number },
  context: PartitionContext,
): Promise<{ attempt: number }> {
  if (input.succeedOnAttempt === undefined || context.attempt < input.succeedOnAttempt) {
    throw new OperationalError('fixture_flaky', `flaky failure on attempt ${context.attempt}`, {
      isRetryable: true,
    });
  }
  return { attempt: context.attempt };
}

/** Always fails with a non-retryable error: an InputError, or an OperationalError with isRetryable false. */
export async function broken(input: { readonly kind?: 'input' | 'operational' }): Promise<never> {
  if (input.kind === 'operational') {
    throw new OperationalError('fixture_down', 'fixture dependency is down for good', { isRetryable: false });
  }
  throw new InputError('fixture_bad_row', 'fixture row 3 has no customer id');
}

/** Succeeds with `{ ok: true }` unless `fail` is set (non-retryable failure). */
export async function maybeFail(input: {
  readonly fail?: boolean;
  readonly n?: number;
}): Promise<{ n: number | null }> {
  if (input.fail === true) throw new InputError('fixture_fail', 'told to fail');
  return { n: input.n ?? null };
}

/** Returns a value that cannot cross a thread or JSON boundary. */
export async function badOutput(): Promise<unknown> {
  return { total: 10n };
}

/** Busy-loops for `ms` without yielding (ignores abort), returning its run window. */
export async function spin(input: {
  readonly ms: number;
}): Promise<{ window: RunWindow; iterations: number }> {
  const startedAt = now();
  let iterations = 0;
  while (now() - startedAt < input.ms) iterations += 1;
  return { window: { startedAt, finishedAt: now(), isMainThread, threadId }, iterations };
}

/**
 * Kills its worker thread: `exit` calls process.exit(7), `throw` throws outside any promise; `none`
 * returns the thread id. Worker-only: refuses to run on the main thread.
 */
export async function crash(input: {
  readonly how: 'exit' | 'throw' | 'none';
}): Promise<{ threadId: number }> {
  if (isMainThread)
    throw new InputError('fixture_main_thread', 'crash fixture refuses to run on the main thread');
  if (input.how === 'none') return { threadId };
  if (input.how === 'exit') process.exit(7);
  setTimeout(() => {
    throw new Error('fixture uncaught failure');
  }, 0);
  return new Promise<never>(() => {});
}

/** A module export that is not a function, to test loading errors. */
export const notAHandler = 42;
