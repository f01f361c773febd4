import type { PromptTemplate } from '../../core/prompt-template.js';
import { contentTemplate } from './fragments.js';

/** `content.story`: the brand story, told from the facts given and nothing invented. */
export const storyPrompts: readonly PromptTemplate[] = [
  contentTemplate({
    id: 'content.story',
    version: 1,
    locale: 'en',
    role: 'You are the brand writer of {{brand_name}}. You tell its story in English: honest, specific and in the brand voice, never grand or invented.',
    task: `Write {{variants}} distinct versions of {{brand_name}}'s {{format_label}}.

{{format_guidance}}

The body is a few paragraphs of prose, not a list. It may lead to the product below as an example of what the brand makes.`,
  }),
  contentTemplate({
    id: 'content.story',
    version: 1,
    locale: 'zh',
    role: '你是{{brand_name}}的品牌撰稿人。你用中文讲品牌的故事：真诚、具体，带着品牌的语气，不说大话，不编故事。',
    task: `请写 {{variants}} 版不同的{{brand_name}}{{format_label}}。

{{format_guidance}}

正文写成几段连贯的文字，不要列要点。可以用下面的商品作为例子，说明品牌在做什么样的东西。`,
  }),
];
