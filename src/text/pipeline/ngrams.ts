import { InputError } from '../../core/errors.js';

/**
 * Contiguous word n-grams of a token list, joined with a space for Latin words and with nothing
 * between two Chinese words (物流 + 很快 → "物流很快", good + price → "good price"), so an n-gram reads like
 * the text it came from. Callers usually pass the `norm` of non-stop word tokens.
 * Cost: O(t·n). Example: ngrams(['not', 'good', 'at', 'all'], 2) → ['not good', 'good at', 'at all'].
 */
export function ngrams(tokens: readonly string[], n: number): string[] {
  if (!Number.isInteger(n) || n < 1) {
    throw new InputError('invalid_ngram_size', `ngrams requires n to be a positive integer, got ${n}`);
  }
  const out: string[] = [];
  for (let i = 0; i + n <= tokens.length; i += 1) {
    let gram = tokens[i] ?? '';
    for (let k = 1; k < n; k += 1) {
      const next = tokens[i + k] ?? '';
      gram += needsSpace(gram, next) ? ` ${next}` : next;
    }
    out.push(gram);
  }
  return out;
}

const HAN_END = /\p{Script=Han}$/u;
const HAN_START = /^\p{Script=Han}/u;

/** A space separates two tokens unless both sides of the join are Han characters. */
function needsSpace(left: string, right: string): boolean {
  return !(HAN_END.test(left) && HAN_START.test(right));
}
