import { assertNever, OperationalError } from '../../core/errors.js';

/** Classification of PostgreSQL connection failures into the error taxonomy (core/errors.ts). */

/** Node network errors of a connection attempt or of a lost connection. */
const connectionErrnos = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

/**
 * Why a connection failed, sorted by who must act: the login was refused (`auth`, SQLSTATE class
 * 28) or the database does not exist (`database`, 3D000): the operator fixes the URL, retrying
 * cannot help; or the server is down, restarting or full (`unavailable`: network errors, class 08,
 * 57P01-57P03, 53300), which a retry may cure.
 */
export type ConnectionFailure = 'auth' | 'database' | 'unavailable';

export function connectionFailure(error: unknown): ConnectionFailure | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    if (code.startsWith('28')) return 'auth';
    if (code === '3D000') return 'database';
    if (connectionErrnos.has(code) || code.startsWith('08') || /^57P0[1-3]$/.test(code) || code === '53300')
      return 'unavailable';
  }
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|timeout expired|connect ECONN|Client has encountered a connection error/i.test(
    message,
  )
    ? 'unavailable'
    : undefined;
}

export function isConnectionError(error: unknown): boolean {
  return connectionFailure(error) !== undefined;
}

/** Codes of the errors `connectionError` builds (passed through unchanged by openPostgresStore). */
export const connectionCodes = new Set(['store_unavailable', 'store_auth_failed', 'store_database_missing']);

/** The OperationalError of a failed connection; `location` is the URL with the password masked. */
export function connectionError(
  failure: ConnectionFailure,
  location: string,
  error: unknown,
): OperationalError {
  const message = error instanceof Error ? error.message : String(error);
  switch (failure) {
    case 'auth':
      return new OperationalError(
        'store_auth_failed',
        `PostgreSQL at ${location} refused the login: ${message}`,
        {
          cause: error,
          isRetryable: false,
          hint: `Check the user and password of the connection URL ${location}, and that the server's pg_hba.conf lets this user connect from this host`,
        },
      );
    case 'database':
      return new OperationalError('store_database_missing', `PostgreSQL at ${location}: ${message}`, {
        cause: error,
        isRetryable: false,
        hint: `Check the database name of the connection URL ${location}, or create the database (createdb <name>)`,
      });
    case 'unavailable':
      return new OperationalError(
        'store_unavailable',
        `PostgreSQL at ${location} is unavailable: ${message}`,
        {
          cause: error,
          isRetryable: true,
          hint: `Check that the server at ${location} is running and accepts connections`,
        },
      );
    default:
      return assertNever(failure, 'connection failure');
  }
}
