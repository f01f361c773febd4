import { z } from 'zod';
import { type PromptTemplate, type RenderedPrompt, renderPrompt } from '../core/prompt-template.js';
import type { TextLocale } from './types.js';

/**
 * Abstractive voice-of-the-customer summaries grounded in quotes: the prompt (zh and en, versioned),
 * the answer schema (claims, each citing quote ids), and the citation check that keeps only claims
 * whose every cited id is in the evidence. The evidence itself comes from the extractive summary
 * (TextRank / MMR quotes), so every sentence of the final summary can be traced to documents.
 */

export interface EvidenceQuote {
  /** `q1`, `q2` … in evidence order. */
  readonly id: string;
  readonly text: string;
}

export const voiceSummaryAnswerSchema = z
  .object({
    claims: z
      .array(
        z
          .object({
            text: z.string().min(1).max(500),
            quotes: z.array(z.string()).max(10),
          })
          .strict(),
      )
      .min(1)
      .max(10),
  })
  .strict();

export type VoiceSummaryAnswer = z.infer<typeof voiceSummaryAnswerSchema>;

const en: PromptTemplate = {
  id: 'text.voice-summary',
  version: 1,
  locale: 'en',
  variables: { focus: 'text', quotes: 'data', maxClaims: 'number' },
  system: [
    'You summarise what customers say, for a marketing and product team, using only the numbered customer quotes you are given.',
    'Write at most {{maxClaims}} short claims in English. Each claim states one finding (what customers praise or complain about, and how widely) and cites the ids of the quotes that support it.',
    'Rules: cite only ids that appear in the quotes (e.g. "q2"); every claim cites at least one quote; say nothing the quotes do not support; do not copy personal data; no recommendations.',
    'Answer with JSON only: {"claims": [{"text": "…", "quotes": ["q1", "q3"]}]}.',
  ].join('\n'),
  user: 'Summarise the customer voice about {{focus}}. Quotes, one per line as [id] text:\n{{quotes}}',
};

const zh: PromptTemplate = {
  id: 'text.voice-summary',
  version: 1,
  locale: 'zh',
  variables: { focus: 'text', quotes: 'data', maxClaims: 'number' },
  system: [
    '你为市场和产品团队总结顾客的声音，只能依据提供给你的带编号的顾客原话。',
    '用中文写不超过 {{maxClaims}} 条简短结论。每条结论说明一个发现（顾客称赞或抱怨什么、有多普遍），并注明支持它的原话编号。',
    '规则：只能引用原话中出现的编号（如 "q2"）；每条结论至少引用一条原话；不要写原话不支持的内容；不要抄录个人信息；不要给建议。',
    '只用 JSON 回答：{"claims": [{"text": "……", "quotes": ["q1", "q3"]}]}。',
  ].join('\n'),
  user: '请总结顾客关于{{focus}}的声音。原话每行一条，格式为 [编号] 内容：\n{{quotes}}',
};

export const voiceSummaryPrompts: Readonly<Record<TextLocale, PromptTemplate>> = { en, zh };

/** The rendered prompt: `focus` describes the selection (e.g. "Larkspur, logistics, 2026-05"). */
export function voiceSummaryPrompt(
  quotes: readonly EvidenceQuote[],
  focus: string,
  locale: TextLocale,
  maxClaims = 4,
): RenderedPrompt {
  const lines = quotes.map((q) => `[${q.id}] ${q.text.replace(/\s+/g, ' ').trim()}`).join('\n');
  return renderPrompt(voiceSummaryPrompts[locale], { focus, quotes: lines, maxClaims });
}

export interface GroundedClaim {
  readonly text: string;
  /** Cited evidence ids, each once, in evidence order. */
  readonly quoteIds: readonly string[];
}

export interface RejectedClaim {
  readonly text: string;
  /** `uncited`: no quote id; `unknown_quote`: cites ids not in the evidence (`invalidIds`). */
  readonly reason: 'uncited' | 'unknown_quote';
  readonly invalidIds: readonly string[];
}

export interface CitationCheck {
  readonly claims: GroundedClaim[];
  readonly rejected: RejectedClaim[];
}

/** `Q2`, ` q2 `, `[q2]` → `q2`. */
const normaliseId = (id: string): string =>
  id
    .trim()
    .replace(/^\[|\]$/g, '')
    .trim()
    .toLowerCase();

/**
 * Keeps the claims whose every cited id is in the evidence (ids compared case-insensitively,
 * brackets dropped; duplicates removed) and lists the others with the reason. A claim citing one
 * valid and one invented id is rejected: a claim is only as good as all of its citations.
 * Empty claim texts are dropped silently. O(claims × citations).
 * Example: evidence q1, q2; claims [{text: "Slow delivery", quotes: ["Q2", "q2"]}, {text: "Cheap", quotes: []}]
 * → claims [{text: "Slow delivery", quoteIds: ["q2"]}], rejected [{text: "Cheap", reason: "uncited"}].
 */
export function checkCitations(
  answer: VoiceSummaryAnswer,
  evidence: readonly EvidenceQuote[],
): CitationCheck {
  const order = new Map(evidence.map((q, i) => [q.id.toLowerCase(), i]));
  const claims: GroundedClaim[] = [];
  const rejected: RejectedClaim[] = [];
  for (const claim of answer.claims) {
    const text = claim.text.trim();
    if (text === '') continue;
    const ids = [...new Set(claim.quotes.map(normaliseId).filter((id) => id !== ''))];
    const invalidIds = ids.filter((id) => !order.has(id));
    if (ids.length === 0) rejected.push({ text, reason: 'uncited', invalidIds: [] });
    else if (invalidIds.length > 0) rejected.push({ text, reason: 'unknown_quote', invalidIds });
    else
      claims.push({
        text,
        quoteIds: ids
          .sort((a, b) => (order.get(a) as number) - (order.get(b) as number))
          .map((id) => (evidence[order.get(id) as number] as EvidenceQuote).id),
      });
  }
  return { claims, rejected };
}

/** The follow-up message asking the model to fix its claims (re-ask), in the summary's language. */
export function citationRepairMessage(
  rejected: readonly RejectedClaim[],
  evidence: readonly EvidenceQuote[],
  locale: TextLocale,
): string {
  const ids = evidence.map((q) => q.id).join(', ');
  const problems = rejected.map((r) =>
    r.reason === 'uncited'
      ? locale === 'zh'
        ? `- “${r.text}”没有引用任何原话`
        : `- "${r.text}" cites no quote`
      : locale === 'zh'
        ? `- “${r.text}”引用了不存在的编号 ${r.invalidIds.join(', ')}`
        : `- "${r.text}" cites ids that are not in the quotes: ${r.invalidIds.join(', ')}`,
  );
  return locale === 'zh'
    ? [
        '以下结论的引用有问题：',
        ...problems,
        `可用的编号只有：${ids}。`,
        '请给出修改后的完整 JSON，不要解释。',
      ].join('\n')
    : [
        'Some claims are not properly cited:',
        ...problems,
        `The only valid ids are: ${ids}.`,
        'Reply with the corrected complete JSON only, no explanation.',
      ].join('\n');
}

/** The summary text: each claim followed by its citations, e.g. `Delivery is slow [q1, q3].` */
export function composeSummary(claims: readonly GroundedClaim[], locale: TextLocale): string {
  return claims
    .map(
      (c) =>
        `${c.text.replace(/[。.]$/u, '')}${locale === 'zh' ? '' : ' '}[${c.quoteIds.join(', ')}]${locale === 'zh' ? '。' : '.'}`,
    )
    .join(locale === 'zh' ? '' : ' ');
}
