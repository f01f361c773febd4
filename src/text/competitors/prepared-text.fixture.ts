import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import type { PreparedText, Token, TokenKind } from '../types.js';

/**
 * Test-only stand-in for the text pipeline: builds a `PreparedText` with jieba tokens (zh) or a
 * regex word split (en), a small stop list, and clause spans split after sentence punctuation and
 * before contrast words (但是 / 可是 / 不过 / but / however) that follow a comma. It does no
 * normalisation: the tests here feed clean text. Used by the competitors and summarize tests only.
 */

let jieba: Jieba | undefined;

// biome-ignore format: word list
const STOP_WORDS = new Set([
  '的', '了', '是', '我', '也', '很', '都', '就', '在', '和', '这', '那', '有', '还', '又', '太', '非常', '但是', '可是', '不过', '但', '这次', '一个', '比',
  'the', 'a', 'an', 'is', 'was', 'are', 'were', 'it', 'this', 'that', 'and', 'but', 'to', 'of', 'i', 'my', 'very', 'so', 'too', 'with', 'for', 'in', 'on', 'be', 'its', "it's", 'than',
]);

const HAN = /\p{Script=Han}/u;
const EN_TOKEN = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?|[^\s\p{L}\p{N}]/gu;
const TERMINATORS = /[。！？!?…]+|\.(?=\s|$)/gu;
const CONTRAST = /[，,]\s*(但是|可是|不过|但|but|however)/giu;

function kindOf(text: string): TokenKind {
  if (/^\p{N}+$/u.test(text)) return 'number';
  if (/[\p{L}\p{N}]/u.test(text)) return 'word';
  return 'punct';
}

function token(text: string, start: number): Token {
  const norm = text.toLowerCase();
  return { text, norm, start, end: start + text.length, kind: kindOf(text), stop: STOP_WORDS.has(norm) };
}

function tokenize(text: string, zh: boolean): Token[] {
  const tokens: Token[] = [];
  if (zh) {
    jieba ??= Jieba.withDict(dict);
    let offset = 0;
    for (const piece of jieba.cut(text, true)) {
      const start = text.indexOf(piece, offset);
      offset = start + piece.length;
      if (piece.trim() !== '') tokens.push(token(piece, start));
    }
    return tokens;
  }
  for (const m of text.matchAll(EN_TOKEN)) tokens.push(token(m[0], m.index));
  return tokens;
}

function clauses(text: string): { start: number; end: number }[] {
  const cuts = new Set<number>([0, text.length]);
  for (const m of text.matchAll(TERMINATORS)) cuts.add(m.index + m[0].length);
  for (const m of text.matchAll(CONTRAST)) cuts.add(m.index + m[0].length - (m[1] as string).length);
  const sorted = [...cuts].sort((a, b) => a - b);
  const spans: { start: number; end: number }[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    let start = sorted[i] as number;
    let end = sorted[i + 1] as number;
    while (start < end && /\s/u.test(text[start] as string)) start++;
    while (end > start && /\s/u.test(text[end - 1] as string)) end--;
    if (end > start) spans.push({ start, end });
  }
  return spans;
}

/** Prepare `text` the way the pipeline would, closely enough for unit tests. */
export function prepareForTest(text: string): PreparedText {
  const zh = HAN.test(text);
  return {
    text,
    lang: zh ? 'zh' : 'en',
    tokens: tokenize(text, zh),
    truncated: false,
    notes: [],
    sentences: clauses(text),
  };
}
