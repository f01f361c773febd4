import { InputError } from '../../core/errors.js';

/**
 * Text normalisation for customer documents (reviews, tickets, social posts) before language detection
 * and tokenisation. Steps, in order:
 * 1. HTML: `<script>`/`<style>` blocks and comments removed, block tags (`<br>`, `<p>`, `<div>`, `<li>` …)
 *    become line breaks, other tags are dropped; a tag must start with a letter, `/` or `!`, so the
 *    emoticon `<3` and "a < b" survive. Entities are decoded after the tags are gone (`&lt;b&gt;` stays
 *    visible text): named (`&amp; &lt; &gt; &quot; &apos; &nbsp;` …) and numeric (`&#39;`, `&#x27;`).
 * 2. Invalid input: U+FFFD replacement characters (bytes that were not valid UTF-8 upstream), lone UTF-16
 *    surrogates, C0/C1 control characters, zero-width spaces and byte-order marks are removed, with a note.
 * 3. Full-width ASCII letters and digits (Ａ→A, ５→5) are folded to ASCII; full-width punctuation used in
 *    Chinese (，！？：；（）) is kept as is, since it is the normal punctuation of Chinese text.
 *    The ideographic space U+3000 and no-break space count as whitespace.
 * 4. Whitespace: runs of spaces/tabs become one space, runs of line breaks one `\n`, ends trimmed.
 * 5. Optional truncation at `maxChars` on a sentence boundary, else a word boundary (see {@link truncateText}).
 * Cost: O(n); a plain document with nothing to fix takes one regex test plus the whitespace pass.
 */

export interface NormalizeOptions {
  /** Cut longer documents to at most this many UTF-16 code units (no limit when absent). */
  readonly maxChars?: number;
}

export interface NormalizedText {
  readonly text: string;
  /** What was changed that a user should know (HTML removed, invalid characters, truncated). */
  readonly notes: string[];
  readonly truncated: boolean;
}

const NEEDS_CLEANING =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: detecting control characters is the point.
  /[<&\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B\uFEFF\uFFFD\uD800-\uDFFF]/u;
const HTML_BLOCKS = /<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->/gi;
const HTML_BREAK_TAGS = /<\/?(?:br|p|div|li|ul|ol|tr|table|h[1-6]|blockquote|section|article|hr)\b[^<>]*>/gi;
const HTML_TAG = /<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?\/?>|<![a-zA-Z][^<>]*>/g;
const HTML_ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,8}));/g;
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  middot: '·',
  copy: '©',
  reg: '®',
  trade: '™',
  yen: '¥',
  euro: '€',
  pound: '£',
  times: '×',
  deg: '°',
};
/** Characters removed as invalid: U+FFFD, lone surrogates (u flag: only unpaired ones match). */
const INVALID_CHARS = /[\uFFFD\uD800-\uDFFF]/gu;
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B\uFEFF]/g;
const FULL_WIDTH_ALNUM = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g;
const HORIZONTAL_SPACE = /[ \t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/g;
const LINE_BREAKS = / ?(?:\r\n|[\r\n\u2028\u2029\u0085])[\s\u3000]*/g;
const UNCOLLAPSED = /[\t\r\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]| {2}| \n|\n[\s]/;

/** Decodes one HTML entity match; unknown names are left as written. */
function decodeEntity(match: string, decimal?: string, hex?: string, name?: string): string {
  if (decimal !== undefined || hex !== undefined) {
    const code = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? '', 16);
    const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
    return valid ? String.fromCodePoint(code) : '';
  }
  return NAMED_ENTITIES[(name ?? '').toLowerCase()] ?? match;
}

/** Removes HTML markup and decodes entities; reports whether anything changed. */
function stripHtml(text: string, notes: string[]): string {
  let out = text;
  if (out.includes('<')) {
    const before = out;
    out = out.replace(HTML_BLOCKS, ' ').replace(HTML_BREAK_TAGS, '\n').replace(HTML_TAG, '');
    if (out !== before) notes.push('removed HTML markup');
  }
  if (out.includes('&')) {
    const before = out;
    out = out.replace(HTML_ENTITY, decodeEntity);
    if (out !== before) notes.push('decoded HTML entities');
  }
  return out;
}

/** Collapses whitespace: one space inside a line, one `\n` between lines, trimmed ends. */
function collapseWhitespace(text: string): string {
  if (!UNCOLLAPSED.test(text)) return text.trim();
  return text.replace(HORIZONTAL_SPACE, ' ').replace(LINE_BREAKS, '\n').trim();
}

/** Normalises one document (see the module comment for the steps and their order). */
export function normalizeText(text: string, options: NormalizeOptions = {}): NormalizedText {
  if (typeof text !== 'string') {
    throw new InputError('invalid_text', `normalizeText requires a string, got ${typeof text}`);
  }
  const notes: string[] = [];
  let out = text;
  if (NEEDS_CLEANING.test(out)) {
    out = stripHtml(out, notes);
    const withoutInvalid = out.replace(INVALID_CHARS, '');
    if (withoutInvalid.length !== out.length) {
      const removed = out.length - withoutInvalid.length;
      notes.push(
        `removed ${removed} invalid character${removed === 1 ? '' : 's'} (U+FFFD or broken surrogates: the source was not valid UTF-8/UTF-16)`,
      );
      out = withoutInvalid;
    }
    const withoutControl = out.replace(CONTROL_CHARS, '');
    if (withoutControl.length !== out.length) {
      notes.push(`removed ${out.length - withoutControl.length} control or zero-width characters`);
      out = withoutControl;
    }
    out = out.replace(FULL_WIDTH_ALNUM, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0));
  }
  out = collapseWhitespace(out);
  if (options.maxChars === undefined || out.length <= options.maxChars) {
    return { text: out, notes, truncated: false };
  }
  const cut = truncateText(out, options.maxChars);
  notes.push(`truncated from ${out.length} to ${cut.length} characters (limit ${options.maxChars})`);
  return { text: cut, notes, truncated: true };
}

const SENTENCE_END = /[。！？!?；;…\n]|\.(?=\s|$)/g;
const WORD_BREAK = /[\s，、,：:）)\]】」』”]/g;

/**
 * Cuts `text` to at most `maxChars` code units: at the last sentence end (。！？!?; or a line break)
 * in the second half of the window, else at the last space or comma in its last fifth, else hard at
 * `maxChars` (never inside a surrogate pair). Trailing whitespace is trimmed.
 */
export function truncateText(text: string, maxChars: number): string {
  if (!Number.isInteger(maxChars) || maxChars < 1) {
    throw new InputError('invalid_max_chars', `maxChars must be a positive integer, got ${maxChars}`);
  }
  if (text.length <= maxChars) return text;
  const window = text.slice(0, maxChars + 1);
  const cutAt = (pattern: RegExp, from: number): number => {
    let last = -1;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(window); match !== null; match = pattern.exec(window)) {
      const end = match.index + match[0].length;
      if (end > maxChars) break;
      if (end >= from) last = end;
    }
    return last;
  };
  let end = cutAt(SENTENCE_END, Math.floor(maxChars / 2));
  if (end < 0) end = cutAt(WORD_BREAK, Math.floor(maxChars * 0.8));
  if (end < 0) {
    end = maxChars;
    const code = text.charCodeAt(end - 1);
    if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  }
  return text.slice(0, end).trimEnd();
}
