/**
 * A fixed-size pool of worker threads running one job's partitions, one partition per thread at
 * a time. Threads start lazily; a thread that crashes (uncaught error, `process.exit`) fails the
 * partition it was running with `worker_crashed` and is replaced on demand. An aborted partition
 * whose handler does not settle within `abortGraceMs` (e.g. a CPU loop that never yields) has its
 * thread terminated.
 * From TypeScript sources the threads start through a tsx bootstrap (see core/worker-url.ts).
 */
import { Worker } from 'node:worker_threads';
import { describeError, InputError, OperationalError } from '../../core/errors.js';
import { isTypeScriptUrl, workerStartUrl } from '../../core/worker-url.js';
import { abortedError, type JobDefinition, jobModuleUrl, type PartitionError } from '../job.js';
import type { FromWorker, ToWorker } from './worker-protocol.js';

export interface WorkerPoolOptions {
  readonly job: JobDefinition;
  readonly size: number;
  readonly abortGraceMs: number;
}

/** A handler error that crossed the thread boundary, keeping its code and retryability. */
export class RemotePartitionError extends Error {
  readonly code: string;
  readonly isRetryable: boolean;
  constructor(error: PartitionError) {
    super(error.message);
    this.name = 'RemotePartitionError';
    this.code = error.code;
    this.isRetryable = error.isRetryable;
  }
}

interface Task {
  readonly message: Extract<ToWorker, { type: 'run' }>;
  readonly signal: AbortSignal;
  readonly onProgress: (fraction: number, message?: string) => void;
  readonly resolve: (output: unknown) => void;
  readonly reject: (error: unknown) => void;
  cleanup?: () => void;
}

interface Slot {
  readonly worker: Worker;
  task?: Task;
  dying: boolean;
  crash?: string;
}

const ownUrl = import.meta.url;
const entryUrl = new URL(`./worker-entry${isTypeScriptUrl(ownUrl) ? '.ts' : '.js'}`, ownUrl);

export class WorkerPool {
  readonly #options: WorkerPoolOptions;
  /** Where each thread starts: the entry file, or a bootstrap registering tsx first. */
  readonly #workerUrl: URL;
  readonly #slots = new Set<Slot>();
  readonly #queue: Task[] = [];
  #nextTaskId = 1;
  #closed = false;

  constructor(options: WorkerPoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1) {
      throw new InputError(
        'invalid_pool_size',
        `Worker pool size must be an integer ≥ 1, got ${options.size}`,
      );
    }
    this.#options = options;
    const useTsx = isTypeScriptUrl(entryUrl.href) || isTypeScriptUrl(jobModuleUrl(options.job));
    this.#workerUrl = workerStartUrl(entryUrl, { typeScript: useTsx, what: `Job "${options.job.name}"` });
  }

  /** Runs one partition on a pool thread; rejects with the handler's error (code and isRetryable kept). */
  execute(
    key: string,
    input: unknown,
    attempt: number,
    signal: AbortSignal,
    onProgress: (fraction: number, message?: string) => void,
  ): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (this.#closed) return reject(new OperationalError('pool_closed', 'Worker pool is closed'));
      if (signal.aborted) return reject(abortedError(key, false));
      const message = {
        type: 'run',
        taskId: this.#nextTaskId++,
        job: this.#options.job,
        key,
        input,
        attempt,
      } as const;
      this.#queue.push({ message, signal, onProgress, resolve, reject });
      this.#dispatch();
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const task of this.#queue.splice(0))
      task.reject(new OperationalError('pool_closed', 'Worker pool closed'));
    await Promise.all([...this.#slots].map((slot) => slot.worker.terminate()));
  }

  #dispatch(): void {
    while (this.#queue.length > 0 && !this.#closed) {
      let slot = [...this.#slots].find((candidate) => candidate.task === undefined && !candidate.dying);
      if (slot === undefined && this.#slots.size < this.#options.size) slot = this.#spawn();
      if (slot === undefined) return;
      const task = this.#queue.shift() as Task;
      if (task.signal.aborted) {
        task.reject(abortedError(task.message.key, false));
        continue;
      }
      this.#assign(slot, task);
    }
  }

  #assign(slot: Slot, task: Task): void {
    slot.task = task;
    let graceTimer: NodeJS.Timeout | undefined;
    const onAbort = (): void => {
      if (slot.task !== task) return;
      slot.worker.postMessage({ type: 'abort', taskId: task.message.taskId } satisfies ToWorker);
      graceTimer = setTimeout(() => {
        if (slot.task !== task) return;
        // The handler ignores the abort (or is stuck in CPU work): stop its thread.
        slot.dying = true;
        this.#release(slot);
        task.reject(abortedError(task.message.key));
        void slot.worker.terminate();
      }, this.#options.abortGraceMs);
    };
    task.signal.addEventListener('abort', onAbort, { once: true });
    task.cleanup = () => {
      task.signal.removeEventListener('abort', onAbort);
      if (graceTimer !== undefined) clearTimeout(graceTimer);
    };
    slot.worker.postMessage(task.message);
  }

  #release(slot: Slot): void {
    slot.task?.cleanup?.();
    slot.task = undefined;
  }

  #spawn(): Slot {
    const slot: Slot = { worker: new Worker(this.#workerUrl), dying: false };
    slot.worker.on('message', (message: FromWorker) => this.#onMessage(slot, message));
    slot.worker.on('error', (error) => {
      slot.crash = describeError(error);
    });
    slot.worker.on('exit', (exitCode) => this.#onExit(slot, exitCode));
    this.#slots.add(slot);
    return slot;
  }

  #onMessage(slot: Slot, message: FromWorker): void {
    const task = slot.task;
    if (task === undefined || task.message.taskId !== message.taskId) return;
    if (message.type === 'progress') {
      task.onProgress(message.fraction, message.message);
      return;
    }
    this.#release(slot);
    if (message.type === 'result') task.resolve(message.output);
    else task.reject(new RemotePartitionError(message.error));
    this.#dispatch();
  }

  #onExit(slot: Slot, exitCode: number): void {
    this.#slots.delete(slot);
    const task = slot.task;
    if (task !== undefined) {
      this.#release(slot);
      const why = slot.crash ?? `the thread exited with code ${exitCode}`;
      task.reject(
        new OperationalError(
          'worker_crashed',
          `Worker thread crashed while running partition "${task.message.key}" of job "${this.#options.job.name}": ${why}`,
        ),
      );
    }
    if (!this.#closed) this.#dispatch();
  }
}
