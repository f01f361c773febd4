import { createReadStream, type ReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { InputError } from '../../core/errors.js';
import { type CsvRecord, CsvRecordScanner } from './csv-records.js';
import { detectDialect, parseDelimiterOption } from './detect-dialect.js';
import { checkEncodingName, createTextDecoder, detectEncoding } from './detect-encoding.js';
import { JsonlRecordScanner, type JsonRecord } from './jsonl-records.js';
import { openParquetSource } from './parquet-records.js';

/**
 * Opening a source file for ingest: format from the extension (or the caller), the byte stream
 * (gunzipped for `.gz`), encoding and dialect detection on the first 64 KiB, and the header — all
 * before any record is handed out, so mapping errors surface before anything is written.
 */

import type { OpenedSource, SourceFormat, SourceRecord } from './source-types.js';

export type { OpenedSource, SourceFormat, SourceRecord } from './source-types.js';

export interface OpenSourceOptions {
  readonly format?: SourceFormat;
  readonly encoding?: string;
  readonly delimiter?: string;
}

const sampleBytes = 64 * 1024;
const jsonlSampleRecords = 1000;

export function formatFromPath(path: string): SourceFormat | undefined {
  const name = path.toLowerCase().replace(/\.gz$/, '');
  if (/\.(csv|tsv|txt)$/.test(name)) return 'csv';
  if (/\.(jsonl|ndjson)$/.test(name)) return 'jsonl';
  if (name.endsWith('.parquet') && !path.toLowerCase().endsWith('.gz')) return 'parquet';
  return undefined;
}

export async function openSource(path: string, options: OpenSourceOptions = {}): Promise<OpenedSource> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new InputError('not_a_file', `${path} is not a file`);
    size = info.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError('file_not_found', `Cannot read ${path}: no such file or not readable`, {
      cause: error,
    });
  }
  if (size === 0) throw new InputError('empty_file', `${path} is empty`);
  const format = options.format ?? formatFromPath(path);
  if (!format) {
    throw new InputError('unknown_format', `Cannot tell the format of ${path} from its name`, {
      hint: 'Use .csv/.tsv/.txt, .jsonl/.ndjson (optionally .gz) or .parquet, or pass --format csv|jsonl|parquet.',
    });
  }
  if (format === 'parquet') return openParquetSource(path, size);
  const encodingOverride = options.encoding === undefined ? undefined : checkEncodingName(options.encoding);
  const bytes = openBytes(path);
  try {
    const sample = await bytes.readAtLeast(sampleBytes);
    const encoding = encodingOverride ?? detectEncoding(sample.bytes).encoding;
    const decoder = createTextDecoder(encoding);
    const text = decoder.write(sample.bytes);
    const input: TextInput = { bytes, decoder, first: text, done: sample.done };
    return format === 'csv'
      ? await openCsv(
          path,
          size,
          input,
          encoding,
          options.delimiter === undefined
            ? detectDialect(text, !sample.done).delimiter
            : parseDelimiterOption(options.delimiter),
        )
      : await openJsonl(path, size, input, encoding);
  } catch (error) {
    bytes.close();
    throw error;
  }
}

interface ByteInput {
  readAtLeast(count: number): Promise<{ bytes: Buffer; done: boolean }>;
  next(): Promise<Buffer | undefined>;
  bytesRead(): number;
  close(): void;
}

interface TextInput {
  readonly bytes: ByteInput;
  readonly decoder: { write(bytes: Buffer): string; end(): string };
  readonly first: string;
  readonly done: boolean;
}

function openBytes(path: string): ByteInput {
  const file: ReadStream = createReadStream(path, { highWaterMark: 1 << 20 });
  const stream = path.toLowerCase().endsWith('.gz') ? file.pipe(createGunzip()) : file;
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const next = async (): Promise<Buffer | undefined> => {
    try {
      const result = await iterator.next();
      return result.done ? undefined : result.value;
    } catch (error) {
      throw new InputError('unreadable_file', `Cannot read ${path}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  };
  return {
    next,
    async readAtLeast(count) {
      const parts: Buffer[] = [];
      let total = 0;
      while (total < count) {
        const chunk = await next();
        if (chunk === undefined) return { bytes: Buffer.concat(parts), done: true };
        parts.push(chunk);
        total += chunk.length;
      }
      return { bytes: Buffer.concat(parts), done: false };
    },
    bytesRead: () => file.bytesRead,
    close: () => {
      file.destroy();
      if (stream !== file) stream.destroy();
    },
  };
}

/** Decoded text chunks after the first, the decoder's tail included. */
async function* moreText(input: TextInput): AsyncGenerator<string> {
  if (input.done) {
    const tail = input.decoder.end();
    if (tail.length > 0) yield tail;
    return;
  }
  for (;;) {
    const chunk = await input.bytes.next();
    if (chunk === undefined) break;
    yield input.decoder.write(chunk);
  }
  const tail = input.decoder.end();
  if (tail.length > 0) yield tail;
}

async function openCsv(
  path: string,
  size: number,
  input: TextInput,
  encoding: string,
  delimiter: string,
): Promise<OpenedSource> {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new InputError(
      'invalid_delimiter',
      `Invalid delimiter ${JSON.stringify(delimiter)}: use one character`,
    );
  }
  const scanner = new CsvRecordScanner({ delimiter });
  const sample: CsvRecord[] = [];
  scanner.push(input.first, sample);
  const rest = moreText(input);
  let ended = false;
  while (!scanner.header) {
    const next = await rest.next();
    if (next.done) {
      scanner.end(sample);
      ended = true;
      break;
    }
    scanner.push(next.value, sample);
  }
  const header = scanner.header;
  if (!header) throw new InputError('empty_file', `${path} has no header row (only empty lines)`);
  if (header.error) {
    throw new InputError('invalid_header', `${path}: the header row is malformed (${header.error.message})`);
  }
  return {
    path,
    format: 'csv',
    encoding,
    delimiter,
    headers: header.fields,
    bytesTotal: size,
    sample,
    async *records() {
      if (sample.length > 0) yield sample;
      if (ended) return;
      for await (const text of rest) {
        const out: CsvRecord[] = [];
        scanner.push(text, out);
        if (out.length > 0) yield out;
      }
      const out: CsvRecord[] = [];
      scanner.end(out);
      if (out.length > 0) yield out;
    },
    bytesRead: () => input.bytes.bytesRead(),
    notes: () => [],
    close: async () => input.bytes.close(),
  };
}

async function openJsonl(
  path: string,
  size: number,
  input: TextInput,
  encoding: string,
): Promise<OpenedSource> {
  const scanner = new JsonlRecordScanner();
  const first: JsonRecord[] = [];
  scanner.push(input.first, first);
  const rest = moreText(input);
  let ended = false;
  while (first.length < jsonlSampleRecords) {
    const next = await rest.next();
    if (next.done) {
      scanner.end(first);
      ended = true;
      break;
    }
    scanner.push(next.value, first);
  }
  if (first.length === 0) throw new InputError('empty_file', `${path} has no records (only empty lines)`);
  const headers: string[] = [];
  const known = new Set<string>();
  for (const record of first) {
    for (const key of Object.keys(record.object ?? {})) {
      if (!known.has(key)) {
        known.add(key);
        headers.push(key);
      }
    }
  }
  const lateKeys = new Set<string>();
  const toSource = (record: JsonRecord): SourceRecord => {
    const object = record.object;
    if (object) for (const key in object) if (!known.has(key)) lateKeys.add(key);
    return {
      rowNumber: record.rowNumber,
      line: record.line,
      fields: object ? headers.map((h) => object[h]) : [],
      raw: record.raw,
      error: record.error,
    };
  };
  const sample = first.map(toSource);
  return {
    path,
    format: 'jsonl',
    encoding,
    headers,
    bytesTotal: size,
    sample,
    async *records() {
      yield sample;
      if (ended) return;
      for await (const text of rest) {
        const out: JsonRecord[] = [];
        scanner.push(text, out);
        if (out.length > 0) yield out.map(toSource);
      }
      const out: JsonRecord[] = [];
      scanner.end(out);
      if (out.length > 0) yield out.map(toSource);
    },
    bytesRead: () => input.bytes.bytesRead(),
    notes: () =>
      lateKeys.size === 0
        ? []
        : [
            `${path}: keys first seen after the first ${jsonlSampleRecords} records were ignored: ${[...lateKeys].join(', ')}`,
          ],
    close: async () => input.bytes.close(),
  };
}
