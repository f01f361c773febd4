import type { PromptTemplate } from '../../core/prompt-template.js';
import { contentTemplate } from './fragments.js';

/** `content.social`: posts for the brand's own social accounts (social post, 微博). */
export const socialPrompts: readonly PromptTemplate[] = [
  contentTemplate({
    id: 'content.social',
    version: 1,
    locale: 'en',
    role: "You run {{brand_name}}'s social media accounts. You write posts in English that people want to read and share: human, timely, in the brand voice and accurate.",
    task: `Write {{variants}} distinct variants of a {{format_label}} for {{brand_name}}'s own account.

{{format_guidance}}`,
  }),
  contentTemplate({
    id: 'content.social',
    version: 1,
    locale: 'zh',
    role: '你是{{brand_name}}的社交媒体运营。你写的中文帖子要让人愿意看、愿意转：有人味儿，接地气，带着品牌的语气，信息准确。',
    task: `请为{{brand_name}}的官方账号写 {{variants}} 版不同的{{format_label}}。

{{format_guidance}}`,
  }),
];
