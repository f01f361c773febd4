export * from './duckdb/duckdb-store.js';
export * from './migrations/ddl.js';
export * from './migrations/migrations.js';
export * from './migrations/migrator.js';
export * from './open-store.js';
export * from './postgres/postgres-store.js';
export * from './sql.js';
export type * from './store.js';
