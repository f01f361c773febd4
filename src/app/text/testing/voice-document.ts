import type { AspectMention, SentimentLabel } from '../../../text/index.js';
import type { VoiceDocument } from '../voice-documents.js';

/** Test documents for the voice-of-the-customer views, as loadVoiceDocuments would return them. */

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);

/** A review with no rating, product, brand or mentions; `fields` override any of it. */
export function voiceDocument(
  fields: Partial<VoiceDocument> & Pick<VoiceDocument, 'id' | 'text'>,
): VoiceDocument {
  return {
    source: 'review',
    lang: null,
    rating: null,
    product: null,
    brand: undefined,
    ts: new Date(START),
    runId: 'run_test',
    sentiment: { label: 'positive', score: 0.5, engine: 'lexicon' },
    aspects: [],
    mentions: [],
    brandAspects: [],
    ...fields,
  };
}

/**
 * Document `id` of a themed corpus: id `d0007`, dated so that the four themes of a round (ids
 * 4r … 4r + 3) share a day, sentiment ±0.5 by label, a neutral mention of each aspect.
 */
export function themedDocument(
  id: number,
  text: string,
  lang: 'zh' | 'en',
  label: SentimentLabel,
  aspects: readonly string[] = [],
): VoiceDocument {
  return voiceDocument({
    id: `d${String(id).padStart(4, '0')}`,
    text,
    lang,
    ts: new Date(START + (Math.floor(id / 4) % 60) * DAY),
    sentiment: { label, score: label === 'negative' ? -0.5 : 0.5, engine: 'lexicon' },
    aspects: aspects.map(
      (aspect): AspectMention => ({ aspect, term: '', start: 0, end: 0, polarity: 'neutral', score: 0 }),
    ),
  });
}
