import type { Command } from 'commander';
import { runSegmentation, segmentationFeaturePresets } from '../../app/customers/segmentation-service.js';
import { InputError } from '../../core/errors.js';
import { type CustomerFeatureName, customerFeatureNames } from '../../customers/index.js';
import { textTable } from '../output.js';
import { action } from '../run-command.js';
import { asOfOption, intOption } from './options.js';

/** `--features behaviour|value|all` or a comma-separated list of feature names. */
function parseFeatures(value: string): readonly CustomerFeatureName[] {
  if (value in segmentationFeaturePresets)
    return segmentationFeaturePresets[value as keyof typeof segmentationFeaturePresets];
  const names = value.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(customerFeatureNames as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new InputError('usage', `--features has unknown feature ${unknown.join(', ')}`, {
      hint: `Use behaviour, value or all, or a list of: ${customerFeatureNames.join(', ')}`,
    });
  }
  return names as CustomerFeatureName[];
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function registerSegmentCommand(customers: Command): void {
  customers
    .command('segment')
    .description('Segments by k-means++ on customer features, k chosen by silhouette, named in en and zh')
    .option('--k <k>', 'number of segments, or auto (chosen by silhouette)', 'auto')
    .option('--k-max <n>', 'largest k tried by auto', intOption('--k-max', 2, 20), 8)
    .option(
      '--features <features>',
      'behaviour (default: channels, discounts, category breadth, web sessions), value, all, or a comma-separated list',
      parseFeatures,
    )
    .option('--seed <n>', 'random seed', intOption('--seed', 0, 2 ** 31 - 1), 1)
    .option('--as-of <date>', 'features as of this day (default: last order)', asOfOption('--as-of'))
    .action(
      action(async (ctx, options) => {
        const k = options.k === 'auto' ? 'auto' : intOption('--k', 2, 50)(String(options.k));
        const store = await ctx.store({ existing: true });
        const run = await runSegmentation(store, {
          k,
          kRange: [2, options.kMax as number],
          features: options.features as readonly CustomerFeatureName[] | undefined,
          seed: options.seed as number,
          asOf: options.asOf as Date | undefined,
          money: ctx.config,
        });
        const r = run.result;
        const document = {
          modelRunId: run.modelRunId,
          engine: run.engine,
          asOf: run.asOf.toISOString(),
          dataWindow: run.dataWindow,
          customers: run.customers,
          currency: run.currency,
          algorithm: r.algorithm,
          features: r.features,
          k: r.k,
          chosenBy: r.chosenBy,
          silhouette: r.silhouette,
          elbowK: r.elbowK,
          candidates: r.candidates,
          segments: r.segments,
        };
        ctx.output.result(document, () =>
          [
            `Segmentation run ${run.modelRunId} (${r.algorithm}, names by ${r.segments[0]?.label.engine ?? 'classic-rules'}): ${run.customers} customers, k = ${r.k} (${r.chosenBy}${r.silhouette === null ? '' : `, silhouette ${r.silhouette.toFixed(3)}`}; elbow at ${r.elbowK ?? '—'})`,
            `features: ${r.features.join(', ')}`,
            textTable(
              r.segments.map((s) => ({
                segment: ctx.locale === 'zh' ? s.label.name.zh : s.label.name.en,
                customers: s.size,
                share: pct(s.share),
                value_share: pct(s.valueShare),
                described_by: ctx.locale === 'zh' ? s.label.description.zh : s.label.description.en,
              })),
            ),
          ].join('\n'),
        );
      }),
    );
}
