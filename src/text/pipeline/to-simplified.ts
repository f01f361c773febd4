import { Converter, Locale } from 'opencc-js/t2cn';

/**
 * Traditional → simplified Chinese with OpenCC's `t2s` tables (opencc-js, Apache-2.0; dictionaries
 * TSPhrases + TSCharacters, https://github.com/BYVoid/OpenCC).
 * OpenCC is only applied to text that contains a traditional-only character (a TSCharacters key that maps
 * to a different character, e.g. 這 個 產 們; or a CJK compatibility ideograph). Two reasons: most reviews
 * are already simplified (the check is one table lookup per character, the converter ~10× more), and
 * t2s is not the identity on simplified text — TSPhrases maps 打坏 → 打坯 and 回覆 → 回复 because in
 * traditional text 坏 is a variant of 坯, which would corrupt a simplified "打坏了".
 * Example: toSimplified('這個產品很好') → '这个产品很好'; toSimplified('东西打坏了') → unchanged.
 */

const convert = Converter({ from: 't', to: 'cn' });

/** Traditional-only code points (BMP: bitmap; astral: set). */
const bmpTriggers = new Uint8Array(0x10000);
const astralTriggers = new Set<number>();

function addTrigger(code: number): void {
  if (code < 0x10000) bmpTriggers[code] = 1;
  else astralTriggers.add(code);
}

function loadTriggers(): void {
  const groups = Locale.to.cn ?? [];
  for (const group of groups) {
    for (const dict of group) {
      const entries =
        typeof dict === 'string'
          ? dict.split('|').map((entry) => entry.split(' ') as [string, string?])
          : dict;
      for (const [source, target] of entries) {
        const first = source?.codePointAt(0);
        if (first === undefined || source === target) continue;
        // Only single-character entries: a phrase alone does not make a text traditional.
        if (source.length === (first > 0xffff ? 2 : 1)) addTrigger(first);
      }
    }
  }
  for (let code = 0xf900; code <= 0xfaff; code += 1) addTrigger(code);
  for (let code = 0x2f800; code <= 0x2fa1f; code += 1) addTrigger(code);
}
loadTriggers();

/** True when `text` has a traditional-only character (see the module comment). */
export function hasTraditionalCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x2e80) continue;
    if (code >= 0xd800 && code <= 0xdbff) {
      if (astralTriggers.has(text.codePointAt(i) ?? 0)) return true;
      i += 1;
    } else if (bmpTriggers[code] === 1) {
      return true;
    }
  }
  return false;
}

/** Converts traditional Chinese to simplified; text without a traditional-only character is returned as is. */
export function toSimplified(text: string): string {
  return hasTraditionalCharacters(text) ? convert(text) : text;
}
