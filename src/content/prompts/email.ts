import type { PromptTemplate } from '../../core/prompt-template.js';
import { contentTemplate } from './fragments.js';

/**
 * `content.email`: marketing and care emails for an occasion (birthday, anniversary, win-back,
 * care, launch, promotion, restock, festival), with the `{{coupon_code}}` slot when the offer has
 * one and the unsubscribe line every marketing email must carry.
 */
export const emailPrompts: readonly PromptTemplate[] = [
  contentTemplate({
    id: 'content.email',
    version: 1,
    locale: 'en',
    role: 'You are the email copywriter of {{brand_name}}. You write emails in English that customers are glad to open: personal, useful, in the brand voice and compliant with anti-spam law.',
    task: `Write {{variants}} distinct variants of an email from {{brand_name}} to one customer.

{{format_guidance}}

Open the body with a greeting that uses the slot, e.g. "Hi {{first_name_slot}},". Keep the body to a few short paragraphs.
{{^occasion}}

Occasion: a regular newsletter; share something genuinely useful or new.
{{/occasion}}`,
  }),
  contentTemplate({
    id: 'content.email',
    version: 1,
    locale: 'zh',
    role: '你是{{brand_name}}的邮件文案。你写的中文邮件要让顾客乐意打开：有人情味、有用，带着品牌的语气，也符合营销邮件的合规要求。',
    task: `请写 {{variants}} 版不同的邮件，由{{brand_name}}发给一位顾客。

{{format_guidance}}

正文开头用占位符称呼对方，例如"{{first_name_slot}}，你好："（语气需要用"您"时写"{{first_name_slot}}，您好："）。正文控制在几个短段落以内。
{{^occasion}}

场合：日常会员通讯，分享一点真正有用或新鲜的内容。
{{/occasion}}`,
  }),
];
