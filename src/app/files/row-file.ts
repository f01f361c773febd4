import { InputError } from '../../core/errors.js';
import { parseAmount } from '../../store/ingest/index.js';

/**
 * Shared pieces of the commands that analyse a plain file without a workspace (`clv fit
 * --transactions`, `experiment analyze --input`): find a column by name (case- and
 * space-insensitive, the same rule as ingest mappings), read a cell as text or number, and collect
 * per-row problems so the whole file is checked before anything is computed — the error lists the
 * first ten with their row numbers and counts the rest.
 */

export function columnIndex(headers: readonly string[], name: string, flag: string, path: string): number {
  const wanted = name.trim().toLowerCase();
  const index = headers.findIndex((h) => h.trim().toLowerCase() === wanted);
  if (index === -1) {
    throw new InputError('unknown_column', `${path} has no column "${name}" (${flag})`, {
      hint: `Columns: ${headers.join(', ')}`,
    });
  }
  return index;
}

export const cellText = (value: unknown): string =>
  value === null || value === undefined
    ? ''
    : value instanceof Date
      ? value.toISOString()
      : String(value).trim();

/** A number cell: numbers as they are, booleans as 0/1, text through the ingest amount parser. */
export function cellNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  const text = cellText(value);
  return text === '' ? undefined : parseAmount(text);
}

const maxListedIssues = 10;

/** Problems found while reading rows; `throwIfAny` reports them all at once. */
export class RowProblems {
  private readonly listed: string[] = [];
  private total = 0;

  add(row: number, message: string): void {
    this.total += 1;
    if (this.listed.length < maxListedIssues) this.listed.push(`row ${row}: ${message}`);
  }

  throwIfAny(code: string, message: string, hint: string): void {
    if (this.total === 0) return;
    const more = this.total > this.listed.length ? `\n  … and ${this.total - this.listed.length} more` : '';
    throw new InputError(
      code,
      `${message.replace('{count}', String(this.total))}:\n  ${this.listed.join('\n  ')}${more}`,
      {
        hint,
      },
    );
  }
}
