import type { LedgerEntry, PartitionLedger } from './job.js';

/** In-memory `PartitionLedger` (lives as long as the process); outputs are stored as JSON copies. */
export class MemoryLedger implements PartitionLedger {
  readonly #done = new Map<string, string>();

  async get(runId: string, key: string): Promise<LedgerEntry | undefined> {
    const json = this.#done.get(ledgerKey(runId, key));
    return json === undefined ? undefined : { output: json === 'undefined' ? undefined : JSON.parse(json) };
  }

  async markDone(runId: string, key: string, output: unknown): Promise<void> {
    this.#done.set(ledgerKey(runId, key), output === undefined ? 'undefined' : JSON.stringify(output));
  }

  /** Number of recorded partitions (for tests and diagnostics). */
  get size(): number {
    return this.#done.size;
  }
}

function ledgerKey(runId: string, key: string): string {
  return JSON.stringify([runId, key]);
}
