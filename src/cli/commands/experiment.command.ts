import type { Command } from 'commander';
import { analyzeExperimentFile, runExperimentAnalysis } from '../../app/experiments/experiment-service.js';
import { InputError } from '../../core/errors.js';
import type {
  ExperimentAnalysis,
  GuardrailSetting,
  MetricAnalysis,
} from '../../experiments/analyze-experiment.js';
import type { SegmentBreakdown } from '../../experiments/segment-breakdown.js';
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
  const guardrails = analysis.guardrails.map((g) => ({
    guardrail: g.label[locale],
    variant: g.variant,
    status: g.status,
    change: g.change === null ? '' : `${(g.change * 100).toFixed(1).replace(/^-/, '−')}%`,
    tolerance: `${(g.tolerance * 100).toFixed(1)}%`,
    p: pValue(g.pValue ?? undefined),
    p_harm: g.probabilityOfHarm === null ? '' : pct(g.probabilityOfHarm),
  }));
  return [
    header,
    `${locale === 'zh' ? '分流' : 'Users'}: ${analysis.variants.map((v) => `${v.name} ${v.users}`).join(', ')}  (SRM p = ${pValue(srm.pValue)}${srm.mismatch ? ' MISMATCH' : ''})`,
    textTable(rows),
    ...(guardrails.length > 0 ? ['', textTable(guardrails)] : []),
    '',
    analysis.verdict[locale],
  ].join('\n');
}

/** One table per metric breakdown: segment × variant with raw and Holm p, then the heterogeneity verdict. */
export function segmentsText(breakdowns: readonly SegmentBreakdown[], locale: 'en' | 'zh'): string {
  return breakdowns
    .map((b) => {
      const rows = b.comparisons.map((c) => ({
        [b.dimension]: c.segment,
        variant: c.variant,
        users: `${c.controlUsers} / ${c.treatmentUsers}`,
        control: b.kind === 'proportion' ? pct(c.controlMean) : c.controlMean.toFixed(2),
        treatment: b.kind === 'proportion' ? pct(c.treatmentMean) : c.treatmentMean.toFixed(2),
        relative: c.relativeLift === null ? '' : `${(c.relativeLift * 100).toFixed(1).replace(/^-/, '−')}%`,
        p: pValue(c.pValue ?? undefined),
        p_holm: pValue(c.pValueHolm ?? undefined),
        significant: c.testable ? (c.significant ? 'yes' : 'no') : (c.problem?.[locale] ?? ''),
      }));
      return [`${b.metric} by ${b.dimension}:`, textTable(rows), b.verdict[locale]].join('\n');
    })
    .join('\n\n');
}

/** `--guardrail revenue_per_user` or `--guardrail revenue_per_user:0.02` (repeatable). */
export function guardrailOption(value: string, previous: GuardrailSetting[] = []): GuardrailSetting[] {
  const [metric, tolerance, extra] = value.split(':');
  const parsed = tolerance === undefined ? undefined : Number(tolerance);
  if (!metric || extra !== undefined || (parsed !== undefined && !(parsed >= 0 && parsed < 1)))
    throw new InputError(
      'usage',
      `--guardrail is "${value}"; expected METRIC or METRIC:TOLERANCE with a relative tolerance in [0, 1), e.g. revenue_per_user:0.02`,
    );
  return [...previous, parsed === undefined ? { metric } : { metric, tolerance: parsed }];
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
    .option(
      '--guardrail <metric[:tolerance]>',
      'with --id: a metric the change must not hurt (conversion_rate, revenue_per_user), optionally with the relative harm tolerated, e.g. revenue_per_user:0.02 (repeatable)',
      guardrailOption,
    )
    .option(
      '--segment-by <dimension>',
      'with --id: break the metrics down by country, locale, gender, acquisition_channel or customer_type (new/returning), Holm-corrected',
    )
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
          if (options.guardrail !== undefined || options.segmentBy !== undefined)
            throw new InputError(
              'usage',
              '--guardrail and --segment-by work with --id (a file holds one metric)',
            );
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
          guardrails: options.guardrail as GuardrailSetting[] | undefined,
          segmentBy: options.segmentBy as string | undefined,
        });
        ctx.output.result({ modelRunId: run.modelRunId, ...run.analysis, segments: run.segments }, () =>
          [
            experimentText(
              run.analysis,
              ctx.locale,
              `${run.analysis.experiment.name} (${run.analysis.experiment.id}), run ${run.modelRunId} (classic), ${run.windowDays}-day window`,
            ),
            ...(run.segments.length > 0 ? ['', segmentsText(run.segments, ctx.locale)] : []),
          ].join('\n'),
        );
      }),
    );
}
