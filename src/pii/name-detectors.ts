/**
 * Person names — best effort (a later privacy issue deepens this with NER). Three sources:
 * 1. names the caller already knows (the customers table), matched verbatim;
 * 2. English cues: honorifics (Mr./Mrs./Ms./Miss/Dr./Prof. + capitalised words), "my name is X Y",
 *    "Dear X," and "Name: X Y" labels;
 * 3. Chinese cues: a common surname (百家姓, the ~100 most frequent plus common compound surnames) with
 *    0–2 given-name characters before 先生/女士/小姐/老师/同学, or after 我叫/我是/姓名：/收件人：/联系人：.
 * Spans cover the name only (not the honorific or title), so "王先生" becomes "[NAME_1]先生".
 */
import { collectMatches, escapeRegExp, type PiiSpan } from './pii-types.js';

/**
 * The 100 most frequent Chinese surnames (Ministry of Public Security, 2020 household-registration
 * ranking) and common compound surnames.
 */
const CN_SURNAMES_SINGLE =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩邓冯曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文';
const CN_SURNAMES_COMPOUND = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '司徒',
  '夏侯',
  '令狐',
];
const SURNAME = `(?:${CN_SURNAMES_COMPOUND.join('|')}|[${CN_SURNAMES_SINGLE}])`;
const CN_TITLE = '(?:先生|女士|小姐|老师|同学|经理)';
/** Particles, pronouns and verbs that follow names in speech and so end a given-name run. */
const NOT_GIVEN_NAME = '的了是在想要和与及或有就也都我你他她您请问吗呢啊吧说叫把给从到跟对向让这那个们';
const GIVEN_CHAR = `(?:(?!${CN_TITLE}|[${NOT_GIVEN_NAME}])[\\u4e00-\\u9fff])`;

/** Surname + 1–2 given-name characters directly before a form of address. */
const CN_NAME_BEFORE_TITLE = new RegExp(`${SURNAME}${GIVEN_CHAR}{1,2}(?=${CN_TITLE})`, 'g');
/** A bare surname before a form of address, only after a non-Han character or a greeting word. */
const CN_SURNAME_BEFORE_TITLE = new RegExp(
  `(?:(?<![\\u4e00-\\u9fff])|(?<=[的好谢请找给和跟问位喂嗨见是]))${SURNAME}(?=${CN_TITLE})`,
  'g',
);
/** Self-introductions and form labels followed by surname + 1–2 characters. */
const CN_NAME_AFTER_CUE = new RegExp(
  `(?<=我叫|我是|我的名字是|(?:姓名|收件人|收货人|联系人|客户)\\s*[:：]\\s*)${SURNAME}${GIVEN_CHAR}{1,2}`,
  'g',
);

/** A capitalised English name word: Smith, O’Brien, Smith-Jones, McDonald, Zoë (two letters or more). */
const EN_WORD =
  "(?=\\p{L}\\p{Ll}|\\p{Lu}['’]\\p{Lu})\\p{Lu}\\p{Ll}*(?:\\p{Lu}\\p{Ll}+)?(?:['’-]\\p{Lu}?\\p{Ll}+)*";
const EN_NAME = `${EN_WORD}(?:[ \\t]+${EN_WORD}){0,2}`;
const EN_HONORIFIC = new RegExp(`(?<=\\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\\.?[ \\t]+)${EN_NAME}`, 'gu');
const EN_MY_NAME_IS = new RegExp(`(?<=\\b[Mm]y name is[ \\t]+)${EN_NAME}`, 'gu');
const EN_LABEL = new RegExp(`(?<=\\b(?:Name|Full name|Contact|Recipient|Attn)\\s*:[ \\t]*)${EN_NAME}`, 'gu');
const EN_DEAR = new RegExp(
  `(?<=\\bDear[ \\t]+(?:(?:Mr|Mrs|Ms|Miss|Dr)\\.?[ \\t]+)?)${EN_NAME}(?=\\s*[,，])`,
  'gu',
);
/** Salutation words that are not names ("Dear Valued Customer,"). */
const NOT_A_NAME = new Set(
  'Customer Customers Sir Madam Sirs Friend Friends Valued Team All Member Members User Users Colleague Colleagues Partner Partners Client Clients Shopper Shoppers Subscriber Subscribers Guest Guests Reader Readers Everyone Madams Fan Fans Buyer Buyers Seller Sellers Supporter Supporters Mom Dad'.split(
    ' ',
  ),
);

/** Wraps a regex match as a name span unless it is a salutation word. */
function nameSpan(match: RegExpExecArray, confidence: number): PiiSpan | undefined {
  if (match[0].split(/\s+/).some((word) => NOT_A_NAME.has(word))) return undefined;
  return { kind: 'name', start: match.index, end: match.index + match[0].length, confidence };
}

/** True for names written in Han characters (matched without word boundaries). */
function isHan(name: string): boolean {
  return /^[\p{Script=Han}·]+$/u.test(name);
}

/**
 * Known names matched verbatim: Latin-script names case-insensitively at word boundaries (with any
 * run of spaces between parts), Chinese names as substrings. Names shorter than two characters are
 * ignored (a single character would redact half the text).
 */
export function detectKnownNames(text: string, names: readonly string[]): PiiSpan[] {
  const literals = [...new Set(names.map((name) => name.trim()).filter((name) => name.length >= 2))];
  if (literals.length === 0) return [];
  // Longest first so "John Smith" wins over "John" in the alternation.
  literals.sort((left, right) => right.length - left.length);
  const alternatives = literals.map((name) => {
    const source = name.split(/\s+/).map(escapeRegExp).join('\\s+');
    return isHan(name) ? source : `(?<![\\p{L}\\p{N}])${source}(?![\\p{L}\\p{N}])`;
  });
  return collectMatches(text, new RegExp(alternatives.join('|'), 'giu'), (match) => ({
    kind: 'name',
    start: match.index,
    end: match.index + match[0].length,
    confidence: 0.95,
  }));
}

/** All name candidates: known names plus the English and Chinese cue patterns. */
export function detectNames(text: string, names: readonly string[] = []): PiiSpan[] {
  return [
    ...detectKnownNames(text, names),
    ...collectMatches(text, CN_NAME_AFTER_CUE, (match) => nameSpan(match, 0.8)),
    ...collectMatches(text, CN_NAME_BEFORE_TITLE, (match) => nameSpan(match, 0.75)),
    ...collectMatches(text, CN_SURNAME_BEFORE_TITLE, (match) => nameSpan(match, 0.6)),
    ...collectMatches(text, EN_MY_NAME_IS, (match) => nameSpan(match, 0.8)),
    ...collectMatches(text, EN_LABEL, (match) => nameSpan(match, 0.75)),
    ...collectMatches(text, EN_HONORIFIC, (match) => nameSpan(match, 0.75)),
    ...collectMatches(text, EN_DEAR, (match) => nameSpan(match, 0.7)),
  ];
}
