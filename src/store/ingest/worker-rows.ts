import { Worker } from 'node:worker_threads';
import { InputError, InternalError, OperationalError } from '../../core/errors.js';
import { isTypeScriptUrl, workerStartUrl } from '../../core/worker-url.js';
import type { FilePlan, RowBatch } from './produce-rows.js';

/**
 * Runs `produceRows` for one file in a worker thread and yields its batches on the main thread.
 *
 * Why: the main thread is the bottleneck — it both parses and feeds the DuckDB appender; with
 * parsing in a worker the two overlap (used by default on ≥ 4 cores only: see `useWorker` in
 * ingest.ts for the 2-core measurement). The worker also gets a 64 MB young
 * generation (`resourceLimits`), which the main thread cannot be given from a library: the
 * default 16 MB semi-space promotes a whole batch of short-lived strings and arrays to the old
 * generation, and on the 1M-row bench file that alone doubled parse time (GC ≈ 50% of it).
 */

const moduleUrl = import.meta.url;

/** The worker: the compiled .js file, or (from sources under tsx/vitest) through the tsx bootstrap. */
function startWorker(plan: FilePlan): Worker {
  const options = { workerData: plan, resourceLimits: { maxYoungGenerationSizeMb: 64 } };
  const entry = new URL(`./parse-worker${isTypeScriptUrl(moduleUrl) ? '.ts' : '.js'}`, moduleUrl);
  return new Worker(workerStartUrl(entry, { what: 'The ingest parse worker' }), options);
}

export async function* workerRows(plan: FilePlan): AsyncGenerator<RowBatch> {
  const worker = startWorker(plan);
  type Message =
    | { kind: 'batch'; batch: RowBatch }
    | { kind: 'done' }
    | { kind: 'error'; error: { kind: string; code: string; message: string } };
  const queue: Message[] = [];
  let notify: (() => void) | undefined;
  let failure: Error | undefined;
  const push = (): void => {
    notify?.();
    notify = undefined;
  };
  worker.on('message', (message: Message) => {
    queue.push(message);
    push();
  });
  worker.on('error', (error) => {
    failure = new InternalError('worker_failed', `Ingest worker failed: ${error.message}`, { cause: error });
    push();
  });
  worker.on('exit', (code) => {
    failure ??= new InternalError('worker_failed', `Ingest worker exited with code ${code}`);
    push();
  });
  try {
    for (;;) {
      const message = queue.shift();
      if (message === undefined) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (notify = resolve));
        continue;
      }
      if (message.kind === 'done') return;
      if (message.kind === 'error') throw rebuildError(message.error);
      yield message.batch;
      worker.postMessage('ack');
    }
  } finally {
    worker.removeAllListeners('exit');
    await worker.terminate();
  }
}

function rebuildError(error: { kind: string; code: string; message: string }): Error {
  if (error.kind === 'input') return new InputError(error.code, error.message);
  if (error.kind === 'operational') return new OperationalError(error.code, error.message);
  return new InternalError(error.code, error.message);
}
