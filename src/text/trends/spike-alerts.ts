import { InputError } from '../../core/errors.js';
import { contrastKeywords } from './contrast-keywords.js';
import { detectBursts, windowStats } from './detect-bursts.js';
import { compareStrings } from './term-volumes.js';
import { type Bucket, indexBuckets } from './time-buckets.js';

export interface AlertDocument {
  readonly id: string;
  readonly ts: Date;
  /** Normalised terms without stop words. */
  readonly terms: readonly string[];
  /** The sentiment engine's verdict. */
  readonly negative: boolean;
  /** Aspect keys mentioned (price, logistics …), from the aspect extractor. */
  readonly aspects?: readonly string[];
}

export interface SpikeAlertOptions {
  /** Trailing baseline window, in buckets. Default 14. */
  readonly baseline?: number;
  /** z-score threshold. Default 3. */
  readonly z?: number;
  /** Example document ids per alert. Default 5. */
  readonly examples?: number;
  /** Volume: documents in the bucket; negative share: negative documents in it. Default 3. */
  readonly minCount?: number;
  /** The negative share is tested only in buckets with at least this many documents. Default 10. */
  readonly minDocs?: number;
  /** Driving terms per alert. Default 10. */
  readonly drivingTerms?: number;
}

export interface SpikeAlert {
  /** Label of the spike's bucket. */
  readonly bucket: string;
  readonly kind: 'volume' | 'negative_share';
  /** Documents in the bucket, or its share of negative documents. */
  readonly value: number;
  /** Baseline mean volume, or the pooled baseline negative share. */
  readonly expected: number;
  readonly z: number;
  /** Terms over-represented in the spike's documents against the baseline's (log-odds z ≥ 1.96). */
  readonly drivingTerms: { term: string; lift: number }[];
  /** Aspects of the spike's documents, most in excess of the baseline rate first. */
  readonly drivingAspects: { aspect: string; count: number; expected: number }[];
  /** Spike documents containing the most driving terms. */
  readonly exampleIds: string[];
}

/**
 * Spike alerts on a stream of documents with sentiment: per calendar bucket, (1) the volume of
 * documents and (2) the share of negative ones are tested against a trailing baseline, and each
 * alarm is explained by the terms and aspects that drive it, with example documents to read.
 *
 * - volume: `detectBursts` on the document counts (z-score with a Poisson floor).
 * - negative_share: z = (p_i − p̄) / σ with p̄ = (Σ negative + ½)/(Σ documents + 1) pooled over the
 *   baseline buckets and σ = max(binomial √(p̄(1 − p̄)/n_i), sample sd of the baseline shares) — a
 *   p-chart (Montgomery, "Introduction to Statistical Quality Control", §7.2) that also respects
 *   the observed day-to-day spread; tested where n_i ≥ minDocs and the negatives ≥ minCount.
 * - driving terms: `contrastKeywords` (Monroe et al. 2008 log-odds) of the spike's documents (the
 *   negative ones for a negative-share spike, all for a volume spike) against the same kind of
 *   documents in the baseline window; aspects likewise by their excess over the baseline rate.
 *
 * Cost O(T + B · baseline) plus O(tokens of the spike and baseline documents) per alert.
 *
 * Example: 40 reviews a day at 15 % negative, then one day with 30 extra negative reviews about
 * 物流 / 延迟 → a volume and a negative_share alert on that day, driving terms 延迟, 物流 …, aspect
 * logistics first, example ids of the planted reviews.
 */
export function spikeAlerts(
  docs: readonly AlertDocument[],
  bucket: Bucket,
  options: SpikeAlertOptions = {},
): SpikeAlert[] {
  const baseline = options.baseline ?? 14;
  const threshold = options.z ?? 3;
  const examples = options.examples ?? 5;
  const minCount = options.minCount ?? 3;
  const minDocs = options.minDocs ?? 10;
  const drivingTerms = options.drivingTerms ?? 10;
  for (const [name, value] of [
    ['examples', examples],
    ['minDocs', minDocs],
    ['drivingTerms', drivingTerms],
  ] as const)
    if (!Number.isInteger(value) || value < 0)
      throw new InputError(
        'invalid_argument',
        `spikeAlerts: ${name} must be a non-negative integer, got ${value}`,
      );
  const { buckets, bucketOfDoc } = indexBuckets(
    docs.map((doc) => doc.ts),
    bucket,
    'spikeAlerts',
  );
  const members = docsPerBucket(bucketOfDoc, buckets.length);
  const totals = members.map((list) => list.length);
  const negatives = members.map((list) => list.filter((d) => (docs[d] as AlertDocument).negative).length);
  const minHistory = Math.min(baseline, 7);
  const found: Omit<SpikeAlert, 'drivingTerms' | 'drivingAspects' | 'exampleIds'>[] = [];

  for (const burst of detectBursts(totals, { baseline, z: threshold, minCount, minHistory }))
    found.push({
      bucket: buckets[burst.index] as string,
      kind: 'volume',
      value: burst.count,
      expected: burst.expected,
      z: burst.z,
    });

  for (let i = minHistory; i < buckets.length; i++) {
    const n = totals[i] as number;
    if (n < minDocs || (negatives[i] as number) < minCount) continue;
    const from = Math.max(0, i - baseline);
    let pooledNegative = 0;
    let pooledTotal = 0;
    const shares: number[] = [];
    for (let j = from; j < i; j++) {
      pooledNegative += negatives[j] as number;
      pooledTotal += totals[j] as number;
      if ((totals[j] as number) > 0) shares.push((negatives[j] as number) / (totals[j] as number));
    }
    const expected = (pooledNegative + 0.5) / (pooledTotal + 1);
    const share = (negatives[i] as number) / n;
    const sd = Math.max(Math.sqrt((expected * (1 - expected)) / n), windowStats(shares, 0, shares.length).sd);
    const z = (share - expected) / sd;
    if (z >= threshold)
      found.push({ bucket: buckets[i] as string, kind: 'negative_share', value: share, expected, z });
  }

  const position = new Map(buckets.map((label, index) => [label, index]));
  const alerts = found.map((alert) => {
    const i = position.get(alert.bucket) as number;
    const wanted = (d: number) => alert.kind === 'volume' || (docs[d] as AlertDocument).negative;
    const target = (members[i] as number[]).filter(wanted);
    const background = members
      .slice(Math.max(0, i - baseline), i)
      .flat()
      .filter(wanted);
    return { ...alert, ...explain(docs, target, background, drivingTerms, examples) };
  });
  alerts.sort((a, b) => compareStrings(a.bucket, b.bucket) || compareStrings(a.kind, b.kind));
  return alerts;
}

/** Document positions of each bucket, in input order. */
function docsPerBucket(bucketOfDoc: Int32Array, buckets: number): number[][] {
  const members = Array.from({ length: buckets }, () => [] as number[]);
  bucketOfDoc.forEach((position, d) => {
    (members[position] as number[]).push(d);
  });
  return members;
}

/** Driving terms, aspects and examples of a spike's documents against the baseline's. */
function explain(
  docs: readonly AlertDocument[],
  target: readonly number[],
  background: readonly number[],
  drivingTermCount: number,
  examples: number,
): Pick<SpikeAlert, 'drivingTerms' | 'drivingAspects' | 'exampleIds'> {
  const termsOf = (d: number) => (docs[d] as AlertDocument).terms;
  const keywords = contrastKeywords(target.map(termsOf), background.map(termsOf), {
    top: drivingTermCount,
    minCount: 2,
    minZ: 1.96,
  });
  const drivingTerms = keywords.map((keyword) => ({ term: keyword.term, lift: keyword.lift }));

  const targetAspects = countAspects(docs, target);
  const backgroundAspects = countAspects(docs, background);
  const drivingAspects = [...targetAspects].map(([aspect, count]) => ({
    aspect,
    count,
    expected:
      background.length > 0 ? ((backgroundAspects.get(aspect) ?? 0) / background.length) * target.length : 0,
  }));
  drivingAspects.sort(
    (a, b) =>
      b.count - b.expected - (a.count - a.expected) ||
      b.count - a.count ||
      compareStrings(a.aspect, b.aspect),
  );

  // Examples: documents holding the most driving terms, weighted by their z-scores (ties: input order).
  const weight = new Map(keywords.map((keyword) => [keyword.term, keyword.score]));
  const ranked = target.map((d) => {
    let score = 0;
    for (const term of new Set(termsOf(d))) score += weight.get(term) ?? 0;
    return { d, score };
  });
  ranked.sort((a, b) => b.score - a.score || a.d - b.d);
  const exampleIds = ranked.slice(0, examples).map((entry) => (docs[entry.d] as AlertDocument).id);
  return { drivingTerms, drivingAspects, exampleIds };
}

function countAspects(docs: readonly AlertDocument[], positions: readonly number[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of positions)
    for (const aspect of new Set((docs[d] as AlertDocument).aspects ?? []))
      counts.set(aspect, (counts.get(aspect) ?? 0) + 1);
  return counts;
}
