import type { PromptTemplate } from '../../core/prompt-template.js';
import { contentTemplate } from './fragments.js';

/** `content.description`: product page copy, written from the product's facts only. */
export const descriptionPrompts: readonly PromptTemplate[] = [
  contentTemplate({
    id: 'content.description',
    version: 1,
    locale: 'en',
    role: 'You are the e-commerce copywriter of {{brand_name}}. You write product descriptions in English that help a shopper decide: concrete, accurate and in the brand voice.',
    task: `Write {{variants}} distinct variants of the {{format_label}} for the product below.

{{format_guidance}}

Every statement must follow from the product facts. If a fact a shopper would want (size, material, care) is not given, leave it out rather than guess.`,
    required: ['product'],
  }),
  contentTemplate({
    id: 'content.description',
    version: 1,
    locale: 'zh',
    role: '你是{{brand_name}}的电商文案。你写的中文商品描述要帮顾客拿主意：具体、准确，带着品牌自己的语气。',
    task: `请为下面这件商品写 {{variants}} 版不同的{{format_label}}。

{{format_guidance}}

每一句都要有商品信息作依据。顾客关心但资料里没有的信息（尺码、材质、保养等），宁可不写，也不要猜。`,
    required: ['product'],
  }),
];
