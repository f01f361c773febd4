import type { Command } from 'commander';
import { trainSentimentFromFile } from '../../app/text/sentiment-models.js';
import { analyzeDocuments } from '../../app/text/text-analysis-service.js';
import { type EngineName, evaluateSentimentEngines } from '../../app/text/text-eval.js';
import { InputError } from '../../core/errors.js';
import { textTable } from '../output.js';
import { action } from '../run-command.js';
import { choiceOption, intOption, numberOption } from './options.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function enginesOption(value: string): EngineName[] {
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = names.filter((n) => !['lexicon', 'trained', 'llm'].includes(n));
  if (names.length === 0 || bad.length)
    throw new InputError(
      'usage',
      `--engines is "${value}"; allowed: lexicon, trained, llm (comma-separated)`,
    );
  return names as EngineName[];
}

export function registerTextCommands(program: Command): void {
  const text = program
    .command('text')
    .description('Voice of the customer: sentiment, aspects, trends, competitors (zh/en)');

  text
    .command('analyze')
    .description(
      'Analyse new documents (or all with --full): language, sentiment, aspects, brand mentions → doc_insights',
    )
    .option(
      '--engine <engine>',
      'auto (trained model if any, else lexicon), lexicon, trained',
      choiceOption('--engine', ['auto', 'lexicon', 'trained'] as const),
      'auto',
    )
    .option('--full', 're-analyse every document (replaces earlier insights)')
    .action(
      action(async (ctx, options) => {
        const store = await ctx.store({ existing: true });
        const run = await analyzeDocuments(store, ctx.config, {
          engine: options.engine as 'auto' | 'lexicon' | 'trained',
          full: Boolean(options.full),
          progress: ctx.output,
        });
        ctx.output.result(run, () =>
          run.analysed === 0
            ? `Nothing new to analyse (${run.skipped} documents already have insights; --full re-analyses them).`
            : [
                `Text run ${run.modelRunId} (engine ${run.engine}): ${run.analysed} documents analysed, ${run.skipped} already done, ${Math.round(run.docsPerSecond)} docs/s`,
                `languages: ${Object.entries(run.byLanguage)
                  .map(([k, v]) => `${k} ${v}`)
                  .join(', ')}`,
                `sentiment: ${Object.entries(run.labels)
                  .map(([k, v]) => `${k} ${v}`)
                  .join(', ')}`,
                `${run.aspectMentions} aspect mentions, ${run.brandMentions} brand mentions${run.truncated ? `, ${run.truncated} long documents truncated` : ''}`,
              ].join('\n'),
        );
      }),
    );

  text
    .command('train-sentiment')
    .description(
      'Train the sentiment classifier on your labelled file (hashed word + character n-grams, logistic regression)',
    )
    .requiredOption('--input <file>', 'labelled CSV/TSV/JSONL/Parquet')
    .requiredOption('--text-col <column>', 'text column')
    .requiredOption('--label-col <column>', 'label column (e.g. positive/negative/neutral, 1/0)')
    .option(
      '--c <value>',
      'inverse regularisation (default: chosen on the validation split)',
      numberOption('--c', 1e-4, 1e6),
    )
    .option(
      '--validation-share <share>',
      'held-out share for validation',
      numberOption('--validation-share', 0.01, 0.5),
    )
    .option('--seed <n>', 'seed of the validation split', intOption('--seed', 0, 2 ** 31 - 1))
    .action(
      action(async (ctx, options) => {
        const store = await ctx.store();
        const run = await trainSentimentFromFile(store, String(options.input), {
          textColumn: String(options.textCol),
          labelColumn: String(options.labelCol),
          ...(options.c === undefined ? {} : { c: options.c as number }),
          ...(options.validationShare === undefined
            ? {}
            : { validationShare: options.validationShare as number }),
          ...(options.seed === undefined ? {} : { seed: options.seed as number }),
        });
        ctx.output.result(run, () =>
          [
            `Sentiment model ${run.modelRunId} trained on ${run.trainedOn} texts in ${run.seconds.toFixed(1)} s (C = ${run.c})`,
            `validation: accuracy ${pct(run.validation.accuracy)}, macro-F1 ${pct(run.validation.macroF1)}`,
            textTable(
              run.validation.confusion.labels.map((label, i) => ({
                'true \\ predicted': label,
                ...Object.fromEntries(
                  run.validation.confusion.labels.map((l, j) => [
                    l,
                    run.validation.confusion.matrix[i]?.[j] ?? 0,
                  ]),
                ),
              })),
            ),
            `Used by: marketmind text analyze (engine trained:${run.modelRunId})`,
          ].join('\n'),
        );
      }),
    );

  text
    .command('eval')
    .description('Compare sentiment engines on one labelled file: accuracy, macro-F1, docs/s, cost')
    .requiredOption('--input <file>', 'labelled CSV/TSV/JSONL/Parquet')
    .requiredOption('--text-col <column>', 'text column')
    .requiredOption('--label-col <column>', 'label column')
    .option('--engines <list>', 'lexicon,trained,llm', enginesOption, [
      'lexicon',
      'trained',
      'llm',
    ] as EngineName[])
    .action(
      action(async (ctx, options) => {
        const store = await ctx.store();
        const result = await evaluateSentimentEngines(store, ctx.config, String(options.input), {
          textColumn: String(options.textCol),
          labelColumn: String(options.labelCol),
          engines: options.engines as EngineName[],
        });
        ctx.output.result(result, () =>
          [
            `${result.file}: ${result.documents} labelled texts (${result.labels.join(', ')})`,
            textTable(
              result.engines.map((e) => ({
                engine: e.engine,
                accuracy: e.report ? pct(e.report.accuracy) : '',
                macro_f1: e.report ? pct(e.report.macroF1) : '',
                unknown: e.unknown ?? '',
                'docs/s': e.docsPerSecond ? Math.round(e.docsPerSecond) : '',
                cost: e.llm ? e.llm.cost.toFixed(4) : '',
                note: e.ran ? e.notes.join('; ') : `skipped: ${e.reason}`,
              })),
            ),
          ].join('\n'),
        );
      }),
    );
}
