import { z } from 'zod';
import { type PromptTemplate, type RenderedPrompt, renderPrompt } from '../core/prompt-template.js';
import { type AspectTaxonomy, DEFAULT_ASPECT_TAXONOMY } from './aspects/index.js';
import type { AspectMention, Polarity, TextLocale } from './types.js';

/**
 * The LLM engine of `text analyze`: one structured call per document gives the overall sentiment
 * (label, score, confidence) and, in the same answer, the polarity of each taxonomy aspect the text
 * has an opinion on. Aspect keys are an enum of the taxonomy, so the LLM layer's validate → repair →
 * re-ask loop rejects invented aspects. `mergeAspectPolarity` then puts the LLM's polarities onto the
 * classical aspect mentions (which keep their terms and offsets) and adds the aspects only the LLM saw.
 */

const polarity = z.enum(['positive', 'negative', 'neutral']);

/** The answer schema for a taxonomy (aspect keys as an enum). */
export function documentInsightSchema(taxonomy: AspectTaxonomy = DEFAULT_ASPECT_TAXONOMY) {
  const keys = taxonomy.aspects.map((a) => a.key);
  const aspect = keys.length > 0 ? z.enum(keys as [string, ...string[]]) : z.never();
  return z
    .object({
      label: polarity,
      score: z.number().min(-1).max(1),
      confidence: z.number().min(0).max(1),
      aspects: z.array(z.object({ aspect, polarity }).strict()).max(Math.max(1, keys.length)),
    })
    .strict();
}

export interface DocumentInsightAnswer {
  readonly label: Polarity;
  readonly score: number;
  readonly confidence: number;
  readonly aspects: readonly { readonly aspect: string; readonly polarity: Polarity }[];
}

const en: PromptTemplate = {
  id: 'text.document-insight',
  version: 1,
  locale: 'en',
  variables: { review: 'data', aspects: 'list' },
  system: [
    'You analyse customer reviews, social posts and support tickets: the overall sentiment, and the opinion on each aspect of the product or service the text talks about.',
    'Answer with JSON only: {"label": "positive" | "negative" | "neutral", "score": number from -1 (very negative) to 1 (very positive), "confidence": number from 0 to 1, "aspects": [{"aspect": key, "polarity": "positive" | "negative" | "neutral"}]}.',
    'Mixed opinions: judge the overall impression; what follows "but" usually weighs more.',
    'Aspect keys (use only these; list an aspect once, only when the text gives an opinion on it; [] when none):',
    '{{aspects}}',
    'Examples:',
    '"Fast delivery and the quality is great." → {"label": "positive", "score": 0.8, "confidence": 0.9, "aspects": [{"aspect": "logistics", "polarity": "positive"}, {"aspect": "quality", "polarity": "positive"}]}',
    '"The price is fine but it broke after two days." → {"label": "negative", "score": -0.6, "confidence": 0.8, "aspects": [{"aspect": "price", "polarity": "positive"}, {"aspect": "quality", "polarity": "negative"}]}',
    '"Arrived on Tuesday." → {"label": "neutral", "score": 0, "confidence": 0.7, "aspects": []}',
  ].join('\n'),
  user: 'Analyse this text:\n{{review}}',
};

const zh: PromptTemplate = {
  id: 'text.document-insight',
  version: 1,
  locale: 'zh',
  variables: { review: 'data', aspects: 'list' },
  system: [
    '你负责分析顾客评价、社交媒体帖子和客服工单：整体情感倾向，以及文中对产品或服务各个方面的评价。',
    '只用 JSON 回答：{"label": "positive" | "negative" | "neutral", "score": -1（非常负面）到 1（非常正面）之间的数, "confidence": 0 到 1 之间的数, "aspects": [{"aspect": 方面代码, "polarity": "positive" | "negative" | "neutral"}]}。',
    '褒贬兼有时按整体印象判断；“但是”之后的内容通常更重要。',
    '方面代码（只能用下列代码；每个方面最多列一次，只列文中有评价的方面；没有就给 []）：',
    '{{aspects}}',
    '示例：',
    '“物流很快，质量也很好。” → {"label": "positive", "score": 0.8, "confidence": 0.9, "aspects": [{"aspect": "logistics", "polarity": "positive"}, {"aspect": "quality", "polarity": "positive"}]}',
    '“价格还行，但是用了两天就坏了。” → {"label": "negative", "score": -0.6, "confidence": 0.8, "aspects": [{"aspect": "price", "polarity": "positive"}, {"aspect": "quality", "polarity": "negative"}]}',
    '“周二到的货。” → {"label": "neutral", "score": 0, "confidence": 0.7, "aspects": []}',
  ].join('\n'),
  user: '请分析下面这段文字：\n{{review}}',
};

export const documentInsightPrompts: Readonly<Record<TextLocale, PromptTemplate>> = { en, zh };

/** The rendered prompt for one document; aspect keys listed as `key (English / 中文)`. */
export function documentInsightPrompt(
  text: string,
  locale: TextLocale,
  taxonomy: AspectTaxonomy = DEFAULT_ASPECT_TAXONOMY,
): RenderedPrompt {
  const aspects = taxonomy.aspects.map((a) => `${a.key} (${a.label.en} / ${a.label.zh})`);
  return renderPrompt(documentInsightPrompts[locale], { review: text, aspects });
}

/** An aspect mention after the merge; `source: 'llm'` when only the LLM saw the aspect (no term, no offsets). */
export type MergedAspectMention = AspectMention & {
  readonly source: 'classical' | 'llm';
  /** The classical polarity when the LLM's replaced it. */
  readonly classicalPolarity?: Polarity;
};

const sign = (p: Polarity): number => (p === 'positive' ? 1 : p === 'negative' ? -1 : 0);

/**
 * Classical aspect mentions with the LLM's judgement on top: each mention of an aspect the LLM
 * rated takes the LLM's polarity (score = that sign × the classical strength, at least 0.5, 0 when
 * neutral); an aspect the LLM rated but the extractor did not find becomes one mention without a
 * term (start = end = 0). Aspects the LLM did not rate keep their classical polarity. Pure, O(n + m).
 * Example: classical [quality +0.6 "质量"], LLM [quality negative, logistics negative] →
 * [quality −0.6 "质量" (classicalPolarity positive), logistics −0.5 (source llm)].
 */
export function mergeAspectPolarity(
  classical: readonly AspectMention[],
  llm: DocumentInsightAnswer['aspects'],
): MergedAspectMention[] {
  const rated = new Map<string, Polarity>();
  for (const a of llm) if (!rated.has(a.aspect)) rated.set(a.aspect, a.polarity);
  const merged: MergedAspectMention[] = classical.map((mention) => {
    const judged = rated.get(mention.aspect);
    if (judged === undefined || judged === mention.polarity) return { ...mention, source: 'classical' };
    return {
      ...mention,
      polarity: judged,
      score: sign(judged) * Math.max(Math.abs(mention.score), 0.5),
      classicalPolarity: mention.polarity,
      source: 'classical',
    };
  });
  const found = new Set(classical.map((m) => m.aspect));
  for (const [aspect, judged] of rated)
    if (!found.has(aspect))
      merged.push({
        aspect,
        term: '',
        start: 0,
        end: 0,
        polarity: judged,
        score: sign(judged) * 0.5,
        source: 'llm',
      });
  return merged;
}
