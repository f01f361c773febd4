import type { Command } from 'commander';
import {
  type AttributionModel,
  attributionModelNames,
  parseAttributionModels,
  runAttribution,
} from '../../app/attribution/attribution-service.js';
import { InputError } from '../../core/errors.js';
import { textTable } from '../output.js';
import { action } from '../run-command.js';
import { choiceOption, intOption } from './options.js';

const number = (x: number | null | undefined, digits: number): string =>
  x === null || x === undefined ? '—' : x.toFixed(digits);

/** `--models all|first,last,…` → the model list (a usage error names unknown models). */
function modelsOption(value: string): AttributionModel[] {
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  try {
    return parseAttributionModels(names);
  } catch (error) {
    if (error instanceof InputError) throw new InputError('usage', `--models: ${error.message}`);
    throw error;
  }
}

export function registerAttributionCommand(program: Command): void {
  const attribution = program
    .command('attribution')
    .description('Multi-touch attribution of orders to marketing channels');

  attribution
    .command('run')
    .description(
      'First/last touch, linear, time-decay, position-based, Markov and Shapley side by side, with ROI',
    )
    .option(
      '--models <list>',
      'all, or a comma-separated list of first,last,linear,time-decay,position,markov,shapley',
      modelsOption,
    )
    .option(
      '--order <n>',
      'Markov chain order (1, 2 or 3)',
      choiceOption('--order', ['1', '2', '3'] as const),
      '1',
    )
    .option(
      '--shapley-game <game>',
      'Shapley characteristic function: rate (conversion rate of covered journeys) or conversions (split equally)',
      choiceOption('--shapley-game', ['rate', 'conversions'] as const),
      'rate',
    )
    .option(
      '--lookback-days <n>',
      'a touch counts toward an order at most this many days later (default 30)',
      intOption('--lookback-days', 1, 3650),
    )
    .action(
      action(async (ctx, options) => {
        const store = await ctx.store({ existing: true });
        const run = await runAttribution(store, {
          models: options.models as AttributionModel[] | undefined,
          markovOrder: Number(options.order) as 1 | 2 | 3,
          shapleyGame: options.shapleyGame === 'conversions' ? 'conversions' : 'conversionRate',
          lookbackDays: options.lookbackDays as number | undefined,
          money: ctx.config,
        });
        ctx.output.result(run, () => {
          const name = (m: AttributionModel) => attributionModelNames[m][ctx.locale];
          const conversions = run.channels.map((c) => ({
            channel: c.channel,
            ...Object.fromEntries(run.models.map((m) => [name(m), number(c.byModel[m]?.conversions, 1)])),
          }));
          const roi = run.channels.map((c) => ({
            channel: c.channel,
            [`spend (${run.totals.currency})`]: number(c.spend, 0),
            ...Object.fromEntries(run.models.map((m) => [name(m), number(c.roi[m], 2)])),
          }));
          return [
            `Attribution run ${run.modelRunId} (classic): ${run.totals.conversions} converting and ${run.totals.nonConverting} non-converting journeys, lookback ${run.lookbackDays} days, Markov order ${run.markovOrder}`,
            '',
            'Attributed conversions',
            textTable(conversions),
            '',
            `ROI = attributed revenue / spend (${run.totals.currency})`,
            textTable(roi),
            '',
            ...run.notes.map((n) => n[ctx.locale]),
          ].join('\n');
        });
      }),
    );
}
