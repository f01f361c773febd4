import type { Command } from 'commander';
import { defaultFunnelSteps, runFunnel } from '../../app/funnels/funnel-service.js';
import type { FunnelWindow } from '../../app/funnels/funnel-sql.js';
import { InputError } from '../../core/errors.js';
import { textTable } from '../output.js';
import { action } from '../run-command.js';
import { choiceOption, dateOption } from './options.js';

/** `30m`, `1h`, `7d` → a funnel window. */
function windowOption(value: string): FunnelWindow {
  const m = /^(\d+(?:\.\d+)?)\s*(m|min|h|d)$/.exec(value.trim());
  const amount = Number(m?.[1]);
  if (!m || !(amount > 0)) {
    throw new InputError('usage', `--window is "${value}"; expected a duration like 30m, 1h or 7d`);
  }
  return m[2] === 'd' ? { days: amount } : m[2] === 'h' ? { hours: amount } : { minutes: amount };
}

export function registerFunnelCommand(program: Command): void {
  program
    .command('funnel')
    .description('Ordered funnel over events: conversion and drop-off per step, pain points, top paths')
    .option('--steps <types>', `event types in order (default ${defaultFunnelSteps.join(',')})`)
    .option('--window <duration>', 'conversion window from the first step: 30m, 1h, 7d', windowOption)
    .option(
      '--unit <unit>',
      'session or customer',
      choiceOption('--unit', ['session', 'customer'] as const),
      'session',
    )
    .option(
      '--by <breakdown>',
      'device or channel',
      choiceOption('--by', ['device', 'channel'] as const),
      'device',
    )
    .option('--from <date>', 'entries on or after this day', dateOption('--from'))
    .option('--to <date>', 'entries before this day', dateOption('--to'))
    .action(
      action(async (ctx, options) => {
        const steps =
          options.steps === undefined
            ? undefined
            : String(options.steps)
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean);
        const store = await ctx.store({ existing: true });
        const run = await runFunnel(store, {
          steps,
          window: options.window as FunnelWindow | undefined,
          unit: options.unit as 'session' | 'customer',
          by: options.by as 'device' | 'channel',
          from: options.from as Date | undefined,
          to: options.to as Date | undefined,
        });
        ctx.output.result(run, () => {
          const rows = [run.funnel.total, ...run.funnel.groups].flatMap((g) =>
            g.steps.map((s) => ({
              group: g === run.funnel.total ? 'all' : (g.group ?? '—'),
              step: s.eventType,
              entered: s.entered,
              to_next: s.conversionRate === null ? '' : `${(s.conversionRate * 100).toFixed(1)}%`,
              median_s: s.medianSecondsToNext === null ? '' : Math.round(s.medianSecondsToNext),
            })),
          );
          const pains = run.painPoints?.painPoints ?? [];
          return [
            `Funnel run ${run.modelRunId} (classic): ${run.funnel.unit}s, window ${Math.round(run.funnel.windowSeconds / 60)} min`,
            textTable(rows),
            pains.length
              ? `Pain points (${run.painPoints?.test}, Holm): ${pains.map((p) => `${p.segment} ${p.fromStep}→${p.toStep} drop-off ${(p.segmentDropOffRate * 100).toFixed(1)}% vs ${(p.baselineDropOffRate * 100).toFixed(1)}% (p_adj ${p.adjustedPValue.toExponential(1)})`).join('; ')}`
              : 'No pain points found.',
          ].join('\n');
        });
      }),
    );
}
