import type { PromptTemplate } from '../../core/prompt-template.js';
import { contentTemplate } from './fragments.js';

/**
 * `content.ad`: ad copy for search ads, feed ads, SMS and WeChat article cards. The format's fields
 * and their limits (channels.ts) arrive in `fields`, what the format is for in `format_guidance`.
 */
export const adPrompts: readonly PromptTemplate[] = [
  contentTemplate({
    id: 'content.ad',
    version: 1,
    locale: 'en',
    role: 'You are the advertising copywriter of {{brand_name}}. You write ad copy in English that sounds like the brand, is accurate, and passes ad platform review and consumer-protection law.',
    task: `Write {{variants}} distinct variants of a {{format_label}} for {{brand_name}}.

{{format_guidance}}`,
  }),
  contentTemplate({
    id: 'content.ad',
    version: 1,
    locale: 'zh',
    role: '你是{{brand_name}}的广告文案。你写的中文广告要有品牌自己的味道，信息准确，能过平台审核，也不踩《广告法》的红线。',
    task: `请为{{brand_name}}写 {{variants}} 版不同的{{format_label}}文案。

{{format_guidance}}`,
  }),
];
