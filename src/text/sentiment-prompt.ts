import { z } from 'zod';
import { type PromptTemplate, type RenderedPrompt, renderPrompt } from '../core/prompt-template.js';
import type { TextLocale } from './types.js';

/**
 * The LLM sentiment engine's prompt (few-shot, zh and en) and its structured answer. The review
 * goes in as delimited data; the answer is validated with `sentimentAnswerSchema` by the LLM
 * client (validate → repair → re-ask), so an engine result always has a label, score and confidence.
 */

export const sentimentAnswerSchema = z
  .object({
    label: z.enum(['positive', 'negative', 'neutral']),
    score: z.number().min(-1).max(1),
    confidence: z.number().min(0).max(1),
  })
  .strict();

export type SentimentAnswer = z.infer<typeof sentimentAnswerSchema>;

const en: PromptTemplate = {
  id: 'text.sentiment',
  version: 1,
  locale: 'en',
  variables: { review: 'data' },
  system: [
    'You classify the sentiment of customer reviews, social posts and support tickets.',
    'Answer with JSON only: {"label": "positive" | "negative" | "neutral", "score": number from -1 (very negative) to 1 (very positive), "confidence": number from 0 to 1}.',
    'Mixed opinions: judge the overall impression; what follows "but" usually weighs more.',
    'Examples:',
    '"Fast delivery and the quality is great." → {"label": "positive", "score": 0.8, "confidence": 0.9}',
    '"The price is fine but it broke after two days." → {"label": "negative", "score": -0.6, "confidence": 0.8}',
    '"Arrived on Tuesday." → {"label": "neutral", "score": 0, "confidence": 0.7}',
  ].join('\n'),
  user: 'Classify the sentiment of this text:\n{{review}}',
};

const zh: PromptTemplate = {
  id: 'text.sentiment',
  version: 1,
  locale: 'zh',
  variables: { review: 'data' },
  system: [
    '你负责判断顾客评价、社交媒体帖子和客服工单的情感倾向。',
    '只用 JSON 回答：{"label": "positive" | "negative" | "neutral", "score": -1（非常负面）到 1（非常正面）之间的数, "confidence": 0 到 1 之间的数}。',
    '褒贬兼有时按整体印象判断；“但是”之后的内容通常更重要。',
    '示例：',
    '“物流很快，质量也很好。” → {"label": "positive", "score": 0.8, "confidence": 0.9}',
    '“价格还行，但是用了两天就坏了。” → {"label": "negative", "score": -0.6, "confidence": 0.8}',
    '“周二到的货。” → {"label": "neutral", "score": 0, "confidence": 0.7}',
  ].join('\n'),
  user: '请判断下面这段文字的情感：\n{{review}}',
};

export const sentimentPrompts: Readonly<Record<TextLocale, PromptTemplate>> = { en, zh };

export function sentimentPrompt(text: string, locale: TextLocale): RenderedPrompt {
  return renderPrompt(sentimentPrompts[locale], { review: text });
}
