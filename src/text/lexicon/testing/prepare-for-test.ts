import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import emojiRegex from 'emoji-regex';
import { Converter } from 'opencc-js';
import type { DetectedLanguage, PreparedText, Token, TokenKind } from '../../types.js';

/**
 * Test support only: a minimal stand-in for the text pipeline (src/text/pipeline) that builds
 * `PreparedText` values — jieba segmentation for Chinese, a regex for English, clause spans
 * split at sentence ends and before 但是 / but. The engines under test depend only on the shape.
 */

const jieba = Jieba.withDict(dict);
const toSimplified = Converter({ from: 'tw', to: 'cn' });
const EMOJI = emojiRegex();
const EMOTICON = /(?:[:;=8][-']?[)(\][dDpP/|@3]|\^_?\^|-_-|T_T|<\/?3|xD|XD)/y;
const STOP = new Set(
  '的 了 是 在 和 也 就 都 而 及 与 着 或 一个 这个 那个 我 你 他 她 它 我们 吧 啊 呢 吗 呀 哦 嗯 the a an and or of to in on at is are was were be been it this that i you he she we they my for with as'.split(
    ' ',
  ),
);
const CONTRAST = /^(但是|但|可是|不过|然而|but|however)$/i;

function kindOf(text: string): TokenKind {
  if (/^\d+(?:[.,]\d+)?$/.test(text)) return 'number';
  if (/^[\p{P}\p{S}]+$/u.test(text) && !/^[\p{L}\p{N}]/u.test(text)) return 'punct';
  return 'word';
}

function pieces(segment: string, lang: DetectedLanguage): string[] {
  if (lang === 'zh') return jieba.cut(segment, true).filter((p) => p.trim().length > 0);
  return segment.match(/[a-z0-9]+(?:['’][a-z]+)*|[^\sa-z0-9]/gi) ?? [];
}

/** Tokens of a segment without emoji / emoticons, offsets shifted by `base`. */
function tokenize(segment: string, base: number, lang: DetectedLanguage, out: Token[]): void {
  let at = 0;
  for (const piece of pieces(segment, lang)) {
    const start = segment.indexOf(piece, at);
    at = start + piece.length;
    const kind = kindOf(piece);
    out.push({
      text: piece,
      norm: piece.toLowerCase(),
      start: base + start,
      end: base + at,
      kind,
      stop: STOP.has(piece.toLowerCase()),
    });
  }
}

function detect(text: string): DetectedLanguage {
  if (/\p{Script=Han}/u.test(text)) return 'zh';
  if (/[a-z]{2,}/i.test(text)) return 'en';
  return 'unknown';
}

/** Builds a `PreparedText` for tests. */
export function prepareForTest(raw: string, lang?: DetectedLanguage): PreparedText {
  const text = toSimplified(raw.replace(/\s+/g, ' ').trim());
  const language = lang ?? detect(text);
  const tokens: Token[] = [];
  let cursor = 0;
  const symbols: { start: number; end: number; kind: TokenKind }[] = [];
  for (const m of text.matchAll(EMOJI))
    symbols.push({ start: m.index, end: m.index + m[0].length, kind: 'emoji' });
  for (let i = 0; i < text.length; i++) {
    if (symbols.some((s) => i >= s.start && i < s.end)) continue;
    EMOTICON.lastIndex = i;
    const m = EMOTICON.exec(text);
    if (m && (i === 0 || /\s/.test(text[i - 1] ?? ' '))) {
      symbols.push({ start: i, end: i + m[0].length, kind: 'emoticon' });
      i += m[0].length - 1;
    }
  }
  symbols.sort((a, b) => a.start - b.start);
  for (const symbol of symbols) {
    tokenize(text.slice(cursor, symbol.start), cursor, language, tokens);
    const surface = text.slice(symbol.start, symbol.end);
    tokens.push({
      text: surface,
      norm: surface.toLowerCase(),
      start: symbol.start,
      end: symbol.end,
      kind: symbol.kind,
      stop: false,
    });
    cursor = symbol.end;
  }
  tokenize(text.slice(cursor), cursor, language, tokens);
  const sentences: { start: number; end: number }[] = [];
  let clauseStart = 0;
  tokens.forEach((token, i) => {
    if (CONTRAST.test(token.text) && token.start > clauseStart) {
      sentences.push({ start: clauseStart, end: token.start });
      clauseStart = token.start;
    }
    if (/^[。！？!?.;；…]+$/.test(token.text) && tokens[i + 1]) {
      sentences.push({ start: clauseStart, end: token.end });
      clauseStart = (tokens[i + 1] as Token).start;
    }
  });
  if (text.length > clauseStart) sentences.push({ start: clauseStart, end: text.length });
  return { text, lang: language, tokens, truncated: false, notes: [], sentences };
}
