import type { LoadedConfig } from '../../core/config.js';
import { InputError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { Store } from '../../store/store.js';
import { createDocumentAnalyzer, type SentimentEngine, type TextLocale } from '../../text/index.js';
import { insertInBatches } from '../customers/derived-rows.js';
import { insertModelRun } from '../model-runs.js';
import { type ProgressSink, silentProgress } from '../progress.js';
import { brandDictionary, brandKeyOf } from './brand-dictionary.js';
import { loadTrainedEngine } from './sentiment-models.js';

/**
 * `marketmind text analyze`: every document not analysed yet (or all, with `full`) through the
 * classical pipeline — language, sentiment (lexicon engine, or the newest trained model), aspects
 * with opinions, brand mentions and brand-attributed aspects — written to `doc_insights` with one
 * `text.analyze` model run. Incremental by default: a second run only reads new documents.
 */

export type SentimentEngineChoice = 'auto' | 'lexicon' | 'trained';

export interface AnalyzeTextOptions {
  readonly engine?: SentimentEngineChoice;
  /** Re-analyse documents that already have insights. */
  readonly full?: boolean;
  readonly progress?: ProgressSink;
}

export interface TextAnalysisRun {
  readonly modelRunId: string | null;
  readonly engine: string;
  readonly analysed: number;
  readonly skipped: number;
  readonly byLanguage: Readonly<Record<string, number>>;
  readonly labels: Readonly<Record<string, number>>;
  readonly aspectMentions: number;
  readonly brandMentions: number;
  readonly truncated: number;
  readonly docsPerSecond: number;
  readonly dataWindow: { readonly start: Date; readonly end: Date } | null;
}

interface DocRow {
  readonly id: string;
  readonly text: string;
  readonly lang: string | null;
  readonly brand: string | null;
  readonly ts: Date;
}

type InsightRow = [
  string,
  string,
  string,
  string,
  string | null,
  number | null,
  Record<string, unknown> | null,
];

async function chooseEngine(
  store: Store,
  choice: SentimentEngineChoice,
): Promise<SentimentEngine | undefined> {
  if (choice === 'lexicon') return undefined;
  const trained = await loadTrainedEngine(store);
  if (trained === null && choice === 'trained')
    throw new InputError('no_trained_model', 'There is no trained sentiment model in this workspace', {
      hint: 'Train one: marketmind text train-sentiment --input labelled.csv --text-col text --label-col label',
    });
  return trained ?? undefined;
}

export async function analyzeDocuments(
  store: Store,
  config: LoadedConfig,
  options: AnalyzeTextOptions = {},
): Promise<TextAnalysisRun> {
  const started = performance.now();
  const startedAt = new Date();
  const brands = await brandDictionary(config, store);
  const sentiment = await chooseEngine(store, options.engine ?? 'auto');
  const analyzer = createDocumentAnalyzer({ brands, ...(sentiment ? { sentiment } : {}) });
  const totalRows = await store.query('SELECT COUNT(*) AS n FROM documents');
  const total = Number(totalRows[0]?.n ?? 0);
  const pending = options.full
    ? 'TRUE'
    : "NOT EXISTS (SELECT 1 FROM doc_insights i WHERE i.doc_id = d.id AND i.kind = 'sentiment')";
  const runId = newId('run');
  const rows: InsightRow[] = [];
  const byLanguage: Record<string, number> = {};
  const labels: Record<string, number> = {};
  let analysed = 0;
  let aspectMentions = 0;
  let brandMentionCount = 0;
  let truncated = 0;
  let first: Date | null = null;
  let last: Date | null = null;
  const bar = (options.progress ?? silentProgress).progress('Analysing documents', total);
  const push = (
    docId: string,
    kind: string,
    label: string | null,
    score: number | null,
    details: Record<string, unknown> | null,
  ) => rows.push([`${runId}:${rows.length}`, runId, docId, kind, label, score, details]);
  for await (const batch of store.stream(
    `SELECT d.id, d.text, d.lang, d.brand, d.ts FROM documents d WHERE ${pending} ORDER BY d.id`,
    [],
    5000,
  )) {
    for (const raw of batch) {
      const doc = raw as unknown as DocRow;
      const hint: TextLocale | undefined = doc.lang === 'zh' || doc.lang === 'en' ? doc.lang : undefined;
      const brand = brandKeyOf(brands, doc.brand);
      const result = analyzer.analyze(String(doc.text ?? ''), {
        ...(hint ? { lang: hint } : {}),
        ...(brand ? { brand } : {}),
      });
      const lang = result.prepared.lang;
      byLanguage[lang] = (byLanguage[lang] ?? 0) + 1;
      labels[result.sentiment.label] = (labels[result.sentiment.label] ?? 0) + 1;
      if (result.prepared.truncated) truncated += 1;
      push(doc.id, 'sentiment', result.sentiment.label, result.sentiment.score, {
        confidence: result.sentiment.confidence,
        engine: result.sentiment.engine,
        lang,
        ...(result.prepared.notes.length ? { notes: result.prepared.notes } : {}),
      });
      for (const a of result.aspects) {
        aspectMentions += 1;
        push(doc.id, 'aspect', a.aspect, a.score, {
          term: a.term,
          polarity: a.polarity,
          ...(a.opinion ? { opinion: a.opinion } : {}),
          start: a.start,
          end: a.end,
        });
      }
      const seen = new Set<string>();
      for (const m of result.mentions) {
        brandMentionCount += 1;
        if (seen.has(m.brand)) continue;
        seen.add(m.brand);
        push(doc.id, 'brand_mention', m.brand, result.sentiment.score, {
          alias: m.alias,
          start: m.start,
          end: m.end,
        });
      }
      for (const b of result.attributed)
        push(doc.id, 'brand_aspect', `${b.brand}:${b.aspect}`, b.score, { brand: b.brand, aspect: b.aspect });
      const ts = doc.ts instanceof Date ? doc.ts : new Date(String(doc.ts));
      if (!first || ts < first) first = ts;
      if (!last || ts > last) last = ts;
      analysed += 1;
    }
    bar.update(analysed);
  }
  bar.done();
  const seconds = (performance.now() - started) / 1000;
  const dataWindow = first && last ? { start: first, end: last } : null;
  const engine = analyzer.sentimentEngine;

  const docsPerSecond = analysed / Math.max(seconds, 1e-9);
  const summary = {
    engine,
    analysed,
    skipped: total - analysed,
    byLanguage,
    labels,
    aspectMentions,
    brandMentions: brandMentionCount,
    truncated,
    docsPerSecond,
    dataWindow,
  };
  if (analysed === 0) return { ...summary, modelRunId: null, docsPerSecond: 0 };
  await store.transaction(async (tx) => {
    // a full re-analysis replaces the earlier insights (their model runs stay in the ledger)
    if (options.full) await tx.execute('DELETE FROM doc_insights');
    await insertModelRun(tx, {
      id: runId,
      kind: 'text.analyze',
      engine,
      params: {
        engineChoice: options.engine ?? 'auto',
        full: Boolean(options.full),
        brands: brands.map((b) => b.key),
      },
      metrics: { ...summary, dataWindow: undefined },
      dataWindow,
      startedAt,
    });
    await insertInBatches(tx, 'doc_insights', rows.length, (i) => rows[i] as InsightRow);
  });
  return { ...summary, modelRunId: runId };
}
