import type { Command } from 'commander';
import { qualityTrend, runQualityChecks } from '../../app/quality/run-quality.js';
import { InputError } from '../../core/errors.js';
import { findTable, sourceTableNames } from '../../core/schema/index.js';
import { textTable } from '../output.js';
import { action } from '../run-command.js';

export function registerQualityCommand(program: Command): void {
  program
    .command('quality')
    .description(
      'Data-quality report per table: missing values, invalid emails/phones, impossible dates, outliers, orphans',
    )
    .argument(
      '[tables...]',
      `tables to check (default: every source table with rows: ${sourceTableNames.join(', ')})`,
    )
    .option('--trend', 'show earlier reports instead of running the checks')
    .action(
      action(async (ctx, options, tables: string[] = []) => {
        for (const name of tables) {
          if (!findTable(name)) {
            throw new InputError('unknown_table', `There is no table named "${name}"`, {
              hint: `Tables: ${sourceTableNames.join(', ')}`,
            });
          }
        }
        const store = await ctx.store({ existing: true });
        if (options.trend) {
          const trend = (await qualityTrend(store)).filter(
            (p) => tables.length === 0 || tables.includes(p.table),
          );
          ctx.output.result({ trend }, () =>
            textTable(trend.map((p) => ({ ...p, createdAt: p.createdAt.toISOString() }))),
          );
          return;
        }
        const progress = ctx.output.progress(
          'Checking data quality',
          tables.length || sourceTableNames.length,
        );
        const reports = await runQualityChecks(store, {
          tables: tables.length ? tables : undefined,
          onTable: (table, index) => progress.update(index + 1, table),
        });
        progress.done();
        ctx.output.result({ engine: 'classic', reports }, () =>
          reports
            .map((r) => {
              const head = `${r.table}: ${r.rowCount} rows, ${r.findings.length} kinds of finding`;
              const body = r.findings.length
                ? textTable(
                    r.findings.map((f) => ({
                      severity: f.severity,
                      finding: f.code,
                      column: f.column ?? '',
                      rows: f.count,
                      rate: `${(f.rate * 100).toFixed(2)}%`,
                      examples: f.exampleIds.join(' '),
                    })),
                  )
                : '  no findings';
              return `${head}\n${body}`;
            })
            .join('\n\n'),
        );
      }),
    );
}
