import type { ContentLocale } from '../channels.js';

/**
 * Text edits used by fixPiece: span replacement, removal of whole clauses (zh) or sentences (en)
 * that carry an unfixable claim, and the punctuation/spacing tidy-up after either.
 */

export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Applies non-overlapping edits (later-starting ones first, so offsets stay valid); overlapping ones are skipped. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let result = text;
  let floor = Number.POSITIVE_INFINITY;
  for (const edit of sorted) {
    if (edit.end > floor) continue;
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
    floor = edit.start;
  }
  return result;
}

interface Unit {
  readonly start: number;
  readonly end: number;
}

/**
 * Chinese clauses end at ，；。！？ (a clause is the smallest unit that still reads on its own);
 * English sentences at . ! ? followed by space. Newlines always end a unit.
 */
function units(text: string, locale: ContentLocale): Unit[] {
  const pattern =
    locale === 'zh' ? /[^，；。！？!?;\n]*(?:[，；。！？!?;]+|\n+|$)/gu : /.*?(?:[.!?]+(?=\s|$)\s*|\n+|$)/gu;
  const result: Unit[] = [];
  for (const m of text.matchAll(pattern)) {
    if (m[0].length === 0) {
      if (m.index >= text.length) break;
      continue;
    }
    result.push({ start: m.index, end: m.index + m[0].length });
  }
  return result;
}

/**
 * Removes every clause (zh) or sentence (en) that overlaps one of `spans`. In Chinese, when the
 * removed clause closed a sentence (。！？) and the kept text before it ends on a comma, the comma
 * becomes that full stop, so "清香回甘，可降血压。" → "清香回甘。".
 */
export function removeUnits(text: string, spans: readonly Unit[], locale: ContentLocale): string {
  let result = '';
  for (const unit of units(text, locale)) {
    const hit = spans.some((span) => span.start < unit.end && unit.start < span.end);
    if (!hit) {
      result += text.slice(unit.start, unit.end);
      continue;
    }
    const content = text.slice(unit.start, unit.end);
    const closing = /([。！？!?]+|\n+)$/u.exec(content)?.[1];
    if (closing !== undefined && /[，；,;]$/u.test(result)) result = result.slice(0, -1) + closing;
    else if (closing?.startsWith('\n') && result !== '' && !result.endsWith('\n')) result += closing;
  }
  return result;
}

/** Spacing and punctuation left behind by deletions: doubled marks, leading marks, stray spaces. */
export function tidy(text: string, locale: ContentLocale): string {
  let result = text;
  if (locale === 'zh') {
    result = result
      .replace(/([，、；])[，、；]+/gu, '$1')
      .replace(/[，、；]+([。！？])/gu, '$1')
      .replace(/^[，、；。\s]+/u, '')
      .replace(/[，、；]+$/u, '')
      .replace(/([\u4e00-\u9fff]) +([\u4e00-\u9fff])/gu, '$1$2');
  } else {
    result = result
      .replace(/[^\S\n]{2,}/g, ' ')
      .replace(/[^\S\n]+([,.!?;:])/g, '$1')
      .replace(/([,;:])(?:[^\S\n]*[,;:])+/g, '$1')
      .replace(/^[\s,;:.]+/u, '')
      .replace(/(^|[.!?]\s+)([a-z])/g, (_, before: string, letter: string) => before + letter.toUpperCase());
  }
  return result.replace(/[^\S\n]+$/gmu, '').replace(/\n{3,}/g, '\n\n');
}
