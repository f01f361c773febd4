import { type Bucket, bucketOf, contrastKeywords, type SpikeAlert, spikeAlerts } from '../../text/index.js';
import { aspectPolarity, type VoiceDocument } from './voice-documents.js';

/**
 * Negative-spike alerts on our brand's reviews and social posts, on two kinds of stream:
 * - `all`: every document, negative = the sentiment engine's label (`spikeAlerts` volume and
 *   negative-share alarms);
 * - one per aspect: the documents with a negative opinion on that aspect, whose volume alarms say
 *   "complaints about logistics jumped". A complaint wave about one aspect is diluted in the whole
 *   stream (it moves the overall negative share by a few points) but stands out in its own count.
 *   Its driving terms contrast the spike's complaints with all the documents of the baseline window
 *   (against earlier complaints about the same aspect, the same words would cancel out).
 * The bucket is the finest calendar bucket (day, week, month) holding on average at least
 * `MIN_DOCS_PER_BUCKET` documents — spikeAlerts tests a negative share only where a bucket has 10
 * documents, so daily alerts on a thin stream would see nothing.
 */

export interface VoiceAlert extends SpikeAlert {
  /** `all`, or the aspect whose complaints spiked. */
  readonly scope: string;
  readonly examples: readonly { readonly docId: string; readonly ts: Date; readonly text: string }[];
}

const MIN_DOCS_PER_BUCKET = 10;
/** spikeAlerts' default baseline window, in buckets. */
const BASELINE = 14;
/** An aspect stream needs this many negative documents in all before it is scanned. */
const MIN_ASPECT_DOCS = 10;
const DAY_MS = 86_400_000;
const EXCERPT = 140;

/** The finest bucket with at least MIN_DOCS_PER_BUCKET documents per bucket on average over the span. */
export function alertBucket(docs: readonly { readonly ts: Date }[]): Bucket {
  const first = docs[0]?.ts.getTime() ?? 0;
  const last = docs.at(-1)?.ts.getTime() ?? 0;
  const days = Math.max(1, (last - first) / DAY_MS + 1);
  if (docs.length / days >= MIN_DOCS_PER_BUCKET) return 'day';
  if (docs.length / Math.max(1, days / 7) >= MIN_DOCS_PER_BUCKET) return 'week';
  return 'month';
}

/** The label `n` buckets after (or before, n < 0) bucket label `label`. */
export function shiftBucket(label: string, bucket: Bucket, n: number): string {
  const start = Date.parse(`${label}T00:00:00Z`);
  if (bucket === 'month') {
    const d = new Date(start);
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1)).toISOString().slice(0, 10);
  }
  return new Date(start + n * (bucket === 'week' ? 7 : 1) * DAY_MS).toISOString().slice(0, 10);
}

/** Contiguous bucket labels from the first to the last date. */
export function bucketRange(first: Date, last: Date, bucket: Bucket): string[] {
  const labels: string[] = [];
  const end = bucketOf(last, bucket);
  for (let label = bucketOf(first, bucket); label <= end; label = shiftBucket(label, bucket, 1))
    labels.push(label);
  return labels;
}

const excerpt = (text: string) => (text.length > EXCERPT ? `${text.slice(0, EXCERPT - 1)}…` : text);

/** Alerts over `docs` (oldest first), with `terms` the content-word norms of each document by id. */
export function voiceSpikeAlerts(
  docs: readonly VoiceDocument[],
  terms: ReadonlyMap<string, readonly string[]>,
  options: { readonly bucket?: Bucket } = {},
): { bucket: Bucket; documents: number; alerts: VoiceAlert[] } {
  const bucket = options.bucket ?? alertBucket(docs);
  if (docs.length === 0) return { bucket, documents: 0, alerts: [] };
  const byId = new Map(docs.map((d) => [d.id, d]));
  const alertDoc = (d: VoiceDocument, negative: boolean) => ({
    id: d.id,
    ts: d.ts,
    terms: terms.get(d.id) ?? [],
    negative,
    aspects: d.aspects.map((a) => a.aspect),
  });
  const withExamples = (alert: SpikeAlert, scope: string): VoiceAlert => ({
    ...alert,
    scope,
    examples: alert.exampleIds.map((id) => {
      const d = byId.get(id) as VoiceDocument;
      return { docId: id, ts: d.ts, text: excerpt(d.text) };
    }),
  });
  const alerts = spikeAlerts(
    docs.map((d) => alertDoc(d, d.sentiment.label === 'negative')),
    bucket,
  ).map((a) => withExamples(a, 'all'));

  const aspects = new Map<string, number>();
  for (const d of docs)
    for (const aspect of new Set(d.aspects.map((a) => a.aspect)))
      if (aspectPolarity(d, aspect) === -1) aspects.set(aspect, (aspects.get(aspect) ?? 0) + 1);
  for (const [aspect, count] of [...aspects].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (count < MIN_ASPECT_DOCS) continue;
    const stream = docs.filter((d) => aspectPolarity(d, aspect) === -1).map((d) => alertDoc(d, true));
    for (const alert of spikeAlerts(stream, bucket)) {
      if (alert.kind !== 'volume') continue; // every document of the stream is negative
      const others = alert.drivingAspects.filter((a) => a.aspect !== aspect);
      const drivingAspects = [{ aspect, count: alert.value, expected: alert.expected }, ...others];
      const drivingTerms = termsAgainstBaseline(docs, stream, alert.bucket, bucket, terms);
      alerts.push(withExamples({ ...alert, drivingAspects, drivingTerms }, aspect));
    }
  }
  const order = (a: VoiceAlert) => `${a.bucket}\u0000${a.scope}\u0000${a.kind}`;
  alerts.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  return { bucket, documents: docs.length, alerts };
}

/**
 * Terms over-represented in the spike bucket's documents of `stream` against every document of
 * the BASELINE buckets before it (log-odds z ≥ 1.96, as spikeAlerts does).
 */
function termsAgainstBaseline(
  docs: readonly VoiceDocument[],
  stream: readonly { readonly id: string; readonly ts: Date }[],
  label: string,
  bucket: Bucket,
  terms: ReadonlyMap<string, readonly string[]>,
): SpikeAlert['drivingTerms'] {
  const from = shiftBucket(label, bucket, -BASELINE);
  const termsOf = (d: { readonly id: string }) => terms.get(d.id) ?? [];
  const target = stream.filter((d) => bucketOf(d.ts, bucket) === label).map(termsOf);
  const background = docs
    .filter((d) => {
      const b = bucketOf(d.ts, bucket);
      return b >= from && b < label;
    })
    .map(termsOf);
  return contrastKeywords(target, background, { top: 10, minCount: 2, minZ: 1.96 }).map((k) => ({
    term: k.term,
    lift: k.lift,
  }));
}
