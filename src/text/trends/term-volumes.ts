import { InputError } from '../../core/errors.js';
import { internDocs } from './term-ids.js';
import { type Bucket, indexBuckets } from './time-buckets.js';

/** A document reduced to what the trend analyses read: its terms and its time. */
export interface TimedTerms {
  /** Normalised terms without stop words, in text order. */
  readonly terms: readonly string[];
  readonly ts: Date;
}

export interface TermVolumeOptions {
  /** Terms to report (in this order, zero series included). Default: the `top` most frequent. */
  readonly terms?: readonly string[];
  /** Without `terms`: how many of the terms in the most documents. Default 20. */
  readonly top?: number;
}

export interface TermVolumes {
  /** Bucket labels, earliest to latest, contiguous (empty buckets included). */
  readonly buckets: string[];
  /** Per term, the number of documents of each bucket that contain it. */
  readonly series: { term: string; counts: number[] }[];
  /** Documents per bucket (the denominator for shares). */
  readonly totals: number[];
}

/**
 * Term volume series: for each term, how many documents of each calendar bucket mention it
 * (document counts, so one review repeating a word ten times counts once). Buckets run from the
 * earliest to the latest document with zeros where nothing was posted, so the series feed
 * `detectBursts` directly.
 *
 * Cost O(T + U log U + B·m) for T tokens, U distinct (term, document) pairs, B buckets and m
 * reported terms; the counts stay sparse (`countTermsPerBucket`) until the m terms are expanded.
 *
 * Example: docs [{terms: ['物流','慢'], ts: 2026-03-02}, {terms: ['物流'], ts: 2026-03-04}] by day →
 * buckets ['2026-03-02','2026-03-03','2026-03-04'], 物流 [1, 0, 1], 慢 [1, 0, 0].
 */
export function termVolumes(
  docs: readonly TimedTerms[],
  bucket: Bucket,
  options: TermVolumeOptions = {},
): TermVolumes {
  const top = options.top ?? 20;
  if (options.terms === undefined && (!Number.isInteger(top) || top < 0))
    throw new InputError('invalid_argument', `termVolumes: top must be a non-negative integer, got ${top}`);
  const { buckets, bucketOfDoc } = indexBuckets(
    docs.map((doc) => doc.ts),
    bucket,
    'termVolumes',
  );
  const counts = countTermsPerBucket(docs, bucketOfDoc, buckets.length);
  const totals = new Array<number>(buckets.length).fill(0);
  for (let i = 0; i < docs.length; i++) {
    const position = bucketOfDoc[i] as number;
    totals[position] = (totals[position] as number) + 1;
  }

  let chosen: { term: string; id: number }[];
  if (options.terms !== undefined) {
    const index = new Map(counts.vocabulary.map((term, id) => [term, id]));
    chosen = [...new Set(options.terms)].map((term) => ({ term, id: index.get(term) ?? -1 }));
  } else {
    const ranked = counts.vocabulary.map((term, id) => ({ term, id, total: termTotal(counts, id) }));
    ranked.sort((a, b) => b.total - a.total || compareStrings(a.term, b.term));
    chosen = ranked.slice(0, top);
  }
  const series = chosen.map(({ term, id }) => {
    const values = new Array<number>(buckets.length).fill(0);
    if (id >= 0)
      for (let e = counts.termOffsets[id] as number; e < (counts.termOffsets[id + 1] as number); e++)
        values[counts.positions[e] as number] = counts.counts[e] as number;
    return { term, counts: values };
  });
  return { buckets, series, totals };
}

/** Sparse term × bucket document counts, by term: term id's entries are termOffsets[id] … termOffsets[id+1] − 1. */
export interface TermBucketCounts {
  readonly vocabulary: string[];
  readonly termOffsets: Int32Array;
  /** Bucket position of each entry, ascending within a term. */
  readonly positions: Int32Array;
  /** Documents of that bucket containing the term (≥ 1). */
  readonly counts: Int32Array;
}

/**
 * Sparse document counts per term and bucket: each (term, document) pair is coded as
 * id · B + bucket, the codes are sorted (a typed-array numeric sort) and run-length counted. No
 * term × bucket matrix is formed. O(T + U log U) for T tokens and U distinct (term, document) pairs.
 */
export function countTermsPerBucket(
  docs: readonly TimedTerms[],
  bucketOfDoc: Int32Array,
  buckets: number,
): TermBucketCounts {
  const interned = internDocs(docs.map((doc) => doc.terms));
  const terms = interned.vocabulary.length;
  const lastSeen = new Int32Array(terms).fill(-1);
  const codes = new Float64Array(interned.ids.length);
  let used = 0;
  for (let d = 0; d < docs.length; d++) {
    const position = bucketOfDoc[d] as number;
    for (let i = interned.offsets[d] as number; i < (interned.offsets[d + 1] as number); i++) {
      const id = interned.ids[i] as number;
      if (lastSeen[id] === d) continue;
      lastSeen[id] = d;
      codes[used++] = id * buckets + position;
    }
  }
  const sorted = codes.subarray(0, used).sort();
  const termOffsets = new Int32Array(terms + 1);
  const positions = new Int32Array(used);
  const counts = new Int32Array(used);
  let entries = 0;
  let previous = -1;
  for (let i = 0; i < used; i++) {
    const code = sorted[i] as number;
    if (code === previous) {
      counts[entries - 1] = (counts[entries - 1] as number) + 1;
      continue;
    }
    previous = code;
    const id = Math.floor(code / buckets);
    termOffsets[id + 1] = (termOffsets[id + 1] as number) + 1;
    positions[entries] = code - id * buckets;
    counts[entries] = 1;
    entries++;
  }
  for (let id = 0; id < terms; id++)
    termOffsets[id + 1] = (termOffsets[id + 1] as number) + (termOffsets[id] as number);
  return {
    vocabulary: interned.vocabulary,
    termOffsets,
    positions: positions.slice(0, entries),
    counts: counts.slice(0, entries),
  };
}

/** Documents containing term id over all buckets. */
export function termTotal(counts: TermBucketCounts, id: number): number {
  let total = 0;
  for (let e = counts.termOffsets[id] as number; e < (counts.termOffsets[id + 1] as number); e++)
    total += counts.counts[e] as number;
  return total;
}

/** Code-unit order, locale-independent, so ties break the same everywhere. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
