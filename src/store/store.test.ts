import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, OperationalError } from '../core/errors.js';
import { openDuckDbStore } from './duckdb/duckdb-store.js';
import { openStore } from './open-store.js';
import { openPostgresStore } from './postgres/postgres-store.js';
import { describeStoreContract } from './store.contract.js';
import type { Store } from './store.js';

const run = promisify(execFile);

describeStoreContract('DuckDB :memory:', () => openDuckDbStore({ path: ':memory:' }));

describe('DuckDB file store', () => {
  let directory = '';
  let counter = 0;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'marketmind-store-'));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  describeStoreContract(
    'DuckDB file',
    () => {
      counter += 1;
      return openDuckDbStore({ path: join(directory, `nested/dir/test-${counter}.duckdb`) });
    },
    undefined,
    { reopen: (closed) => openDuckDbStore({ path: closed.location }) },
  );

  it('creates missing parent directories for the owner only (mode 0700), leaving existing ones alone', async () => {
    if (process.platform === 'win32') return;
    await chmod(directory, 0o755);
    const store = await openDuckDbStore({ path: join(directory, 'private/deeper/data.duckdb') });
    await store.close();
    expect((await stat(join(directory, 'private'))).mode & 0o777).toBe(0o700);
    expect((await stat(join(directory, 'private/deeper'))).mode & 0o777).toBe(0o700);
    expect((await stat(directory)).mode & 0o777).toBe(0o755);
  });

  it('holds the file lock while open and releases it on close (another process can open it)', async () => {
    const path = join(directory, 'locked.duckdb');
    const first = await openDuckDbStore({ path });
    await first.migrate();
    expect(await openInChild(path)).toMatch(/lock/i);
    await first.close();
    expect(await openInChild(path)).toBe('opened');
  });
});

/** Opens a DuckDB file from a separate Node process; resolves 'opened' or the error message. */
async function openInChild(path: string): Promise<string> {
  const script = `require('@duckdb/node-api').DuckDBInstance.create(process.argv[1])
    .then((db) => { db.closeSync(); console.log('opened'); }, (e) => console.log(e.message));`;
  const { stdout } = await run(process.execPath, ['-e', script, path], { cwd: process.cwd() });
  return stdout.trim();
}

const pgUrl = process.env.MARKETMIND_PG_URL;

if (pgUrl) {
  describe('PostgreSQL', () => {
    const schemas = new Map<Store, string>();
    const admin = new pg.Pool({ connectionString: pgUrl, max: 2 });

    afterAll(async () => {
      await admin.end();
    });

    const openIsolated = async (): Promise<Store> => {
      const schema = `mm_test_${randomBytes(6).toString('hex')}`;
      const store = await openPostgresStore({ url: pgUrl, schema });
      schemas.set(store, schema);
      return store;
    };

    describeStoreContract(
      'PostgreSQL',
      openIsolated,
      async (store) => {
        const schema = schemas.get(store);
        if (schema) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        schemas.delete(store);
      },
      {
        reopen: async (closed) => {
          const schema = schemas.get(closed);
          return openPostgresStore(schema ? { url: pgUrl, schema } : { url: pgUrl });
        },
      },
    );

    /** The test server's URL with some parts replaced. */
    const variant = (change: (url: URL) => void): string => {
      const url = new URL(pgUrl);
      change(url);
      return url.toString();
    };
    const failureOf = (url: string) => openStore({ engine: 'postgres', url }).catch((e: unknown) => e);

    it('reports a database that does not exist as store_database_missing, not retryable', async () => {
      const error = await failureOf(
        variant((url) => {
          url.pathname = `/mm_no_such_database_${randomBytes(4).toString('hex')}`;
        }),
      );
      expect(error).toBeInstanceOf(OperationalError);
      expect(error).toMatchObject({ code: 'store_database_missing', isRetryable: false });
      expect((error as OperationalError).message).toMatch(/mm_no_such_database_.*does not exist/);
      expect((error as OperationalError).hint).toMatch(/database name/);
      expect((error as Error).cause).toMatchObject({ code: '3D000' });
    });

    it('reports a refused login as store_auth_failed, not retryable, with the password masked', async () => {
      const error = await failureOf(
        variant((url) => {
          url.username = 'mm_no_such_role';
          url.password = 'hunter2';
        }),
      );
      expect(error).toBeInstanceOf(OperationalError);
      expect(error).toMatchObject({ code: 'store_auth_failed', isRetryable: false });
      const { message, hint } = error as OperationalError;
      expect(hint).toMatch(/user and password/);
      expect(`${message} ${hint}`).toContain('mm_no_such_role:***@');
      expect(`${message} ${hint}`).not.toContain('hunter2');
      expect((error as Error).cause).toMatchObject({ code: expect.stringMatching(/^28/) });
    });

    it('masks the password in its location', async () => {
      const store = await openIsolated();
      try {
        expect(store.location).not.toMatch(/:[^:@/]+@.*secret/);
        expect(store.location).toContain('schema mm_test_');
      } finally {
        await store.close();
        await admin.query(`DROP SCHEMA IF EXISTS "${schemas.get(store)}" CASCADE`);
      }
    });
  });
} else {
  describe.skip('PostgreSQL contract skipped: set MARKETMIND_PG_URL', () => {
    it('runs the store contract against PostgreSQL', () => undefined);
  });
}

describe('openStore', () => {
  it('opens DuckDB by engine name', async () => {
    const store = await openStore({ engine: 'duckdb', path: ':memory:' });
    expect(store.dialect).toBe('duckdb');
    await store.close();
  });

  it('asks for the missing location', async () => {
    await expect(openStore({ engine: 'duckdb' })).rejects.toBeInstanceOf(InputError);
    await expect(openStore({ engine: 'postgres' })).rejects.toMatchObject({ code: 'missing_store_url' });
  });

  it('reports an unreachable PostgreSQL as store_unavailable with the password masked', async () => {
    const error = await openStore({
      engine: 'postgres',
      url: 'postgres://mm:hunter2@127.0.0.1:1/none',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OperationalError);
    expect(error).toMatchObject({ code: 'store_unavailable', isRetryable: true });
    const text = `${(error as OperationalError).message} ${(error as OperationalError).hint}`;
    expect(text).toContain('mm:***@127.0.0.1:1');
    expect(text).not.toContain('hunter2');
  });

  it('rejects a PostgreSQL schema name that is not a plain identifier', async () => {
    await expect(
      openStore({ engine: 'postgres', url: 'postgres://127.0.0.1:1/x', schema: 'Bad-Name' }),
    ).rejects.toMatchObject({ code: 'invalid_schema' });
  });
});
