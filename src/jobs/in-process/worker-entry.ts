/**
 * Entry point of a pool thread: loads the job's handler by module (cached) and runs one partition
 * per `run` message, answering with `progress`* then `result` or `error`. An `abort` message aborts
 * the partition's signal. Errors travel as `{ code, message, isRetryable }`.
 */
import { parentPort } from 'node:worker_threads';
import { InternalError } from '../../core/errors.js';
import {
  assertJsonSerializable,
  assertProgressFraction,
  jobModuleUrl,
  type PartitionHandler,
  toPartitionError,
} from '../job.js';
import { loadHandler } from '../load-handler.js';
import type { FromWorker, ToWorker } from './worker-protocol.js';

const port = parentPort;
if (port === null) throw new InternalError('not_a_worker', 'worker-entry must run in a worker thread');

const handlers = new Map<string, Promise<PartitionHandler>>();
const controllers = new Map<number, AbortController>();
const send = (message: FromWorker): void => port.postMessage(message);

port.on('message', (message: ToWorker) => {
  if (message.type === 'abort') controllers.get(message.taskId)?.abort(new Error('partition aborted'));
  else void runTask(message);
});

async function runTask(task: Extract<ToWorker, { type: 'run' }>): Promise<void> {
  const controller = new AbortController();
  controllers.set(task.taskId, controller);
  let settled = false;
  try {
    const cacheKey = `${jobModuleUrl(task.job)}#${task.job.exportName}`;
    let handler = handlers.get(cacheKey);
    if (handler === undefined) {
      handler = loadHandler(task.job);
      handlers.set(cacheKey, handler);
      handler.catch(() => handlers.delete(cacheKey));
    }
    const output = await (await handler)(task.input, {
      partition: task.key,
      attempt: task.attempt,
      signal: controller.signal,
      reportProgress: (fraction, message) => {
        assertProgressFraction(fraction, task.key);
        if (!settled)
          send({
            type: 'progress',
            taskId: task.taskId,
            fraction,
            ...(message === undefined ? {} : { message }),
          });
      },
    });
    if (output !== undefined) assertJsonSerializable(output, `Output of partition "${task.key}"`);
    settled = true;
    send({ type: 'result', taskId: task.taskId, output });
  } catch (error) {
    settled = true;
    send({ type: 'error', taskId: task.taskId, error: toPartitionError(error) });
  } finally {
    controllers.delete(task.taskId);
  }
}
