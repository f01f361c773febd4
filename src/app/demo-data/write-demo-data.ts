import { type FileHandle, mkdir, open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { InputError } from '../../core/errors.js';
import { type ColumnSpec, findTable, type TableSpec, tables as tableSpecs } from '../../core/schema/index.js';
import type { DemoDataSet, DemoRow, RawOverride } from '../../demo/index.js';

/**
 * Writes a generated demo data set to files the way real sources deliver them:
 * - one CSV per table: UTF-8, header = column names, RFC 4180 quoting, CRLF line ends, timestamps
 *   ISO-8601 UTC ('YYYY-MM-DDTHH:mm:ss.sssZ'), json columns as JSON text, null as an empty field
 *   (an empty string is written as "");
 * - customers split by source: `customers_online.csv` (online shop + mini-program, UTF-8 with BOM)
 *   and `customers_stores.csv` (GBK, as a Chinese POS exports it: signup_at like
 *   '2023年3月5日 14:05', birth_date like '1988/03/05', phones as typed at the till). The POS
 *   times are written in UTC, because ingest reads times without an offset as UTC;
 * - events as `events.jsonl` (one JSON object per line, null fields omitted);
 * - planted bad rows (`dataSet.rawOverrides`) right after their anchor rows, with their raw text;
 * - `ground_truth.csv` (the ground_truth table), `ground_truth/<kind>.json` (one JSON array of
 *   {key, value} per kind), `qa_set.jsonl`, and `manifest.json`.
 * Same data set → byte-identical files. Writes are chunked (~1 MB) so 1M rows take a few seconds.
 */

export type DemoFileFormat = 'csv' | 'jsonl';
export type DemoFileEncoding = 'utf-8' | 'utf-8-bom' | 'gbk';

export interface DemoFileEntry {
  /** Target table; files are listed in load order (referenced tables first). */
  readonly table: string;
  /** Path relative to the output directory. */
  readonly file: string;
  readonly format: DemoFileFormat;
  readonly encoding: DemoFileEncoding;
  /** Data rows in the file (header excluded), planted bad rows included. */
  readonly rows: number;
}

/** Files for checking results, not for loading (ground truth per kind, the QA set). */
export interface DemoReferenceFile {
  readonly kind: string;
  readonly file: string;
  readonly format: 'json' | 'jsonl';
  readonly rows: number;
}

export interface DemoFilesManifest {
  readonly version: 1;
  readonly generator: DemoDataSet['options'];
  readonly files: readonly DemoFileEntry[];
  readonly referenceFiles: readonly DemoReferenceFile[];
  /** Per file: how it deviates from the canonical form above. */
  readonly notes: Readonly<Record<string, string>>;
}

const CHUNK_CHARS = 1 << 20;

class ChunkedWriter {
  private parts: string[] = [];
  private size = 0;
  private constructor(
    private readonly handle: FileHandle,
    private readonly encoding: DemoFileEncoding,
    private readonly path: string,
  ) {}

  static async open(path: string, encoding: DemoFileEncoding): Promise<ChunkedWriter> {
    const writer = new ChunkedWriter(await open(path, 'w'), encoding, path);
    if (encoding === 'utf-8-bom') await writer.handle.write(Buffer.from([0xef, 0xbb, 0xbf]));
    return writer;
  }

  async push(text: string): Promise<void> {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= CHUNK_CHARS) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.size === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (this.encoding !== 'gbk') {
      await this.handle.write(Buffer.from(text, 'utf8'));
      return;
    }
    const bytes = iconv.encode(text, 'gbk');
    // iconv-lite silently writes '?' for characters GBK lacks: refuse instead of corrupting data
    if (iconv.decode(bytes, 'gbk') !== text) {
      throw new InputError('unencodable_text', `${this.path}: text has characters that GBK cannot encode`);
    }
    await this.handle.write(bytes);
  }

  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      await this.handle.close();
    }
  }
}

/** RFC 4180 field: quoted when it holds a comma, quote, CR/LF, edge spaces, or is empty. */
export function csvQuote(text: string): string {
  if (text === '' || /[",\r\n]/.test(text) || text.trim() !== text) return `"${text.replaceAll('"', '""')}"`;
  return text;
}

type CellFormatter = (value: unknown, column: ColumnSpec) => string;

/** Canonical text of a value (unquoted); '' for null. */
export const canonicalCell: CellFormatter = (value, column) => {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (column.type === 'json') return JSON.stringify(value);
  if (typeof value === 'string') return value;
  return String(value);
};

/** Chinese POS export: '2023年3月5日 14:05' timestamps (UTC), '1988/03/05' dates. */
export const posCell: CellFormatter = (value, column) => {
  if (value instanceof Date && column.type === 'timestamp') {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${value.getUTCFullYear()}年${value.getUTCMonth() + 1}月${value.getUTCDate()}日 ${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}`;
  }
  if (column.type === 'date' && typeof value === 'string') return value.replaceAll('-', '/');
  return canonicalCell(value, column);
};

function overridesByAnchor(overrides: readonly RawOverride[] | undefined): Map<string, RawOverride[]> {
  const map = new Map<string, RawOverride[]>();
  for (const o of overrides ?? []) {
    const list = map.get(o.afterId);
    if (list) list.push(o);
    else map.set(o.afterId, [o]);
  }
  return map;
}

function csvLine(
  row: DemoRow,
  columns: readonly ColumnSpec[],
  format: CellFormatter,
  cellText?: Readonly<Record<string, string>>,
): string {
  let line = '';
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i] as ColumnSpec;
    const raw = cellText?.[column.name];
    const value = row[column.name];
    const text = raw ?? format(value, column);
    if (i > 0) line += ',';
    line += raw === undefined && (value === null || value === undefined) ? '' : csvQuote(text);
  }
  return `${line}\r\n`;
}

async function writeCsv(
  path: string,
  table: TableSpec,
  rows: readonly DemoRow[],
  encoding: DemoFileEncoding,
  format: CellFormatter,
  overrides: Map<string, RawOverride[]>,
): Promise<number> {
  const writer = await ChunkedWriter.open(path, encoding);
  let count = 0;
  try {
    await writer.push(`${table.columns.map((c) => csvQuote(c.name)).join(',')}\r\n`);
    for (const row of rows) {
      await writer.push(csvLine(row, table.columns, format));
      count++;
      for (const extra of overrides.get(row.id as string) ?? []) {
        await writer.push(csvLine(extra.row, table.columns, format, extra.cellText));
        count++;
      }
    }
  } finally {
    await writer.close();
  }
  return count;
}

function jsonlLine(
  row: DemoRow,
  columns: readonly ColumnSpec[],
  cellText?: Readonly<Record<string, string>>,
): string {
  const object: Record<string, unknown> = {};
  for (const column of columns) {
    const raw = cellText?.[column.name];
    const value = row[column.name];
    if (raw !== undefined) object[column.name] = raw;
    else if (value !== null && value !== undefined)
      object[column.name] = value instanceof Date ? value.toISOString() : value;
  }
  return `${JSON.stringify(object)}\n`;
}

async function writeJsonl(
  path: string,
  table: TableSpec,
  rows: readonly DemoRow[],
  overrides: Map<string, RawOverride[]>,
): Promise<number> {
  const writer = await ChunkedWriter.open(path, 'utf-8');
  let count = 0;
  try {
    for (const row of rows) {
      await writer.push(jsonlLine(row, table.columns));
      count++;
      for (const extra of overrides.get(row.id as string) ?? []) {
        await writer.push(jsonlLine(extra.row, table.columns, extra.cellText));
        count++;
      }
    }
  } finally {
    await writer.close();
  }
  return count;
}

const POS_NOTE =
  "Chinese POS export (GBK): signup_at like '2023年3月5日 14:05' in UTC, birth_date like '1988/03/05', phones as typed (e.g. '138 0013 8000', '+86-138-0013-8000').";

/** Writes `dataSet` under `outDir` (created if missing) and returns the manifest it also writes. */
export async function writeDemoData(dataSet: DemoDataSet, outDir: string): Promise<DemoFilesManifest> {
  for (const name of Object.keys(dataSet.tables)) {
    if (!findTable(name))
      throw new InputError('unknown_table', `demo data set has rows for unknown table '${name}'`);
  }
  await mkdir(join(outDir, 'ground_truth'), { recursive: true });
  const files: DemoFileEntry[] = [];
  const notes: Record<string, string> = {};
  const write = async (
    table: TableSpec,
    file: string,
    rows: readonly DemoRow[],
    format: DemoFileFormat,
    encoding: DemoFileEncoding,
    cell: CellFormatter = canonicalCell,
  ) => {
    const overrides = overridesByAnchor(dataSet.rawOverrides[table.name]);
    const path = join(outDir, file);
    const count =
      format === 'jsonl'
        ? await writeJsonl(path, table, rows, overrides)
        : await writeCsv(path, table, rows, encoding, cell, overrides);
    files.push({ table: table.name, file, format, encoding, rows: count });
  };
  for (const table of tableSpecs) {
    const rows = dataSet.tables[table.name];
    if (!rows || rows.length === 0) continue;
    if (table.name === 'customers') {
      await write(
        table,
        'customers_online.csv',
        rows.filter((r) => r.acquisition_channel !== 'store'),
        'csv',
        'utf-8-bom',
      );
      await write(
        table,
        'customers_stores.csv',
        rows.filter((r) => r.acquisition_channel === 'store'),
        'csv',
        'gbk',
        posCell,
      );
      notes['customers_stores.csv'] = POS_NOTE;
    } else if (table.name === 'events') {
      await write(table, 'events.jsonl', rows, 'jsonl', 'utf-8');
    } else {
      await write(table, `${table.name}.csv`, rows, 'csv', 'utf-8');
    }
  }
  const truthTable = findTable('ground_truth') as TableSpec;
  await write(truthTable, 'ground_truth.csv', dataSet.groundTruth, 'csv', 'utf-8');
  if (dataSet.rawOverrides.orders?.length)
    notes['orders.csv'] = 'Holds planted bad rows (see ground_truth kind planted_bad_row).';

  const referenceFiles: DemoReferenceFile[] = [];
  const byKind = new Map<string, DemoRow[]>();
  for (const row of dataSet.groundTruth) {
    const list = byKind.get(row.kind as string);
    if (list) list.push(row);
    else byKind.set(row.kind as string, [row]);
  }
  for (const [kind, rows] of [...byKind].sort(([a], [b]) => a.localeCompare(b))) {
    const file = `ground_truth/${kind}.json`;
    const body = rows.map((r) => JSON.stringify({ key: r.key, value: r.value })).join(',\n');
    await writeFile(join(outDir, file), `[\n${body}\n]\n`, 'utf8');
    referenceFiles.push({ kind, file, format: 'json', rows: rows.length });
  }
  await writeFile(
    join(outDir, 'qa_set.jsonl'),
    dataSet.qaSet.map((q) => `${JSON.stringify(q)}\n`).join(''),
    'utf8',
  );
  referenceFiles.push({ kind: 'qa_set', file: 'qa_set.jsonl', format: 'jsonl', rows: dataSet.qaSet.length });

  const manifest: DemoFilesManifest = {
    version: 1,
    generator: dataSet.options,
    files,
    referenceFiles,
    notes,
  };
  await writeFile(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  return manifest;
}
