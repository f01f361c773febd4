import type { Command } from 'commander';
import { analyzeExperimentFile, runExperimentAnalysis } from '../../app/experiments/experiment-service.js';
import { InputError } from '../../core/errors.js';
import type { ExperimentAnalysis, MetricAnalysis } from '../../experiments/analyze-experiment.js';
import { textTable } from '../output.js';
import { action } from '../run-command.js';
import { intOption, numberOption } from './options.js';

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

function value(metric: MetricAnalysis, x: number): string {
  return metric.kind === 'proportion' ? pct(x) : x.toFixed(2);
}

function difference(metric: MetricAnalysis, x: number): string {
  const sign = x >= 0 ? '+' : '−';
  return metric.kind === 'proportion'
    ? `${sign}${Math.abs(x * 100).toFixed(2)}pp`
    : `${sign}${Math.abs(x).toFixed(2)}`;
}

const pValue = (p: number | undefined) => (p === undefined ? '' : p < 0.0001 ? '<0.0001' : p.toFixed(4));

/** Compact human text: SRM line, one row per metric × variant, the verdict in the user's language. */
export function experimentText(analysis: ExperimentAnalysis, locale: 'en' | 'zh', header: string): string {
  const rows = analysis.metrics.flatMap((m) =>
    m.comparisons.map((c) => {
      const f = c.frequentist;
      return {
        metric: `${m.label[locale]}${m.primary ? ' *' : ''}`,
        variant: c.variant,
        control: value(m, c.controlMean),
        treatment: value(m, c.treatmentMean),
        lift: f ? difference(m, f.absolute.estimate) : '',
        ci: f ? `${difference(m, f.absolute.ci.lower)} … ${difference(m, f.absolute.ci.upper)}` : '',
        relative: f?.relative ? `${(f.relative.estimate * 100).toFixed(1).replace(/^-/, '−')}%` : '',
        p: pValue(f?.pValue),
        p_holm: pValue(f?.pValueHolm),
        p_sequential: pValue(c.sequential?.pValue),
        p_best: c.bayesian ? pct(c.bayesian.probabilityBest) : '',
        verdict: c.verdict.decision,
      };
    }),
  );
  const srm = analysis.srm;
  return [
    header,
    `${locale === 'zh' ? '分流' : 'Users'}: ${analysis.variants.map((v) => `${v.name} ${v.users}`).join(', ')}  (SRM p = ${pValue(srm.pValue)}${srm.mismatch ? ' MISMATCH' : ''})`,
    textTable(rows),
    '',
    analysis.verdict[locale],
  ].join('\n');
}

export function registerExperimentCommand(program: Command): void {
  const experiment = program.command('experiment').description('A/B tests: analyse an experiment');

  experiment
    .command('analyze')
    .description(
      'Analyse an experiment of the workspace (--id) or a one-row-per-user file (--input): SRM, z/Welch tests, Bayesian, sequential, Holm, verdict',
    )
    .option('--id <experiment>', 'experiment id in the workspace')
    .option(
      '--window-days <n>',
      'with --id: conversion window after exposure, days',
      intOption('--window-days', 1, 365),
      14,
    )
    .option('--alpha <alpha>', 'significance level', numberOption('--alpha', 0.001, 0.2), 0.05)
    .option('--input <file>', 'analyse this file instead of the workspace (nothing is stored)')
    .option('--variant-col <name>', 'with --input: variant column')
    .option('--metric-col <name>', 'with --input: metric column (0/1 = conversion, otherwise a mean)')
    .option('--pre-col <name>', 'with --input: pre-period column for CUPED')
    .option('--control <name>', 'with --input: control variant (default: "control", else the first seen)')
    .option('--encoding <encoding>', 'with --input: file encoding (default: detected)')
    .option('--delimiter <char>', 'with --input: CSV delimiter (default: detected)')
    .action(
      action(async (ctx, options) => {
        const alpha = options.alpha as number;
        if (options.input !== undefined) {
          if (options.id !== undefined)
            throw new InputError('usage', 'Give either --id or --input, not both');
          if (options.variantCol === undefined || options.metricCol === undefined)
            throw new InputError('usage', '--input needs --variant-col and --metric-col', {
              hint: 'Example: marketmind experiment analyze --input users.csv --variant-col variant --metric-col converted',
            });
          const result = await analyzeExperimentFile(String(options.input), {
            variantColumn: String(options.variantCol),
            metricColumn: String(options.metricCol),
            preColumn: options.preCol === undefined ? undefined : String(options.preCol),
            controlVariant: options.control === undefined ? undefined : String(options.control),
            encoding: options.encoding as string | undefined,
            delimiter: options.delimiter as string | undefined,
            alpha,
          });
          ctx.output.result(result.analysis, () =>
            experimentText(
              result.analysis,
              ctx.locale,
              `${result.path}: ${result.rows} rows, ${result.metricKind === 'proportion' ? 'conversion (0/1)' : 'mean'} metric${result.cuped ? ', CUPED' : ''}`,
            ),
          );
          return;
        }
        if (options.id === undefined)
          throw new InputError('usage', 'Give --id EXPERIMENT (workspace) or --input FILE', {
            hint: 'marketmind experiment analyze --id exp_one_page_checkout',
          });
        const store = await ctx.store({ existing: true });
        const run = await runExperimentAnalysis(store, {
          experimentId: String(options.id),
          windowDays: options.windowDays as number,
          alpha,
        });
        ctx.output.result({ modelRunId: run.modelRunId, ...run.analysis }, () =>
          experimentText(
            run.analysis,
            ctx.locale,
            `${run.analysis.experiment.name} (${run.analysis.experiment.id}), run ${run.modelRunId} (classic), ${run.windowDays}-day window`,
          ),
        );
      }),
    );
}
