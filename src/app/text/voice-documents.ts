import type { LoadedConfig } from '../../core/config.js';
import type { Queryable } from '../../store/store.js';
import type { AspectMention, BrandEntry, Polarity, SentimentLabel } from '../../text/index.js';
import { brandDictionary, brandKeyOf } from './brand-dictionary.js';

/**
 * The documents with their stored text insights, as the voice-of-the-customer analyses read them:
 * each analysed document with its own newest `text.analyze` run's rows (sentiment, aspects, brand
 * mentions, brand-attributed aspects). `text analyze` is incremental, so different documents can
 * come from different runs; a document analysed twice keeps only its newest run.
 */

export interface VoiceDocument {
  readonly id: string;
  readonly source: string;
  readonly lang: string | null;
  readonly text: string;
  readonly rating: number | null;
  /** The product the document is about, with its catalogue category, when known. */
  readonly product: { readonly id: string; readonly name: string; readonly category: string | null } | null;
  /** Key of the brand the document is about (documents.brand through the dictionary). */
  readonly brand: string | undefined;
  readonly ts: Date;
  readonly runId: string;
  readonly sentiment: { readonly label: SentimentLabel; readonly score: number; readonly engine: string };
  readonly aspects: readonly AspectMention[];
  /** Brand keys named in the text (each once). */
  readonly mentions: readonly string[];
  readonly brandAspects: readonly {
    readonly brand: string;
    readonly aspect: string;
    readonly score: number;
  }[];
}

export interface VoiceCorpus {
  /** Analysed documents, oldest first. */
  readonly documents: readonly VoiceDocument[];
  /** Documents without insights yet (run `text analyze`). */
  readonly unanalysed: number;
  /** The `text.analyze` runs whose rows were read, newest first. */
  readonly runIds: readonly string[];
  /** Sentiment engines of the rows read, most documents first (`lexicon`, `trained:<run>` …). */
  readonly engines: readonly string[];
  readonly brands: readonly BrandEntry[];
  readonly dataWindow: { readonly start: Date; readonly end: Date } | null;
}

export interface DocInsights {
  runId: string;
  sentiment?: VoiceDocument['sentiment'];
  aspects: AspectMention[];
  mentions: string[];
  brandAspects: { brand: string; aspect: string; score: number }[];
}

const parse = (value: unknown): Record<string, unknown> =>
  (typeof value === 'string' ? JSON.parse(value) : (value ?? {})) as Record<string, unknown>;
const num = (value: unknown): number => (typeof value === 'number' ? value : Number(value ?? 0));
const polarities: readonly Polarity[] = ['positive', 'negative', 'neutral'];
const labels: readonly SentimentLabel[] = ['positive', 'negative', 'neutral', 'unknown'];

/**
 * The (document, run) pairs to read: with `runId`, that run's rows; else for every document the
 * newest `text.analyze` run that wrote a sentiment row for it (by creation time, then id).
 */
function insightSql(runId: string | undefined): { sql: string; params: string[] } {
  const columns = 'i.doc_id, i.model_run_id, i.kind, i.label, i.score, i.details';
  if (runId)
    return { sql: `SELECT ${columns} FROM doc_insights i WHERE i.model_run_id = $1`, params: [runId] };
  return {
    sql: `SELECT ${columns} FROM doc_insights i
      JOIN (SELECT doc_id, model_run_id FROM (
              SELECT s.doc_id, s.model_run_id,
                     ROW_NUMBER() OVER (PARTITION BY s.doc_id ORDER BY r.created_at DESC, r.id DESC) AS rk
              FROM doc_insights s JOIN model_runs r ON r.id = s.model_run_id
              WHERE s.kind = 'sentiment' AND r.kind = 'text.analyze') ranked
            WHERE rk = 1) latest
        ON latest.doc_id = i.doc_id AND latest.model_run_id = i.model_run_id`,
    params: [],
  };
}

function addInsight(byDoc: Map<string, DocInsights>, row: Record<string, unknown>): void {
  const docId = String(row.doc_id);
  const entry = byDoc.get(docId) ?? {
    runId: String(row.model_run_id),
    aspects: [],
    mentions: [],
    brandAspects: [],
  };
  byDoc.set(docId, entry);
  const details = parse(row.details);
  const label = String(row.label ?? '');
  const score = num(row.score);
  if (row.kind === 'sentiment') {
    entry.sentiment = {
      label: labels.includes(label as SentimentLabel) ? (label as SentimentLabel) : 'unknown',
      score,
      engine: String(details.engine ?? 'unknown'),
    };
  } else if (row.kind === 'aspect') {
    const polarity = polarities.includes(details.polarity as Polarity)
      ? (details.polarity as Polarity)
      : 'neutral';
    entry.aspects.push({
      aspect: label,
      term: String(details.term ?? ''),
      start: num(details.start),
      end: num(details.end),
      polarity,
      ...(typeof details.opinion === 'string' ? { opinion: details.opinion } : {}),
      score,
    });
  } else if (row.kind === 'brand_mention') {
    if (!entry.mentions.includes(label)) entry.mentions.push(label);
  } else if (row.kind === 'brand_aspect') {
    entry.brandAspects.push({
      brand: String(details.brand ?? ''),
      aspect: String(details.aspect ?? ''),
      score,
    });
  }
}

/** Each analysed document's insights from its newest `text.analyze` run (or from run `runId`), by document id. */
export async function loadDocInsights(
  db: Queryable,
  options: { readonly runId?: string } = {},
): Promise<Map<string, DocInsights>> {
  const byDoc = new Map<string, DocInsights>();
  const { sql, params } = insightSql(options.runId);
  for await (const batch of db.stream(sql, params, 20_000)) for (const row of batch) addInsight(byDoc, row);
  return byDoc;
}

/** Reads the analysed documents and their insights (see the module comment). O(documents + insight rows). */
export async function loadVoiceDocuments(
  db: Queryable,
  config: LoadedConfig,
  options: { readonly runId?: string } = {},
): Promise<VoiceCorpus> {
  const brands = await brandDictionary(config, db);
  const byDoc = await loadDocInsights(db, options);

  const documents: VoiceDocument[] = [];
  const runs = new Map<string, number>();
  const engines = new Map<string, number>();
  let unanalysed = 0;
  for await (const batch of db.stream(
    `SELECT d.id, d.source, d.lang, d.text, d.rating, d.brand, d.ts, d.product_id, p.name AS product_name,
            p.category
     FROM documents d LEFT JOIN products p ON p.id = d.product_id ORDER BY d.ts, d.id`,
    [],
    20_000,
  )) {
    for (const row of batch) {
      const insights = byDoc.get(String(row.id));
      if (!insights?.sentiment) {
        unanalysed += 1;
        continue;
      }
      const ts = row.ts instanceof Date ? row.ts : new Date(String(row.ts));
      runs.set(insights.runId, Math.max(runs.get(insights.runId) ?? 0, ts.getTime()));
      engines.set(insights.sentiment.engine, (engines.get(insights.sentiment.engine) ?? 0) + 1);
      documents.push({
        id: String(row.id),
        source: String(row.source ?? 'other'),
        lang: row.lang === null || row.lang === undefined ? null : String(row.lang),
        text: String(row.text ?? ''),
        rating: typeof row.rating === 'number' && Number.isFinite(row.rating) ? row.rating : null,
        product:
          row.product_id === null || row.product_id === undefined
            ? null
            : {
                id: String(row.product_id),
                name: String(row.product_name ?? row.product_id),
                category: row.category === null || row.category === undefined ? null : String(row.category),
              },
        brand: brandKeyOf(brands, row.brand === null ? null : String(row.brand)),
        ts,
        runId: insights.runId,
        sentiment: insights.sentiment,
        aspects: insights.aspects,
        mentions: insights.mentions,
        brandAspects: insights.brandAspects,
      });
    }
  }
  const runIds = await newestFirst(db, [...runs.keys()]);
  const first = documents[0];
  const last = documents.at(-1);
  return {
    documents,
    unanalysed,
    runIds,
    engines: [...engines].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([engine]) => engine),
    brands,
    dataWindow: first && last ? { start: first.ts, end: last.ts } : null,
  };
}

async function newestFirst(db: Queryable, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.query(
    `SELECT id FROM model_runs WHERE id IN (${ids.map((_, i) => `$${i + 1}`).join(', ')})
     ORDER BY created_at DESC, id DESC`,
    ids,
  );
  const ordered = rows.map((r) => String(r.id));
  return [...ordered, ...ids.filter((id) => !ordered.includes(id))];
}

/** Our brand's key in the dictionary, if one is marked ours. */
export function ourBrandKey(brands: readonly BrandEntry[]): string | undefined {
  return brands.find((b) => b.ours)?.key;
}

/**
 * Whether a document speaks about our brand: its brand is ours, or it has no brand and does not
 * name only other brands (a shop's own reviews and tickets usually carry no brand column).
 */
export function isAboutOurs(doc: VoiceDocument, ours: string | undefined): boolean {
  if (ours === undefined) return true;
  if (doc.brand !== undefined) return doc.brand === ours;
  return doc.mentions.length === 0 || doc.mentions.includes(ours);
}

/** Sign of a document's opinion on an aspect: the sign of its mentions' summed polarity (−1, 0, +1). */
export function aspectPolarity(
  doc: { readonly aspects: readonly AspectMention[] },
  aspect: string,
): -1 | 0 | 1 | null {
  let sum = 0;
  let found = false;
  for (const a of doc.aspects) {
    if (a.aspect !== aspect) continue;
    found = true;
    sum += a.polarity === 'positive' ? 1 : a.polarity === 'negative' ? -1 : 0;
  }
  return found ? (Math.sign(sum) as -1 | 0 | 1) : null;
}
