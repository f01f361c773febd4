import type { Command } from 'commander';
import { runCohorts } from '../../app/customers/cohort-service.js';
import { runLoyaltyTiers } from '../../app/customers/loyalty-service.js';
import { runRfm } from '../../app/customers/rfm-service.js';
import { textTable } from '../output.js';
import { action } from '../run-command.js';
import { registerSegmentCommand } from './customers-segment.command.js';
import { asOfOption, choiceOption, intOption, numberOption } from './options.js';

const pct = (x: number | null) => (x === null ? '' : `${(x * 100).toFixed(1)}%`);

export function registerCustomersCommands(program: Command): void {
  const customers = program
    .command('customers')
    .description('Customer value: RFM segments, k-means segments, cohorts and retention, loyalty tiers');

  customers
    .command('rfm')
    .description('RFM quintile scores and the classic RFM segments (Champions, Loyal, At risk …)')
    .option('--as-of <date>', 'score as of this day (default: last order)', asOfOption('--as-of'))
    .action(
      action(async (ctx, options) => {
        const store = await ctx.store({ existing: true });
        const run = await runRfm(store, { asOf: options.asOf as Date | undefined, money: ctx.config });
        ctx.output.result(run, () =>
          [
            `RFM run ${run.modelRunId} (classic) as of ${run.asOf.toISOString().slice(0, 10)}: ${run.customers} customers, monetary in ${run.currency}`,
            textTable(
              run.segments
                .filter((s) => s.customers > 0)
                .map((s) => ({
                  segment: ctx.locale === 'zh' ? s.nameZh : s.nameEn,
                  customers: s.customers,
                  share: pct(s.share),
                  mean_recency_days: s.meanRecencyDays,
                  mean_orders: s.meanFrequency,
                  mean_order_value: s.meanMonetary,
                  revenue_share: pct(s.revenueShare),
                })),
            ),
          ].join('\n'),
        );
      }),
    );

  registerSegmentCommand(customers);

  customers
    .command('cohorts')
    .description('Acquisition cohorts: retention matrix and the period retention rate')
    .option(
      '--period <period>',
      'month or week',
      choiceOption('--period', ['month', 'week'] as const),
      'month',
    )
    .option('--periods <n>', 'periods shown per cohort', intOption('--periods', 2, 520))
    .option('--as-of <date>', 'as of this day (default: last order)', asOfOption('--as-of'))
    .option(
      '--retention-days <n>',
      'length of the retention-rate period and of the "active" window (default 365)',
      intOption('--retention-days', 1, 3650),
    )
    .action(
      action(async (ctx, options) => {
        const store = await ctx.store({ existing: true });
        const run = await runCohorts(store, {
          period: options.period as 'month' | 'week',
          maxPeriods: options.periods as number | undefined,
          asOf: options.asOf as Date | undefined,
          retentionPeriodDays: options.retentionDays as number | undefined,
        });
        ctx.output.result(run, () => {
          const periods = run.matrix.averageRetention.length;
          const header = Array.from(
            { length: periods },
            (_, i) => `${run.matrix.period === 'month' ? 'M' : 'W'}${i}`,
          );
          const rows = run.matrix.cohorts.map((c) => ({
            cohort: c.cohort,
            size: c.size,
            ...Object.fromEntries(
              header.map((h, i) => [h, i < c.retention.length ? pct(c.retention[i] ?? 0) : '']),
            ),
          }));
          const r = run.retention;
          return [
            `Cohort run ${run.modelRunId} (classic) as of ${run.asOf.toISOString().slice(0, 10)}`,
            textTable(rows),
            r
              ? `Retention rate over the last ${r.activeWindowDays} days: ${pct(r.rate)} (active at both ends ${r.retained} / at the start ${r.atStart}); CRR (E ${r.atEnd} − N ${r.newInPeriod}) / S ${r.atStart} = ${pct(r.crr)}`
              : '',
            ...run.notes.map((n) => n[ctx.locale]),
          ]
            .filter(Boolean)
            .join('\n');
        });
      }),
    );

  customers
    .command('tiers')
    .description('Loyalty tiers from the latest CLV run, and movement since the previous tier run')
    .option('--clv-run <id>', 'CLV run to tier (default: the latest)')
    .option(
      '--platinum <share>',
      'share of the non-dormant customers in platinum',
      numberOption('--platinum', 0, 1),
    )
    .option('--gold <share>', 'share of the non-dormant customers in gold', numberOption('--gold', 0, 1))
    .option(
      '--silver <share>',
      'share of the non-dormant customers in silver',
      numberOption('--silver', 0, 1),
    )
    .option(
      '--dormant-below <p>',
      'dormant when P(alive) is below this',
      numberOption('--dormant-below', 0, 1),
    )
    .action(
      action(async (ctx, options) => {
        const store = await ctx.store({ existing: true });
        const run = await runLoyaltyTiers(store, {
          clvRunId: options.clvRun as string | undefined,
          thresholds: {
            ...(options.platinum !== undefined ? { platinumShare: options.platinum as number } : {}),
            ...(options.gold !== undefined ? { goldShare: options.gold as number } : {}),
            ...(options.silver !== undefined ? { silverShare: options.silver as number } : {}),
            ...(options.dormantBelow !== undefined
              ? { dormantBelowProbabilityAlive: options.dormantBelow as number }
              : {}),
          },
        });
        ctx.output.result(run, () => {
          const m = run.movement;
          return [
            `Loyalty run ${run.modelRunId} (classic) from CLV run ${run.clvRunId}, as of ${run.asOf.slice(0, 10)}`,
            textTable(
              run.tiers.map((t) => ({
                tier: ctx.locale === 'zh' ? t.nameZh : t.nameEn,
                customers: t.customers,
                share: pct(t.share),
                clv_share: pct(t.clvShare),
                mean_p_alive: t.meanProbabilityAlive,
              })),
            ),
            m
              ? `Since ${m.previousAsOf.slice(0, 10)}: ${m.upgraded} up, ${m.downgraded} down, ${m.unchanged} unchanged, ${m.newCustomers} new, ${m.gone} gone`
              : 'First tier run: no movement to show yet.',
            ...run.notes.map((n) => n[ctx.locale]),
          ].join('\n');
        });
      }),
    );
}
