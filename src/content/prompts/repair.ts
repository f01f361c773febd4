import type { PromptTemplate } from '../../core/prompt-template.js';
import { contentTemplate } from './fragments.js';

/**
 * `content.repair`: a written piece plus the lint findings against it, asking for one corrected
 * piece that fixes every finding and otherwise stays as close to the original as it can.
 */
const variables = { piece: 'data', findings: 'data' } as const;

export const repairPrompts: readonly PromptTemplate[] = [
  contentTemplate({
    id: 'content.repair',
    version: 1,
    locale: 'en',
    role: 'You are the copy editor of {{brand_name}}. You fix marketing copy in English so that it can be published: in the brand voice, within the limits and compliant.',
    task: `The {{format_label}} below did not pass the pre-publication check. Rewrite it so that every problem listed is fixed. Keep everything else as close to the original as you can: the meaning, the facts, the slots and the language.

The piece, as JSON (field name → text):
{{piece}}

Problems found (rule, field, reason):
{{findings}}

A problem with personal data names only its kind: remove that kind of data from the field (use {{first_name_slot}} to address the reader). A length problem: shorten the field to fit its limit below.`,
    variables,
    context: false,
  }),
  contentTemplate({
    id: 'content.repair',
    version: 1,
    locale: 'zh',
    role: '你是{{brand_name}}的文案编辑。你负责把中文营销文案改到能发布：保持品牌语气，不超长，合规。',
    task: `下面这条{{format_label}}没有通过发布前检查。请改写它，把列出的问题全部改掉；其他地方尽量保持原样：意思、事实、占位符和语言都不要变。

原文（JSON，字段名 → 内容）：
{{piece}}

检查发现的问题（规则、字段、原因）：
{{findings}}

个人信息类问题只写明了信息的类型：把这类信息从对应字段里删掉（需要称呼读者时用 {{first_name_slot}}）。超长问题：把该字段缩短到下面的上限以内。`,
    variables,
    context: false,
  }),
];
