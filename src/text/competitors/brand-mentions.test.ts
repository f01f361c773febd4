import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { type BrandEntry, brandMentions } from './brand-mentions.js';

// biome-ignore format: data table
const BRANDS: readonly BrandEntry[] = [
  { key: 'larkspur', ours: true, names: { en: ['Larkspur'], zh: ['云雀', '云雀家'] }, exclude: ['一只云雀', '云雀在'] },
  { key: 'fernhill', names: { en: ['Fernhill'], zh: ['蕨山'] } },
  { key: 'bluecrest', names: { en: ['Bluecrest', 'Blue Crest'], zh: ['蓝岭'] } },
  { key: 'nordvik', names: { en: ['Nordvik'], zh: ['诺维克'] } },
  { key: 'sunmei', names: { en: ['Sunmei'], zh: ['尚美'] }, exclude: ['时尚美妆', '时尚美'] },
];

const found = (text: string) => brandMentions(text, BRANDS).map((m) => [m.brand, text.slice(m.start, m.end)]);

describe('brandMentions', () => {
  it('finds Chinese aliases with offsets into the text', () => {
    const text = '云雀的质量很好，但是蕨山的物流太慢';
    expect(brandMentions(text, BRANDS)).toEqual([
      { brand: 'larkspur', start: 0, end: 2, alias: '云雀' },
      { brand: 'fernhill', start: 10, end: 12, alias: '蕨山' },
    ]);
  });

  it('lets the longest alias win and never reports an alias inside a longer one', () => {
    expect(found('入手了云雀家的T恤，之前一直用诺维克')).toEqual([
      ['larkspur', '云雀家'],
      ['nordvik', '诺维克'],
    ]);
    expect(brandMentions('云雀家', BRANDS)).toHaveLength(1);
  });

  it('matches Latin aliases case-insensitively on word boundaries', () => {
    expect(found('LARKSPUR beats larkspur? Larkspur!')).toEqual([
      ['larkspur', 'LARKSPUR'],
      ['larkspur', 'larkspur'],
      ['larkspur', 'Larkspur'],
    ]);
    // decided: a plural / longer word is not the brand (Fernhills could be a place), nor is a glued word
    expect(found('We hiked the Fernhills and drank Fernhillcola, not Fernhill2.')).toEqual([]);
    expect(found("Nordvik's support and Nordvik’s app, Fernhill-branded")).toEqual([
      ['nordvik', 'Nordvik'],
      ['nordvik', 'Nordvik'],
      ['fernhill', 'Fernhill'],
    ]);
  });

  it('finds Latin aliases glued to Chinese text, multi-word aliases across spaces, and full-width Latin', () => {
    expect(found('买了Larkspur的外套，比Blue  crest的好')).toEqual([
      ['larkspur', 'Larkspur'],
      ['bluecrest', 'Blue  crest'],
    ]);
    const raw = 'ｌａｒｋｓｐｕｒ真不错';
    expect(brandMentions(raw, BRANDS)).toEqual([{ brand: 'larkspur', start: 0, end: 8, alias: 'Larkspur' }]);
  });

  it('honours exclusions: the bird and words that contain a brand name', () => {
    expect(found('树上有一只云雀在唱歌')).toEqual([]);
    expect(found('这家时尚美妆店的尚美面霜不错')).toEqual([['sunmei', '尚美']]);
    // the exclusion only masks the occurrence it covers
    expect(found('一只云雀飞过，云雀家的店也开了')).toEqual([['larkspur', '云雀家']]);
  });

  it('returns nothing for empty text or an empty dictionary', () => {
    expect(brandMentions('', BRANDS)).toEqual([]);
    expect(brandMentions('Larkspur', [])).toEqual([]);
  });

  it('rejects broken dictionaries', () => {
    const twice: BrandEntry[] = [
      { key: 'a', names: { en: ['Acme'], zh: [] } },
      { key: 'b', names: { en: ['acme'], zh: [] } },
    ];
    expect(() => brandMentions('x', twice)).toThrow(InputError);
    expect(() => brandMentions('x', [{ key: 'a', names: { en: [' '], zh: [] } }])).toThrow(/empty alias/);
    expect(() =>
      brandMentions('x', [{ key: 'a', names: { en: ['Acme'], zh: [] }, exclude: ['Zenith'] }]),
    ).toThrow(/contains none of its aliases/);
  });
});
