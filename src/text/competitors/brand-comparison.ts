import { InputError } from '../../core/errors.js';
import { standardNormalSurvival } from '../../stats/distributions.js';

export interface ComparisonItem {
  /** Brand keys the document is about; its aspect scores count for each of them. */
  readonly brands: readonly string[];
  /** Aspect opinions in the document, score in [-1, 1] (> 0 positive, < 0 negative). */
  readonly aspects: readonly { readonly aspect: string; readonly score: number }[];
  /** Overall document polarity in [-1, 1]; feeds the `overall` row when present. */
  readonly sentiment?: number;
}

export interface BrandComparisonOptions {
  /** Fewer mentions than this on either side → `too_few` (default 20). */
  readonly minMentions?: number;
  /** Two-sided significance level of the z-test (default 0.05). */
  readonly alpha?: number;
}

export type ComparisonVerdict = 'ahead' | 'behind' | 'level' | 'too_few';

export interface AspectComparison {
  readonly aspect: string;
  readonly ours: { readonly mentions: number; readonly net: number | null };
  readonly competitors: {
    readonly brand: string;
    readonly mentions: number;
    readonly net: number | null;
    /** Our net minus theirs, in [-2, 2]. */
    readonly diff: number | null;
    readonly verdict: ComparisonVerdict;
    /** Two-sided p-value of the test on positive share (absent when `too_few`). */
    readonly p?: number;
  }[];
}

/** The pseudo-aspect built from items' overall `sentiment`. */
export const OVERALL_ASPECT = 'overall';

interface Tally {
  mentions: number;
  positive: number;
  negative: number;
}

/**
 * Two-proportion z-test (pooled), two-sided: with p̂ = (x₁ + x₂) / (n₁ + n₂),
 *   z = (x₁/n₁ − x₂/n₂) / √(p̂ (1 − p̂) (1/n₁ + 1/n₂)),  p = 2 · (1 − Φ(|z|)).
 * Same as R's prop.test(c(x1, x2), c(n1, n2), correct = FALSE) and scipy's
 * chi2_contingency(…, correction=False) (X² = z²). When p̂ is 0 or 1 both shares are equal and the
 * test returns z = 0, p = 1.
 * Reference: Agresti (2013), Categorical Data Analysis, 3rd ed., comparing two proportions.
 */
export function twoProportionZTest(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
): { statistic: number; pValue: number } {
  if (!(n1 > 0 && n2 > 0) || x1 < 0 || x2 < 0 || x1 > n1 || x2 > n2)
    throw new InputError(
      'invalid_argument',
      `twoProportionZTest: need 0 ≤ x ≤ n, n > 0 (got ${x1}/${n1}, ${x2}/${n2})`,
    );
  const pooled = (x1 + x2) / (n1 + n2);
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
  if (variance <= 0) return { statistic: 0, pValue: 1 };
  const statistic = (x1 / n1 - x2 / n2) / Math.sqrt(variance);
  return { statistic, pValue: Math.min(1, 2 * standardNormalSurvival(Math.abs(statistic))) };
}

function add(tally: Tally, score: number): void {
  tally.mentions += 1;
  if (score > 0) tally.positive += 1;
  else if (score < 0) tally.negative += 1;
}

const net = (t: Tally | undefined): number | null =>
  t && t.mentions > 0 ? (t.positive - t.negative) / t.mentions : null;

/**
 * Our brand against each competitor, aspect by aspect (and `overall` from document sentiment).
 * Per aspect and brand, each document counts once: its opinion on the aspect is the mean of its
 * aspect scores there, positive (> 0), negative (< 0) or neutral. net = (positive − negative) / mentions.
 * The verdict compares the positive share (positive / mentions) of ours and the competitor's with
 * a two-sided, pooled two-proportion z-test at `alpha` (see `twoProportionZTest`): `ahead` / `behind`
 * when significant, `level` otherwise, `too_few` when either side has fewer than `minMentions`.
 * No correction for testing many aspects × competitors: with 5 aspects and 5 competitors about one
 * of the 25 verdicts is a false alarm at alpha = 0.05 when nothing differs; raise the bar (e.g.
 * alpha / 25, Bonferroni) when that matters.
 * Feed it one item per document and brand from `attributeToBrands` so a multi-brand document's
 * aspects go to the brand they are about. Rows: aspects by total mentions, then name; competitors
 * by mentions, then key. Cost: O(items · brands · aspects).
 * Example: ours quality 40/50 positive, fernhill 20/50 → z = 4.08, p = 4.5e-5 → `ahead`.
 */
export function brandComparison(
  items: readonly ComparisonItem[],
  ours: string,
  options: BrandComparisonOptions = {},
): AspectComparison[] {
  const minMentions = options.minMentions ?? 20;
  const alpha = options.alpha ?? 0.05;
  if (!(Number.isInteger(minMentions) && minMentions >= 1))
    throw new InputError(
      'invalid_option',
      `brandComparison: minMentions must be a positive integer, got ${minMentions}`,
    );
  if (!(alpha > 0 && alpha < 1))
    throw new InputError('invalid_option', `brandComparison: alpha must be in (0, 1), got ${alpha}`);
  if (ours.trim() === '') throw new InputError('invalid_argument', 'brandComparison: our brand key is empty');

  const tallies = new Map<string, Map<string, Tally>>(); // aspect → brand → tally
  const tallyOf = (aspect: string, brand: string): Tally => {
    let byBrand = tallies.get(aspect);
    if (!byBrand) {
      byBrand = new Map();
      tallies.set(aspect, byBrand);
    }
    let t = byBrand.get(brand);
    if (!t) {
      t = { mentions: 0, positive: 0, negative: 0 };
      byBrand.set(brand, t);
    }
    return t;
  };
  items.forEach((item, i) => {
    const perAspect = new Map<string, { sum: number; count: number }>();
    for (const { aspect, score } of item.aspects) {
      if (!Number.isFinite(score))
        throw new InputError(
          'invalid_score',
          `brandComparison: item ${i} aspect "${aspect}" has a non-finite score`,
        );
      const s = perAspect.get(aspect) ?? { sum: 0, count: 0 };
      perAspect.set(aspect, { sum: s.sum + score, count: s.count + 1 });
    }
    if (item.sentiment !== undefined && Number.isFinite(item.sentiment))
      perAspect.set(OVERALL_ASPECT, { sum: item.sentiment, count: 1 });
    for (const brand of new Set(item.brands)) {
      for (const [aspect, s] of perAspect) add(tallyOf(aspect, brand), s.sum / s.count);
    }
  });

  const rows: (AspectComparison & { total: number })[] = [];
  for (const [aspect, byBrand] of tallies) {
    const mine = byBrand.get(ours);
    const competitors = [...byBrand.entries()]
      .filter(([brand]) => brand !== ours)
      .sort(([a, x], [b, y]) => y.mentions - x.mentions || (a < b ? -1 : a > b ? 1 : 0))
      .map(([brand, theirs]) => {
        const ourNet = net(mine);
        const theirNet = net(theirs);
        const diff = ourNet === null || theirNet === null ? null : ourNet - theirNet;
        const base = { brand, mentions: theirs.mentions, net: theirNet, diff };
        if (!mine || mine.mentions < minMentions || theirs.mentions < minMentions)
          return { ...base, verdict: 'too_few' as const };
        const { pValue } = twoProportionZTest(mine.positive, mine.mentions, theirs.positive, theirs.mentions);
        const ahead = mine.positive / mine.mentions > theirs.positive / theirs.mentions;
        const verdict: ComparisonVerdict = pValue < alpha ? (ahead ? 'ahead' : 'behind') : 'level';
        return { ...base, verdict, p: pValue };
      });
    let total = 0;
    for (const t of byBrand.values()) total += t.mentions;
    rows.push({ aspect, ours: { mentions: mine?.mentions ?? 0, net: net(mine) }, competitors, total });
  }
  rows.sort((a, b) => b.total - a.total || (a.aspect < b.aspect ? -1 : a.aspect > b.aspect ? 1 : 0));
  return rows.map(({ total: _total, ...row }) => row);
}
