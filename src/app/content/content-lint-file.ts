import { readFile } from 'node:fs/promises';
import {
  type ContentKind,
  type ContentLocale,
  type FormatId,
  formats,
  type LintFinding,
  lintText,
} from '../../content/index.js';
import type { LoadedConfig } from '../../core/config.js';
import { InputError } from '../../core/errors.js';
import { openSource } from '../../store/ingest/index.js';
import { detectLanguage } from '../../text/index.js';
import { cellText, columnIndex } from '../files/row-file.js';
import { lintOptions } from './content-service.js';

/**
 * `marketmind content lint --input FILE`: lints copy written anywhere (an agency's spreadsheet, a
 * campaign export). A plain text file is one piece per line; CSV/JSONL/Parquet name the text
 * column with `--text-col`. The language of each line is taken from its script unless given.
 */

export interface LintFileOptions {
  readonly textColumn?: string;
  readonly locale?: ContentLocale | 'auto';
  readonly format?: FormatId;
  readonly field?: string;
  readonly kind?: ContentKind;
}

export interface LintedLine {
  readonly row: number;
  readonly locale: ContentLocale;
  readonly passed: boolean;
  readonly findings: readonly LintFinding[];
  /** The start of the text, for display (PII findings never echo the value). */
  readonly preview: string;
}

export interface LintFileResult {
  readonly path: string;
  readonly lines: number;
  readonly passed: number;
  readonly failed: number;
  readonly byRule: Readonly<Record<string, number>>;
  readonly results: readonly LintedLine[];
}

/** The language of a line by the text pipeline's detector; anything but Chinese is linted as English. */
function lineLocale(text: string): ContentLocale {
  return detectLanguage(text).lang === 'zh' ? 'zh' : 'en';
}

async function readPlainLines(path: string): Promise<{ row: number; text: string }[]> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new InputError('file_not_found', `Cannot read ${path}: no such file or not readable`, {
      cause: error,
    });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new InputError('invalid_utf8', `${path} is not valid UTF-8`, {
      cause: error,
      hint: 'Save it as UTF-8, or export it as CSV and pass --text-col (GBK/GB18030 CSV is detected).',
    });
  }
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line, i) => ({ row: i + 1, text: line.trim() }))
    .filter((l) => l.text !== '');
}

async function readColumn(path: string, column: string): Promise<{ row: number; text: string }[]> {
  const source = await openSource(path);
  try {
    const at = columnIndex(source.headers, column, '--text-col', path);
    const lines: { row: number; text: string }[] = [];
    for await (const batch of source.records())
      for (const record of batch) {
        if (record.error)
          throw new InputError('bad_row', `${path} row ${record.rowNumber}: ${record.error.message}`);
        const text = cellText(record.fields[at]);
        if (text !== '') lines.push({ row: record.rowNumber, text });
      }
    return lines;
  } finally {
    await source.close();
  }
}

export async function lintFile(
  config: LoadedConfig,
  path: string,
  options: LintFileOptions = {},
): Promise<LintFileResult> {
  if (options.field !== undefined && options.format === undefined)
    throw new InputError('usage', '--field needs --format (the field limits come from the format)');
  if (
    options.format &&
    options.field &&
    !formats[options.format].fields.some((f) => f.name === options.field)
  )
    throw new InputError(
      'unknown_field',
      `${options.format} has no field "${options.field}"; fields: ${formats[options.format].fields.map((f) => f.name).join(', ')}`,
    );
  const lines =
    options.textColumn === undefined
      ? await readPlainLines(path)
      : await readColumn(path, options.textColumn);
  if (lines.length === 0) throw new InputError('empty_file', `${path} has no text to lint`);
  const lint = lintOptions(config);
  const byRule: Record<string, number> = {};
  const results = lines.map(({ row, text }) => {
    const locale =
      options.locale === undefined || options.locale === 'auto' ? lineLocale(text) : options.locale;
    const result = lintText(
      text,
      {
        locale,
        ...(options.format ? { format: options.format } : {}),
        ...(options.field ? { field: options.field } : {}),
        ...(options.kind
          ? { kind: options.kind }
          : options.format
            ? { kind: formats[options.format].kind }
            : {}),
      },
      lint,
    );
    for (const f of result.findings) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
    return {
      row,
      locale,
      passed: result.passed,
      findings: result.findings,
      preview: result.findings.some((f) => f.rule === 'pii') ? '(contains personal data)' : text.slice(0, 60),
    };
  });
  const passed = results.filter((r) => r.passed).length;
  return { path, lines: results.length, passed, failed: results.length - passed, byRule, results };
}
