import {
  DEFAULT_ASPECT_TAXONOMY,
  extractiveSummary,
  type TextLocale,
  type TextPipeline,
} from '../../text/index.js';
import { aspectPolarity, type VoiceDocument } from './voice-documents.js';

/** Example quotes for the voice-of-the-customer views: what customers said about an aspect, in their words. */

export interface DriverQuote {
  readonly docId: string;
  readonly ts: Date;
  readonly text: string;
}

/** Newest documents considered for a quote (TextRank is quadratic in sentences). */
const QUOTE_CANDIDATES = 400;

/** The stored language of a document as a pipeline hint. */
export const hintOf = (doc: VoiceDocument): TextLocale | undefined =>
  doc.lang === 'zh' || doc.lang === 'en' ? doc.lang : undefined;

/**
 * `count` quotes for an aspect at a polarity: TextRank over the newest documents holding that
 * opinion, focused on the aspect's seed terms and the terms found in them.
 */
export function quotesFor(
  docs: readonly VoiceDocument[],
  aspect: string,
  sign: 1 | -1,
  pipeline: TextPipeline,
  count = 2,
): DriverQuote[] {
  const holding = docs.filter((d) => aspectPolarity(d, aspect) === sign).slice(-QUOTE_CANDIDATES);
  if (holding.length === 0) return [];
  const definition = DEFAULT_ASPECT_TAXONOMY.aspects.find((a) => a.key === aspect);
  const query = new Set([...(definition?.terms.en ?? []), ...(definition?.terms.zh ?? [])]);
  for (const d of holding) for (const a of d.aspects) if (a.aspect === aspect && a.term) query.add(a.term);
  const byId = new Map(holding.map((d) => [d.id, d]));
  const summary = extractiveSummary(
    holding.map((d) => ({ id: d.id, doc: pipeline.prepare(d.text, hintOf(d)) })),
    { sentences: count, query: [...query] },
  );
  return summary.sentences.map((s) => ({
    docId: s.docId,
    ts: (byId.get(s.docId) as VoiceDocument).ts,
    text: s.text,
  }));
}
