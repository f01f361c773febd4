import {
  APICallError,
  EmptyResponseBodyError,
  InvalidResponseDataError,
  JSONParseError,
  LoadAPIKeyError,
  NoContentGeneratedError,
  NoOutputGeneratedError,
  RetryError,
  TypeValidationError,
} from 'ai';
import { LlmCallError } from '../../language-model.js';

/**
 * Translates what the AI SDK throws into `LlmCallError`, the one failure type our client's
 * retry, breaker and budget logic understand. Messages name the provider, model, HTTP status
 * and the server's error type, never the API key, the prompt or the server's free-text message
 * (which may quote the prompt); the SDK's `APICallError` is not kept as `cause` because it
 * carries the request body.
 */

export interface CallErrorContext {
  /** Provider id as in config (`openai-compatible`, `openai`, `anthropic`). */
  readonly provider: string;
  readonly model: string;
  readonly signal?: AbortSignal;
}

/** HTTP statuses a retry may fix: timeout, conflict, rate limit, and every server error. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * The wait a server asks for, in milliseconds: `retry-after-ms` (OpenAI), else `Retry-After` as
 * delay-seconds or an HTTP-date (RFC 9110 §10.2.3). Header names are matched case-insensitively;
 * a date in the past gives 0; anything unparseable gives `undefined`.
 * Example: `{ 'retry-after': '2' }` → 2000.
 */
export function parseRetryAfter(
  headers: Readonly<Record<string, string | undefined>> | undefined,
  now: number = Date.now(),
): number | undefined {
  if (headers === undefined) return undefined;
  const lookup = (name: string) =>
    Object.entries(headers)
      .find(([key]) => key.toLowerCase() === name)?.[1]
      ?.trim();
  const milliseconds = lookup('retry-after-ms');
  if (milliseconds !== undefined && /^\d+(\.\d+)?$/.test(milliseconds))
    return Math.ceil(Number(milliseconds));
  const value = lookup('retry-after');
  if (value === undefined || value === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  // Every HTTP-date form (IMF-fixdate, RFC 850, asctime) starts with a day name.
  const date = /^[A-Za-z]{3}/.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The server's short error type or code (`rate_limit_error`, `invalid_api_key` …) from an error body. */
function serverErrorType(responseBody: string | undefined): string | undefined {
  if (responseBody === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(responseBody);
    const error =
      typeof parsed === 'object' && parsed !== null ? (parsed as { error?: unknown }).error : undefined;
    if (typeof error !== 'object' || error === null) return undefined;
    const { type, code } = error as { type?: unknown; code?: unknown };
    const candidate = typeof code === 'string' ? code : typeof type === 'string' ? type : undefined;
    // Identifiers only: anything else could be free text.
    return candidate !== undefined && /^[A-Za-z0-9_.-]{1,64}$/.test(candidate) ? candidate : undefined;
  } catch {
    return undefined;
  }
}

/** A network error code (`ECONNREFUSED`, `UND_ERR_SOCKET` …) found along an error's `cause` chain. */
function networkCode(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  let current = error;
  while (typeof current === 'object' && current !== null && !seen.has(current)) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the server';
  }
}

function isAbortLike(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

const HTTP_HINTS: Readonly<Record<number, string>> = {
  401: 'Check the API key configured for this provider.',
  403: 'Check that the API key may use this model.',
  404: 'Check the model name and the base URL (it usually ends in /v1).',
  429: 'The provider is rate limiting: lower the concurrency or wait.',
};

/** Maps any error thrown by an AI SDK call to an `LlmCallError` (an `LlmCallError` passes through). */
export function toLlmCallError(error: unknown, context: CallErrorContext): LlmCallError {
  if (error instanceof LlmCallError) return error;
  const who = `${context.provider} model ${context.model}`;
  if (RetryError.isInstance(error) && error.lastError !== undefined) {
    return toLlmCallError(error.lastError, context);
  }

  if (context.signal?.aborted === true || isAbortLike(error)) {
    const reason: unknown = context.signal?.reason;
    const timedOut = isAbortLike(reason)
      ? (reason as Error).name === 'TimeoutError'
      : !context.signal?.aborted;
    return new LlmCallError('llm_timeout', `${who}: the call ${timedOut ? 'timed out' : 'was aborted'}`, {
      isRetryable: true,
    });
  }

  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    if (status === undefined) {
      const code = networkCode(error.cause);
      return new LlmCallError(
        'llm_network',
        `${who}: cannot reach ${hostOf(error.url)}${code === undefined ? '' : ` (${code})`}`,
        {
          isRetryable: true,
          ...(error.cause === undefined ? {} : { cause: error.cause }),
          hint: 'Check that the LLM server is running and the base URL is right.',
        },
      );
    }
    if (status < 400) {
      // A 2xx whose body did not parse or match the API's shape.
      return new LlmCallError('llm_invalid_response', `${who}: the server's response was not understood`, {
        isRetryable: true,
      });
    }
    const type = serverErrorType(error.responseBody);
    const retryAfterMs = parseRetryAfter(error.responseHeaders);
    const hint = HTTP_HINTS[status];
    return new LlmCallError('llm_http', `${who}: HTTP ${status}${type === undefined ? '' : ` (${type})`}`, {
      status,
      isRetryable: isRetryableStatus(status),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      ...(hint === undefined ? {} : { hint }),
    });
  }

  if (LoadAPIKeyError.isInstance(error)) {
    return new LlmCallError('llm_unavailable', `${who}: no API key configured`, {
      isRetryable: false,
      hint: 'Set the API key in the LLM configuration (or the provider’s environment variable).',
    });
  }

  if (
    EmptyResponseBodyError.isInstance(error) ||
    InvalidResponseDataError.isInstance(error) ||
    JSONParseError.isInstance(error) ||
    TypeValidationError.isInstance(error) ||
    NoContentGeneratedError.isInstance(error) ||
    NoOutputGeneratedError.isInstance(error)
  ) {
    return new LlmCallError('llm_invalid_response', `${who}: the server's response was not understood`, {
      isRetryable: true,
    });
  }

  if (error instanceof TypeError && networkCode(error) !== undefined) {
    return new LlmCallError('llm_network', `${who}: network failure (${networkCode(error)})`, {
      isRetryable: true,
      cause: error,
    });
  }

  const name = error instanceof Error ? error.name : typeof error;
  return new LlmCallError('llm_unavailable', `${who}: the call failed (${name})`, {
    isRetryable: false,
    cause: error,
  });
}
