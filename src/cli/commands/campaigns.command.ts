import type { Command } from 'commander';
import { type BudgetRun, runBudgetOptimization } from '../../app/campaigns/budget-service.js';
import { type CampaignKpisRun, runCampaignKpis } from '../../app/campaigns/campaign-service.js';
import { InputError } from '../../core/errors.js';
import type { KpiValues } from '../../experiments/index.js';
import { textTable } from '../output.js';
import { action } from '../run-command.js';
import { choiceOption, dateOption, intOption, numberOption } from './options.js';

/**
 * `marketmind campaigns kpis` — campaign KPIs with anomaly flags — and `marketmind budget optimize`
 * — media response fit and budget reallocation. Both record a model run and print its id.
 */

type Breakdown = 'campaign' | 'channel' | 'day';
const breakdowns: readonly Breakdown[] = ['campaign', 'channel', 'day'];

const num = (n: number | null, digits = 2): string => (n === null ? '—' : n.toFixed(digits));
const percent = (n: number | null): string => (n === null ? '—' : `${(n * 100).toFixed(2)}%`);

function kpiCells(k: KpiValues): Record<string, string | number> {
  return {
    spend: num(k.spend),
    revenue: num(k.revenue),
    impressions: k.impressions,
    clicks: k.clicks,
    conversions: k.conversions,
    ctr: percent(k.ctr),
    cvr: percent(k.cvr),
    cpc: num(k.cpc),
    cpm: num(k.cpm),
    cpa: num(k.cpa),
    roas: num(k.roas),
    roi: percent(k.roi),
  };
}

/** The JSON document of a KPI run, with the requested breakdown. */
export function kpisDocument(run: CampaignKpisRun, by: Breakdown) {
  const { report } = run;
  return {
    modelRunId: run.modelRunId,
    engine: run.engine,
    dataWindow: {
      start: run.dataWindow.start.toISOString().slice(0, 10),
      end: run.dataWindow.end.toISOString().slice(0, 10),
    },
    currency: run.currency,
    by,
    totals: report.totals,
    rows:
      by === 'campaign'
        ? report.byCampaign.map((c) => ({ ...c, name: run.campaignNames[c.campaign] ?? null }))
        : by === 'channel'
          ? report.byChannel
          : report.byDay,
    anomalies: report.anomalies,
    notes: run.notes,
  };
}

/** The JSON document of a budget run: fit summary per channel, the plan, recovery on demo data. */
export function budgetDocument(run: BudgetRun) {
  return {
    modelRunId: run.modelRunId,
    engine: run.engine,
    model: 'geometric adstock + Hill saturation (Poisson MAP per channel)',
    dataWindow: {
      start: run.dataWindow.start.toISOString().slice(0, 10),
      end: run.dataWindow.end.toISOString().slice(0, 10),
    },
    currency: run.currency,
    currentWindow: run.currentWindow,
    boundsFactor: run.boundsFactor,
    channels: run.channels,
    plan: {
      totalDailyBudget: run.plan.totalDailyBudget,
      current: {
        conversionsPerDay: run.plan.currentConversions,
        spend: Object.fromEntries(run.plan.channels.map((c) => [c.channel, c.currentSpend])),
      },
      optimised: {
        conversionsPerDay: run.plan.optimizedConversions,
        spend: Object.fromEntries(run.plan.channels.map((c) => [c.channel, c.optimizedSpend])),
      },
      uplift: run.plan.uplift,
      relativeUplift: run.plan.relativeUplift,
      upliftInterval: run.plan.upliftInterval,
      channels: run.plan.channels,
    },
    ...(run.recovery
      ? {
          recovery: {
            channels: run.recovery.channels,
            upliftUnderPlantedCurves: run.recovery.upliftUnderPlantedCurves,
          },
        }
      : {}),
    notes: run.notes,
  };
}

export function registerCampaignsCommand(program: Command): void {
  const campaigns = program.command('campaigns').description('Campaign performance from campaign_stats');
  campaigns
    .command('kpis')
    .description('CTR, CVR, CPC, CPM, CPA, ROAS and ROI by campaign, channel or day, with anomaly flags')
    .option(
      '--from <date>',
      'first day YYYY-MM-DD (default: the first day of the data)',
      dateOption('--from'),
    )
    .option('--to <date>', 'last day YYYY-MM-DD (default: the last day of the data)', dateOption('--to'))
    .option('--by <breakdown>', 'campaign, channel or day', choiceOption('--by', breakdowns), 'channel')
    .option(
      '--anomalies <n>',
      'human output: show at most N channel anomalies',
      intOption('--anomalies', 0, 10_000),
      10,
    )
    .action(
      action(async (ctx, options) => {
        const store = await ctx.store({ existing: true });
        const run = await runCampaignKpis(store, {
          from: options.from as Date | undefined,
          to: options.to as Date | undefined,
          money: ctx.config,
        });
        const by = options.by as Breakdown;
        const doc = kpisDocument(run, by);
        ctx.output.result(doc, () => {
          const r = run.report;
          const rows =
            by === 'campaign'
              ? r.byCampaign.map((c) => ({ campaign: c.campaign, channel: c.channel, ...kpiCells(c) }))
              : by === 'channel'
                ? r.byChannel.map((c) => ({ channel: c.channel, ...kpiCells(c) }))
                : r.byDay.map((d) => ({ date: d.date, ...kpiCells(d) }));
          const channelAnomalies = r.anomalies
            .filter((a) => a.level === 'channel')
            .sort((a, b) => Math.abs(b.robustZ) - Math.abs(a.robustZ))
            .slice(0, options.anomalies as number);
          const lines = [
            `Campaign KPIs run ${doc.modelRunId} (classic) ${doc.dataWindow.start} … ${doc.dataWindow.end}, amounts in ${doc.currency}`,
            textTable(rows),
            `Total: spend ${num(r.totals.spend)}, revenue ${num(r.totals.revenue)}, conversions ${r.totals.conversions}, ROAS ${num(r.totals.roas)}, CPA ${num(r.totals.cpa)}`,
            `${r.anomalies.length} anomaly flags (|robust z| > 3.5 vs the previous 28 days)${channelAnomalies.length > 0 ? '; largest at channel level:' : ''}`,
          ];
          if (channelAnomalies.length > 0)
            lines.push(
              textTable(
                channelAnomalies.map((a) => ({
                  date: a.date,
                  channel: a.key,
                  metric: a.metric,
                  value: num(a.value, 4),
                  median: num(a.median, 4),
                  z: num(a.robustZ),
                })),
              ),
            );
          return [...lines, ...run.notes.map((n) => `note: ${n[ctx.locale]}`)].join('\n');
        });
      }),
    );
}

export function registerBudgetCommand(program: Command): void {
  const budget = program.command('budget').description('Media response curves and budget allocation');
  budget
    .command('optimize')
    .description(
      'Fit adstock + Hill response curves per channel and reallocate a total daily budget to maximise expected conversions',
    )
    .option(
      '--total <amount>',
      'total daily budget in the reporting currency (default: mean daily spend of the last 28 days)',
      numberOption('--total', 0, Number.MAX_VALUE),
    )
    .option(
      '--min-factor <x>',
      'per-channel minimum, × current daily spend',
      numberOption('--min-factor', 0, 1000),
      0.5,
    )
    .option(
      '--max-factor <x>',
      'per-channel maximum, × current daily spend',
      numberOption('--max-factor', 0, 1000),
      2,
    )
    .option(
      '--draws <n>',
      'parameter draws for the uplift interval (0 = none)',
      intOption('--draws', 0, 100_000),
      500,
    )
    .option('--seed <n>', 'random seed', intOption('--seed', 0, 2 ** 31 - 1), 1)
    .action(
      action(async (ctx, options) => {
        const min = options.minFactor as number;
        const max = options.maxFactor as number;
        if (max < min || max === 0)
          throw new InputError(
            'usage',
            `--max-factor (${max}) must be > 0 and at least --min-factor (${min})`,
          );
        const store = await ctx.store({ existing: true });
        const run = await runBudgetOptimization(store, {
          totalDailyBudget: options.total as number | undefined,
          boundsFactor: [min, max],
          draws: options.draws as number,
          seed: options.seed as number,
          money: ctx.config,
        });
        const doc = budgetDocument(run);
        ctx.output.result(doc, () => {
          const plan = run.plan;
          const byChannel = new Map(run.channels.map((c) => [c.channel, c]));
          const interval = plan.upliftInterval;
          const lines = [
            `Media-mix run ${doc.modelRunId} (classic, adstock + Hill) ${doc.dataWindow.start} … ${doc.dataWindow.end}, amounts in ${doc.currency}`,
            textTable(
              plan.channels.map((c) => {
                const fit = byChannel.get(c.channel);
                return {
                  channel: c.channel,
                  theta: num(fit?.theta.value ?? null),
                  K: num(fit?.K.value ?? null, 0),
                  s: num(fit?.s.value ?? null),
                  beta: num(fit?.beta.value ?? null, 1),
                  current: num(c.currentSpend),
                  optimised: num(c.optimizedSpend),
                  conv_now: num(c.currentConversions),
                  conv_opt: num(c.optimizedConversions),
                  marginal_roi: num(fit?.marginalRoi ?? null, 3),
                };
              }),
            ),
            `Daily budget ${num(plan.totalDailyBudget)} ${doc.currency} (current = mean of ${run.currentWindow.start} … ${run.currentWindow.end}), bounds [${min}, ${max}] × current`,
            `Expected conversions/day ${num(plan.currentConversions)} → ${num(plan.optimizedConversions)}: uplift ${num(plan.uplift)} (${percent(plan.relativeUplift)})${interval ? `, ${Math.round(interval.level * 100)}% interval ${num(interval.lower)} … ${num(interval.upper)}, P(>0) ${num(interval.probabilityPositive)}` : ''}`,
          ];
          if (run.recovery)
            lines.push(
              `Planted truth present: θ covered for ${run.recovery.channels.filter((c) => c.thetaCovered).length}/${run.recovery.channels.length} channels; uplift under the planted curves ${num(run.recovery.upliftUnderPlantedCurves)}`,
            );
          return [...lines, ...run.notes.map((n) => `note: ${n[ctx.locale]}`)].join('\n');
        });
      }),
    );
}
