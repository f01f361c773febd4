import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InternalError } from '../../core/errors.js';
import { col, id, ref, type TableSpec, tableNames, tables } from '../../core/schema/index.js';
import { openDuckDbStore } from '../duckdb/duckdb-store.js';
import { openPostgresStore } from '../postgres/postgres-store.js';
import { quoteIdent } from '../sql.js';
import type { Store } from '../store.js';
import { createIndexStatement, createTableStatements } from './ddl.js';
import {
  buildMigrations,
  initialIndexes,
  latestSchemaVersion,
  migrations,
  type SchemaVersion,
  schemaVersions,
} from './migrations.js';
import { runMigrations } from './migrator.js';

/** A data model that grows over three versions. */
const accountsV3: TableSpec = {
  name: 'mm_mig_accounts',
  kind: 'source',
  description: 'created by version 1',
  primaryKey: ['id'],
  columns: [
    id(),
    col('name', 'text', 'name', { required: true }),
    col('score', 'double', 'added by version 2', { addedIn: 2, required: true }),
    col('tier', 'text', 'added by version 3', { addedIn: 3 }),
  ],
};
const notesV3: TableSpec = {
  name: 'mm_mig_notes',
  kind: 'source',
  description: 'created by version 2',
  addedIn: 2,
  primaryKey: ['id'],
  columns: [
    id(),
    ref('account_id', 'mm_mig_accounts', 'account'),
    col('body', 'text', 'body', { required: true }),
    col('lang', 'text', 'added by version 3', { addedIn: 3 }),
  ],
};
const growingSpecs: readonly TableSpec[] = [accountsV3, notesV3];
const growingVersions: readonly SchemaVersion[] = [
  { version: 1, name: 'one' },
  {
    version: 2,
    name: 'two',
    indexes: [{ table: 'mm_mig_notes', columns: ['account_id'] }],
    statements: () => ['UPDATE "mm_mig_accounts" SET "score" = 0 WHERE "score" IS NULL'],
  },
  { version: 3, name: 'three' },
];

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('migrations of the data model', () => {
  it('has one migration per schema version, in order', () => {
    expect(migrations.map((m) => [m.version, m.name])).toEqual(
      schemaVersions.map((v) => [v.version, v.name]),
    );
    expect(migrations[0]).toMatchObject({ version: 1, name: 'initial schema' });
    expect(latestSchemaVersion).toBe(schemaVersions.at(-1)?.version);
  });

  it('version 1 creates exactly the tables of version 1; indexes on PostgreSQL only', () => {
    const v1Tables = tables.filter((spec) => (spec.addedIn ?? 1) === 1);
    const duck = migrations[0]?.up('duckdb') ?? [];
    const postgres = migrations[0]?.up('postgres') ?? [];
    expect(duck).toHaveLength(v1Tables.length);
    expect(postgres).toHaveLength(v1Tables.length + initialIndexes.length);
    for (const spec of v1Tables) expect(duck.some((s) => s.includes(`EXISTS "${spec.name}" (`))).toBe(true);
    expect(postgres).toContain(createIndexStatement({ table: 'orders', columns: ['customer_id'] }));
  });

  it('version 1 is frozen: released databases would never get a change to it', () => {
    // A new table or column must name a new version (addedIn: 2 …) and a schemaVersions entry;
    // a table added without addedIn would silently join version 1 and change these hashes.
    const message = 'migration 1 changed: give the new table/column addedIn: <next version> instead';
    expect(sha256(migrations[0]?.up('duckdb').join(';\n') ?? ''), message).toBe(
      '070d9ed88dd2f33eda183c5945c184f9edfaec12bbc26e2ca3d4c0ea4700d11c',
    );
    expect(sha256(migrations[0]?.up('postgres').join(';\n') ?? ''), message).toBe(
      '78c6a86c0138d67952afabfa650109e684653124a39ab52e4d4420093345f667',
    );
  });
});

describe('buildMigrations', () => {
  const built = buildMigrations(growingSpecs, growingVersions);

  it('creates new tables with their columns of that version, then adds columns to older tables', () => {
    expect(built.map((m) => m.version)).toEqual([1, 2, 3]);
    expect(built[0]?.up('duckdb')).toEqual([
      'CREATE TABLE IF NOT EXISTS "mm_mig_accounts" ("id" VARCHAR NOT NULL, "name" VARCHAR NOT NULL, PRIMARY KEY ("id"))',
    ]);
    expect(built[1]?.up('duckdb')).toEqual([
      'CREATE TABLE IF NOT EXISTS "mm_mig_notes" ("id" VARCHAR NOT NULL, "account_id" VARCHAR NOT NULL, "body" VARCHAR NOT NULL, PRIMARY KEY ("id"))',
      'ALTER TABLE "mm_mig_accounts" ADD COLUMN IF NOT EXISTS "score" DOUBLE',
      'UPDATE "mm_mig_accounts" SET "score" = 0 WHERE "score" IS NULL',
    ]);
    expect(built[1]?.up('postgres')).toContain(
      'CREATE INDEX IF NOT EXISTS "idx_mm_mig_notes_account_id" ON "mm_mig_notes" ("account_id")',
    );
    expect(built[2]?.up('postgres')).toEqual([
      'ALTER TABLE "mm_mig_accounts" ADD COLUMN IF NOT EXISTS "tier" TEXT',
      'ALTER TABLE "mm_mig_notes" ADD COLUMN IF NOT EXISTS "lang" TEXT',
    ]);
  });

  const refuses = (specs: readonly TableSpec[], versions: readonly SchemaVersion[], pattern: RegExp) => {
    const error = (() => {
      try {
        buildMigrations(specs, versions);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InternalError);
    expect((error as InternalError).message).toMatch(pattern);
  };

  it('refuses a table or column naming a version without an entry', () => {
    refuses(growingSpecs, growingVersions.slice(0, 2), /mm_mig_accounts\.tier has addedIn 3/);
    refuses([{ ...notesV3, addedIn: 4 }], growingVersions, /Table mm_mig_notes has addedIn 4/);
  });

  it('refuses columns older than their table or listed after newer columns', () => {
    const old = col('old', 'text', 'x', { addedIn: 1 });
    refuses([{ ...notesV3, columns: [...notesV3.columns, old] }], growingVersions, /older than its table/);
    const [first, second, third, fourth] = accountsV3.columns;
    const shuffled = [first, third, second, fourth] as TableSpec['columns'];
    refuses([{ ...accountsV3, columns: shuffled }], growingVersions, /list new columns last/);
  });

  it('refuses indexes on tables or columns that do not exist yet, and unordered versions', () => {
    const early = (columns: string[], table = 'mm_mig_notes'): SchemaVersion[] => [
      { version: 1, name: 'one', indexes: [{ table, columns }] },
      ...growingVersions.slice(1),
    ];
    refuses(growingSpecs, early(['account_id']), /no such table at that version/);
    refuses(growingSpecs, early(['score'], 'mm_mig_accounts'), /no column score at that version/);
    refuses(growingSpecs, [growingVersions[1], growingVersions[0]] as SchemaVersion[], /must increase/);
  });
});

interface ColumnInfo {
  readonly column: string;
  /** The engine's type name, lower case, e.g. 'double precision'. */
  readonly type: string | undefined;
  readonly nullable: boolean;
}
type SchemaInfo = Record<string, ColumnInfo[]>;

/** Columns per table in information_schema (schema_migrations left out), in column order. */
async function schemaOf(store: Store): Promise<SchemaInfo> {
  const rows = await store.query<{
    table_name: string;
    column_name: string;
    data_type: string;
    is_nullable: string;
  }>(
    `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_catalog = current_database() AND table_name <> 'schema_migrations'
     ORDER BY table_name, ordinal_position`,
  );
  const schema: SchemaInfo = {};
  for (const row of rows) {
    const columns = schema[row.table_name] ?? [];
    schema[row.table_name] = columns;
    columns.push({
      column: row.column_name,
      type: row.data_type.toLowerCase(),
      nullable: row.is_nullable === 'YES',
    });
  }
  return schema;
}

/**
 * What the specs promise after every migration: all columns in spec order, NOT NULL when
 * required (or in the primary key) and created with the table; types as in `types`.
 */
function expectedSchema(specs: readonly TableSpec[], types: SchemaInfo): SchemaInfo {
  const schema: SchemaInfo = {};
  for (const spec of specs) {
    const created = spec.addedIn ?? 1;
    schema[spec.name] = spec.columns.map((column, index) => {
      const strict = column.required === true || spec.primaryKey.includes(column.name);
      const withTable = (column.addedIn ?? created) === created;
      return { column: column.name, type: types[spec.name]?.[index]?.type, nullable: !(strict && withTable) };
    });
  }
  return schema;
}

interface Engine {
  readonly name: string;
  /** Opens an empty store and returns it with its cleanup. */
  open(): Promise<{ store: Store; dispose(): Promise<void> }>;
}

const engines: Engine[] = [
  {
    name: 'DuckDB',
    open: async () => {
      const store = await openDuckDbStore({ path: ':memory:' });
      return { store, dispose: () => store.close() };
    },
  },
];
const pgUrl = process.env.MARKETMIND_PG_URL;
if (pgUrl) {
  engines.push({
    name: 'PostgreSQL',
    open: async () => {
      const schema = `mm_test_${randomBytes(6).toString('hex')}`;
      const store = await openPostgresStore({ url: pgUrl, schema });
      return {
        store,
        dispose: async () => {
          await store.execute(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`).catch(() => undefined);
          await store.close();
        },
      };
    },
  });
}

async function withStores(count: number, engine: Engine, work: (stores: Store[]) => Promise<void>) {
  const opened: { store: Store; dispose(): Promise<void> }[] = [];
  try {
    for (let k = 0; k < count; k++) opened.push(await engine.open());
    await work(opened.map((entry) => entry.store));
  } finally {
    for (const entry of opened) await entry.dispose();
  }
}

describe.each(engines)('migrations on $name', (engine) => {
  it('applied one by one, they yield exactly the tables and columns of the current specs', async () => {
    await withStores(2, engine, async ([migrated, direct]) => {
      const store = migrated as Store;
      for (let k = 1; k <= migrations.length; k++) {
        expect(await runMigrations(store, migrations.slice(0, k))).toEqual([migrations[k - 1]?.version]);
      }
      // Column types as the engine spells them, from tables created directly from the specs.
      for (const spec of tables) {
        for (const sql of createTableStatements(spec, store.dialect)) await (direct as Store).execute(sql);
      }
      const directSchema = await schemaOf(direct as Store);
      expect(Object.keys(directSchema).sort()).toEqual([...tableNames].sort());
      expect(await schemaOf(store)).toEqual(expectedSchema(tables, directSchema));
    });
  });

  it('upgrades a database of version 1 to the schema of a fresh database', async () => {
    const built = buildMigrations(growingSpecs, growingVersions);
    await withStores(2, engine, async ([old, fresh]) => {
      const upgraded = old as Store;
      expect(await runMigrations(upgraded, built.slice(0, 1))).toEqual([1]);
      await upgraded.execute(`INSERT INTO mm_mig_accounts (id, name) VALUES ('a1', 'Ada Example')`);
      expect(await runMigrations(upgraded, built)).toEqual([2, 3]);
      expect(await runMigrations(fresh as Store, built)).toEqual([1, 2, 3]);
      // Version 2's hand-written statement back-filled the column it added.
      expect(await upgraded.query('SELECT * FROM mm_mig_accounts')).toEqual([
        { id: 'a1', name: 'Ada Example', score: 0, tier: null },
      ]);
      await upgraded.execute(
        `INSERT INTO mm_mig_notes (id, account_id, body, lang) VALUES ('n1', 'a1', 'hello', 'en')`,
      );
      const schema = await schemaOf(upgraded);
      expect(schema).toEqual(await schemaOf(fresh as Store));
      expect(schema).toEqual(expectedSchema(growingSpecs, schema));
      expect(schema.mm_mig_accounts?.[2]).toEqual({
        column: 'score',
        type: upgraded.dialect === 'duckdb' ? 'double' : 'double precision',
        nullable: true,
      });
      expect(schema.mm_mig_notes?.[2]).toMatchObject({ column: 'body', nullable: false });
      if (upgraded.dialect === 'postgres') {
        const indexes = await upgraded.query<{ indexname: string }>(
          "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'mm_mig_notes'",
        );
        expect(indexes.map((row) => row.indexname)).toContain('idx_mm_mig_notes_account_id');
      }
    });
  });
});
