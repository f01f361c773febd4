import { InputError } from '../../core/errors.js';
import type { SqlValue, Store } from '../../store/store.js';
import {
  type AspectDefinition,
  type BrandEntry,
  createTextPipeline,
  DEFAULT_ASPECT_TAXONOMY,
  extractiveSummary,
  type TextLocale,
} from '../../text/index.js';
import type { EvidenceQuote } from '../../text/voice-summary-prompt.js';
import { brandKeyOf } from './brand-dictionary.js';
import type { DocInsights } from './voice-documents.js';

/**
 * The evidence of a voice summary: the customer documents matching the filters (SQL for product and
 * period, stored insights for brand and aspect), and the quotes the extractive summary picks from
 * them (MMR: relevant and mutually different; focused on the aspect's terms).
 */

export interface VoiceSummaryQuote extends EvidenceQuote {
  readonly docId: string;
  readonly ts: Date;
  /** Offsets of the quote in the document's normalised text. */
  readonly start: number;
  readonly end: number;
}

export interface Candidate {
  readonly id: string;
  readonly text: string;
  readonly lang: string | null;
  readonly brand: string | null;
  readonly ts: Date;
}

export function findAspect(name: string): AspectDefinition {
  const wanted = name.trim().toLowerCase();
  const found = DEFAULT_ASPECT_TAXONOMY.aspects.find(
    (a) => a.key === wanted || a.label.en.toLowerCase() === wanted || a.label.zh === name.trim(),
  );
  if (!found)
    throw new InputError('unknown_aspect', `text summarize: "${name}" is not an aspect`, {
      hint: `Use one of: ${DEFAULT_ASPECT_TAXONOMY.aspects.map((a) => a.key).join(', ')}`,
    });
  return found;
}

export async function loadCandidates(
  store: Store,
  filters: { product?: string; from?: Date; to?: Date },
): Promise<Candidate[]> {
  const where = ["source <> 'news'"];
  const params: SqlValue[] = [];
  if (filters.product !== undefined) where.push(`product_id = $${params.push(filters.product)}`);
  if (filters.from !== undefined) where.push(`ts >= $${params.push(filters.from)}`);
  if (filters.to !== undefined) where.push(`ts <= $${params.push(filters.to)}`);
  const out: Candidate[] = [];
  for await (const batch of store.stream(
    `SELECT id, text, lang, brand, ts FROM documents WHERE ${where.join(' AND ')} ORDER BY ts DESC, id`,
    params,
    5000,
  ))
    for (const row of batch)
      out.push({
        id: String(row.id),
        text: String(row.text ?? ''),
        lang: row.lang === null || row.lang === undefined ? null : String(row.lang),
        brand: row.brand === null || row.brand === undefined ? null : String(row.brand),
        ts: row.ts instanceof Date ? row.ts : new Date(String(row.ts)),
      });
  return out;
}

export /** The documents matching the brand and aspect filters (stored insights), and the runs that decided. */
function applyInsightFilters(
  all: readonly Candidate[],
  insights: ReadonlyMap<string, DocInsights> | null,
  o: {
    readonly brands: readonly BrandEntry[];
    readonly brand?: string | undefined;
    readonly aspect?: AspectDefinition | undefined;
  },
): { matching: Candidate[]; runIds: Set<string>; unanalysed: number } {
  const runIds = new Set<string>();
  let unanalysed = 0;
  const matching = all.filter((doc) => {
    if (!insights) return true;
    const found = insights.get(doc.id);
    if (o.brand && brandKeyOf(o.brands, doc.brand) !== o.brand && !found?.mentions.includes(o.brand))
      return false;
    // unanalysed documents stay: the extractive summary keeps only sentences using the aspect's terms
    if (o.aspect && found && !found.aspects.some((a) => a.aspect === o.aspect?.key)) return false;
    if (found) runIds.add(found.runId);
    else unanalysed += 1;
    return true;
  });
  return { matching, runIds, unanalysed };
}

export interface Evidence {
  readonly quotes: VoiceSummaryQuote[];
  readonly method: string;
}

/** Diverse, relevant sentences (MMR), focused on the aspect's terms when one is asked for. */
export function pickEvidence(
  pool: readonly Candidate[],
  o: { readonly aspect?: AspectDefinition | undefined; readonly quoteCount: number },
  insights: ReadonlyMap<string, DocInsights> | null,
): Evidence {
  const pipeline = createTextPipeline();
  const prepared = pool.map((d) => ({
    id: d.id,
    doc: pipeline.prepare(d.text, d.lang === 'zh' || d.lang === 'en' ? d.lang : undefined),
  }));
  const query = new Set<string>();
  if (o.aspect) {
    for (const term of [...o.aspect.terms.en, ...o.aspect.terms.zh]) query.add(term);
    for (const d of pool)
      for (const a of insights?.get(d.id)?.aspects ?? [])
        if (a.aspect === o.aspect.key && a.term) query.add(a.term);
  }
  const summary = extractiveSummary(prepared, {
    sentences: o.quoteCount,
    method: 'mmr',
    maxChars: 4000,
    ...(query.size ? { query: [...query] } : {}),
  });
  const byId = new Map(pool.map((d) => [d.id, d]));
  return {
    method: summary.method,
    quotes: summary.sentences.map((s, i) => ({
      id: `q${i + 1}`,
      docId: s.docId,
      text: s.text,
      ts: (byId.get(s.docId) as Candidate).ts,
      start: s.start,
      end: s.end,
    })),
  };
}

/** The extractive result: every quote is its own claim. */
export function extractiveResult(evidence: Evidence, lang: TextLocale) {
  const claims = evidence.quotes.map((q) => ({ text: q.text, quoteIds: [q.id] }));
  const open = lang === 'zh' ? '「' : '"';
  const close = lang === 'zh' ? '」' : '"';
  return {
    kind: 'extractive' as const,
    engine: `extractive:${evidence.method}`,
    summary: evidence.quotes.map((q) => `${open}${q.text}${close} [${q.id}]`).join(lang === 'zh' ? '' : ' '),
    claims,
  };
}
