import { join } from 'node:path';
import type { Command } from 'commander';
import type { ImportResult } from '../../app/ingest/import-files.js';
import { importFiles } from '../../app/ingest/import-files.js';
import { InputError } from '../../core/errors.js';
import { textTable } from '../output.js';
import { action } from '../run-command.js';

function collectMapping(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const at = value.indexOf('=');
  if (at <= 0 || at === value.length - 1) {
    throw new InputError('usage', `--map expects source=target, got "${value}"`, {
      hint: 'Example: --map "Order No=id" --map "Buyer=customer_id"',
    });
  }
  return { ...previous, [value.slice(0, at).trim()]: value.slice(at + 1).trim() };
}

export function registerIngestCommand(program: Command): void {
  program
    .command('ingest')
    .description(
      'Load CSV (any common encoding incl. GBK), JSONL or Parquet files into a table; bad rows go to quarantine',
    )
    .argument('<table>', 'target table, e.g. customers, orders, order_lines, events, documents')
    .argument('<files...>', 'input files (.csv .tsv .txt .jsonl .ndjson .parquet, optionally .gz)')
    .option('--map <source=target>', 'map a source column to a table column (repeatable)', collectMapping)
    .option('--mapping <file>', 'JSON mapping file: {"columns": {"source": "target"}}')
    .option('--format <format>', 'csv, jsonl or parquet (default: from the file extension)')
    .option('--encoding <encoding>', 'input encoding (default: detected; e.g. utf-8, gbk, gb18030)')
    .option('--delimiter <char>', 'CSV delimiter (default: detected)')
    .option(
      '--quarantine-dir <dir>',
      'where rejected rows are written (default: <workspace>/.marketmind/quarantine)',
    )
    .option(
      '--engine <engine>',
      'auto (DuckDB fast path for large CSVs into DuckDB, exact otherwise), exact or fast',
      'auto',
    )
    .option('--no-quality', 'skip the data-quality report after the import')
    .action(
      action(async (ctx, options, table: string, files: string[]) => {
        if (options.format !== undefined && !['csv', 'jsonl', 'parquet'].includes(String(options.format))) {
          throw new InputError(
            'usage',
            `--format is "${String(options.format)}"; allowed: csv, jsonl, parquet`,
          );
        }
        if (!['auto', 'exact', 'fast'].includes(String(options.engine))) {
          throw new InputError(
            'usage',
            `--engine is "${String(options.engine)}"; allowed: auto, exact, fast`,
          );
        }
        const store = await ctx.store();
        const progress = ctx.output.progress(`Importing ${table}`, 100);
        const { ingest, quality, qualityError } = await importFiles(store, {
          table,
          files,
          mapping: options.map as Record<string, string> | undefined,
          mappingFile: options.mapping as string | undefined,
          format: options.format as 'csv' | 'jsonl' | 'parquet' | undefined,
          encoding: options.encoding as string | undefined,
          delimiter: options.delimiter as string | undefined,
          quarantineDir:
            (options.quarantineDir as string | undefined) ??
            join(ctx.config.dir, '.marketmind', 'quarantine'),
          quality: options.quality !== false,
          engine: options.engine as 'auto' | 'exact' | 'fast',
          onProgress: (p) =>
            progress.update(Math.round((100 * p.bytesRead) / Math.max(p.bytesTotal, 1)), `${p.records} rows`),
        });
        progress.done();
        if (qualityError)
          ctx.output.note(`note: the data are loaded, but the quality check failed: ${qualityError}`);
        ctx.output.result({ ...ingest, quality, ...(qualityError ? { qualityError } : {}) }, () =>
          ingestSummary(ingest, quality, ctx.locale),
        );
      }),
    );
}

/** The human summary of an import, in the user's language. */
function ingestSummary(
  ingest: ImportResult['ingest'],
  quality: ImportResult['quality'],
  locale: 'en' | 'zh',
): string {
  const zh = locale === 'zh';
  const seconds = (ingest.durationMs / 1000).toFixed(1);
  const duplicates = ingest.duplicateIdsInInput;
  const lines = [
    zh
      ? `${ingest.table}：读取 ${ingest.read} 行 = 接受 ${ingest.accepted} + 拒绝 ${ingest.rejected}（新增 ${ingest.inserted}，更新 ${ingest.updated}` +
        `${duplicates ? `，输入中 ${duplicates} 个重复 ID 保留最后一次出现` : ''}），用时 ${seconds} 秒`
      : `${ingest.table}: read ${ingest.read} = accepted ${ingest.accepted} + rejected ${ingest.rejected} (${ingest.inserted} new, ` +
        `${ingest.updated} updated${duplicates ? `, ${duplicates} repeated ids in the input: last occurrence kept` : ''}) in ${seconds} s`,
    textTable(
      ingest.files.map((f) => ({
        file: f.path,
        format: f.format,
        encoding: f.encoding,
        engine: f.engine,
        read: f.read,
        accepted: f.accepted,
        rejected: f.rejected,
      })),
    ),
  ];
  if (ingest.quarantine)
    lines.push(
      zh ? `被拒绝的行及原因：${ingest.quarantine}` : `Rejected rows with reasons: ${ingest.quarantine}`,
    );
  if (Object.keys(ingest.issuesByReason).length) {
    lines.push(textTable(Object.entries(ingest.issuesByReason).map(([reason, rows]) => ({ reason, rows }))));
  }
  for (const note of ingest.notes) lines.push(`note: ${note}`);
  if (quality) {
    lines.push(
      zh
        ? `数据质量：${quality.findings.length} 类问题（详见 marketmind quality ${ingest.table}）`
        : `Data quality: ${quality.findings.length} kinds of finding (see marketmind quality ${ingest.table})`,
    );
  }
  return lines.join('\n');
}
