import type { Command } from 'commander';
import { forecastFile } from '../../app/forecast/forecast-file.js';
import { type ForecastRun, runForecast } from '../../app/forecast/forecast-service.js';
import {
  inventoryPlan,
  loadStoredForecast,
  readKeyedNumbers,
  salesPlanFromTargets,
} from '../../app/forecast/plan-service.js';
import {
  type SalesLevel,
  type SalesMeasure,
  type SalesPeriod,
  salesLevels,
  salesMeasures,
  salesPeriods,
} from '../../app/forecast/sales-series-sql.js';
import { type ForecastModelName, forecastModelNames } from '../../forecast/forecast-series.js';
import type { ReconciliationMethod } from '../../forecast/index.js';
import type { CommandContext } from '../context.js';
import { textTable } from '../output.js';
import { action } from '../run-command.js';
import { choiceOption, intOption, numberOption } from './options.js';

const adjective: Readonly<Record<SalesPeriod, string>> = { day: 'daily', week: 'weekly', month: 'monthly' };

const fixed = (x: number | null | undefined, digits = 3) =>
  x === null || x === undefined || !Number.isFinite(x) ? '' : x.toFixed(digits);

function withSeriesOptions(command: Command): Command {
  return command
    .option(
      '--level <level>',
      `total, category, sku, channel or store`,
      choiceOption('--level', salesLevels),
      'total',
    )
    .option(
      '--measure <measure>',
      'revenue, units or orders',
      choiceOption('--measure', salesMeasures),
      'revenue',
    )
    .option('--period <period>', 'day, week or month', choiceOption('--period', salesPeriods), 'day')
    .option(
      '--horizon <n>',
      'periods ahead (default 90 days, 13 weeks or 12 months)',
      intOption('--horizon', 1, 3650),
    )
    .option(
      '--season-length <m>',
      'periods per season (default 7, 52 or 12)',
      intOption('--season-length', 1, 366),
    )
    .option(
      '--model <model>',
      `${forecastModelNames.join(', ')} (auto: back-tested choice among the models that suit the demand)`,
      choiceOption('--model', forecastModelNames),
      'auto',
    )
    .option('--windows <n>', 'rolling-origin back-test windows per series', intOption('--windows', 1, 50), 3)
    .option('--top <n>', 'only the N series with the most volume', intOption('--top', 1, 10_000_000))
    .option(
      '--reconcile <method>',
      'with --level sku: also forecast categories and the total and make them add up (bottom_up, ols, wls_structural, wls_variance, mint_shrink)',
      choiceOption('--reconcile', [
        'bottom_up',
        'ols',
        'wls_structural',
        'wls_variance',
        'mint_shrink',
      ] as const),
    );
}

async function run(ctx: CommandContext, options: Record<string, unknown>): Promise<ForecastRun> {
  const store = await ctx.store({ existing: true });
  let progress: ReturnType<typeof ctx.output.progress> | null = null;
  const result = await runForecast(store, {
    level: options.level as SalesLevel,
    measure: options.measure as SalesMeasure,
    period: options.period as SalesPeriod,
    horizon: options.horizon as number | undefined,
    seasonLength: options.seasonLength as number | undefined,
    model: options.model as ForecastModelName,
    windows: options.windows as number,
    top: options.top as number | undefined,
    ...(options.reconcile !== undefined ? { reconcile: options.reconcile as ReconciliationMethod } : {}),
    money: ctx.config,
    onProgress: (done, total) => {
      progress ??= ctx.output.progress('forecasting', total);
      progress.update(done);
    },
  });
  (progress as ReturnType<typeof ctx.output.progress> | null)?.done();
  return result;
}

function header(r: ForecastRun): string {
  const s = r.summary;
  const chosen = Object.entries(s.chosen)
    .sort((a, b) => b[1] - a[1])
    .map(([m, n]) => `${m} ${n}`)
    .join(', ');
  return [
    `Forecast run ${r.modelRunId} (classic): ${s.series} ${r.level} series of ${adjective[r.period]} ${r.measure}${r.currency ? ` (${r.currency})` : ''}, history ${r.periodStarts[0]} … ${r.periodStarts.at(-1)}, horizon ${r.horizon} (${r.futureStarts[0]} … ${r.futureStarts.at(-1)}), season ${r.seasonLength}; ${(s.durationMs / 1000).toFixed(1)} s`,
    `Models kept: ${chosen}${s.failed > 0 ? `; ${s.failed} failed` : ''}. Back-test (${s.backtested} series): mean MASE ${fixed(s.meanMase)}, sMAPE ${fixed(s.meanSmape, 1)}, 80% interval coverage ${s.meanCoverage80 === null ? '' : `${(s.meanCoverage80 * 100).toFixed(0)}%`}`,
  ].join('\n');
}

/** The JSON document: the run without the histories (they are in the store). */
function jsonOf(r: ForecastRun) {
  return { ...r, series: r.series.map(({ history: _history, ...rest }) => rest) };
}

export function registerForecastCommands(program: Command): void {
  const forecast = program
    .command('forecast')
    .description('Sales and demand forecasts with intervals and back-tests');

  withSeriesOptions(
    forecast
      .command('run')
      .description('Forecast the sales series of a level (stored as a model run with the forecasts)'),
  ).action(
    action(async (ctx, options) => {
      const r = await run(ctx, options);
      ctx.output.result(jsonOf(r), () => {
        const shown = Math.min(5, r.horizon);
        const rows = r.series.slice(0, 25).map((s) => ({
          series: r.reconciliation ? `${s.node}:${s.key}` : s.key,
          demand: s.demand,
          chosen: s.chosen,
          model: s.model,
          mase: fixed(s.mase),
          ...Object.fromEntries(
            Array.from({ length: shown }, (_, h) => [r.futureStarts[h] as string, fixed(s.point[h], 1)]),
          ),
          ...(s.error ? { error: s.error } : {}),
        }));
        const more = r.series.length > 25 ? `\n… ${r.series.length - 25} more series (--json for all)` : '';
        const coherent = r.reconciliation
          ? `\nReconciled (${r.reconciliation.method}${r.reconciliation.shrinkageIntensity === null ? '' : `, shrinkage λ ${r.reconciliation.shrinkageIntensity.toFixed(3)}`}): SKUs add up to categories and categories to the total.`
          : '';
        return `${header(r)}${coherent}\n${textTable(rows)}${more}`;
      });
    }),
  );

  withSeriesOptions(
    forecast
      .command('backtest')
      .description('Rolling-origin back-test: every candidate model scored on every series, side by side'),
  ).action(
    action(async (ctx, options) => {
      const r = await run(ctx, options);
      const byModel = new Map<string, { sum: number; n: number; wins: number; failed: number }>();
      for (const s of r.series)
        for (const [i, score] of s.scores.entries()) {
          const e = byModel.get(score.name) ?? { sum: 0, n: 0, wins: 0, failed: 0 };
          if (score.score === null) e.failed++;
          else {
            e.sum += score.score;
            e.n++;
          }
          if (i === 0) e.wins++;
          byModel.set(score.name, e);
        }
      const models = [...byModel]
        .map(([model, e]) => ({
          model,
          meanScore: e.n ? e.sum / e.n : null,
          series: e.n,
          best: e.wins,
          failed: e.failed,
        }))
        .sort((a, b) => (a.meanScore ?? Infinity) - (b.meanScore ?? Infinity));
      ctx.output.result({ ...jsonOf(r), models }, () =>
        [
          header(r),
          'Scores: MASE on smooth demand, RMSSE on intermittent demand (lower is better).',
          textTable(models.map((m) => ({ ...m, meanScore: fixed(m.meanScore) }))),
        ].join('\n'),
      );
    }),
  );

  forecast
    .command('plan')
    .description('Inventory suggestions (safety stock, reorder point, order now) and a sales plan vs targets')
    .option('--run <id>', 'forecast run to plan from (default: the latest)')
    .option(
      '--lead-time <n>',
      'replenishment lead time, in forecast periods',
      numberOption('--lead-time', 0, 3650),
      7,
    )
    .option('--review-period <n>', 'periods between orders', numberOption('--review-period', 0.001, 3650), 1)
    .option('--service-level <p>', 'cycle service level', numberOption('--service-level', 0.5, 0.9999), 0.95)
    .option('--on-hand <file>', 'stock on hand: a file with columns series,on_hand')
    .option(
      '--targets <file>',
      'sales targets: a file with columns series,period,target (period = first day)',
    )
    .action(
      action(async (ctx, options) => {
        const store = await ctx.store({ existing: true });
        const stored = await loadStoredForecast(store, options.run as string | undefined);
        const onHandFile = options.onHand as string | undefined;
        const onHand = onHandFile
          ? new Map(
              [...(await readKeyedNumbers(onHandFile, { key: 'series', value: 'on_hand' }))].map(
                ([k, v]) => [k, v.get('') ?? 0] as const,
              ),
            )
          : undefined;
        const inventory = inventoryPlan(stored, {
          leadTime: options.leadTime as number,
          reviewPeriod: options.reviewPeriod as number,
          serviceLevel: options.serviceLevel as number,
          ...(onHand ? { onHand } : {}),
        });
        const targetsFile = options.targets as string | undefined;
        const plan = targetsFile
          ? salesPlanFromTargets(
              stored,
              await readKeyedNumbers(targetsFile, { key: 'series', value: 'target', period: 'period' }),
            )
          : null;
        const params = stored.run.params as { level?: string; measure?: string; period?: string };
        ctx.output.result({ forecastRun: stored.run.id, params, inventory, salesPlan: plan }, () => {
          const lines = [
            `Plan from forecast run ${stored.run.id} (${params.level} ${params.measure} by ${params.period}; ${stored.periodStarts[0]} … ${stored.periodStarts.at(-1)}): lead time ${options.leadTime}, review ${options.reviewPeriod}, service level ${options.serviceLevel}${onHand ? '' : '; on hand 0 (give --on-hand)'}`,
            textTable(
              inventory.slice(0, 30).map((l) => ({
                series: l.key,
                lead_time_demand: fixed(l.leadTimeDemand, 1),
                safety_stock: fixed(l.safetyStock, 1),
                reorder_point: fixed(l.reorderPoint, 1),
                order_up_to: fixed(l.orderUpToLevel, 1),
                order_now: l.orderQuantity,
              })),
            ),
          ];
          if (inventory.length > 30) lines.push(`… ${inventory.length - 30} more (--json for all)`);
          if (plan)
            lines.push(
              '',
              textTable(
                plan.rows.map((r) => ({
                  series: r.key,
                  target: fixed(r.total.target, 1),
                  forecast: fixed(r.total.forecast, 1),
                  gap: fixed(r.total.gap, 1),
                  gap_pct: fixed(r.total.gapPercent, 1),
                  p_reach: fixed(r.total.probabilityOfReachingTarget, 2),
                })),
              ),
            );
          return lines.join('\n');
        });
      }),
    );

  forecast
    .command('file')
    .description(
      'Forecast the series of a file (no workspace): chosen model, parameters, AICc, forecast with intervals',
    )
    .requiredOption('--input <file>', 'CSV, TSV, JSONL or Parquet file')
    .requiredOption('--date-col <name>', 'date column')
    .requiredOption('--value-col <name>', 'value column')
    .option('--id-col <name>', 'series id column (one series without it)')
    .requiredOption('--horizon <n>', 'periods ahead', intOption('--horizon', 1, 3650))
    .option(
      '--season-length <m>',
      'periods per season (default 7, 52 or 12 by period)',
      intOption('--season-length', 1, 366),
    )
    .option(
      '--period <period>',
      'day, week or month (default: from the dates)',
      choiceOption('--period', salesPeriods),
    )
    .option(
      '--model <model>',
      forecastModelNames.join(', '),
      choiceOption('--model', forecastModelNames),
      'auto',
    )
    .option('--windows <n>', 'back-test windows per series', intOption('--windows', 1, 50), 3)
    .option('--fill-gaps', 'missing periods are 0 (default: a gap is an error)')
    .option('--date-format <format>', 'auto, dmy, mdy or a pattern like DD/MM/YYYY')
    .option('--encoding <encoding>', 'file encoding (default: detected)')
    .option('--delimiter <char>', 'CSV delimiter (default: detected)')
    .action(
      action(async (ctx, options) => {
        let progress: ReturnType<typeof ctx.output.progress> | null = null;
        const result = await forecastFile(String(options.input), {
          dateColumn: String(options.dateCol),
          valueColumn: String(options.valueCol),
          ...(options.idCol !== undefined ? { idColumn: String(options.idCol) } : {}),
          horizon: options.horizon as number,
          ...(options.seasonLength !== undefined ? { seasonLength: options.seasonLength as number } : {}),
          ...(options.period !== undefined ? { period: options.period as SalesPeriod } : {}),
          model: options.model as ForecastModelName,
          windows: options.windows as number,
          fillGaps: options.fillGaps === true,
          ...(options.dateFormat !== undefined ? { dateFormat: String(options.dateFormat) } : {}),
          ...(options.encoding !== undefined ? { encoding: String(options.encoding) } : {}),
          ...(options.delimiter !== undefined ? { delimiter: String(options.delimiter) } : {}),
          onProgress: (done, total) => {
            progress ??= ctx.output.progress('forecasting', total);
            progress.update(done);
          },
        });
        (progress as ReturnType<typeof ctx.output.progress> | null)?.done();
        ctx.output.result(result, () =>
          [
            `${result.path}: ${result.rows} rows, ${result.series.length} series, ${adjective[result.period]}${result.periodInferred ? ' (from the dates)' : ''}, season ${result.seasonLength}, horizon ${result.horizon} (classic engine)`,
            ...result.series.flatMap((s) => [
              '',
              s.error
                ? `${s.id}: ${s.error}`
                : `${s.id}: ${s.chosen} — ${s.model}${s.aicc === null ? '' : `, AICc ${s.aicc.toFixed(2)}`}; ${Object.entries(
                    s.params,
                  )
                    .slice(0, 6)
                    .map(([k, v]) => `${k} ${Number(v).toPrecision(4)}`)
                    .join(', ')}${s.notes.length ? `\n  ${s.notes.join('\n  ')}` : ''}`,
              ...(s.error
                ? []
                : [
                    textTable(
                      s.dates.map((d, h) => ({
                        date: d,
                        forecast: fixed(s.point[h], 2),
                        lo80: fixed(s.intervals.find((i) => i.level === 80)?.lower[h], 2),
                        hi80: fixed(s.intervals.find((i) => i.level === 80)?.upper[h], 2),
                        lo95: fixed(s.intervals.find((i) => i.level === 95)?.lower[h], 2),
                        hi95: fixed(s.intervals.find((i) => i.level === 95)?.upper[h], 2),
                      })),
                    ),
                  ]),
            ]),
          ].join('\n'),
        );
      }),
    );
}
