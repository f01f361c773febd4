import type { ColumnSpec, TableSpec } from '../../core/schema/index.js';
import { columnDefinition } from '../migrations/ddl.js';
import { quoteIdent } from '../sql.js';
import type { Transaction } from '../store.js';

/**
 * The SQL of the staging step (portable: DuckDB and PostgreSQL). Accepted rows go into a TEMP
 * table with the target's mapped columns plus `__row` (input order); from there one
 * `INSERT … SELECT (one row per id) … ON CONFLICT (id) DO UPDATE`
 * applies them, so the last occurrence of an id in the input wins (see upsertFromStage).
 */

export interface StageCounts {
  /** Rows in the staging table (accepted rows). */
  readonly rows: number;
  readonly distinctIds: number;
  /** Distinct staged ids that already exist in the target. */
  readonly existingIds: number;
}

export async function createStage(
  tx: Transaction,
  stage: string,
  columns: readonly ColumnSpec[],
): Promise<void> {
  const definitions = columns.map((c) => columnDefinition(c, tx.dialect, false)).join(', ');
  await tx.execute(`CREATE TEMP TABLE ${quoteIdent(stage)} (${definitions})`);
}

export async function dropStage(tx: Transaction, stage: string): Promise<void> {
  await tx.execute(`DROP TABLE IF EXISTS ${quoteIdent(stage)}`);
}

export async function countStage(tx: Transaction, table: TableSpec, stage: string): Promise<StageCounts> {
  const s = quoteIdent(stage);
  const t = quoteIdent(table.name);
  // Duplicated ids are few: one hash aggregate finds them (and with them the distinct count),
  // where count(DISTINCT id) would need a second one in upsertFromStage.
  const dups = quoteIdent(duplicatesTable(stage));
  await tx.execute(
    `CREATE TEMP TABLE ${dups} AS SELECT "id", count(*) AS copies FROM ${s} GROUP BY "id" HAVING count(*) > 1`,
  );
  const [row] = await tx.query(
    `SELECT (SELECT count(*) FROM ${s}) AS row_count,
       (SELECT coalesce(sum(copies - 1), 0) FROM ${dups}) AS extra_copies,
       EXISTS (SELECT 1 FROM ${t}) AS target_has_rows`,
  );
  const rows = Number(row?.row_count ?? 0);
  const distinctIds = rows - Number(row?.extra_copies ?? 0);
  let existingIds = 0;
  if (row?.target_has_rows === true && rows > 0) {
    const [existing] = await tx.query(`SELECT count(*) AS n FROM ${t} WHERE "id" IN (SELECT "id" FROM ${s})`);
    existingIds = Number(existing?.n ?? 0);
  }
  return { rows, distinctIds, existingIds };
}

function duplicatesTable(stage: string): string {
  return `${stage}_dups`;
}

/**
 * Applies the staged rows. Duplicated ids are resolved first by deleting all but the last staged
 * row of each (the first for append-only tables) — few rows, found through the small table of
 * duplicated ids of countStage — so the insert reads the stage in input order without a join:
 * a `__row IN (SELECT max(__row) … GROUP BY id)` semi-join took 1.0 s of 1.7 s for 1M orders
 * into a file store, mostly because it hands the primary-key index its keys in hash order.
 * Without existing ids a plain INSERT is used (DuckDB's fastest path), in id order. Only the mapped columns
 * are set on existing rows, so a file with fewer columns does not erase the others. Append-only
 * tables never update (`DO NOTHING`; changed rows were rejected before). Drops the stage's
 * helper table; the caller drops the stage.
 */
export async function upsertFromStage(
  tx: Transaction,
  table: TableSpec,
  stage: string,
  columns: readonly ColumnSpec[],
  counts: StageCounts,
  appendOnly: boolean,
): Promise<void> {
  const s = quoteIdent(stage);
  const dups = quoteIdent(duplicatesTable(stage));
  if (counts.rows !== counts.distinctIds) {
    await tx.execute(
      `DELETE FROM ${s} WHERE "id" IN (SELECT "id" FROM ${dups})
         AND "__row" NOT IN (SELECT ${appendOnly ? 'min' : 'max'}("__row") FROM ${s}
                             WHERE "id" IN (SELECT "id" FROM ${dups}) GROUP BY "id")`,
    );
  }
  await tx.execute(`DROP TABLE IF EXISTS ${dups}`);
  if (counts.rows === 0) return;
  const list = columns.map((c) => quoteIdent(c.name)).join(', ');
  // In key order: the primary-key index takes sorted keys faster. With 1M staged orders into a
  // DuckDB file: 1.6 s instead of 2.0 s when the input was already in id order, 1.7–1.9 s
  // instead of 2.8–3.1 s when it was not (in memory: 1.1 instead of 1.0 s, 1.2 instead of 1.7 s).
  const insert = `INSERT INTO ${quoteIdent(table.name)} (${list}) SELECT ${list} FROM ${s} ORDER BY "id"`;
  if (counts.existingIds === 0) {
    await tx.execute(insert);
    return;
  }
  const updatable = columns.filter((c) => c.name !== 'id');
  if (appendOnly || updatable.length === 0) {
    await tx.execute(`${insert} ON CONFLICT ("id") DO NOTHING`);
    return;
  }
  const sets = updatable.map((c) => `${quoteIdent(c.name)} = EXCLUDED.${quoteIdent(c.name)}`).join(', ');
  await tx.execute(`${insert} ON CONFLICT ("id") DO UPDATE SET ${sets}`);
}

export interface AppendOnlyConflict {
  readonly file: number;
  readonly rowNumber: number;
  readonly line: number;
  readonly raw: string;
}

/**
 * Finds and removes staged rows of an append-only table that would change a row: rows whose id
 * exists in the target with different values, and (for new ids) rows that differ from the first
 * occurrence of their id in the input. JSON columns are compared as text.
 */
export async function findAppendOnlyConflicts(
  tx: Transaction,
  table: TableSpec,
  stage: string,
  columns: readonly ColumnSpec[],
): Promise<readonly AppendOnlyConflict[]> {
  const compared = columns.filter((c) => c.name !== 'id');
  if (compared.length === 0) return [];
  const s = quoteIdent(stage);
  const t = quoteIdent(table.name);
  const differs = (a: string, b: string): string =>
    compared
      .map((c) => {
        const name = quoteIdent(c.name);
        return c.type === 'json'
          ? `CAST(${a}.${name} AS TEXT) IS DISTINCT FROM CAST(${b}.${name} AS TEXT)`
          : `${a}.${name} IS DISTINCT FROM ${b}.${name}`;
      })
      .join(' OR ');
  const conflicts = quoteIdent(`${stage}_conflicts`);
  await tx.execute(
    `CREATE TEMP TABLE ${conflicts} AS
     SELECT s."__row", s."__file", s."__rownum", s."__line", s."__raw"
       FROM ${s} AS s JOIN ${t} AS t ON t."id" = s."id" WHERE ${differs('s', 't')}
     UNION ALL
     SELECT s."__row", s."__file", s."__rownum", s."__line", s."__raw"
       FROM ${s} AS s
       JOIN (SELECT DISTINCT ON ("id") * FROM ${s} ORDER BY "id", "__row") AS f ON f."id" = s."id"
      WHERE s."__row" <> f."__row" AND (${differs('s', 'f')})
        AND NOT EXISTS (SELECT 1 FROM ${t} AS t WHERE t."id" = s."id")`,
  );
  const rows = await tx.query(`SELECT * FROM ${conflicts} ORDER BY "__row"`);
  await tx.execute(`DELETE FROM ${s} WHERE "__row" IN (SELECT "__row" FROM ${conflicts})`);
  await tx.execute(`DROP TABLE ${conflicts}`);
  return rows.map((r) => ({
    file: Number(r.__file),
    rowNumber: Number(r.__rownum),
    line: Number(r.__line),
    raw: String(r.__raw ?? ''),
  }));
}
