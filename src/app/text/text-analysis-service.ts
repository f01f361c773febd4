import type { LoadedConfig } from '../../core/config.js';
import { InputError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { LlmProvider } from '../../llm/language-model.js';
import type { SqlValue, Store } from '../../store/store.js';
import { mergeAspectPolarity } from '../../text/document-insight-prompt.js';
import {
  attributeToBrands,
  type BrandEntry,
  createDocumentAnalyzer,
  type DocumentAnalysis,
  type SentimentEngine,
  type SentimentResult,
  type TextLocale,
} from '../../text/index.js';
import { insertInBatches } from '../customers/derived-rows.js';
import { insertModelRun } from '../model-runs.js';
import { type ProgressSink, silentProgress } from '../progress.js';
import { brandDictionary, brandKeyOf } from './brand-dictionary.js';
import { type LlmRunStop, runLlmPass } from './llm-document-pass.js';
import { loadTrainedEngine } from './sentiment-models.js';
import { type LlmDocumentScorer, llmDocumentScorer } from './sentiment-scorers.js';

/**
 * `marketmind text analyze`: every document not analysed yet (or all, with `full`) through the
 * classical pipeline — language, sentiment (lexicon engine, the newest trained model, or the LLM),
 * aspects with opinions, brand mentions and brand-attributed aspects — written to `doc_insights`
 * with one `text.analyze` model run. Incremental by default: a second run only reads new documents.
 *
 * The LLM engine (`engine: 'llm'`, never chosen by `auto`: it costs money) asks the configured LLM
 * for sentiment and per-aspect polarity in one structured call per document, through the LLM layer
 * (privacy guard, cache, budget, `llm.concurrency` calls at once, retries, call log); aspects, brand
 * mentions and attribution stay classical, with the LLM's aspect polarities merged in. When the
 * run's LLM budget is spent the run stops cleanly: the documents done are written, the rest stay
 * unanalysed for the next incremental run, and the result says so (`stopped`).
 */

export type SentimentEngineChoice = 'auto' | 'lexicon' | 'trained' | 'llm';

export interface AnalyzeTextOptions {
  readonly engine?: SentimentEngineChoice;
  /** Re-analyse documents that already have insights. */
  readonly full?: boolean;
  /** Analyse at most this many documents (the rest stay for the next run). */
  readonly limit?: number;
  readonly progress?: ProgressSink;
  /** The LLM provider to use instead of the configured one (tests, benchmarks). */
  readonly provider?: LlmProvider;
}

export interface TextAnalysisRun {
  readonly modelRunId: string | null;
  readonly engine: string;
  readonly analysed: number;
  readonly skipped: number;
  /** Documents that needed analysis when the run started. */
  readonly pending: number;
  /** Of those, still unanalysed after the run (limit, budget stop, failed LLM answers). */
  readonly remaining: number;
  /** Documents the LLM never answered validly for (left for the next run). */
  readonly failed: number;
  /** Why the run ended before every pending document: `limit`, `budget` or `llm_error`. */
  readonly stopped: LlmRunStop | null;
  readonly llm: { readonly calls: number; readonly cachedCalls: number; readonly cost: number } | null;
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
  if (choice === 'lexicon' || choice === 'llm') return undefined;
  const trained = await loadTrainedEngine(store);
  if (trained === null && choice === 'trained')
    throw new InputError('no_trained_model', 'There is no trained sentiment model in this workspace', {
      hint: 'Train one: marketmind text train-sentiment --input labelled.csv --text-col text --label-col label',
    });
  return trained ?? undefined;
}

function openLlmScorer(
  store: Store,
  config: LoadedConfig,
  runId: string,
  provider: LlmProvider | undefined,
): LlmDocumentScorer {
  const scorer = llmDocumentScorer(config, { db: store, runId, ...(provider ? { provider } : {}) });
  if (!scorer)
    throw new InputError(
      'llm_not_configured',
      'text analyze --engine llm needs an LLM, but none is configured (llm.provider is "none")',
      {
        hint: 'Set "llm": {"provider": "openai-compatible", "baseUrl": "http://localhost:11434/v1", "model": "qwen2.5:7b"} in marketmind.config.json (or provider "local" with a modelPath), check it with marketmind llm test, or use --engine auto.',
      },
    );
  return scorer;
}

function validateLimit(limit: number | undefined): void {
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1))
    throw new InputError('invalid_option', `text analyze: limit must be a positive integer, got ${limit}`);
}

/** The analysis of one document with the LLM's answer merged in (sentiment, aspect polarities, attribution). */
function withLlm(
  classical: DocumentAnalysis,
  answer: Awaited<ReturnType<LlmDocumentScorer['analyze']>>,
  engine: string,
  brand: string | undefined,
): DocumentAnalysis {
  if (answer === null)
    return { ...classical, sentiment: { label: 'unknown', score: 0, confidence: 0, engine } };
  const sentiment: SentimentResult = {
    label: answer.label,
    score: answer.score,
    confidence: answer.confidence,
    engine,
  };
  const aspects = mergeAspectPolarity(classical.aspects, answer.aspects);
  const attributed =
    aspects.length && (classical.mentions.length || brand)
      ? attributeToBrands(classical.prepared, classical.mentions, aspects, brand)
      : [];
  return { ...classical, sentiment, aspects, attributed };
}

export async function analyzeDocuments(
  store: Store,
  config: LoadedConfig,
  options: AnalyzeTextOptions = {},
): Promise<TextAnalysisRun> {
  validateLimit(options.limit);
  const started = performance.now();
  const startedAt = new Date();
  const choice = options.engine ?? 'auto';
  const runId = newId('run');
  const brands = await brandDictionary(config, store);
  const sentiment = await chooseEngine(store, choice);
  const scorer = choice === 'llm' ? openLlmScorer(store, config, runId, options.provider) : null;
  try {
    return await analyzeWith(store, config, options, {
      runId,
      started,
      startedAt,
      brands,
      sentiment,
      scorer,
    });
  } finally {
    await scorer?.close();
  }
}

interface RunContext {
  readonly runId: string;
  readonly started: number;
  readonly startedAt: Date;
  readonly brands: BrandEntry[];
  readonly sentiment: SentimentEngine | undefined;
  readonly scorer: LlmDocumentScorer | null;
}

/** Collects the insight rows of a run and its counters. */
function insightCollector(runId: string) {
  const rows: InsightRow[] = [];
  const byLanguage: Record<string, number> = {};
  const labels: Record<string, number> = {};
  const counts = { analysed: 0, aspectMentions: 0, brandMentions: 0, truncated: 0 };
  let first: Date | null = null;
  let last: Date | null = null;
  const push = (
    docId: string,
    kind: string,
    label: string | null,
    score: number | null,
    details: Record<string, unknown> | null,
  ) => rows.push([`${runId}:${rows.length}`, runId, docId, kind, label, score, details]);
  return {
    rows,
    byLanguage,
    labels,
    counts,
    window: () => (first && last ? { start: first, end: last } : null),
    add(doc: DocRow, result: DocumentAnalysis) {
      const lang = result.prepared.lang;
      byLanguage[lang] = (byLanguage[lang] ?? 0) + 1;
      labels[result.sentiment.label] = (labels[result.sentiment.label] ?? 0) + 1;
      if (result.prepared.truncated) counts.truncated += 1;
      push(doc.id, 'sentiment', result.sentiment.label, result.sentiment.score, {
        confidence: result.sentiment.confidence,
        engine: result.sentiment.engine,
        lang,
        ...(result.prepared.notes.length ? { notes: result.prepared.notes } : {}),
      });
      for (const a of result.aspects) {
        counts.aspectMentions += 1;
        const merged = a as Partial<ReturnType<typeof mergeAspectPolarity>[number]>;
        push(doc.id, 'aspect', a.aspect, a.score, {
          term: a.term,
          polarity: a.polarity,
          ...(a.opinion ? { opinion: a.opinion } : {}),
          start: a.start,
          end: a.end,
          ...(merged.source === 'llm' ? { source: 'llm' } : {}),
          ...(merged.classicalPolarity ? { classicalPolarity: merged.classicalPolarity } : {}),
        });
      }
      const seen = new Set<string>();
      for (const m of result.mentions) {
        counts.brandMentions += 1;
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
      counts.analysed += 1;
    },
  };
}

async function analyzeWith(
  store: Store,
  config: LoadedConfig,
  options: AnalyzeTextOptions,
  context: RunContext,
): Promise<TextAnalysisRun> {
  const { runId, brands, sentiment, scorer } = context;
  const analyzer = createDocumentAnalyzer({ brands, ...(sentiment ? { sentiment } : {}) });
  const engine = scorer?.engine ?? analyzer.sentimentEngine;
  const total = Number((await store.query('SELECT COUNT(*) AS n FROM documents'))[0]?.n ?? 0);
  const pendingWhere = options.full
    ? 'TRUE'
    : "NOT EXISTS (SELECT 1 FROM doc_insights i WHERE i.doc_id = d.id AND i.kind = 'sentiment')";
  const pending = options.full
    ? total
    : Number((await store.query(`SELECT COUNT(*) AS n FROM documents d WHERE ${pendingWhere}`))[0]?.n ?? 0);
  const params: SqlValue[] = options.limit === undefined ? [] : [options.limit];
  const collected = insightCollector(runId);
  const bar = (options.progress ?? silentProgress).progress(
    'Analysing documents',
    Math.min(pending, options.limit ?? pending),
  );
  let failed = 0;
  let stopped: (LlmRunStop & { error?: unknown }) | null = null;
  // A limited full re-analysis takes the least recently analysed documents first, so repeated
  // `--full --limit N` runs walk through the whole corpus instead of redoing the same N.
  const order =
    options.full && options.limit !== undefined
      ? `LEFT JOIN (SELECT i.doc_id, MAX(r.created_at) AS analysed_at
                      FROM doc_insights i JOIN model_runs r ON r.id = i.model_run_id
                     WHERE i.kind = 'sentiment' GROUP BY i.doc_id) a ON a.doc_id = d.id
         WHERE ${pendingWhere} ORDER BY a.analysed_at NULLS FIRST, d.id`
      : `WHERE ${pendingWhere} ORDER BY d.id`;
  for await (const batch of store.stream(
    `SELECT d.id, d.text, d.lang, d.brand, d.ts FROM documents d ${order}${params.length ? ' LIMIT $1' : ''}`,
    params,
    scorer ? 1000 : 5000,
  )) {
    const docs = batch as unknown as DocRow[];
    const classical = docs.map((doc) => {
      const hint: TextLocale | undefined = doc.lang === 'zh' || doc.lang === 'en' ? doc.lang : undefined;
      const brand = brandKeyOf(brands, doc.brand);
      return analyzer.analyze(String(doc.text ?? ''), {
        ...(hint ? { lang: hint } : {}),
        ...(brand ? { brand } : {}),
      });
    });
    if (!scorer) {
      for (const [i, doc] of docs.entries()) collected.add(doc, classical[i] as DocumentAnalysis);
      bar.update(collected.counts.analysed);
      continue;
    }
    let done = collected.counts.analysed;
    const pass = await runLlmPass(
      classical,
      (c) => scorer.analyze(c.prepared),
      config.llm.concurrency,
      () => bar.update(++done),
    );
    failed += pass.failed;
    for (const [i, doc] of docs.entries()) {
      const answer = pass.results[i];
      if (answer === undefined) continue;
      const brand = brandKeyOf(brands, doc.brand);
      collected.add(doc, withLlm(classical[i] as DocumentAnalysis, answer, engine, brand));
    }
    if (pass.stop) {
      stopped = pass.stop;
      break;
    }
  }
  bar.done();
  const { analysed } = collected.counts;
  // A failure before anything was analysed is an error, not a result (e.g. a wrong API key).
  if (stopped && stopped.reason === 'llm_error' && analysed === 0) throw stopped.error;
  const remaining = pending - analysed;
  if (!stopped && remaining > 0 && options.limit !== undefined && analysed + failed >= options.limit)
    stopped = {
      reason: 'limit',
      message: `limit ${options.limit} reached; ${remaining} documents left for the next run`,
    };
  const seconds = (performance.now() - context.started) / 1000;
  const dataWindow = collected.window();
  const summary = {
    engine,
    analysed,
    skipped: total - analysed,
    pending,
    remaining,
    failed,
    stopped: stopped && { reason: stopped.reason, message: stopped.message },
    llm: scorer ? scorer.usage() : null,
    byLanguage: collected.byLanguage,
    labels: collected.labels,
    aspectMentions: collected.counts.aspectMentions,
    brandMentions: collected.counts.brandMentions,
    truncated: collected.counts.truncated,
    docsPerSecond: analysed / Math.max(seconds, 1e-9),
    dataWindow,
  };
  if (analysed === 0) return { ...summary, modelRunId: null, docsPerSecond: 0 };
  await store.transaction(async (tx) => {
    // A complete full re-analysis replaces the earlier insights (their model runs stay in the ledger);
    // a partial one (limit, budget) replaces only those of the documents it analysed.
    if (options.full && remaining === 0) await tx.execute('DELETE FROM doc_insights');
    await insertModelRun(tx, {
      id: runId,
      kind: 'text.analyze',
      engine,
      params: {
        engineChoice: options.engine ?? 'auto',
        full: Boolean(options.full),
        ...(options.limit === undefined ? {} : { limit: options.limit }),
        ...(scorer ? { prompt: scorer.prompt, concurrency: config.llm.concurrency } : {}),
        brands: brands.map((b) => b.key),
      },
      metrics: { ...summary, dataWindow: undefined },
      dataWindow,
      startedAt: context.startedAt,
    });
    await insertInBatches(tx, 'doc_insights', collected.rows.length, (i) => collected.rows[i] as InsightRow);
    if (options.full && remaining > 0)
      await tx.execute(
        `DELETE FROM doc_insights WHERE model_run_id <> $1
           AND doc_id IN (SELECT doc_id FROM doc_insights WHERE model_run_id = $1)`,
        [runId],
      );
  });
  return { ...summary, modelRunId: runId };
}
