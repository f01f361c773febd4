import { parentPort, workerData } from 'node:worker_threads';
import { type FilePlan, openPlannedSource, produceRows } from './produce-rows.js';

/**
 * Worker-thread entry of the ingest pipeline: parses, coerces and validates one file and posts
 * batches of rows to the main thread, at most two ahead of what the main thread has loaded
 * (it answers each batch with 'ack'), so memory stays bounded.
 */

const port = parentPort;
if (!port) throw new Error('parse-worker.ts must run in a worker thread');
const plan = workerData as FilePlan;
let credits = 2;
let wake: (() => void) | undefined;
port.on('message', (message: unknown) => {
  if (message !== 'ack') return;
  credits += 1;
  wake?.();
  wake = undefined;
});

try {
  const source = await openPlannedSource(plan);
  try {
    for await (const batch of produceRows(plan, source)) {
      while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
      credits -= 1;
      port.postMessage({ kind: 'batch', batch });
    }
  } finally {
    await source.close();
  }
  port.postMessage({ kind: 'done' });
} catch (error) {
  const e = error as { kind?: string; code?: string; message?: string };
  port.postMessage({
    kind: 'error',
    error: {
      kind: e.kind ?? 'internal',
      code: e.code ?? 'worker_failed',
      message: e.message ?? String(error),
    },
  });
}
