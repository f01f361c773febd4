/**
 * Error taxonomy, sorted by who must act (after n8n): the caller fixes the input (`InputError`),
 * the operator retries or fixes the environment (`OperationalError`), or we have a bug
 * (`InternalError`). HTTP status and exit codes are mapped only at the edges (api/, cli/).
 */

export interface Issue {
  /** Machine-readable code, e.g. `invalid_date`, `missing_required`. */
  readonly code: string;
  /** Where: row number, column name, config key … */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export interface MarketmindErrorOptions {
  readonly cause?: unknown;
  readonly hint?: string;
  readonly issues?: readonly Issue[];
}

export abstract class MarketmindError extends Error {
  abstract readonly kind: 'input' | 'operational' | 'internal';
  readonly code: string;
  readonly hint: string | undefined;
  readonly issues: readonly Issue[];

  constructor(code: string, message: string, options: MarketmindErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = options.hint;
    this.issues = options.issues ?? [];
  }
}

/** The caller must fix the input (bad file, bad flag, bad config value). */
export class InputError extends MarketmindError {
  readonly kind = 'input' as const;
}

/** Transient or environmental failure (database down, timeout, LLM 429). */
export class OperationalError extends MarketmindError {
  readonly kind = 'operational' as const;
  readonly isRetryable: boolean;
  constructor(
    code: string,
    message: string,
    options: MarketmindErrorOptions & { isRetryable?: boolean } = {},
  ) {
    super(code, message, options);
    this.isRetryable = options.isRetryable ?? false;
  }
}

/** A bug: an invariant did not hold. */
export class InternalError extends MarketmindError {
  readonly kind = 'internal' as const;
}

export function assertNever(value: never, what = 'value'): never {
  throw new InternalError('unreachable', `Unexpected ${what}: ${JSON.stringify(value)}`);
}

/** One-line description of any thrown value, for logs and CLI output (no stack). */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
