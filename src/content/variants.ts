import { InputError } from '../core/errors.js';

/**
 * Near-duplicate detection for generated copy, in Chinese and English alike.
 *
 * Similarity is the Jaccard index of character 3-gram sets, |A ∩ B| / |A ∪ B| (shingling as in
 * Broder 1997, "On the resemblance and containment of documents"). Character n-grams need no word
 * segmentation, so the same measure works for Chinese, which has no spaces, and for English.
 * Text is lower-cased and runs of whitespace collapse to one space first. Cost O(|a| + |b|).
 *
 * Example: textSimilarity('New autumn sweaters', 'New autumn sweaters!') → 0.944…
 */

const gramSize = 3;

/** The set of character 3-grams of `text` (code points, lower-cased, whitespace collapsed). */
export function characterGrams(text: string): Set<string> {
  const chars = [...text.toLowerCase().replace(/\s+/g, ' ').trim()];
  const grams = new Set<string>();
  if (chars.length === 0) return grams;
  if (chars.length < gramSize) {
    grams.add(chars.join(''));
    return grams;
  }
  for (let i = 0; i + gramSize <= chars.length; i++) grams.add(chars.slice(i, i + gramSize).join(''));
  return grams;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const gram of small) if (large.has(gram)) shared++;
  return shared / (a.size + b.size - shared);
}

/** Jaccard similarity of the character 3-gram sets of `a` and `b`, in [0, 1] (1 = same grams; two empty texts are 1). */
export function textSimilarity(a: string, b: string): number {
  return jaccard(characterGrams(a), characterGrams(b));
}

/**
 * Keeps each item unless it is at least `threshold` similar to an item already kept, so the
 * first of a group of near-identical variants survives and order is preserved. O(n² · length).
 */
export function dedupeVariants<T>(items: readonly T[], text: (item: T) => string, threshold = 0.8): T[] {
  if (!(threshold >= 0 && threshold <= 1))
    throw new InputError('invalid_argument', `dedupeVariants threshold must be in [0, 1], got ${threshold}`);
  const kept: T[] = [];
  const keptGrams: Set<string>[] = [];
  for (const item of items) {
    const grams = characterGrams(text(item));
    if (keptGrams.some((other) => jaccard(grams, other) >= threshold)) continue;
    kept.push(item);
    keptGrams.push(grams);
  }
  return kept;
}
