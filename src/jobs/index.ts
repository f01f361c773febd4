/** The job layer: the spec (job.ts), the in-memory ledger and the in-process runner. */

export { createInProcessRunner, type InProcessRunnerOptions } from './in-process/in-process-runner.js';
export type {
  BackoffOptions,
  JobDefinition,
  JobEvent,
  JobRunner,
  LedgerEntry,
  Partition,
  PartitionContext,
  PartitionError,
  PartitionHandler,
  PartitionLedger,
  PartitionResult,
  PartitionStatus,
  RunOptions,
  RunResult,
} from './job.js';
export {
  abortedError,
  assertJsonSerializable,
  backoffDelayMs,
  jobModuleUrl,
  toPartitionError,
  validateJobDefinition,
  validatePartitions,
} from './job.js';
export { MemoryLedger } from './memory-ledger.js';
