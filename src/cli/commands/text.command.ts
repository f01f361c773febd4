import type { Command } from 'commander';
import { trainSentimentFromFile } from '../../app/text/sentiment-models.js';
import { analyzeDocuments, type SentimentEngineChoice } from '../../app/text/text-analysis-service.js';
import { type EngineName, evaluateSentimentEngines } from '../../app/text/text-eval.js';
import {
  type SummaryEngineChoice,
  summarizeVoice,
  type VoiceSummary,
} from '../../app/text/voice-summaries.js';
import { InputError } from '../../core/errors.js';
import { textTable } from '../output.js';
import { action } from '../run-command.js';
import { asOfOption, choiceOption, dateOption, intOption, numberOption } from './options.js';
import { registerTextInsightCommands } from './text-insights.command.js';

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
      'auto (trained model if any, else lexicon), lexicon, trained, llm (the configured LLM; costs money)',
      choiceOption('--engine', ['auto', 'lexicon', 'trained', 'llm'] as const),
      'auto',
    )
    .option('--full', 're-analyse every document (replaces earlier insights)')
    .option(
      '--limit <n>',
      'analyse at most n documents (the rest wait for the next run)',
      intOption('--limit', 1, 2 ** 31 - 1),
    )
    .action(
      action(async (ctx, options) => {
        const store = await ctx.store({ existing: true });
        const run = await analyzeDocuments(store, ctx.config, {
          engine: options.engine as SentimentEngineChoice,
          full: Boolean(options.full),
          ...(options.limit === undefined ? {} : { limit: options.limit as number }),
          progress: ctx.output,
        });
        const stop = run.stopped
          ? `Stopped early (${run.stopped.reason}): ${run.stopped.message}. ${run.remaining} documents not analysed by this run; ${options.full ? 'run with --full again (cached LLM answers cost nothing)' : 'the next marketmind text analyze continues with them'}.`
          : run.failed
            ? `${run.failed} documents got no valid LLM answer; the next run retries them.`
            : undefined;
        const llm = run.llm
          ? `LLM: ${run.llm.calls} calls, ${run.llm.cachedCalls} cached, cost ${run.llm.cost.toFixed(4)}`
          : undefined;
        ctx.output.result(run, () =>
          run.analysed === 0
            ? [
                run.pending === 0
                  ? `Nothing new to analyse (${run.skipped} documents already have insights; --full re-analyses them).`
                  : `No documents analysed (${run.pending} pending).`,
                stop,
                llm,
              ]
                .filter(Boolean)
                .join('\n')
            : [
                `Text run ${run.modelRunId} (engine ${run.engine}): ${run.analysed} documents analysed, ${run.skipped} not in this run, ${Math.round(run.docsPerSecond)} docs/s`,
                `languages: ${Object.entries(run.byLanguage)
                  .map(([k, v]) => `${k} ${v}`)
                  .join(', ')}`,
                `sentiment: ${Object.entries(run.labels)
                  .map(([k, v]) => `${k} ${v}`)
                  .join(', ')}`,
                `${run.aspectMentions} aspect mentions, ${run.brandMentions} brand mentions${run.truncated ? `, ${run.truncated} long documents truncated` : ''}`,
                run.dataWindow
                  ? `data window: ${run.dataWindow.start.toISOString().slice(0, 10)} – ${run.dataWindow.end.toISOString().slice(0, 10)}`
                  : undefined,
                llm,
                stop,
              ]
                .filter(Boolean)
                .join('\n'),
        );
      }),
    );

  text
    .command('summarize')
    .description(
      'Summarise what customers say (brand, aspect, product, period), every claim citing customer quotes (zh/en)',
    )
    .option('--brand <brand>', 'brand key or name')
    .option('--aspect <aspect>', 'aspect key or label (price, quality, logistics, 物流 …)')
    .option('--product <id>', 'product id')
    .option('--from <date>', 'first day (YYYY-MM-DD)', dateOption('--from'))
    .option('--to <date>', 'last day, inclusive (YYYY-MM-DD)', asOfOption('--to'))
    .option(
      '--lang <lang>',
      'language of the summary (default: the configured locale)',
      choiceOption('--lang', ['zh', 'en'] as const),
    )
    .option(
      '--engine <engine>',
      'auto (the LLM when configured, else extractive), extractive, llm',
      choiceOption('--engine', ['auto', 'extractive', 'llm'] as const),
      'auto',
    )
    .option('--quotes <n>', 'evidence quotes (1-20)', intOption('--quotes', 1, 20), 8)
    .action(
      action(async (ctx, options) => {
        const store = await ctx.store({ existing: true });
        const summary = await summarizeVoice(store, ctx.config, {
          ...(options.brand === undefined ? {} : { brand: String(options.brand) }),
          ...(options.aspect === undefined ? {} : { aspect: String(options.aspect) }),
          ...(options.product === undefined ? {} : { product: String(options.product) }),
          ...(options.from === undefined ? {} : { from: options.from as Date }),
          ...(options.to === undefined ? {} : { to: options.to as Date }),
          ...(options.lang === undefined ? {} : { lang: options.lang as 'zh' | 'en' }),
          engine: options.engine as SummaryEngineChoice,
          quotes: options.quotes as number,
        });
        ctx.output.result(summary, () => renderSummary(summary));
      }),
    );

  text
    .command('train-sentiment')
    .description(
      'Train the sentiment classifier on your labelled file (word + character n-grams, NB-weighted logistic regression)',
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
    .option(
      '--min-df <n>',
      'keep n-grams found in at least n training texts (default 2)',
      intOption('--min-df', 1, 1e6),
    )
    .option(
      '--hashed',
      'hash n-grams into 2^20 buckets instead of storing the vocabulary (smaller, less exact)',
    )
    .option(
      '--weighting <weighting>',
      'nb-tfidf (naive-Bayes-scaled TF-IDF, two labels only) or tfidf',
      choiceOption('--weighting', ['nb-tfidf', 'tfidf'] as const),
    )
    .action(
      action(async (ctx, options) => {
        const store = await ctx.store();
        const features = {
          ...(options.hashed ? { vocabulary: 'hashed' as const } : {}),
          ...(options.minDf === undefined ? {} : { minDf: options.minDf as number }),
        };
        const run = await trainSentimentFromFile(store, String(options.input), {
          ...(Object.keys(features).length ? { features } : {}),
          ...(options.weighting ? { weighting: options.weighting as 'nb-tfidf' | 'tfidf' } : {}),
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
            `features: word ${run.features.word.join('–')} + char ${run.features.char.join('–')}-grams, ${run.features.vocabulary === 'exact' ? `${run.columns} n-grams in ≥ ${run.features.minDf} texts` : `${run.columns} hash buckets`}, ${run.weighting}`,
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
            ...(run.topFeatures ?? []).map(
              (t) => `strongest for ${t.label}: ${t.features.map((f) => JSON.stringify(f.ngram)).join(' ')}`,
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

  registerTextInsightCommands(text);
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** The summary for the terminal, in its own language: how it was made, the summary, the quotes. */
function renderSummary(s: VoiceSummary): string {
  const zh = s.lang === 'zh';
  const kind =
    s.kind === 'abstractive'
      ? zh
        ? '生成式摘要（基于原话）'
        : 'Abstractive summary (grounded in quotes)'
      : zh
        ? '抽取式摘要'
        : 'Extractive summary';
  const window = s.dataWindow ? `${day(s.dataWindow.start)} – ${day(s.dataWindow.end)}` : zh ? '无' : 'none';
  const runs = s.modelRunIds.length ? s.modelRunIds.join(', ') : zh ? '无' : 'none';
  const lines = [
    zh
      ? `${kind}，引擎 ${s.engine}${s.prompt ? `（提示词 ${s.prompt}）` : ''}；${s.documents} 篇文档，时间 ${window}；分析运行 ${runs}`
      : `${kind}, engine ${s.engine}${s.prompt ? ` (prompt ${s.prompt})` : ''}; ${s.documents} documents, ${window}; analysis runs ${runs}`,
  ];
  // an extractive summary is its quotes: print them once, below
  if (s.kind === 'abstractive' || s.quotes.length === 0)
    lines.push('', s.summary || (zh ? '（无内容）' : '(nothing to summarise)'));
  if (s.quotes.length) {
    lines.push('', zh ? '原话：' : 'Quotes:');
    for (const q of s.quotes) lines.push(`[${q.id}] ${q.text}  (${q.docId}, ${day(q.ts)})`);
  }
  if (s.rejected.length) {
    lines.push('', zh ? '已丢弃（引用无效）：' : 'Dropped (bad citations):');
    for (const r of s.rejected)
      lines.push(`- ${r.text} (${r.reason}${r.invalidIds.length ? `: ${r.invalidIds.join(', ')}` : ''})`);
  }
  if (s.llm)
    lines.push(
      '',
      `LLM: ${s.llm.calls} calls, ${s.llm.cachedCalls} cached, cost ${s.llm.cost.toFixed(4)}${s.llm.reasked ? (zh ? '，已重新询问一次' : ', re-asked once') : ''}`,
    );
  for (const note of s.notes) lines.push(`* ${note}`);
  return lines.join('\n');
}
