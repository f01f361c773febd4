import { InputError } from '../../core/errors.js';
import {
  type DayOrder,
  inferDayOrder,
  openSource,
  parseAmount,
  parseDateTime,
} from '../../store/ingest/index.js';

/**
 * Reads a plain transactions file (CSV/TSV/JSONL/Parquet, any encoding the ingest detects) into
 * the (customer, time, amount) list the CLV models summarise — for `marketmind clv fit
 * --transactions FILE` without a workspace. Nothing is written anywhere.
 *
 * Policy: a row without a customer id or with an unreadable date or amount is an error that
 * names the row, column and value (up to 10 are listed; nothing is fitted on a half-read file).
 * Rows with a negative amount (refunds, returns) are not purchases: they are left out and counted
 * in `excludedNegative`, which the command reports. A zero amount (a free order) is a purchase,
 * as in the CDNOW data of Fader, Hardie & Lee.
 */

export interface TransactionsFileOptions {
  readonly customerColumn: string;
  readonly dateColumn: string;
  readonly amountColumn?: string;
  /** `auto` (default), `dmy`, `mdy`, or a pattern such as `DD/MM/YYYY`, `MM/DD/YYYY`, `YYYYMMDD`. */
  readonly dateFormat?: string;
  readonly encoding?: string;
  readonly delimiter?: string;
}

export interface Transaction {
  readonly customerId: string;
  readonly at: Date;
  readonly amount?: number;
}

export interface TransactionsFile {
  readonly path: string;
  readonly rows: number;
  readonly transactions: readonly Transaction[];
  readonly excludedNegative: number;
  readonly encoding: string;
}

const maxListedIssues = 10;

/** Maps `--date-format` to the day order the date parser needs (undefined = infer from the data). */
export function dayOrderOf(format: string | undefined): DayOrder | undefined {
  if (format === undefined || format === 'auto') return undefined;
  const f = format.trim().toUpperCase();
  if (f === 'DMY') return 'dmy';
  if (f === 'MDY') return 'mdy';
  const day = f.indexOf('DD');
  const month = f.indexOf('MM');
  const year = f.indexOf('YYYY');
  if (day === -1 || month === -1 || year === -1) {
    throw new InputError(
      'usage',
      `--date-format is "${format}"; expected auto, dmy, mdy or a pattern like DD/MM/YYYY`,
    );
  }
  // Year-first patterns are read unambiguously by the parser; only day-vs-month order matters.
  return day < month ? 'dmy' : 'mdy';
}

function columnIndex(headers: readonly string[], name: string, flag: string, path: string): number {
  const wanted = name.trim().toLowerCase();
  const index = headers.findIndex((h) => h.trim().toLowerCase() === wanted);
  if (index === -1) {
    throw new InputError('unknown_column', `${path} has no column "${name}" (${flag})`, {
      hint: `Columns: ${headers.join(', ')}`,
    });
  }
  return index;
}

const text = (value: unknown): string =>
  value === null || value === undefined
    ? ''
    : value instanceof Date
      ? value.toISOString()
      : String(value).trim();

export async function readTransactionsFile(
  path: string,
  options: TransactionsFileOptions,
): Promise<TransactionsFile> {
  const forcedOrder = dayOrderOf(options.dateFormat);
  const source = await openSource(path, { encoding: options.encoding, delimiter: options.delimiter });
  try {
    const customerAt = columnIndex(source.headers, options.customerColumn, '--customer-col', path);
    const dateAt = columnIndex(source.headers, options.dateColumn, '--date-col', path);
    const amountAt =
      options.amountColumn === undefined
        ? -1
        : columnIndex(source.headers, options.amountColumn, '--amount-col', path);
    const dayOrder = forcedOrder ?? inferDayOrder(source.sample.map((r) => text(r.fields[dateAt])));
    const transactions: Transaction[] = [];
    const issues: string[] = [];
    let issueCount = 0;
    let rows = 0;
    let excludedNegative = 0;
    const problem = (row: number, message: string): void => {
      issueCount += 1;
      if (issues.length < maxListedIssues) issues.push(`row ${row}: ${message}`);
    };
    for await (const batch of source.records()) {
      for (const record of batch) {
        rows += 1;
        if (record.error) {
          problem(record.rowNumber, record.error.message);
          continue;
        }
        const customerId = text(record.fields[customerAt]);
        const dateValue = record.fields[dateAt];
        const dateText = text(dateValue);
        if (customerId === '') {
          problem(record.rowNumber, `${options.customerColumn} is empty`);
          continue;
        }
        const epochMs =
          dateValue instanceof Date ? dateValue.getTime() : parseDateTime(dateText, dayOrder)?.epochMs;
        if (epochMs === undefined) {
          problem(record.rowNumber, `${options.dateColumn} "${dateText}" is not a date`);
          continue;
        }
        if (amountAt === -1) {
          transactions.push({ customerId, at: new Date(epochMs) });
          continue;
        }
        const amountValue = record.fields[amountAt];
        const amount = typeof amountValue === 'number' ? amountValue : parseAmount(text(amountValue));
        if (amount === undefined || !Number.isFinite(amount)) {
          problem(record.rowNumber, `${options.amountColumn} "${text(amountValue)}" is not a number`);
          continue;
        }
        if (amount < 0) {
          excludedNegative += 1;
          continue;
        }
        transactions.push({ customerId, at: new Date(epochMs), amount });
      }
    }
    if (issueCount > 0) {
      throw new InputError(
        'invalid_transactions',
        `${path}: ${issueCount} of ${rows} rows cannot be read as transactions:\n  ${issues.join('\n  ')}${
          issueCount > issues.length ? `\n  … and ${issueCount - issues.length} more` : ''
        }`,
        {
          hint: 'Fix or remove those rows, or check --customer-col / --date-col / --amount-col / --date-format.',
        },
      );
    }
    if (transactions.length === 0) {
      throw new InputError('insufficient_data', `${path} has no purchase rows (${rows} rows read)`);
    }
    return { path, rows, transactions, excludedNegative, encoding: source.encoding };
  } finally {
    await source.close();
  }
}
