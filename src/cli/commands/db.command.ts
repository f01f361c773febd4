import type { Command } from 'commander';
import { tables } from '../../core/schema/index.js';
import { textTable } from '../output.js';
import { action } from '../run-command.js';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('Workspace store: migrations and table overview');
  db.command('migrate')
    .description('Create or upgrade the tables of the data model (idempotent)')
    .action(
      action(async (ctx) => {
        const store = await ctx.store();
        const applied = await store.migrate();
        ctx.output.result({ location: store.location, applied }, () =>
          applied.length
            ? `Applied migrations ${applied.join(', ')} to ${store.location}`
            : `${store.location} is up to date`,
        );
      }),
    );
  db.command('tables')
    .description('List the tables of the data model with their row counts')
    .action(
      action(async (ctx) => {
        const store = await ctx.store({ existing: true });
        const rows: { table: string; kind: string; rows: number }[] = [];
        for (const spec of tables) {
          const result = await store.query(`SELECT count(*) AS n FROM "${spec.name}"`);
          rows.push({ table: spec.name, kind: spec.kind, rows: Number(result[0]?.n ?? 0) });
        }
        ctx.output.result(
          { location: store.location, tables: rows },
          () => `${store.location}\n${textTable(rows)}`,
        );
      }),
    );
}
