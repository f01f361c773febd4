import type { Command } from 'commander';
import { lintFile } from '../../app/content/content-lint-file.js';
import { type ContentStatus, listContent, setContentStatus } from '../../app/content/content-review.js';
import { type FormatId, formatIds } from '../../content/index.js';
import { textTable } from '../output.js';
import { action } from '../run-command.js';
import { choiceOption, intOption } from './options.js';

const statuses = ['draft', 'approved', 'rejected', 'sent'] as const satisfies readonly ContentStatus[];

export function registerContentCommands(program: Command): void {
  const content = program.command('content').description('Lint, list and review generated content');

  content
    .command('lint')
    .description(
      'Compliance lint of copy in a file (one piece per line, or --text-col of a CSV/JSONL/Parquet)',
    )
    .requiredOption('--input <file>', 'file to lint')
    .option('--text-col <column>', 'column holding the text (CSV/JSONL/Parquet)')
    .option(
      '--locale <locale>',
      'en, zh or auto (by script, per line)',
      choiceOption('--locale', ['en', 'zh', 'auto'] as const),
      'auto',
    )
    .option(
      '--format <format>',
      `check length limits of a format: ${formatIds.join(', ')}`,
      choiceOption('--format', formatIds),
    )
    .option(
      '--field <field>',
      'the format field each line is (e.g. headline); needed for length checks of multi-field formats',
    )
    .action(
      action(async (ctx, options) => {
        const format = options.format as FormatId | undefined;
        const result = await lintFile(ctx.config, String(options.input), {
          locale: options.locale as 'en' | 'zh' | 'auto',
          ...(options.textCol ? { textColumn: String(options.textCol) } : {}),
          ...(format ? { format } : {}),
          ...(options.field ? { field: String(options.field) } : {}),
        });
        ctx.output.result(result, () => {
          const failing = result.results.filter((r) => r.findings.length > 0);
          return [
            `${result.path}: ${result.lines} piece(s), ${result.passed} pass, ${result.failed} fail (engine: classic lint)`,
            Object.keys(result.byRule).length
              ? `Findings by rule: ${Object.entries(result.byRule)
                  .map(([rule, n]) => `${rule} ${n}`)
                  .join(', ')}`
              : 'No findings.',
            failing.length
              ? textTable(
                  failing.slice(0, 50).flatMap((r) =>
                    r.findings.map((f) => ({
                      row: r.row,
                      rule: f.rule,
                      severity: f.severity,
                      match: f.match ?? '',
                      reason: ctx.locale === 'zh' ? f.reason.zh : f.reason.en,
                      suggestion: f.suggestion ?? '',
                    })),
                  ),
                )
              : '',
          ]
            .filter(Boolean)
            .join('\n');
        });
      }),
    );

  content
    .command('list')
    .description('Generated content, newest first')
    .option('--status <status>', statuses.join(', '), choiceOption('--status', statuses))
    .option('--kind <kind>', 'ad, description, email, social, story')
    .option('--limit <n>', 'at most this many', intOption('--limit', 1, 10_000), 50)
    .action(
      action(async (ctx, options) => {
        const store = await ctx.store({ existing: true });
        const rows = await listContent(store, {
          ...(options.status ? { status: options.status as ContentStatus } : {}),
          ...(options.kind ? { kind: String(options.kind) } : {}),
          limit: options.limit as number,
        });
        ctx.output.result(rows, () =>
          rows.length
            ? textTable(
                rows.map((r) => ({
                  id: r.id,
                  status: r.status,
                  format: r.format ?? r.kind,
                  locale: r.locale ?? '',
                  engine: r.engine ?? '',
                  lint: r.lintPassed === null ? '' : r.lintPassed ? 'pass' : 'FAIL',
                  text: r.text.replace(/\s+/g, ' ').slice(0, 50),
                })),
              )
            : 'No generated content.',
        );
      }),
    );

  const transitions = [
    ['approve', 'approved', 'Approve drafts (re-linted: a piece that fails lint cannot be approved)'],
    ['reject', 'rejected', 'Reject pieces'],
    ['mark-sent', 'sent', 'Mark approved pieces as sent'],
  ] as const;
  for (const [verb, to, description] of transitions) {
    content
      .command(`${verb} <ids...>`)
      .description(description)
      .option('--reviewer <name>', 'who reviewed (required to approve)')
      .action(
        action(async (ctx, options, ids: string[]) => {
          const store = await ctx.store({ existing: true });
          const changes = await setContentStatus(
            store,
            ctx.config,
            ids,
            to,
            options.reviewer === undefined ? undefined : String(options.reviewer),
          );
          ctx.output.result(changes, () => changes.map((c) => `${c.id}: ${c.from} → ${c.to}`).join('\n'));
        }),
      );
  }
}
