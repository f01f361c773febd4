import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { col, id, type TableSpec, tables } from '../../core/schema/index.js';
import { addColumnStatements, createIndexStatement, createTableStatements } from './ddl.js';
import { initialIndexes, latestSchemaVersion, migrations } from './migrations.js';

const spec: TableSpec = {
  name: 'things',
  kind: 'source',
  description: 'test',
  primaryKey: ['id'],
  columns: [
    id(),
    col('at', 'timestamp', 'when', { required: true }),
    col('payload', 'json', 'data'),
    col('score', 'double', 'added later', { addedIn: 2 }),
  ],
};

describe('createTableStatements', () => {
  it('writes PostgreSQL DDL with NOT NULL and the primary key, no foreign keys', () => {
    expect(createTableStatements(spec, 'postgres')).toEqual([
      'CREATE TABLE IF NOT EXISTS "things" ("id" TEXT NOT NULL, "at" TIMESTAMPTZ NOT NULL, "payload" JSONB, "score" DOUBLE PRECISION, PRIMARY KEY ("id"))',
    ]);
    const orders = tables.find((t) => t.name === 'orders') as TableSpec;
    expect(createTableStatements(orders, 'postgres')[0]).not.toMatch(/REFERENCES/i);
  });

  it('writes DuckDB types and keeps only the columns of a version', () => {
    expect(createTableStatements(spec, 'duckdb', { version: 1 })).toEqual([
      'CREATE TABLE IF NOT EXISTS "things" ("id" VARCHAR NOT NULL, "at" TIMESTAMPTZ NOT NULL, "payload" JSON, PRIMARY KEY ("id"))',
    ]);
  });

  it('creates temporary tables under another name', () => {
    expect(createTableStatements(spec, 'duckdb', { temporary: true, name: 'stage', version: 1 })[0]).toMatch(
      /^CREATE TEMP TABLE IF NOT EXISTS "stage" \(/,
    );
  });

  it('refuses a primary key that is not a column', () => {
    expect(() => createTableStatements({ ...spec, primaryKey: ['nope'] }, 'duckdb')).toThrow(InputError);
  });

  it('adds later columns as nullable', () => {
    expect(addColumnStatements(spec, 'postgres', 2)).toEqual([
      'ALTER TABLE "things" ADD COLUMN IF NOT EXISTS "score" DOUBLE PRECISION',
    ]);
    expect(addColumnStatements(spec, 'postgres', 3)).toEqual([]);
  });
});

describe('migrations', () => {
  it('version 1 creates every table; indexes on PostgreSQL only', () => {
    expect(latestSchemaVersion).toBe(1);
    const first = migrations[0];
    const duck = first?.up('duckdb') ?? [];
    const postgres = first?.up('postgres') ?? [];
    expect(duck).toHaveLength(tables.length);
    expect(postgres).toHaveLength(tables.length + initialIndexes.length);
    for (const spec of tables) expect(duck.some((s) => s.includes(`EXISTS "${spec.name}" (`))).toBe(true);
    expect(postgres).toContain(createIndexStatement({ table: 'orders', columns: ['customer_id'] }));
  });

  it('indexes name existing columns of version 1', () => {
    for (const index of initialIndexes) {
      const table = tables.find((t) => t.name === index.table);
      expect(table, index.table).toBeDefined();
      for (const column of index.columns) {
        const spec = table?.columns.find((c) => c.name === column);
        expect(spec, `${index.table}.${column}`).toBeDefined();
        expect(spec?.addedIn ?? 1).toBe(1);
      }
    }
  });
});
