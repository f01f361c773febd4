import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { characterGrams, dedupeVariants, textSimilarity } from './variants.js';

describe('textSimilarity', () => {
  it('is the Jaccard index of character 3-grams (values worked by hand)', () => {
    // 19 chars → 17 grams; the "!" adds one gram: 17 / 18.
    expect(textSimilarity('New autumn sweaters', 'New autumn sweaters!')).toBeCloseTo(17 / 18, 12);
    // {中秋快, 秋快乐} vs {中秋快, 秋快乐, 快乐！}: 2 / 3.
    expect(textSimilarity('中秋快乐', '中秋快乐！')).toBeCloseTo(2 / 3, 12);
    expect(textSimilarity('abc', 'abd')).toBe(0);
    expect(textSimilarity('same text', 'same text')).toBe(1);
    expect(textSimilarity('', '')).toBe(1);
    expect(textSimilarity('', 'abc')).toBe(0);
  });

  it('ignores case and whitespace runs, and treats texts shorter than 3 as one gram', () => {
    expect(textSimilarity('Hello  World', 'hello world')).toBe(1);
    expect([...characterGrams('ab')]).toEqual(['ab']);
    expect(characterGrams('北风新品').size).toBe(2);
  });

  it('is symmetric', () => {
    const a = '北风新品美利奴毛衣上市';
    const b = '美利奴毛衣补货到店啦';
    expect(textSimilarity(a, b)).toBe(textSimilarity(b, a));
  });
});

describe('dedupeVariants', () => {
  it('keeps the first of near-identical items and preserves order', () => {
    const items = [
      { id: 1, text: 'Meet the new Merino Crew Sweater today.' },
      { id: 2, text: 'Meet the new Merino Crew Sweater today!' },
      { id: 3, text: '全新美利奴圆领毛衣，现已上市。' },
      { id: 4, text: '全新美利奴圆领毛衣，现已上市！' },
      { id: 5, text: 'Our sale is on at Northwind.' },
    ];
    expect(dedupeVariants(items, (item) => item.text).map((item) => item.id)).toEqual([1, 3, 5]);
  });

  it('honours the threshold', () => {
    const items = ['abcdef', 'abcdeg'];
    // grams {abc,bcd,cde,def} vs {abc,bcd,cde,deg}: 3 / 5 = 0.6.
    expect(dedupeVariants(items, (s) => s, 0.6)).toEqual(['abcdef']);
    expect(dedupeVariants(items, (s) => s, 0.61)).toEqual(items);
    expect(() => dedupeVariants(items, (s) => s, 1.5)).toThrow(InputError);
  });
});
