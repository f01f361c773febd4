import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InternalError } from '../../core/errors.js';
import { openDuckDbStore } from '../duckdb/duckdb-store.js';
import type { Store } from '../store.js';
import type { Migration } from './migrations.js';
import { appliedVersions, runMigrations } from './migrator.js';

const one: Migration = { version: 1, name: 'one', up: () => ['CREATE TABLE a (x BIGINT)'] };
const twoBroken: Migration = {
  version: 2,
  name: 'two',
  up: () => ['CREATE TABLE b (x BIGINT)', 'INSERT INTO b VALUES (1)', 'THIS IS NOT SQL'],
};
const twoFixed: Migration = {
  ...twoBroken,
  up: () => ['CREATE TABLE b (x BIGINT)', 'INSERT INTO b VALUES (1)'],
};

describe('runMigrations', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openDuckDbStore({ path: ':memory:' });
  });
  afterEach(async () => {
    await store.close();
  });

  it('applies pending migrations in order, once', async () => {
    expect(await runMigrations(store, [one])).toEqual([1]);
    expect(await runMigrations(store, [one, twoFixed])).toEqual([2]);
    expect(await runMigrations(store, [one, twoFixed])).toEqual([]);
    expect(await appliedVersions(store)).toEqual([1, 2]);
  });

  it('rolls back a failing migration completely and applies it once fixed', async () => {
    await expect(runMigrations(store, [one, twoBroken])).rejects.toMatchObject({ code: 'sql_error' });
    expect(await appliedVersions(store)).toEqual([1]);
    await expect(store.query('SELECT * FROM b')).rejects.toMatchObject({ code: 'sql_error' });
    expect(await runMigrations(store, [one, twoFixed])).toEqual([2]);
    expect(await store.query('SELECT x FROM b')).toEqual([{ x: 1 }]);
  });

  it('refuses migrations out of order', async () => {
    await expect(runMigrations(store, [twoFixed, one])).rejects.toBeInstanceOf(InternalError);
  });
});
