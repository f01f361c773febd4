import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The quarantine file of one import: one CSV record per rejected source record, with columns
 * `file, row_number, line, column, reason, original`. A record with several bad columns lists
 * them all: `column` joins the column names with ';' (empty for record-level problems such as a
 * stray quote) and `reason` joins `column: code (detail)` items with '; '. `line` is the physical
 * line (1-based, blank lines counted) the record starts on, and `original` the raw record text
 * as in the file (without its line ending). Both ingest engines write the same records: the
 * DuckDB fast path (fast-csv.ts) reads each rejected record's line back from the file and runs
 * it through the exact path's scanner and RowBuilder (ingest.equivalence.test.ts checks it).
 *
 * Written as UTF-8 with a BOM (so spreadsheet programs show Chinese text correctly) to a hidden
 * temporary name, and renamed to `<table>-<importId>.quarantine.csv` only by `commit()`, which the
 * ingest calls after the store transaction has committed; `abort()` deletes it. Nothing is
 * created when nothing is rejected.
 */

export interface QuarantineIssue {
  /** Target column, or '' for a problem of the whole record. */
  readonly column: string;
  readonly code: string;
  readonly message: string;
}

export interface QuarantineEntry {
  readonly file: string;
  readonly rowNumber: number;
  readonly line: number;
  readonly issues: readonly QuarantineIssue[];
  readonly original: string;
}

export const quarantineHeader = ['file', 'row_number', 'line', 'column', 'reason', 'original'] as const;

const flushAt = 1 << 20;

export class QuarantineWriter {
  readonly finalPath: string;
  readonly tempPath: string;
  private fd: number | undefined;
  private pending: string[] = [];
  private pendingChars = 0;
  private count = 0;

  constructor(
    readonly directory: string,
    table: string,
    importId: string,
  ) {
    this.finalPath = join(directory, `${table}-${importId}.quarantine.csv`);
    this.tempPath = join(directory, `.${table}-${importId}.quarantine.csv.tmp`);
  }

  get entries(): number {
    return this.count;
  }

  add(entry: QuarantineEntry): void {
    const columns = entry.issues
      .map((i) => i.column)
      .filter((c) => c.length > 0)
      .join(';');
    const reason = entry.issues
      .map((i) => `${i.column.length > 0 ? `${i.column}: ` : ''}${i.code} (${i.message})`)
      .join('; ');
    const line = `${[entry.file, String(entry.rowNumber), String(entry.line), columns, reason, entry.original]
      .map(csvField)
      .join(',')}\r\n`;
    if (this.count === 0) this.pending.push(`\uFEFF${quarantineHeader.join(',')}\r\n`);
    this.count += 1;
    this.pending.push(line);
    this.pendingChars += line.length;
    if (this.pendingChars >= flushAt) this.flush();
  }

  /** Moves the file to its final name; returns that path, or null when nothing was rejected. */
  commit(): string | null {
    if (this.count === 0) return null;
    this.flush();
    this.close();
    renameSync(this.tempPath, this.finalPath);
    return this.finalPath;
  }

  /** Deletes the temporary file. */
  abort(): void {
    this.pending = [];
    this.close();
    rmSync(this.tempPath, { force: true });
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    if (this.fd === undefined) {
      // Rejected rows hold personal data: the folder is private to the user.
      mkdirSync(this.directory, { recursive: true, mode: 0o700 });
      this.fd = openSync(this.tempPath, 'w');
    }
    writeSync(this.fd, this.pending.join(''));
    this.pending = [];
    this.pendingChars = 0;
  }

  private close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** RFC 4180 field: quoted when it contains a comma, quote, CR or LF. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
