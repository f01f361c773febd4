import { once } from 'node:events';
import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { newId } from '../../core/ids.js';
import type { Dialect } from '../store.js';
import { createTextDecoder } from './detect-encoding.js';
import type { OpenedSource } from './source-types.js';

/**
 * Whether a source file may take the DuckDB fast path (fast-csv.ts), decided before the import
 * transaction from what the exact path already knows (format, encoding, delimiter, header) and
 * the first 64 KiB of bytes (line endings). Everything here is a precondition under which
 * DuckDB's reader and the JavaScript scanner split the file into the same lines and fields;
 * what cannot be known up front (a stray `\r` further down, a ragged line) is checked by the
 * fast path itself, which then hands the file back to the exact path.
 *
 * A file in another encoding (GB18030/GBK, Big5, Shift_JIS, windows-125x …) is first decoded
 * with the exact path's own decoder (createTextDecoder, BOM stripped, invalid bytes → U+FFFD)
 * and written as UTF-8 to a temporary file, which DuckDB then reads: the same text the scanner
 * sees, at ~0.1 s per 10 MB, against seconds on the exact path. UTF-16/32 are not transcoded
 * (a lone surrogate the decoder lets through has no UTF-8 form).
 */

export interface FastCsvFile {
  /** Absolute path for DuckDB (the quarantine keeps the path as given). */
  readonly absolutePath: string;
  readonly delimiter: string;
  /**
   * 'lf': no `\r` in the first 64 KiB, DuckDB is told `new_line='\n'` and fails on any `\r` later
   * (a `\r` the scanner would keep inside a value); 'auto': CRLF throughout the first 64 KiB,
   * DuckDB's own detection (it fails on mixed endings; explicit '\r\n' is broken in DuckDB 1.5).
   */
  readonly newline: 'lf' | 'auto';
  readonly compression: 'gzip' | 'none';
  /** `absolutePath` is a UTF-8 copy made for DuckDB: delete it after the import (discard()). */
  readonly transcodedFrom?: string;
}

/** Deletes the temporary UTF-8 copy of a transcoded file, if any. */
export function discard(file: FastCsvFile): void {
  if (file.transcodedFrom !== undefined) rmSync(file.absolutePath, { force: true });
}

export type FastCsvDecision =
  | { readonly eligible: true; readonly file: FastCsvFile }
  | { readonly eligible: false; readonly reason: string };

const sampleBytes = 64 * 1024;

export async function planFastCsv(source: OpenedSource, dialect: Dialect): Promise<FastCsvDecision> {
  const no = (reason: string): FastCsvDecision => ({ eligible: false, reason });
  if (dialect !== 'duckdb') return no('the store is not DuckDB');
  if (source.format !== 'csv') return no(`the format is ${source.format}`);
  if (/^utf-?(16|32)/.test(source.encoding)) return no(`the encoding is ${source.encoding}`);
  const delimiter = source.delimiter ?? ',';
  const code = delimiter.codePointAt(0) ?? 0;
  if (delimiter.length !== 1 || delimiter === '"' || !(code === 9 || (code >= 0x20 && code <= 0x7e))) {
    return no(`the delimiter ${JSON.stringify(delimiter)} is not a printable ASCII character or tab`);
  }
  if (source.headers.some((h) => /[\r\n]/.test(h))) return no('the header has a line break');
  const original = resolve(source.path);
  const gzip = original.toLowerCase().endsWith('.gz');
  let file: FastCsvFile;
  if (source.encoding === 'utf-8') {
    file = { absolutePath: original, delimiter, newline: 'lf', compression: gzip ? 'gzip' : 'none' };
  } else {
    const copy = join(tmpdir(), `marketmind-${newId('utf8')}.csv`);
    try {
      await transcode(original, gzip, source.encoding, copy);
    } catch {
      rmSync(copy, { force: true });
      return no(`it could not be transcoded from ${source.encoding}`);
    }
    file = {
      absolutePath: copy,
      delimiter,
      newline: 'lf',
      compression: 'none',
      transcodedFrom: source.encoding,
    };
  }
  const refuse = (reason: string): FastCsvDecision => {
    discard(file);
    return no(reason);
  };
  // DuckDB expands glob patterns in paths; such a name could read other files.
  if (/[*?[\]{}]/.test(file.absolutePath)) return refuse('the path contains a glob character');
  let sample: Buffer;
  try {
    sample = await readSample(file.absolutePath, file.compression === 'gzip');
  } catch {
    return refuse('its first bytes could not be read again');
  }
  const newline = lineEndings(sample);
  if (newline === undefined) return refuse('the line endings are neither LF nor CRLF throughout');
  return { eligible: true, file: { ...file, newline } };
}

/** Writes the text of `path`, decoded as the exact path decodes it, to `target` as UTF-8. */
async function transcode(path: string, gzip: boolean, encoding: string, target: string): Promise<void> {
  const input = createReadStream(path, { highWaterMark: 1 << 20 });
  const stream = gzip ? input.pipe(createGunzip()) : input;
  const output = createWriteStream(target);
  const decoder = createTextDecoder(encoding);
  const write = async (text: string) => {
    if (text.length > 0 && !output.write(Buffer.from(text, 'utf8'))) await once(output, 'drain');
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) await write(decoder.write(chunk));
    await write(decoder.end());
    output.end();
    await finished(output);
  } catch (error) {
    output.destroy();
    throw error;
  } finally {
    input.destroy();
    if (stream !== input) stream.destroy();
  }
}

/** 'lf' without any `\r`, 'auto' when every line ends with `\r\n`, else undefined. */
export function lineEndings(bytes: Buffer): 'lf' | 'auto' | undefined {
  // The sample may end inside a `\r\n`: drop a trailing `\r`.
  const sample = bytes.at(-1) === 0x0d ? bytes.subarray(0, -1) : bytes;
  if (!sample.includes(0x0d)) return 'lf';
  let crlf = 0;
  let lf = 0;
  for (let at = sample.indexOf(0x0a); at !== -1; at = sample.indexOf(0x0a, at + 1)) {
    lf += 1;
    if (at > 0 && sample[at - 1] === 0x0d) crlf += 1;
  }
  let cr = 0;
  for (let at = sample.indexOf(0x0d); at !== -1; at = sample.indexOf(0x0d, at + 1)) cr += 1;
  return crlf === lf && cr === crlf ? 'auto' : undefined;
}

async function readSample(path: string, gzip: boolean): Promise<Buffer> {
  const file = createReadStream(path, gzip ? { highWaterMark: sampleBytes } : { end: sampleBytes - 1 });
  const stream = gzip ? file.pipe(createGunzip()) : file;
  const parts: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      parts.push(chunk);
      total += chunk.length;
      if (total >= sampleBytes) break;
    }
  } finally {
    file.destroy();
    if (stream !== file) stream.destroy();
  }
  return Buffer.concat(parts).subarray(0, sampleBytes);
}
