import { type LoadedConfig, loadConfig } from '../core/config.js';
import { InputError } from '../core/errors.js';
import { createLogger, type Logger } from '../core/logger.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { createOutput, type Output } from './output.js';

/** Global options every command accepts. */
export interface GlobalOptions {
  readonly json?: boolean;
  readonly dir?: string;
  readonly db?: string;
  readonly lang?: string;
  readonly quiet?: boolean;
}

export interface CommandContext {
  readonly config: LoadedConfig;
  readonly output: Output;
  readonly logger: Logger;
  readonly locale: 'en' | 'zh';
  /** Opens the configured store (migrated) on first use. */
  store(): Promise<Store>;
  close(): Promise<void>;
}

export function createContext(options: GlobalOptions): CommandContext {
  if (options.lang !== undefined && options.lang !== 'en' && options.lang !== 'zh') {
    throw new InputError('usage', `--lang is "${options.lang}"; allowed: en, zh`);
  }
  const isPgUrl = options.db !== undefined && /^postgres(ql)?:\/\//.test(options.db);
  const config = loadConfig({
    dir: options.dir ?? process.cwd(),
    overrides: {
      ...(options.db !== undefined && !isPgUrl ? { db: options.db, store: 'duckdb' as const } : {}),
      ...(isPgUrl ? { pgUrl: options.db, store: 'postgres' as const } : {}),
      ...(options.lang ? { locale: options.lang as 'en' | 'zh' } : {}),
    },
  });
  const output = createOutput({ json: Boolean(options.json), quiet: options.quiet });
  const logger = createLogger(config.logLevel);
  let opened: Promise<Store> | undefined;
  return {
    config,
    output,
    logger,
    locale: config.locale,
    store() {
      opened ??= (async () => {
        if (config.store === 'postgres' && !config.pgUrl) {
          throw new InputError('invalid_config', 'store is "postgres" but no PostgreSQL URL is set', {
            hint: 'Set MARKETMIND_PG_URL or "pgUrl" in marketmind.config.json, or pass --db postgres://…',
          });
        }
        const store =
          config.store === 'postgres'
            ? await openStore({ engine: 'postgres', url: config.pgUrl as string })
            : await openStore({ engine: 'duckdb', path: config.dbPath });
        await store.migrate();
        return store;
      })();
      return opened;
    },
    async close() {
      if (opened) await (await opened.catch(() => undefined))?.close();
    },
  };
}
