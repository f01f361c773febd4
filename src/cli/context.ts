import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
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
  /**
   * Opens the configured store (migrated) on first use. `existing: true` for commands that only
   * read: a missing DuckDB file is then an error instead of a new, empty workspace.
   */
  store(options?: { readonly existing?: boolean }): Promise<Store>;
  close(): Promise<void>;
}

export function createContext(options: GlobalOptions): CommandContext {
  if (options.lang !== undefined && options.lang !== 'en' && options.lang !== 'zh') {
    throw new InputError('usage', `--lang is "${options.lang}"; allowed: en, zh`);
  }
  // A relative --db path means relative to where the user is, not to the workspace.
  const db =
    options.db === undefined || options.db === ':memory:' || /^postgres(ql)?:\/\//.test(options.db)
      ? options.db
      : resolve(process.cwd(), options.db);
  const config = loadConfig({
    dir: options.dir ?? process.cwd(),
    overrides: {
      ...(db !== undefined ? { db, store: 'duckdb' as const } : {}),
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
    store(storeOptions) {
      opened ??= (async () => {
        if (
          storeOptions?.existing &&
          config.store === 'duckdb' &&
          config.dbPath !== ':memory:' &&
          !existsSync(config.dbPath)
        ) {
          throw new InputError('no_workspace', `There is no Marketmind store at ${config.dbPath}`, {
            hint: 'Load data first (marketmind ingest …, or marketmind demo), or point --dir / --db at an existing workspace.',
          });
        }
        if (config.store === 'postgres' && !config.pgUrl) {
          throw new InputError('invalid_config', 'store is "postgres" but no PostgreSQL URL is set', {
            hint: 'Set MARKETMIND_PG_URL or "pgUrl" in marketmind.config.json, or pass --db postgres://…',
          });
        }
        const store =
          config.store === 'postgres'
            ? await openStore({ engine: 'postgres', url: config.pgUrl as string })
            : await openStore({ engine: 'duckdb', path: config.dbPath });
        try {
          await store.migrate();
        } catch (error) {
          await store.close();
          throw error;
        }
        return store;
      })();
      return opened;
    },
    async close() {
      if (opened) await (await opened.catch(() => undefined))?.close();
    },
  };
}
