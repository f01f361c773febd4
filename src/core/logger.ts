/**
 * Minimal structured logger writing to stderr (stdout is reserved for `--json` results).
 * Log calls take a message and plain fields; never pass PII or secrets: fields named like
 * secrets are masked as a last line of defence.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
const secretKey = /pass(word)?|secret|token|api[-_]?key|authorization|cookie/i;

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const urlWithCredentials = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"']*/gi;

/**
 * Masks the password of a URL (user:password@, `?password=`/`?sslpassword=` query parameters),
 * e.g. postgres://u:pw@h/db → postgres://u:***@h/db. Text that is not a URL is returned as is.
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    let changed = false;
    if (parsed.password) {
      parsed.password = '***';
      changed = true;
    }
    for (const key of [...parsed.searchParams.keys()]) {
      if (secretKey.test(key)) {
        parsed.searchParams.set(key, '***');
        changed = true;
      }
    }
    if (changed) return parsed.toString().replaceAll('%2A%2A%2A', '***');
    return url;
  } catch {
    // Not parseable (e.g. an unencoded '@' in the password): mask everything between '//' user ':' and the last '@'.
    return url
      .replace(/\/\/([^:/@]*):(.*)@([^@]*)$/, '//$1:***@$3')
      .replace(/([?&][^=&]*pass[^=&]*=)[^&]*/gi, '$1***');
  }
}

/** Masks every URL credential inside free text (error messages from drivers, config values). */
export function redactSecretsInText(text: string): string {
  return text.replace(urlWithCredentials, (url) => redactUrl(url));
}

export function maskSecrets(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = secretKey.test(key) ? '***' : typeof value === 'string' ? redactSecretsInText(value) : value;
  }
  return out;
}

export function createLogger(
  level: LogLevel = 'info',
  write: (line: string) => void = (l) => process.stderr.write(l),
): Logger {
  const emit = (at: LogLevel, message: string, fields?: Record<string, unknown>): void => {
    if (order[at] < order[level]) return;
    const extra = fields ? ` ${JSON.stringify(maskSecrets(fields))}` : '';
    write(`[${at}] ${message}${extra}\n`);
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}

export const silentLogger: Logger = createLogger('silent');
