/**
 * Streaming JSON Lines reader: one JSON object per line (`\n` or `\r\n`), empty lines skipped.
 * A line that is not valid JSON, or not an object, is returned as a record with an `error`,
 * never thrown. Row number = 1-based count of non-empty lines; `line` = physical line.
 */

export type JsonRecordErrorCode = 'invalid_json' | 'not_an_object';

export interface JsonRecord {
  readonly rowNumber: number;
  readonly line: number;
  readonly object: Readonly<Record<string, unknown>> | undefined;
  readonly raw: string;
  readonly error: { readonly code: JsonRecordErrorCode; readonly message: string } | undefined;
}

export class JsonlRecordScanner {
  private buffer = '';
  private line = 1;
  private rowNumber = 0;

  push(text: string, out: JsonRecord[]): void {
    this.buffer = this.buffer.length === 0 ? text : this.buffer + text;
    this.scan(out, false);
  }

  end(out: JsonRecord[]): void {
    this.scan(out, true);
    this.buffer = '';
  }

  private scan(out: JsonRecord[], final: boolean): void {
    const text = this.buffer;
    const n = text.length;
    let pos = 0;
    while (pos < n) {
      let newline = text.indexOf('\n', pos);
      if (newline === -1) {
        if (!final) break;
        newline = n;
      }
      let end = newline;
      if (end > pos && text.charCodeAt(end - 1) === 13) end -= 1;
      const raw = text.slice(pos, end);
      pos = newline + 1;
      if (raw.trim().length === 0) {
        this.line += 1;
        continue;
      }
      this.rowNumber += 1;
      out.push(parseLine(raw, this.rowNumber, this.line));
      this.line += 1;
    }
    this.buffer = pos >= n ? '' : text.slice(pos);
  }
}

function parseLine(raw: string, rowNumber: number, line: number): JsonRecord {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    const message = error instanceof Error ? error.message : 'invalid JSON';
    return { rowNumber, line, object: undefined, raw, error: { code: 'invalid_json', message } };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      rowNumber,
      line,
      object: undefined,
      raw,
      error: { code: 'not_an_object', message: 'a JSON Lines record must be an object' },
    };
  }
  return { rowNumber, line, object: value as Record<string, unknown>, raw, error: undefined };
}

export async function* readJsonlRecords(
  chunks: AsyncIterable<string> | Iterable<string>,
): AsyncGenerator<JsonRecord[]> {
  const scanner = new JsonlRecordScanner();
  for await (const chunk of chunks) {
    const out: JsonRecord[] = [];
    scanner.push(chunk, out);
    if (out.length > 0) yield out;
  }
  const out: JsonRecord[] = [];
  scanner.end(out);
  if (out.length > 0) yield out;
}
