import type { AspectMention, Polarity } from '../types.js';

/**
 * Aspect summary and satisfaction drivers per group (brand, product, channel …).
 *
 * Per group and aspect: mentions, documents, positive / negative / neutral mention counts,
 * net sentiment = (positive − negative) / mentions, mean mention score, and the correlation of
 * the document's aspect polarity (sign of its mentions' summed polarity: −1, 0, +1) with the
 * document's rating — Pearson's r over rated documents that mention the aspect (the point-biserial
 * correlation when only two polarity values occur; Tate 1954). r is null with fewer than 3 rated
 * documents or no variance.
 * Drivers (importance–performance analysis, Martilla & James 1977, "Importance-performance
 * analysis", J. Marketing 41(1)): driver score = net sentiment × share of the group's documents
 * that mention the aspect × importance, importance = max(r, 0) when r is known, else 1. The top 3
 * positive scores are the positive drivers (strengths), the top 3 negative ones the pain points.
 * Cost: O(mentions).
 */

export interface AspectSummaryItem {
  readonly aspects: readonly AspectMention[];
  readonly rating?: number | null;
  readonly group?: string;
}

export interface AspectStats {
  readonly aspect: string;
  readonly mentions: number;
  readonly documents: number;
  readonly positive: number;
  readonly negative: number;
  readonly neutral: number;
  /** (positive − negative) / mentions, in [−1, 1]. */
  readonly netSentiment: number;
  readonly meanScore: number;
  /** Pearson r of document aspect polarity with rating, or null. */
  readonly ratingCorrelation: number | null;
  readonly ratedDocuments: number;
  readonly driverScore: number;
}

export interface GroupAspectSummary {
  readonly group: string;
  readonly documents: number;
  /** Sorted by mentions, most first. */
  readonly aspects: readonly AspectStats[];
  readonly positiveDrivers: readonly string[];
  readonly negativeDrivers: readonly string[];
}

const DRIVERS = 3;
const ALL = 'all';

interface Accumulator {
  mentions: number;
  documents: number;
  counts: Record<Polarity, number>;
  scoreSum: number;
  pairs: { polarity: number; rating: number }[];
}

/** Pearson correlation; null when undefined (n < 3 or a constant variable). */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  if (n < 3 || ys.length !== n) return null;
  let meanX = 0;
  let meanY = 0;
  for (let i = 0; i < n; i++) {
    meanX += (xs[i] as number) / n;
    meanY += (ys[i] as number) / n;
  }
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - meanX;
    const dy = (ys[i] as number) - meanY;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx <= 1e-12 || syy <= 1e-12) return null;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

const code = (polarity: Polarity): number => (polarity === 'positive' ? 1 : polarity === 'negative' ? -1 : 0);

/** Summaries per group (items without a group go to `all`), groups in order of first appearance. */
export function aspectSummary(items: readonly AspectSummaryItem[]): GroupAspectSummary[] {
  const groups = new Map<string, { documents: number; aspects: Map<string, Accumulator> }>();
  for (const item of items) {
    const name = item.group ?? ALL;
    const group = groups.get(name) ?? { documents: 0, aspects: new Map<string, Accumulator>() };
    groups.set(name, group);
    group.documents++;
    const perDocument = new Map<string, number>();
    for (const mention of item.aspects) {
      const acc = group.aspects.get(mention.aspect) ?? {
        mentions: 0,
        documents: 0,
        counts: { positive: 0, negative: 0, neutral: 0 },
        scoreSum: 0,
        pairs: [],
      };
      group.aspects.set(mention.aspect, acc);
      acc.mentions++;
      acc.counts[mention.polarity]++;
      acc.scoreSum += mention.score;
      perDocument.set(mention.aspect, (perDocument.get(mention.aspect) ?? 0) + code(mention.polarity));
    }
    const rating = item.rating;
    for (const [aspect, polaritySum] of perDocument) {
      const acc = group.aspects.get(aspect) as Accumulator;
      acc.documents++;
      if (typeof rating === 'number' && Number.isFinite(rating))
        acc.pairs.push({ polarity: Math.sign(polaritySum), rating });
    }
  }
  return [...groups].map(([name, group]) => {
    const aspects: AspectStats[] = [...group.aspects].map(([aspect, acc]) => {
      const netSentiment = (acc.counts.positive - acc.counts.negative) / acc.mentions;
      const r = pearson(
        acc.pairs.map((p) => p.polarity),
        acc.pairs.map((p) => p.rating),
      );
      const importance = r === null ? 1 : Math.max(0, r);
      return {
        aspect,
        mentions: acc.mentions,
        documents: acc.documents,
        ...acc.counts,
        netSentiment,
        meanScore: acc.scoreSum / acc.mentions,
        ratingCorrelation: r,
        ratedDocuments: acc.pairs.length,
        driverScore: netSentiment * (acc.documents / group.documents) * importance,
      };
    });
    aspects.sort((a, b) => b.mentions - a.mentions || a.aspect.localeCompare(b.aspect));
    const byScore = [...aspects].sort((a, b) => b.driverScore - a.driverScore);
    return {
      group: name,
      documents: group.documents,
      aspects,
      positiveDrivers: byScore
        .filter((a) => a.driverScore > 0)
        .slice(0, DRIVERS)
        .map((a) => a.aspect),
      negativeDrivers: byScore
        .filter((a) => a.driverScore < 0)
        .reverse()
        .slice(0, DRIVERS)
        .map((a) => a.aspect),
    };
  });
}
