import { InputError } from '../core/errors.js';
import { sum } from '../stats/descriptive.js';

/**
 * RFM analysis (recency, frequency, monetary; Hughes 1994, "Strategic Database Marketing"):
 * quintile scores 1–5 per dimension and the classic named RFM segments of a recency × (frequency +
 * monetary) grid, with a per-segment summary.
 */

export type RfmSegment =
  | 'champions'
  | 'loyal'
  | 'potential_loyalists'
  | 'new_customers'
  | 'promising'
  | 'need_attention'
  | 'about_to_sleep'
  | 'at_risk'
  | 'cant_lose_them'
  | 'hibernating'
  | 'lost';

/** Segments from best to worst, the order of `RfmResult.summary`. */
export const rfmSegments: readonly RfmSegment[] = [
  'champions',
  'loyal',
  'potential_loyalists',
  'new_customers',
  'promising',
  'need_attention',
  'about_to_sleep',
  'at_risk',
  'cant_lose_them',
  'hibernating',
  'lost',
];

export const rfmSegmentNames: Readonly<Record<RfmSegment, { readonly en: string; readonly zh: string }>> = {
  champions: { en: 'Champions', zh: '冠军客户' },
  loyal: { en: 'Loyal', zh: '忠诚客户' },
  potential_loyalists: { en: 'Potential loyalists', zh: '潜在忠诚客户' },
  new_customers: { en: 'New customers', zh: '新客户' },
  promising: { en: 'Promising', zh: '有潜力客户' },
  need_attention: { en: 'Need attention', zh: '需要关注' },
  about_to_sleep: { en: 'About to sleep', zh: '即将沉睡' },
  at_risk: { en: 'At risk', zh: '有流失风险' },
  cant_lose_them: { en: "Can't lose them", zh: '不能失去的客户' },
  hibernating: { en: 'Hibernating', zh: '休眠客户' },
  lost: { en: 'Lost', zh: '已流失客户' },
};

/**
 * The R × FM grid: `rfmGrid[R − 1][FM − 1]`, FM = ⌈(F + M) / 2⌉. Source: Putler, "RFM Analysis
 * for Successful Customer Segmentation" (putler.com/rfm-analysis), whose chart and table place
 * the 11 segments as rectangles on a 0–5 recency axis and a 0–5 "frequency & monetary" axis:
 * Champions R 4–5 / FM 4–5, Loyal 2–5 / 3–5, Potential loyalist 3–5 / 1–3, New 4–5 / 0–1,
 * Promising 3–4 / 0–1, Need attention 2–3 / 2–3, About to sleep 2–3 / 0–2, At risk 0–2 / 2–5,
 * Can't lose them 0–1 / 4–5, Hibernating 1–2 / 1–2, Lost 0–2 / 0–2. Read with score s as the unit
 * cell (s − 1, s] and the smaller rectangle winning where two overlap (Champions inside Loyal,
 * Can't lose inside At risk, Hibernating inside Lost), they tile the 5 × 5 grid exactly:
 *
 *   FM\R   1               2             3               4                    5
 *   5      Can't lose      At risk       Loyal           Loyal                Champions
 *   4      At risk         At risk       Loyal           Loyal                Loyal
 *   3      At risk         At risk       Need attention  Potential loyalists  Potential loyalists
 *   2      Lost            Hibernating   About to sleep  Potential loyalists  Potential loyalists
 *   1      Lost            Lost          About to sleep  Promising            New customers
 */
export const rfmGrid: readonly (readonly RfmSegment[])[] = [
  ['lost', 'lost', 'at_risk', 'at_risk', 'cant_lose_them'],
  ['lost', 'hibernating', 'at_risk', 'at_risk', 'at_risk'],
  ['about_to_sleep', 'about_to_sleep', 'need_attention', 'loyal', 'loyal'],
  ['promising', 'potential_loyalists', 'potential_loyalists', 'loyal', 'loyal'],
  ['new_customers', 'potential_loyalists', 'potential_loyalists', 'loyal', 'champions'],
];

function checkScore(score: number, what: string): void {
  if (!Number.isInteger(score) || score < 1 || score > 5)
    throw new InputError('invalid_argument', `${what} score must be an integer 1–5, got ${score}`);
}

/**
 * The RFM segment of one customer's scores: `rfmGrid[R − 1][⌈(F + M) / 2⌉ − 1]`.
 * Example: rfmSegmentOf(5, 4, 5) → 'champions' (FM = ⌈4.5⌉ = 5); rfmSegmentOf(1, 5, 4) → 'cant_lose_them'.
 */
export function rfmSegmentOf(
  recencyScore: number,
  frequencyScore: number,
  monetaryScore: number,
): RfmSegment {
  checkScore(recencyScore, 'recency');
  checkScore(frequencyScore, 'frequency');
  checkScore(monetaryScore, 'monetary');
  const fm = Math.ceil((frequencyScore + monetaryScore) / 2);
  return rfmGrid[recencyScore - 1]?.[fm - 1] as RfmSegment;
}

/** How equal values are ranked before cutting into quintiles. */
export type RfmTies = 'first' | 'average';

/** First index of `sorted` (ascending) whose value is above `value` (`orEqual`: not below it). */
function bound(sorted: Float64Array, value: number, orEqual: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid] as number;
    if (v < value || (!orEqual && v === value)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Quintile scores 1–5 of `values` (1 = lowest), by their ranks: score = ⌈5 (r − 1) / (n − 1)⌉,
 * at least 1, for rank r on 1..n. With ties = 'first' (default) equal values are ranked in input
 * order, exactly pandas `qcut(x.rank(method='first'), 5, labels=[1, 2, 3, 4, 5])` (the cut
 * points are the type-7 quantiles 1 + (n − 1)k/5 of the ranks, right-closed); equal values can
 * then get different scores. With ties = 'average' equal values share their mean rank and so
 * one score (all-equal values → all 3). n = 1 → 3 (no spread to rank against). Non-finite
 * values are an InputError.
 * Cost: O(n log n): one native sort of a copy and a binary search per value.
 * Example: quintileScores([10, 20, 30, 40, 50, 60]) → [1, 1, 2, 3, 4, 5].
 */
export function quintileScores(values: ArrayLike<number>, ties: RfmTies = 'first'): Uint8Array {
  const n = values.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(values[i] as number))
      throw new InputError(
        'invalid_argument',
        `quintileScores: value at index ${i} is not finite (${values[i]})`,
      );
  }
  const scores = new Uint8Array(n);
  if (n === 1) scores[0] = 3;
  if (n <= 1) return scores;
  const sorted = Float64Array.from(values).sort();
  // Doubled ranks keep average ranks (halves) integral: 2r on 2..2n; score = ⌈5 (2r − 2) / (2n − 2)⌉.
  const denominator = 2 * (n - 1);
  const scoreOf = (doubledRank: number) =>
    Math.max(1, Math.floor((5 * (doubledRank - 2) + denominator - 1) / denominator));
  // `below` = values smaller than this one; for 'first', `seen` counts earlier equal values.
  const seen = ties === 'first' ? new Uint32Array(n) : undefined;
  for (let i = 0; i < n; i++) {
    const value = values[i] as number;
    const below = bound(sorted, value, true);
    if (seen) {
      const rank = below + (seen[below] as number) + 1;
      seen[below] = (seen[below] as number) + 1;
      scores[i] = scoreOf(2 * rank);
    } else {
      // Mean rank of the run of equal values at below..end−1: (below + 1 + end) / 2.
      scores[i] = scoreOf(below + 1 + bound(sorted, value, false));
    }
  }
  return scores;
}

export interface RfmInput {
  readonly customerIds: readonly string[];
  /** Days since the last purchase (≥ 0); lower is better. */
  readonly recencyDays: ArrayLike<number>;
  /** Number of purchases (≥ 0). */
  readonly frequency: ArrayLike<number>;
  /** Monetary value (≥ 0), usually the average order value. */
  readonly monetary: ArrayLike<number>;
  /** Revenue per customer for the revenue shares (≥ 0). Default: frequency × monetary. */
  readonly revenue?: ArrayLike<number>;
}

export interface RfmOptions {
  readonly ties?: RfmTies;
}

export interface RfmSegmentSummary {
  readonly segment: RfmSegment;
  readonly nameEn: string;
  readonly nameZh: string;
  readonly customers: number;
  /** customers / all customers. */
  readonly share: number;
  /** Means over the segment's customers; null for an empty segment. */
  readonly meanRecencyDays: number | null;
  readonly meanFrequency: number | null;
  readonly meanMonetary: number | null;
  readonly revenue: number;
  /** revenue / total revenue (0 when the total is 0). */
  readonly revenueShare: number;
}

export interface RfmResult {
  readonly customerIds: readonly string[];
  /** 5 = most recent. */
  readonly recencyScore: Uint8Array;
  readonly frequencyScore: Uint8Array;
  readonly monetaryScore: Uint8Array;
  /** The grid's FM coordinate ⌈(F + M) / 2⌉. */
  readonly fmScore: Uint8Array;
  /** The RFM cell as three digits R, F, M, e.g. '545'. */
  readonly cell: readonly string[];
  readonly segment: readonly RfmSegment[];
  /** One row per segment in `rfmSegments` order, empty segments included. */
  readonly summary: readonly RfmSegmentSummary[];
}

function checkColumn(values: ArrayLike<number>, n: number, what: string): void {
  if (values.length !== n)
    throw new InputError(
      'invalid_argument',
      `scoreRfm: ${what} has ${values.length} values for ${n} customers`,
    );
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (!(Number.isFinite(v) && v >= 0))
      throw new InputError(
        'invalid_argument',
        `scoreRfm: ${what} must be finite and ≥ 0, got ${v} at index ${i}`,
      );
  }
}

/**
 * RFM scores and segments. Recency, frequency and monetary values are each cut into quintiles
 * of their ranks (`quintileScores`); recency is reversed so that the most recent customers score
 * 5. The segment is `rfmSegmentOf(R, F, M)` on the R × FM grid (`rfmGrid`, after Putler).
 *
 * Behaviour on small or flat data (documented, tested): n = 1 → scores 3-3-3, 'need_attention';
 * n = 2..4 → ranks spread over 1..5 like pandas (n = 2 → 1 and 5); all-equal values with the
 * default ties = 'first' → scores by input order (as pandas rank(method='first')), with ties =
 * 'average' → all 3. Empty input, mismatched lengths, duplicate ids, negative or non-finite
 * values are an InputError.
 *
 * Reference: Hughes (1994); pandas `qcut` / `rank(method='first')` (the common Python recipe);
 * Putler's RFM segment chart. Cost: O(n log n).
 * Example: scoreRfm({customerIds: ['a','b','c','d','e'], recencyDays: [1,2,3,4,5], frequency:
 * [5,4,3,2,1], monetary: [50,40,30,20,10]}) → R = F = M = [5,4,3,2,1], segments
 * ['champions','loyal','need_attention','hibernating','lost'].
 */
export function scoreRfm(input: RfmInput, options: RfmOptions = {}): RfmResult {
  const ties = options.ties ?? 'first';
  if (ties !== 'first' && ties !== 'average')
    throw new InputError(
      'invalid_argument',
      `scoreRfm: ties must be 'first' or 'average', got ${String(ties)}`,
    );
  const { customerIds } = input;
  const n = customerIds.length;
  if (n === 0) throw new InputError('insufficient_data', 'scoreRfm needs at least one customer');
  if (new Set(customerIds).size !== n)
    throw new InputError('invalid_argument', 'scoreRfm: customerIds must be unique');
  checkColumn(input.recencyDays, n, 'recencyDays');
  checkColumn(input.frequency, n, 'frequency');
  checkColumn(input.monetary, n, 'monetary');
  if (input.revenue) checkColumn(input.revenue, n, 'revenue');

  const recencyScore = quintileScores(input.recencyDays, ties).map((score) => 6 - score);
  const frequencyScore = quintileScores(input.frequency, ties);
  const monetaryScore = quintileScores(input.monetary, ties);
  const fmScore = new Uint8Array(n);
  const cell: string[] = new Array(n);
  const segment: RfmSegment[] = new Array(n);
  const revenue = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = recencyScore[i] as number;
    const f = frequencyScore[i] as number;
    const m = monetaryScore[i] as number;
    fmScore[i] = Math.ceil((f + m) / 2);
    cell[i] = `${r}${f}${m}`;
    segment[i] = rfmGrid[r - 1]?.[(fmScore[i] as number) - 1] as RfmSegment;
    revenue[i] = input.revenue
      ? (input.revenue[i] as number)
      : (input.frequency[i] as number) * (input.monetary[i] as number);
  }
  return {
    customerIds,
    recencyScore,
    frequencyScore,
    monetaryScore,
    fmScore,
    cell,
    segment,
    summary: summarise(input, segment, revenue),
  };
}

function summarise(
  input: RfmInput,
  segment: readonly RfmSegment[],
  revenue: Float64Array,
): RfmSegmentSummary[] {
  const n = segment.length;
  const members = new Map<RfmSegment, number[]>(rfmSegments.map((s) => [s, []]));
  for (let i = 0; i < n; i++) members.get(segment[i] as RfmSegment)?.push(i);
  const totalRevenue = sum(revenue);
  const gather = (values: ArrayLike<number>, indices: readonly number[]) =>
    Float64Array.from(indices, (i) => values[i] as number);
  const meanOf = (values: ArrayLike<number>, indices: readonly number[]) =>
    indices.length === 0 ? null : sum(gather(values, indices)) / indices.length;
  return rfmSegments.map((s) => {
    const indices = members.get(s) ?? [];
    const segmentRevenue = sum(gather(revenue, indices));
    return {
      segment: s,
      nameEn: rfmSegmentNames[s].en,
      nameZh: rfmSegmentNames[s].zh,
      customers: indices.length,
      share: indices.length / n,
      meanRecencyDays: meanOf(input.recencyDays, indices),
      meanFrequency: meanOf(input.frequency, indices),
      meanMonetary: meanOf(input.monetary, indices),
      revenue: segmentRevenue,
      revenueShare: totalRevenue > 0 ? segmentRevenue / totalRevenue : 0,
    };
  });
}
