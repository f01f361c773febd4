/** Messages between the main thread (worker-pool.ts) and a worker thread (worker-entry.ts). */
import type { JobDefinition, PartitionError } from '../job.js';

export type ToWorker =
  | {
      readonly type: 'run';
      readonly taskId: number;
      readonly job: JobDefinition;
      readonly key: string;
      readonly input: unknown;
      readonly attempt: number;
    }
  | { readonly type: 'abort'; readonly taskId: number };

export type FromWorker =
  | {
      readonly type: 'progress';
      readonly taskId: number;
      readonly fraction: number;
      readonly message?: string;
    }
  | { readonly type: 'result'; readonly taskId: number; readonly output: unknown }
  | { readonly type: 'error'; readonly taskId: number; readonly error: PartitionError };
