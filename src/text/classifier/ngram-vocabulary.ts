import { InputError } from '../../core/errors.js';

/**
 * An exact n-gram vocabulary (scikit-learn's CountVectorizer vocabulary_): every n-gram seen in
 * training gets its own column, so no two n-grams share a weight, at the price of storing the terms
 * with the model. Hashing (hashed-features.ts) needs no stored terms but merges colliding n-grams:
 * on ChnSentiCorp's 611k character 1–3-grams even 2^22 buckets cost accuracy (bench/text/README.md).
 * Keys carry a namespace prefix: `w` + space-joined word n-gram, `c` + character n-gram, so a word and
 * a character n-gram with the same text stay apart. While growing (training) unknown keys get the next
 * column; once frozen (prediction) unknown keys are ignored, as scikit-learn drops unseen n-grams.
 */
export class NgramVocabulary {
  // one map per namespace, keyed by the bare n-gram: no prefix string is built per lookup
  readonly #words = new Map<string, number>();
  readonly #chars = new Map<string, number>();
  readonly #terms: string[] = [];
  #growing: boolean;

  private constructor(growing: boolean) {
    this.#growing = growing;
  }

  /** An empty vocabulary that adds every key it is asked for (for training). */
  static growing(): NgramVocabulary {
    return new NgramVocabulary(true);
  }

  /** A frozen vocabulary over `keys` in column order (for prediction; duplicates are an error). */
  static of(keys: readonly string[]): NgramVocabulary {
    const vocabulary = new NgramVocabulary(true);
    for (const key of keys) {
      const size = vocabulary.size;
      if (typeof key !== 'string' || (key[0] !== 'w' && key[0] !== 'c') || vocabulary.column(key) !== size)
        throw new InputError(
          'invalid_model',
          `vocabulary key ${JSON.stringify(key)} is not a unique string starting with w or c`,
        );
    }
    vocabulary.#growing = false;
    return vocabulary;
  }

  /** Column of a prefixed key (`w…` or `c…`), adding it while growing; −1 for an unknown key once frozen. */
  column(key: string): number {
    return key[0] === 'w' ? this.wordColumn(key.slice(1)) : this.charColumn(key.slice(1));
  }

  /** Column of a word n-gram (space-joined tokens); −1 when unknown and frozen. */
  wordColumn(ngram: string): number {
    return this.#lookup(this.#words, ngram, 'w');
  }

  /** Column of a character n-gram; −1 when unknown and frozen. */
  charColumn(ngram: string): number {
    return this.#lookup(this.#chars, ngram, 'c');
  }

  #lookup(map: Map<string, number>, ngram: string, prefix: string): number {
    const found = map.get(ngram);
    if (found !== undefined) return found;
    if (!this.#growing) return -1;
    const column = this.#terms.length;
    map.set(ngram, column);
    this.#terms.push(prefix + ngram);
    return column;
  }

  /** Stop adding keys. */
  freeze(): this {
    this.#growing = false;
    return this;
  }

  get size(): number {
    return this.#terms.length;
  }

  /** Keys in column order (namespace prefix included). */
  get keys(): readonly string[] {
    return this.#terms;
  }

  /** The n-gram of a column without its namespace prefix, and which kind it is. */
  term(column: number): { readonly kind: 'word' | 'char'; readonly text: string } | undefined {
    const key = this.#terms[column];
    if (key === undefined) return undefined;
    return { kind: key[0] === 'w' ? 'word' : 'char', text: key.slice(1) };
  }

  /** A frozen vocabulary of the kept columns (in their order) and the old → new column map (−1 = dropped). */
  select(keep: (column: number) => boolean): { vocabulary: NgramVocabulary; remap: Int32Array } {
    const remap = new Int32Array(this.#terms.length).fill(-1);
    const kept: string[] = [];
    this.#terms.forEach((key, column) => {
      if (!keep(column)) return;
      remap[column] = kept.length;
      kept.push(key);
    });
    return { vocabulary: NgramVocabulary.of(kept), remap };
  }
}

/** Add the word n-grams of orders [low, high] of `tokens` (space-joined) to `counts` by exact column. */
export function addWordNgrams(
  tokens: readonly string[],
  [low, high]: readonly [number, number],
  vocabulary: NgramVocabulary,
  counts: Map<number, number>,
): void {
  for (let n = low; n <= high; n++)
    for (let i = 0; i + n <= tokens.length; i++) {
      const column = vocabulary.wordColumn(
        n === 1 ? (tokens[i] as string) : tokens.slice(i, i + n).join(' '),
      );
      if (column >= 0) counts.set(column, (counts.get(column) ?? 0) + 1);
    }
}

/** Add the character n-grams (code points) of orders [low, high] of `text` to `counts` by exact column. */
export function addCharNgrams(
  text: string,
  [low, high]: readonly [number, number],
  vocabulary: NgramVocabulary,
  counts: Map<number, number>,
): void {
  // code-unit offset of every code point, so an n-gram is one slice (astral characters are 2 units);
  // texts without surrogates (most) skip the offset table
  let offsets: number[] | undefined;
  if (/[\ud800-\udfff]/.test(text)) {
    offsets = [];
    for (let i = 0; i < text.length; i++) {
      offsets.push(i);
      const unit = text.charCodeAt(i);
      const next = text.charCodeAt(i + 1); // NaN past the end
      if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i++;
    }
    offsets.push(text.length);
  }
  const points = offsets ? offsets.length - 1 : text.length;
  for (let n = low; n <= high; n++)
    for (let i = 0; i + n <= points; i++) {
      const column = vocabulary.charColumn(
        offsets ? text.slice(offsets[i], offsets[i + n]) : text.slice(i, i + n),
      );
      if (column >= 0) counts.set(column, (counts.get(column) ?? 0) + 1);
    }
}
