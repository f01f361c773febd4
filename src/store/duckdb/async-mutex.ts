/**
 * A FIFO async mutex: `runExclusive(fn)` runs `fn` once every earlier holder has finished, so
 * operations on one DuckDB connection never interleave (a transaction keeps it until the end).
 */
export class AsyncMutex {
  private tail: Promise<void> = Promise.resolve();

  runExclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    // The next holder waits for this one to settle, whether it succeeded or failed.
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** Resolves once every holder queued so far has finished. */
  idle(): Promise<void> {
    return this.tail;
  }
}
