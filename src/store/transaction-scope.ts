import { AsyncLocalStorage } from 'node:async_hooks';
import { InternalError, OperationalError } from '../core/errors.js';

/**
 * Transaction bookkeeping shared by both engines, so they behave identically:
 * - inside `store.transaction(work)`, calling the store itself (not `tx`) is refused: on DuckDB
 *   it would wait for the transaction to end (a deadlock), on PostgreSQL it would silently run
 *   outside the transaction; nested transactions are refused for the same reason;
 * - a failed statement aborts the transaction (both engines do this natively for most errors):
 *   later statements are refused and the end of `work` rolls back and throws, instead of the
 *   engines' silent ROLLBACK-on-COMMIT.
 */
export class TransactionScope {
  private readonly storage = new AsyncLocalStorage<true>();

  run<T>(work: () => Promise<T>): Promise<T> {
    return this.storage.run(true, work);
  }

  /** Throws when called from inside a transaction of this store. */
  assertOutside(operation: string): void {
    if (this.storage.getStore()) {
      throw new InternalError(
        'store_call_in_transaction',
        `store.${operation}() was called inside store.transaction(): use the transaction argument (tx) instead; nested transactions are not supported`,
      );
    }
  }
}

/** State of one open transaction: ended or not, and the first error of a statement in it. */
export class TransactionState {
  private ended = false;
  private failure: unknown;
  private hasFailed = false;

  /** Runs one statement of the transaction, recording its failure. */
  async run<T>(operation: () => Promise<T>): Promise<T> {
    this.assertUsable();
    try {
      return await operation();
    } catch (error) {
      this.fail(error);
      throw error;
    }
  }

  /** Marks the transaction as failed (a statement or a stream read threw). */
  fail(error: unknown): void {
    if (!this.hasFailed) {
      this.hasFailed = true;
      this.failure = error;
    }
  }

  assertUsable(): void {
    if (this.ended) {
      throw new InternalError(
        'transaction_ended',
        'The transaction has already ended; use it only inside its work function',
      );
    }
    if (this.hasFailed) {
      throw new OperationalError(
        'transaction_aborted',
        'A statement failed earlier in this transaction; it will be rolled back',
        { cause: this.failure },
      );
    }
  }

  get failed(): boolean {
    return this.hasFailed;
  }

  /** The error to throw when `work` returned normally although a statement had failed. */
  abortedError(): OperationalError {
    return new OperationalError(
      'transaction_aborted',
      'A statement failed inside the transaction, so it was rolled back (the error was caught by the transaction work)',
      { cause: this.failure },
    );
  }

  end(): void {
    this.ended = true;
  }
}
