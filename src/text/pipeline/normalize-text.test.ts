import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { normalizeText, truncateText } from './normalize-text.js';

describe('normalizeText', () => {
  it('leaves clean text alone and reports nothing', () => {
    expect(normalizeText('质量很好，物流很快！')).toEqual({
      text: '质量很好，物流很快！',
      notes: [],
      truncated: false,
    });
  });

  it('strips HTML tags, turns block tags into line breaks and drops scripts', () => {
    const result = normalizeText(
      '<div><b>Great</b> phone</div><br/><p>Battery <i>lasts</i></p><script>alert(1)</script>',
    );
    expect(result.text).toBe('Great phone\nBattery lasts');
    expect(result.notes).toContain('removed HTML markup');
  });

  it('keeps "<3" and "a < b" that are not tags', () => {
    expect(normalizeText('I <3 it, 2 < 3').text).toBe('I <3 it, 2 < 3');
  });

  it('decodes named and numeric entities after removing tags', () => {
    const result = normalizeText('Tom&#39;s &amp; Jerry&#x27;s&nbsp;deal &lt;b&gt; &quot;ok&quot; &bogus;');
    expect(result.text).toBe('Tom\'s & Jerry\'s deal <b> "ok" &bogus;');
    expect(result.notes).toEqual(['decoded HTML entities']);
  });

  it('folds full-width ASCII letters and digits but keeps Chinese punctuation', () => {
    expect(normalizeText('ＡＢＣ１２３ｘｙｚ，好用！真的吗？').text).toBe('ABC123xyz，好用！真的吗？');
  });

  it('removes U+FFFD replacement characters (invalid UTF-8 upstream) and lone surrogates with a note', () => {
    const result = normalizeText('质量\uFFFD很好\uD800 ok\uFFFD');
    expect(result.text).toBe('质量很好 ok');
    expect(result.notes).toHaveLength(1);
    expect(result.notes[0]).toMatch(/removed 3 invalid characters/);
  });

  it('keeps emoji surrogate pairs and ZWJ sequences', () => {
    expect(normalizeText('好 👨‍👩‍👧 👍🏽').text).toBe('好 👨‍👩‍👧 👍🏽');
  });

  it('removes control and zero-width characters and collapses whitespace', () => {
    const result = normalizeText('\uFEFF  good\u0007 \t\u3000 phone \r\n\r\n\n  second\u200B line  ');
    expect(result.text).toBe('good phone\nsecond line');
    expect(result.notes.some((note) => note.includes('control'))).toBe(true);
  });

  it('truncates long documents on a sentence boundary with a note', () => {
    const sentence = '物流很快，包装完好。';
    const text = sentence.repeat(100);
    const result = normalizeText(text, { maxChars: 55 });
    expect(result.truncated).toBe(true);
    expect(result.text).toBe(sentence.repeat(5));
    expect(result.notes.at(-1)).toMatch(/truncated from 1000 to 50 characters/);
  });

  it('truncates on a word boundary when there is no sentence end', () => {
    const text = 'word '.repeat(40).trim();
    const cut = truncateText(text, 23);
    expect(cut).toBe('word word word word');
    expect(cut.length).toBeLessThanOrEqual(23);
  });

  it('never cuts a surrogate pair in half', () => {
    const cut = truncateText('😀'.repeat(10), 5);
    expect(cut).toBe('😀😀');
  });

  it('rejects a non-positive limit', () => {
    expect(() => truncateText('abc', 0)).toThrow(InputError);
  });

  it('handles empty and whitespace-only input', () => {
    expect(normalizeText('')).toEqual({ text: '', notes: [], truncated: false });
    expect(normalizeText(' \n\t ').text).toBe('');
  });
});
