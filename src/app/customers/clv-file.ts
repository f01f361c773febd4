import { InputError } from '../../core/errors.js';
import {
  type BgNbdFit,
  type CalibrationReport,
  calibrationReport,
  fitClvModels,
  type GammaGammaFit,
  summarisePurchases,
  type TimeUnit,
} from '../../customers/index.js';
import { readTransactionsFile, type TransactionsFileOptions } from './transactions-file.js';

/**
 * `marketmind clv fit --transactions FILE`: the CLV models straight on a transactions file, no
 * workspace, nothing written. With a calibration end, the models are fitted on the calibration
 * period and checked against the holdout that follows (up to the last transaction).
 */

export interface ClvFileOptions extends TransactionsFileOptions {
  readonly timeUnit?: TimeUnit;
  readonly calibrationEnd?: Date;
  readonly seed?: number;
}

export interface ClvFileResult {
  readonly engine: 'classic';
  readonly model: 'BG/NBD + Gamma-Gamma';
  readonly source: {
    readonly file: string;
    readonly rows: number;
    readonly transactions: number;
    readonly excludedNegative: number;
    readonly encoding: string;
  };
  /** First and last transaction day of the file. */
  readonly dataWindow: { readonly start: string; readonly end: string };
  readonly timeUnit: TimeUnit;
  readonly calibrationEnd: string;
  readonly observationEnd: string | null;
  readonly customers: number;
  readonly repeatCustomers: number;
  readonly bgnbd: BgNbdFit['params'] & {
    readonly standardErrors: BgNbdFit['standardErrors'];
    readonly logLikelihood: number;
    readonly converged: boolean;
  };
  readonly gammagamma:
    | (GammaGammaFit['params'] & {
        readonly standardErrors: GammaGammaFit['standardErrors'];
        readonly customers: number;
        readonly logLikelihood: number;
        readonly frequencySpendCorrelation: number;
        readonly converged: boolean;
      })
    | null;
  readonly validation: CalibrationReport | null;
  readonly notes: readonly string[];
}

const day = (date: Date) => date.toISOString().slice(0, 10);

export async function fitClvFromFile(path: string, options: ClvFileOptions): Promise<ClvFileResult> {
  const timeUnit = options.timeUnit ?? 'week';
  const file = await readTransactionsFile(path, options);
  let last = Number.NEGATIVE_INFINITY;
  let first = Number.POSITIVE_INFINITY;
  for (const t of file.transactions) {
    last = Math.max(last, t.at.getTime());
    first = Math.min(first, t.at.getTime());
  }
  const lastDay = new Date(Math.floor(last / 86_400_000) * 86_400_000);
  if (options.calibrationEnd !== undefined && options.calibrationEnd > lastDay) {
    // T would run past the data: every customer would look older (and quieter) than it is.
    throw new InputError(
      'invalid_argument',
      `--calibration-end ${day(options.calibrationEnd)} is after the last transaction (${day(lastDay)})`,
      { hint: 'Use a date inside the data to keep a holdout period, or leave it out to fit on everything.' },
    );
  }
  const holdout = options.calibrationEnd !== undefined && options.calibrationEnd < lastDay;
  const summary = summarisePurchases(file.transactions, {
    calibrationEnd: options.calibrationEnd ?? lastDay,
    observationEnd: holdout ? lastDay : undefined,
    timeUnit,
  });
  const notes: string[] = [];
  if (file.excludedNegative > 0)
    notes.push(
      `${file.excludedNegative} rows with a negative amount (refunds, returns) were not counted as purchases.`,
    );
  const groups = summary.customerIds.map(() => 'all');
  const models = fitClvModels(summary, groups, { seed: options.seed });
  const spend = options.amountColumn === undefined ? null : (models.spend[0] ?? null);
  if (options.amountColumn === undefined)
    notes.push('No --amount-col: the spend model (Gamma-Gamma) was not fitted.');
  else if (spend?.problem) notes.push(`Gamma-Gamma not fitted: ${spend.problem}`);
  if (!models.bgNbd.converged) notes.push(`BG/NBD: ${models.bgNbd.message}`);
  let repeatCustomers = 0;
  for (const x of summary.frequency) if (x > 0) repeatCustomers += 1;
  const bg = models.bgNbd;
  const gg = spend?.fit ?? null;
  return {
    engine: 'classic',
    model: 'BG/NBD + Gamma-Gamma',
    source: {
      file: path,
      rows: file.rows,
      transactions: file.transactions.length,
      excludedNegative: file.excludedNegative,
      encoding: file.encoding,
    },
    dataWindow: { start: day(new Date(first)), end: day(lastDay) },
    timeUnit,
    calibrationEnd: day(summary.calibrationEnd),
    observationEnd: summary.holdout ? day(summary.holdout.end) : null,
    customers: summary.customerIds.length,
    repeatCustomers,
    bgnbd: {
      ...bg.params,
      standardErrors: bg.standardErrors,
      logLikelihood: bg.logLikelihood,
      converged: bg.converged,
    },
    gammagamma: gg && {
      ...gg.params,
      standardErrors: gg.standardErrors,
      customers: gg.customers,
      logLikelihood: gg.logLikelihood,
      frequencySpendCorrelation: gg.frequencySpendCorrelation,
      converged: gg.converged,
    },
    validation: summary.holdout ? calibrationReport(summary, bg.params) : null,
    notes,
  };
}
