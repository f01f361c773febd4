/**
 * Postal addresses — best effort (a later privacy issue deepens this with gazetteers / NER).
 * - Chinese: an administrative chain (province / municipality → city → district or county →
 *   town or sub-district) followed by a road (路/街/大道/巷/弄/胡同) with a house number (…号) and
 *   optional building / unit / floor / room; or a chain of at least two administrative levels
 *   followed by a compound name (小区/花园/大厦 …). Name characters exclude pronouns and particles so
 *   "我住在北京市…" starts at 北京.
 * - English: house number + capitalised street words + a street type (Street/St, Avenue/Ave,
 *   Road/Rd, Lane/Ln, Boulevard/Blvd, Drive/Dr, Court/Ct, Way, Place/Pl, Terrace, Parkway …),
 *   optionally + Apt/Suite/Unit and + ", City, ST 12345" (USPS Publication 28 abbreviations).
 */
import { collectMatches, type PiiSpan } from './pii-types.js';

/** Han characters that never belong to a place name in running text (pronouns, verbs, particles). */
const NOT_PLACE =
  '我你他她您们的是在住到请把给送寄发址和与及或从向于了吗呢吧啊就也都要想将已被这那有个为对说问帮';
const PLACE_CHAR = `(?:(?![${NOT_PLACE}])[\\u4e00-\\u9fff])`;
const PROVINCE_NAMES =
  '北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门';
const PROVINCE = `(?<province>(?:${PROVINCE_NAMES})(?:省|市|${PLACE_CHAR}{0,5}自治区|特别行政区)?)`;
const CITY = `(?<city>${PLACE_CHAR}{1,6}?(?:市|自治州|地区|盟))`;
const DISTRICT = `(?<district>${PLACE_CHAR}{1,6}?(?:区|县|旗))`;
const TOWN = `(?<town>${PLACE_CHAR}{1,8}?(?:街道|镇|乡))`;
const ROAD = `(?<road>[\\dA-Za-z]*${PLACE_CHAR}{1,10}?(?:大道|大街|路|街|巷|弄|胡同)(?:[东西南北中]?段)?)`;
const NUMBER = '(?<number>\\d+(?:[-之]\\d+)?号(?:院)?)';
const COMPOUND = `(?<compound>[\\dA-Za-z]*${PLACE_CHAR}{1,10}?(?:小区|花园|公寓|大厦|广场|家园|新村|苑|城))`;
/** A named building or compound after the house number ("SOHO现代城", "华星科技大厦"). */
const BUILDING = `(?:[\\dA-Za-z]*${PLACE_CHAR}{0,10}?(?:小区|花园|公寓|大厦|大楼|广场|家园|新村|中心|苑|城))`;
const UNIT = '(?:[\\dA-Za-z]+(?:号楼|栋|幢|座))?(?:\\d+单元)?(?:\\d+(?:层|楼))?(?:\\d+(?:室|房|号房))?';
const CN_ADDRESS = new RegExp(
  `${PROVINCE}?${CITY}?${DISTRICT}?${TOWN}?(?:${ROAD}${NUMBER}?|${COMPOUND})?${BUILDING}?${UNIT}`,
  'g',
);

/**
 * Chinese address chains. Accepted when a road carries a house number, or when at least two
 * administrative levels lead to a road or compound; confidence rises with the number of parts.
 */
export function detectChineseAddresses(text: string): PiiSpan[] {
  return collectMatches(text, CN_ADDRESS, (match) => {
    const groups = match.groups ?? {};
    const adminLevels = [groups.province, groups.city, groups.district, groups.town].filter(Boolean).length;
    const hasPlace = groups.road !== undefined || groups.compound !== undefined;
    const streetNumber = groups.road !== undefined && groups.number !== undefined;
    if (!streetNumber && !(adminLevels >= 2 && hasPlace)) return undefined;
    const parts = adminLevels + (hasPlace ? 1 : 0) + (groups.number === undefined ? 0 : 1);
    const confidence = Math.min(0.85, Math.round((0.55 + 0.07 * parts) * 100) / 100);
    return { kind: 'address', start: match.index, end: match.index + match[0].length, confidence };
  });
}

/** Street types and their USPS abbreviations; abbreviations may carry a period. */
const STREET_TYPES =
  '(?:Street|Avenue|Road|Lane|Boulevard|Drive|Court|Way|Place|Terrace|Parkway|Highway|Circle|Square|Crescent|Close|(?:St|Ave|Rd|Ln|Blvd|Dr|Ct|Pl|Ter|Pkwy|Hwy|Cir|Sq)\\b\\.?)';
const STREET_WORD = "(?:\\p{Lu}[\\p{L}'’-]*|\\d+(?:st|nd|rd|th)|[NSEW]\\.?)";
const DIRECTIONAL = '(?:[ \\t]+(?:NE|NW|SE|SW|N|S|E|W)\\b\\.?)';
const SECONDARY =
  '(?:,?[ \\t]+(?:Apt|Apartment|Suite|Ste|Unit|Room|Rm|Floor|Fl|#)\\.?[ \\t]*#?[A-Za-z0-9-]+)';
const CITY_STATE_ZIP =
  '(?:,[ \\t]*\\p{Lu}\\p{L}+(?:[ \\t]\\p{Lu}\\p{L}+)*,[ \\t]*[A-Z]{2}[ \\t]+\\d{5}(?:-\\d{4})?)';
const EN_ADDRESS = new RegExp(
  `(?<![\\p{L}\\p{N}.,])\\d{1,6}[A-Za-z]?(?:[ \\t]+${STREET_WORD}){1,4}?[ \\t]+${STREET_TYPES}(?![\\p{L}\\p{N}])${DIRECTIONAL}?${SECONDARY}?${CITY_STATE_ZIP}?`,
  'gu',
);

/** English street addresses (house number + capitalised street name + street type …). */
export function detectEnglishAddresses(text: string): PiiSpan[] {
  return collectMatches(text, EN_ADDRESS, (match) => ({
    kind: 'address',
    start: match.index,
    end: match.index + match[0].length,
    confidence: 0.75,
  }));
}

/** All address candidates, Chinese and English. */
export function detectAddresses(text: string): PiiSpan[] {
  return [...detectChineseAddresses(text), ...detectEnglishAddresses(text)];
}
