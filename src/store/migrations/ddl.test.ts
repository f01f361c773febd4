import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { col, id, type TableSpec, tables } from '../../core/schema/index.js';
import { addColumnStatements, createIndexStatement, createTableStatements } from './ddl.js';

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

  it('names indexes after table and columns', () => {
    expect(createIndexStatement({ table: 'orders', columns: ['customer_id', 'ordered_at'] })).toBe(
      'CREATE INDEX IF NOT EXISTS "idx_orders_customer_id_ordered_at" ON "orders" ("customer_id", "ordered_at")',
    );
  });

  it('adds later columns as nullable', () => {
    expect(addColumnStatements(spec, 'postgres', 2)).toEqual([
      'ALTER TABLE "things" ADD COLUMN IF NOT EXISTS "score" DOUBLE PRECISION',
    ]);
    expect(addColumnStatements(spec, 'postgres', 3)).toEqual([]);
  });
});
