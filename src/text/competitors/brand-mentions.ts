import { InputError } from '../../core/errors.js';

/** One brand of the dictionary the app builds from config / products. */
export interface BrandEntry {
  /** Stable key, e.g. `larkspur`. */
  readonly key: string;
  /** Aliases per language, e.g. en `Larkspur`, zh `云雀`, `云雀家`. Case does not matter. */
  readonly names: { readonly en: readonly string[]; readonly zh: readonly string[] };
  /** Our own brand (at most one in a dictionary is expected; not enforced here). */
  readonly ours?: boolean;
  /** Phrases containing an alias that are not the brand, e.g. `一只云雀` (the bird). */
  readonly exclude?: readonly string[];
}

export interface BrandMention {
  /** The brand's key. */
  readonly brand: string;
  /** Offsets into the text searched (UTF-16 code units). */
  readonly start: number;
  readonly end: number;
  /** The configured alias that matched (as written in the dictionary, not the surface form). */
  readonly alias: string;
}

interface Candidate {
  readonly brand: string;
  readonly alias: string;
  readonly start: number;
  readonly end: number;
  readonly order: number;
}

/** Letters and digits of space-separated scripts: a Latin alias must not touch one (Han may). */
const SPACED_WORD_CHAR = /[\p{L}\p{N}_]/u;
const UNSPACED_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

function isSpacedWordChar(char: string | undefined): boolean {
  return char !== undefined && SPACED_WORD_CHAR.test(char) && !UNSPACED_CHAR.test(char);
}

/**
 * Fold full-width ASCII (Ｌａｒｋｓｐｕｒ) and the ideographic space to their ASCII forms. Every
 * replaced character is one code unit and so is its replacement, so offsets stay valid for the
 * caller's raw text.
 */
function foldFullWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/gu, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode((c.codePointAt(0) as number) - 0xfee0),
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

/** A case-insensitive matcher of one phrase; runs of spaces inside it match any whitespace run. */
function phraseRegExp(phrase: string): RegExp {
  const parts = foldFullWidth(phrase).trim().split(/\s+/u).map(escapeRegExp);
  return new RegExp(parts.join('\\s+'), 'giu');
}

/**
 * Occurrences of `phrase` in the (folded) text. An end of the phrase that is a letter or digit of a
 * spaced script (Latin …) must sit on a word boundary: `Fernhill` does not match in `Fernhills`
 * or `Fernhill2`, but does in `Fernhill's`, `Fernhill-branded` and `买了Fernhill的`. Ends that are
 * Han characters match as substrings (Chinese has no spaces); a longer alias or an exclusion that
 * covers the match decides instead (see `brandMentions`).
 */
function occurrences(text: string, phrase: string): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  const re = phraseRegExp(phrase);
  const head = phrase.trim()[0];
  const tail = phrase.trim().at(-1);
  const checkHead = isSpacedWordChar(head);
  const checkTail = isSpacedWordChar(tail);
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    // step one code unit past the start, so overlapping occurrences are seen too
    re.lastIndex = start + 1;
    if (checkHead && isSpacedWordChar(text[start - 1])) continue;
    if (checkTail && isSpacedWordChar(text[end])) continue;
    found.push({ start, end });
  }
  return found;
}

function validate(brands: readonly BrandEntry[]): void {
  const keys = new Set<string>();
  const aliasOwner = new Map<string, string>();
  for (const brand of brands) {
    if (brand.key.trim() === '')
      throw new InputError('brand_key_empty', 'brandMentions: a brand has an empty key');
    if (keys.has(brand.key))
      throw new InputError('brand_key_duplicate', `brandMentions: brand key "${brand.key}" appears twice`);
    keys.add(brand.key);
    const aliases = [...brand.names.en, ...brand.names.zh];
    for (const alias of aliases) {
      const folded = foldFullWidth(alias).trim().toLowerCase();
      if (folded === '')
        throw new InputError('brand_alias_empty', `brandMentions: brand "${brand.key}" has an empty alias`);
      const owner = aliasOwner.get(folded);
      if (owner !== undefined && owner !== brand.key)
        throw new InputError(
          'brand_alias_ambiguous',
          `brandMentions: alias "${alias}" belongs to both "${owner}" and "${brand.key}"`,
          { hint: 'give each alias to one brand; use `exclude` for contexts that are not the brand' },
        );
      aliasOwner.set(folded, brand.key);
    }
    for (const phrase of brand.exclude ?? []) {
      const folded = foldFullWidth(phrase).toLowerCase();
      if (!aliases.some((alias) => folded.includes(foldFullWidth(alias).trim().toLowerCase())))
        throw new InputError(
          'brand_exclusion_unrelated',
          `brandMentions: exclusion "${phrase}" of brand "${brand.key}" contains none of its aliases`,
        );
    }
  }
}

/**
 * Brand mentions in a text, by dictionary lookup with leftmost-longest conflict resolution.
 *
 * Rules: Latin aliases match case-insensitively on word boundaries (`Nordvik's` matches,
 * `Fernhills` does not: a different word, e.g. a place name); Chinese aliases match as substrings.
 * All candidate matches of all brands compete: the longest wins an overlap (`云雀家` over `云雀`;
 * ties go to the earlier start, then dictionary order), so an alias inside a longer known alias is
 * not reported twice. A match lying inside an occurrence of one of its brand's `exclude` phrases
 * (`一只云雀`, `时尚美妆` for 尚美) is dropped: exclusions are the "longer known words" that are not
 * the brand. Full-width Latin is folded before matching, so raw and normalised text both work and
 * offsets point into the text given.
 *
 * Cost: O(A · L) regex scans for A aliases and exclusions over a text of L code units.
 * Example: brandMentions('云雀的质量很好，但是蕨山的物流太慢', brands) →
 *   [{ brand: 'larkspur', start: 0, end: 2, alias: '云雀' }, { brand: 'fernhill', start: 10, end: 12, alias: '蕨山' }]
 */
export function brandMentions(text: string, brands: readonly BrandEntry[]): BrandMention[] {
  validate(brands);
  const folded = foldFullWidth(text);
  const candidates: Candidate[] = [];
  brands.forEach((brand, order) => {
    const excluded = (brand.exclude ?? []).flatMap((phrase) => occurrences(folded, phrase));
    for (const alias of new Set([...brand.names.en, ...brand.names.zh])) {
      for (const { start, end } of occurrences(folded, alias)) {
        if (excluded.some((x) => x.start <= start && end <= x.end)) continue;
        candidates.push({ brand: brand.key, alias, start, end, order });
      }
    }
  });
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start || a.order - b.order);
  const taken = new Uint8Array(text.length);
  const accepted: BrandMention[] = [];
  for (const c of candidates) {
    if (taken.subarray(c.start, c.end).includes(1)) continue;
    taken.fill(1, c.start, c.end);
    accepted.push({ brand: c.brand, start: c.start, end: c.end, alias: c.alias });
  }
  return accepted.sort((a, b) => a.start - b.start);
}
