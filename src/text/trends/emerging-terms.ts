import { InputError } from '../../core/errors.js';
import { type DetectBurstsOptions, detectBursts } from './detect-bursts.js';
import { compareStrings, countTermsPerBucket, type TimedTerms } from './term-volumes.js';
import { type Bucket, indexBuckets } from './time-buckets.js';

export interface EmergingTermOptions extends DetectBurstsOptions {
  /** `latest`: terms bursting in the last bucket (what is new now); `any`: every burst. Default `latest`. */
  readonly mode?: 'latest' | 'any';
  /** Results returned, highest z first. Default 50. */
  readonly top?: number;
}

export interface EmergingTerm {
  readonly term: string;
  /** Label of the bursting bucket. */
  readonly bucket: string;
  /** Documents of that bucket containing the term. */
  readonly count: number;
  /** Baseline mean of the term's document count. */
  readonly expected: number;
  readonly z: number;
}

/**
 * Emerging terms: terms whose document count in a bucket bursts above its own trailing baseline
 * (`detectBursts` on each term's zero-filled `termVolumes` series, same options and defaults:
 * baseline 14 buckets, z ≥ 3, count ≥ 3, Poisson floor on the spread). A new term (never seen
 * before) scores z = count, the floor being 1, so it emerges once it reaches `minCount` and z.
 *
 * Counts are absolute: when the whole stream doubles (a sale day), common terms burst together;
 * read them next to `spikeAlerts`' volume alarms. Cost O(T + U log U + m·B) for T tokens, U
 * distinct (term, document) pairs and the m terms that reach minCount in some bucket (only those get
 * a dense series of B buckets); in `latest` mode only terms reaching minCount in the last bucket are
 * scored.
 *
 * Example: 漏水 in one document every fifth day, then in 15 on the last day of a 30-day stream →
 * [{ term: '漏水', bucket: last day, count: 15, expected: 3/14, z > 5 }] (see the test).
 */
export function emergingTerms(
  docs: readonly TimedTerms[],
  bucket: Bucket,
  options: EmergingTermOptions = {},
): EmergingTerm[] {
  const mode = options.mode ?? 'latest';
  const top = options.top ?? 50;
  const minCount = options.minCount ?? 3;
  if (mode !== 'latest' && mode !== 'any')
    throw new InputError('invalid_argument', `emergingTerms: mode must be 'latest' or 'any', got '${mode}'`);
  if (!Number.isInteger(top) || top < 0)
    throw new InputError('invalid_argument', `emergingTerms: top must be a non-negative integer, got ${top}`);
  const { buckets, bucketOfDoc } = indexBuckets(
    docs.map((doc) => doc.ts),
    bucket,
    'emergingTerms',
  );
  const last = buckets.length - 1;
  const perTerm = countTermsPerBucket(docs, bucketOfDoc, buckets.length);
  const found: EmergingTerm[] = [];
  const series = new Array<number>(buckets.length);
  perTerm.vocabulary.forEach((term, id) => {
    const from = perTerm.termOffsets[id] as number;
    const to = perTerm.termOffsets[id + 1] as number;
    if (mode === 'latest') {
      // Positions ascend: the last entry is the latest bucket the term appears in.
      if (perTerm.positions[to - 1] !== last || (perTerm.counts[to - 1] as number) < minCount) return;
    } else if (!perTerm.counts.subarray(from, to).some((count) => count >= minCount)) return;
    series.fill(0);
    for (let e = from; e < to; e++) series[perTerm.positions[e] as number] = perTerm.counts[e] as number;
    for (const burst of detectBursts(series, options)) {
      if (mode === 'latest' && burst.index !== last) continue;
      found.push({
        term,
        bucket: buckets[burst.index] as string,
        count: burst.count,
        expected: burst.expected,
        z: burst.z,
      });
    }
  });
  found.sort((a, b) => b.z - a.z || compareStrings(a.term, b.term) || compareStrings(a.bucket, b.bucket));
  return found.slice(0, top);
}
