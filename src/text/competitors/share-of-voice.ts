import { InputError } from '../../core/errors.js';

export type TimeBucket = 'day' | 'week' | 'month';

export interface VoiceItem {
  readonly ts: Date;
  /** Brand keys the document mentions (duplicates count once). */
  readonly brands: readonly string[];
  /** Document polarity in [-1, 1]: > 0 positive, < 0 negative, 0 neutral. */
  readonly sentiment?: number;
  /** Marks the document negative whatever `sentiment` says (e.g. a complaint ticket). */
  readonly negative?: boolean;
}

export interface ShareOfVoiceOptions {
  /** Brands to list even when nobody mentions them (with zero counts). */
  readonly brands?: readonly string[];
}

export interface ShareOfVoice {
  /** Bucket labels, contiguous and ascending: `YYYY-MM-DD` (day; week = its Monday), `YYYY-MM` (month), UTC. */
  readonly buckets: string[];
  readonly brands: {
    readonly brand: string;
    readonly mentions: number[];
    /** Brand mentions / all brand mentions in the bucket; 0 in a bucket without any mention. */
    readonly share: number[];
    /** (positive − negative) / documents with a sentiment signal; null when there are none. */
    readonly netSentiment: (number | null)[];
  }[];
  readonly total: { brand: string; mentions: number; share: number; netSentiment: number | null }[];
}

const DAY_MS = 86_400_000;
const MAX_BUCKETS = 50_000;

/** Start of the UTC bucket holding `ms`, as epoch milliseconds. */
function bucketStart(ms: number, bucket: TimeBucket): number {
  const day = Math.floor(ms / DAY_MS) * DAY_MS;
  if (bucket === 'day') return day;
  if (bucket === 'week') return day - ((new Date(day).getUTCDay() + 6) % 7) * DAY_MS; // ISO week: Monday
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

function nextBucket(start: number, bucket: TimeBucket): number {
  if (bucket === 'day') return start + DAY_MS;
  if (bucket === 'week') return start + 7 * DAY_MS;
  const d = new Date(start);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

function label(start: number, bucket: TimeBucket): string {
  const iso = new Date(start).toISOString();
  return bucket === 'month' ? iso.slice(0, 7) : iso.slice(0, 10);
}

/** +1 positive, −1 negative, 0 neutral, null when the item carries no sentiment signal. */
function polarityOf(item: VoiceItem): 1 | -1 | 0 | null {
  if (item.negative === true) return -1;
  if (item.sentiment === undefined || Number.isNaN(item.sentiment)) return item.negative === false ? 0 : null;
  return item.sentiment > 0 ? 1 : item.sentiment < 0 ? -1 : 0;
}

/**
 * Share of voice per brand and time bucket: the fraction of brand mentions that name each brand.
 *   mentions[b][t] = documents in bucket t that mention b (a document counts once per brand)
 *   share[b][t]    = mentions[b][t] / Σ_b' mentions[b'][t]
 *   net[b][t]      = (positive − negative) / documents with a sentiment signal, in [-1, 1]
 * A document mentioning two brands adds one mention to each, so shares are of mentions, not of
 * documents (the usual media-monitoring definition). Buckets are UTC and contiguous from the
 * first to the last item (empty buckets kept, so charts have no gaps); weeks start on Monday (ISO 8601).
 * Items without a sentiment signal (no `sentiment`, no `negative`) count as mentions but not in
 * the net sentiment's denominator. Brands are ordered by total mentions, then key.
 * Cost: O(items · brands per item + buckets · brands).
 * Example: two items on 2026-01-05, brands [a] (sentiment 0.8) and [a, b] (negative) →
 *   buckets ['2026-01-05'], a: mentions [2], share [0.667], net [0]; b: mentions [1], share [0.333], net [-1].
 */
export function shareOfVoice(
  items: readonly VoiceItem[],
  bucket: TimeBucket,
  options: ShareOfVoiceOptions = {},
): ShareOfVoice {
  if (bucket !== 'day' && bucket !== 'week' && bucket !== 'month')
    throw new InputError(
      'invalid_bucket',
      `shareOfVoice: bucket must be day, week or month, got "${bucket}"`,
    );
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  items.forEach((item, i) => {
    const ms = item.ts instanceof Date ? item.ts.getTime() : Number.NaN;
    if (!Number.isFinite(ms))
      throw new InputError('invalid_date', `shareOfVoice: item ${i} has no valid timestamp`);
    first = Math.min(first, ms);
    last = Math.max(last, ms);
  });
  const starts: number[] = [];
  if (items.length > 0) {
    for (let t = bucketStart(first, bucket); t <= last; t = nextBucket(t, bucket)) {
      starts.push(t);
      if (starts.length > MAX_BUCKETS)
        throw new InputError('too_many_buckets', `shareOfVoice: more than ${MAX_BUCKETS} ${bucket} buckets`, {
          hint: 'use a coarser bucket or a narrower date range',
        });
    }
  }
  const index = new Map(starts.map((t, i) => [t, i]));
  const counts = new Map<
    string,
    { mentions: number[]; positive: number[]; negative: number[]; rated: number[] }
  >();
  const row = (brand: string) => {
    let r = counts.get(brand);
    if (!r) {
      const zeros = () => new Array<number>(starts.length).fill(0);
      r = { mentions: zeros(), positive: zeros(), negative: zeros(), rated: zeros() };
      counts.set(brand, r);
    }
    return r;
  };
  for (const brand of options.brands ?? []) row(brand);
  const bucketTotals = new Array<number>(starts.length).fill(0);
  for (const item of items) {
    const t = index.get(bucketStart(item.ts.getTime(), bucket)) as number;
    const polarity = polarityOf(item);
    for (const brand of new Set(item.brands)) {
      const r = row(brand);
      r.mentions[t] = (r.mentions[t] as number) + 1;
      bucketTotals[t] = (bucketTotals[t] as number) + 1;
      if (polarity === null) continue;
      r.rated[t] = (r.rated[t] as number) + 1;
      if (polarity > 0) r.positive[t] = (r.positive[t] as number) + 1;
      if (polarity < 0) r.negative[t] = (r.negative[t] as number) + 1;
    }
  }
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const allMentions = sum(bucketTotals);
  const rows = [...counts.entries()].map(([brand, r]) => {
    const rated = sum(r.rated);
    return {
      brand,
      mentions: r.mentions,
      share: r.mentions.map((m, t) => (bucketTotals[t] ? m / (bucketTotals[t] as number) : 0)),
      netSentiment: r.rated.map((n, t) =>
        n > 0 ? ((r.positive[t] as number) - (r.negative[t] as number)) / n : null,
      ),
      total: {
        brand,
        mentions: sum(r.mentions),
        share: allMentions > 0 ? sum(r.mentions) / allMentions : 0,
        netSentiment: rated > 0 ? (sum(r.positive) - sum(r.negative)) / rated : null,
      },
    };
  });
  rows.sort(
    (a, b) => b.total.mentions - a.total.mentions || (a.brand < b.brand ? -1 : a.brand > b.brand ? 1 : 0),
  );
  return {
    buckets: starts.map((t) => label(t, bucket)),
    brands: rows.map(({ brand, mentions, share, netSentiment }) => ({
      brand,
      mentions,
      share,
      netSentiment,
    })),
    total: rows.map((r) => r.total),
  };
}
