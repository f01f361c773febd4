import type { Command } from 'commander';
import { fitClvFromFile } from '../../app/customers/clv-file.js';
import { predictClv } from '../../app/customers/clv-predict.js';
import { type ClvRun, fitClv } from '../../app/customers/clv-service.js';
import { InputError } from '../../core/errors.js';
import type { TimeUnit } from '../../customers/index.js';
import { textTable } from '../output.js';
import { action } from '../run-command.js';
import { asOfOption, choiceOption, dateOption, intOption, numberOption } from './options.js';

const timeUnits: readonly TimeUnit[] = ['day', 'week', 'month'];

const money = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : n.toFixed(2));

/** The JSON document of a workspace fit: models, validation and a summary of the scores. */
function fitDocument(run: ClvRun) {
  const { scores, models, validation } = run;
  let total = 0;
  let valued = 0;
  for (let i = 0; i < scores.clv.length; i++) {
    if (scores.valued[i]) {
      total += scores.clv[i] as number;
      valued += 1;
    }
  }
  return {
    modelRunId: run.modelRunId,
    engine: run.engine,
    model: 'BG/NBD + Gamma-Gamma',
    timeUnit: run.timeUnit,
    asOf: run.asOf.toISOString(),
    dataWindow: { start: run.dataWindow.start.toISOString(), end: run.dataWindow.end.toISOString() },
    currency: run.currency,
    customers: scores.customerIds.length,
    bgnbd: {
      ...models.bgNbd.params,
      standardErrors: models.bgNbd.standardErrors,
      logLikelihood: models.bgNbd.logLikelihood,
      converged: models.bgNbd.converged,
    },
    gammagamma: models.spend.map((s) => ({
      market: s.group,
      customers: s.customers,
      ...(s.fit
        ? { ...s.fit.params, standardErrors: s.fit.standardErrors, repeatCustomers: s.fit.customers }
        : { problem: s.problem }),
    })),
    clv: {
      horizonMonths: scores.horizonMonths,
      monthlyDiscountRate: scores.monthlyDiscountRate,
      intervalLevel: scores.level,
      intervalMethod: scores.intervalMethod,
      total,
      mean: valued > 0 ? total / valued : null,
      valuedCustomers: valued,
    },
    validation: validation && {
      calibrationEnd: validation.calibrationEnd.toISOString(),
      observationEnd: validation.observationEnd.toISOString(),
      holdoutDuration: validation.report.holdoutDuration,
      overall: validation.report.overall,
      buckets: validation.report.buckets,
    },
    notes: run.notes,
  };
}

export function registerClvCommands(program: Command): void {
  const clv = program
    .command('clv')
    .description('Customer lifetime value: BG/NBD purchase model + Gamma-Gamma spend model');

  clv
    .command('fit')
    .description(
      'Fit, validate on a holdout and score every customer (workspace), or fit on a transactions file (--transactions)',
    )
    .option(
      '--time-unit <unit>',
      'model time unit: day, week or month',
      choiceOption('--time-unit', timeUnits),
      'week',
    )
    .option(
      '--calibration-end <date>',
      'holdout split YYYY-MM-DD (workspace default: last quarter of the window)',
    )
    .option('--no-validation', 'workspace: skip the holdout validation')
    .option('--as-of <date>', 'workspace: score as of this day (default: last order)', asOfOption('--as-of'))
    .option('--horizon <months>', 'CLV horizon in months', intOption('--horizon', 1, 120), 12)
    .option('--discount-rate <rate>', 'discount rate per month', numberOption('--discount-rate', 0, 1), 0.01)
    .option('--level <level>', 'interval level', numberOption('--level', 0.5, 0.999), 0.9)
    .option('--seed <n>', 'random seed', intOption('--seed', 0, 2 ** 31 - 1), 1)
    .option(
      '--transactions <file>',
      'fit on this transactions file instead of the workspace (nothing is stored)',
    )
    .option('--customer-col <name>', 'with --transactions: customer id column')
    .option('--date-col <name>', 'with --transactions: purchase date column')
    .option('--amount-col <name>', 'with --transactions: amount column (needed for the spend model)')
    .option(
      '--date-format <format>',
      'with --transactions: auto, dmy, mdy or a pattern like DD/MM/YYYY',
      'auto',
    )
    .option('--encoding <encoding>', 'with --transactions: file encoding (default: detected)')
    .option('--delimiter <char>', 'with --transactions: CSV delimiter (default: detected)')
    .action(
      action(async (ctx, options) => {
        const timeUnit = options.timeUnit as TimeUnit;
        const calibrationEnd =
          options.calibrationEnd === undefined
            ? undefined
            : dateOption('--calibration-end')(String(options.calibrationEnd));
        if (options.transactions !== undefined) {
          if (options.customerCol === undefined || options.dateCol === undefined) {
            throw new InputError('usage', '--transactions needs --customer-col and --date-col', {
              hint: 'Example: marketmind clv fit --transactions tx.csv --customer-col customer --date-col date --amount-col amount',
            });
          }
          const result = await fitClvFromFile(String(options.transactions), {
            customerColumn: String(options.customerCol),
            dateColumn: String(options.dateCol),
            amountColumn: options.amountCol === undefined ? undefined : String(options.amountCol),
            dateFormat: String(options.dateFormat),
            encoding: options.encoding as string | undefined,
            delimiter: options.delimiter as string | undefined,
            calibrationEnd,
            timeUnit,
            seed: options.seed as number,
          });
          ctx.output.result(result, () => {
            const b = result.bgnbd;
            const g = result.gammagamma;
            const lines = [
              `${result.customers} customers (${result.repeatCustomers} with repeat purchases), calibration to ${result.calibrationEnd}, time unit ${result.timeUnit}`,
              `BG/NBD        r=${b.r.toFixed(4)} alpha=${b.alpha.toFixed(4)} a=${b.a.toFixed(4)} b=${b.b.toFixed(4)}  (log-likelihood ${b.logLikelihood.toFixed(2)})`,
              g
                ? `Gamma-Gamma   p=${g.p.toFixed(4)} q=${g.q.toFixed(4)} v=${g.v.toFixed(4)}  (${g.customers} repeat customers)`
                : 'Gamma-Gamma   not fitted',
            ];
            if (result.validation) {
              lines.push(
                `Holdout to ${result.observationEnd}: actual ${result.validation.overall.actualTotal} vs predicted ${result.validation.overall.predictedTotal.toFixed(1)} repeat purchases; MAE per customer ${result.validation.overall.meanAbsoluteError.toFixed(3)}`,
              );
            }
            return [...lines, ...result.notes.map((n) => `note: ${n}`)].join('\n');
          });
          return;
        }
        const store = await ctx.store({ existing: true });
        const run = await fitClv(store, {
          timeUnit,
          asOf: options.asOf as Date | undefined,
          calibrationEnd: options.validation === false ? 'none' : (calibrationEnd ?? 'auto'),
          horizonMonths: options.horizon as number,
          monthlyDiscountRate: options.discountRate as number,
          level: options.level as number,
          seed: options.seed as number,
          money: ctx.config,
        });
        const doc = fitDocument(run);
        ctx.output.result(doc, () => {
          const b = doc.bgnbd;
          const lines = [
            `CLV run ${doc.modelRunId} (classic, BG/NBD + Gamma-Gamma) as of ${doc.asOf.slice(0, 10)}, ${doc.customers} customers`,
            `BG/NBD        r=${b.r.toFixed(4)} alpha=${b.alpha.toFixed(4)} a=${b.a.toFixed(4)} b=${b.b.toFixed(4)}  (time unit ${doc.timeUnit})`,
            ...doc.gammagamma.map((g) =>
              'p' in g
                ? `Gamma-Gamma   ${g.market}: p=${(g.p as number).toFixed(4)} q=${(g.q as number).toFixed(4)} v=${(g.v as number).toFixed(4)}`
                : `Gamma-Gamma   ${g.market}: not fitted (${g.problem})`,
            ),
            `CLV over ${doc.clv.horizonMonths} months (${doc.currency}, ${(doc.clv.monthlyDiscountRate * 100).toFixed(1)}%/month): total ${money(doc.clv.total)}, mean ${money(doc.clv.mean)}`,
          ];
          if (doc.validation) {
            lines.push(
              `Holdout ${doc.validation.calibrationEnd.slice(0, 10)} … ${doc.validation.observationEnd.slice(0, 10)}: actual ${doc.validation.overall.actualTotal} vs predicted ${doc.validation.overall.predictedTotal.toFixed(1)} repeat purchases; MAE per customer ${doc.validation.overall.meanAbsoluteError.toFixed(3)}`,
            );
          }
          return [...lines, ...doc.notes.map((n) => `note: ${n[ctx.locale]}`)].join('\n');
        });
      }),
    );

  clv
    .command('predict')
    .description('Per-customer P(alive), expected purchases and CLV from the latest (or a given) CLV run')
    .option('--run <id>', 'CLV run id (default: the latest)')
    .option('--customer <id...>', 'only these customers')
    .option('--top <n>', 'otherwise the top N customers by CLV', intOption('--top', 1, 100_000), 20)
    .option(
      '--horizon <months>',
      'CLV horizon in months (default: the run’s)',
      intOption('--horizon', 1, 120),
    )
    .option(
      '--discount-rate <rate>',
      'discount rate per month (default: the run’s)',
      numberOption('--discount-rate', 0, 1),
    )
    .action(
      action(async (ctx, options) => {
        const store = await ctx.store({ existing: true });
        const result = await predictClv(store, {
          runId: options.run as string | undefined,
          customerIds: options.customer as string[] | undefined,
          top: options.top as number,
          horizonMonths: options.horizon as number | undefined,
          monthlyDiscountRate: options.discountRate as number | undefined,
        });
        ctx.output.result(result, () =>
          [
            `CLV run ${result.modelRunId} (classic, BG/NBD + Gamma-Gamma) as of ${result.asOf.slice(0, 10)}; ${result.horizonMonths} months, ${(result.monthlyDiscountRate * 100).toFixed(1)}%/month, ${Math.round(result.level * 100)}% intervals, ${result.currency}`,
            textTable(
              result.predictions.map((p) => ({
                customer: p.customerId,
                p_alive: p.probabilityAlive,
                exp_purchases: p.expectedPurchases,
                exp_spend: money(p.expectedSpend),
                clv: money(p.clv),
                interval: p.clv === null ? '' : `${money(p.clvLower)} – ${money(p.clvUpper)}`,
                days_overdue: p.daysSinceExpectedPurchase,
              })),
            ),
          ].join('\n'),
        );
      }),
    );
}
