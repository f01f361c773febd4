import type { TextLocale } from '../types.js';

/**
 * Valence shifters of the lexicon engine (Chinese and English): negators, intensifiers and
 * diminishers with their multipliers, contrast markers, and emoji / emoticon valences.
 * Authored for Marketmind (MIT). Multipliers follow the spirit of SO-CAL's intensifier table
 * (Taboada et al. 2011, Computational Linguistics 37(2), table 3: "very" +25 %, "slightly" −50 %)
 * and VADER's booster increment (Hutto & Gilbert 2014, B_INCR = 0.293 on a ±4 scale).
 */

const words = (list: string): string[] => list.split(/\s+/).filter((w) => w.length > 0);

/** Negators: flip the polarity of the next opinion word (scope 3 tokens, not past the clause end). */
export const NEGATORS: Readonly<Record<TextLocale, ReadonlySet<string>>> = {
  zh: new Set(
    words(`不 没 没有 别 无 非 未 莫 勿 并不 并没有 并非 从不 从没 从来不 从来没有 毫不 毫无 绝不 决不 不是 不会
      不要 不用 不必 不能 不够 没法 无法 难以 谈不上 说不上 算不上 称不上 不怎么 不算 一点也不 一点都不 根本不 根本没`),
  ),
  en: new Set(
    words(`not no never n't nt none nobody nothing neither nor nowhere without hardly barely scarcely cannot cant
      dont doesnt didnt isnt arent wasnt werent wont wouldnt shouldnt couldnt havent hasnt hadnt aint`),
  ),
};

/** Intensifier (> 1) and diminisher (< 1) multipliers applied to the next opinion word. */
export const INTENSIFIERS: Readonly<Record<TextLocale, ReadonlyMap<string, number>>> = {
  zh: new Map<string, number>([
    ...words(
      '极其 极度 极为 极 超级 超 巨 贼 爆 无比 特 特别 格外 尤其 十分 非常 相当 实在 太 真心 真是 简直',
    ).map((w): [string, number] => [w, 1.5]),
    ...words('很 挺 蛮 真 好 老 更 更加 越来越 如此 这么 那么 也太 真的 确实 着实 超出').map(
      (w): [string, number] => [w, 1.3],
    ),
    ...words('最').map((w): [string, number] => [w, 1.6]),
    ...words('比较 较 还 还算 还是 算 偏 略显').map((w): [string, number] => [w, 0.8]),
    ...words('有点 有点儿 有些 稍微 稍 略 略微 一点 一点点 些许').map((w): [string, number] => [w, 0.6]),
  ]),
  en: new Map<string, number>([
    ...words(
      'extremely incredibly absolutely totally utterly completely highly exceptionally terribly awfully insanely super',
    ).map((w): [string, number] => [w, 1.5]),
    ...words(
      'very really so too truly especially particularly remarkably quite pretty most more much such',
    ).map((w): [string, number] => [w, 1.3]),
    ...words('fairly rather somewhat reasonably mostly').map((w): [string, number] => [w, 0.8]),
    ...words('slightly little bit marginally kinda kind sort sorta barely mildly partly less least').map(
      (w): [string, number] => [w, 0.6],
    ),
  ]),
};

/** "but"-type contrast: what follows weighs ×1.5, what precedes ×0.5 (VADER's "but" rule). */
export const BUT_WORDS: Readonly<Record<TextLocale, ReadonlySet<string>>> = {
  zh: new Set(words('但是 但 可是 不过 然而 却 可惜 偏偏')),
  en: new Set(words('but however yet nevertheless nonetheless unfortunately though')),
};

/** "although"-type concession: its own span (to the next comma) weighs ×0.5, the rest ×1.5. */
export const ALTHOUGH_WORDS: Readonly<Record<TextLocale, ReadonlySet<string>>> = {
  zh: new Set(words('虽然 虽 尽管 虽说 固然')),
  en: new Set(words('although despite whereas albeit')),
};

/** Emoji valences in [−1, 1] (variation selectors stripped before lookup). */
export const EMOJI_VALENCE: ReadonlyMap<string, number> = new Map<string, number>([
  ...[...'😊😀😃😄😁😆🥰😍🤩😘☺🙂😋😎🥳🎉👍👏🙌💯✨🌟⭐💖💕💗💓💞💝❤🧡💛💚💙💜🤍👌🤗😻🎊🏆✌🙏🌹💐🎁'].map(
    (e): [string, number] => [e, 0.6],
  ),
  ...[...'😂🤣😅😉😌🤤'].map((e): [string, number] => [e, 0.3]),
  ...[...'😐😑🤔🙄😶😬😮😯'].map((e): [string, number] => [e, -0.15]),
  ...[...'😞😔😟🙁☹😕😒😩😫😓😥😢😭😿💔👎😠😡🤬😤🤮🤢💩😱😨😰😖😣🙅🤦🚫❌⚠😪'].map((e): [string, number] => [
    e,
    -0.6,
  ]),
]);

/** Western and kaomoji-style emoticons (lower-cased) and their valences. */
export const EMOTICON_VALENCE: ReadonlyMap<string, number> = new Map<string, number>([
  ...words(':) :-) :] =) :d :-d xd ;) ;-) :p :-p ^_^ ^^ ^o^ (: <3 :3 =d 8)').map((e): [string, number] => [
    e,
    0.5,
  ]),
  ...words(":( :-( :[ =( ): :'( :-/ :/ >:( d: -_- t_t qaq qq </3 :@ >_< :|").map((e): [string, number] => [
    e,
    -0.5,
  ]),
]);

/** Look up an emoji or emoticon valence; 0 when the symbol carries none. */
export function symbolValence(norm: string): number {
  const bare = norm.replace(/[\uFE0E\uFE0F\u200D]/g, '').toLowerCase();
  const emoticon = EMOTICON_VALENCE.get(bare);
  if (emoticon !== undefined) return emoticon;
  const direct = EMOJI_VALENCE.get(bare);
  if (direct !== undefined) return direct;
  // A sequence of symbols (👍👍, ❤️‍🔥): the mean of the known ones.
  let total = 0;
  let known = 0;
  for (const symbol of bare) {
    const value = EMOJI_VALENCE.get(symbol);
    if (value !== undefined) {
      total += value;
      known += 1;
    }
  }
  return known === 0 ? 0 : total / known;
}

/** True when an English token negates ("not", "never", "n't", "don't", "cannot" …). */
export function isNegator(locale: TextLocale, norm: string): boolean {
  if (NEGATORS[locale].has(norm)) return true;
  return locale === 'en' && (norm.endsWith("n't") || norm.endsWith('n’t'));
}
