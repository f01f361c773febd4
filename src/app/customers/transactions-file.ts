import { InputError } from '../../core/errors.js';
import { type DayOrder, inferDayOrder, openSource, parseDateTime } from '../../store/ingest/index.js';
import { cellNumber, cellText, columnIndex, RowProblems } from '../files/row-file.js';

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
    const dayOrder = forcedOrder ?? inferDayOrder(source.sample.map((r) => cellText(r.fields[dateAt])));
    const transactions: Transaction[] = [];
    const problems = new RowProblems();
    let rows = 0;
    let excludedNegative = 0;
    for await (const batch of source.records()) {
      for (const record of batch) {
        rows += 1;
        if (record.error) {
          problems.add(record.rowNumber, record.error.message);
          continue;
        }
        const customerId = cellText(record.fields[customerAt]);
        const dateValue = record.fields[dateAt];
        const dateText = cellText(dateValue);
        if (customerId === '') {
          problems.add(record.rowNumber, `${options.customerColumn} is empty`);
          continue;
        }
        const epochMs =
          dateValue instanceof Date ? dateValue.getTime() : parseDateTime(dateText, dayOrder)?.epochMs;
        if (epochMs === undefined) {
          problems.add(record.rowNumber, `${options.dateColumn} "${dateText}" is not a date`);
          continue;
        }
        if (amountAt === -1) {
          transactions.push({ customerId, at: new Date(epochMs) });
          continue;
        }
        const amountValue = record.fields[amountAt];
        const amount = cellNumber(amountValue);
        if (amount === undefined || !Number.isFinite(amount)) {
          problems.add(
            record.rowNumber,
            `${options.amountColumn} "${cellText(amountValue)}" is not a number`,
          );
          continue;
        }
        if (amount < 0) {
          excludedNegative += 1;
          continue;
        }
        transactions.push({ customerId, at: new Date(epochMs), amount });
      }
    }
    problems.throwIfAny(
      'invalid_transactions',
      `${path}: {count} of ${rows} rows cannot be read as transactions`,
      'Fix or remove those rows, or check --customer-col / --date-col / --amount-col / --date-format.',
    );
    if (transactions.length === 0) {
      throw new InputError('insufficient_data', `${path} has no purchase rows (${rows} rows read)`);
    }
    return { path, rows, transactions, excludedNegative, encoding: source.encoding };
  } finally {
    await source.close();
  }
}
