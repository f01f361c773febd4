import type { PromptTemplate, PromptVariableType } from '../../core/prompt-template.js';
import type { ContentLocale } from '../channels.js';

/**
 * The parts every content prompt shares, per language: the brand-voice block and the rules
 * (length limits with their unit, no absolute terms, no medical or financial claims, facts only,
 * no personal data, slots kept literally, coupon slot, opt-out), the context blocks (occasion,
 * festival, product, audience, offer) and the answer block (JSON of a given shape, N distinct
 * variants). Templates are assembled from these once, at load time, into plain strings, so an
 * exported template file is complete and can be edited on its own.
 *
 * Legal sources of the rules: 《中华人民共和国广告法》第九条（绝对化用语）、第十七条（疾病治疗功能）、
 * 第二十五条（收益承诺）; FTC Act §5 and the FTC's advertising substantiation policy (claims must be
 * truthful and substantiated); CAN-SPAM 15 U.S.C. §7704 and 《通信短信息服务管理规定》(opt-out).
 */

type Variables = Readonly<Record<string, PromptVariableType>>;

/** Variables every content template declares; the prompt builder always supplies the required ones. */
export const commonVariables: Variables = {
  brand_name: 'text',
  tone: 'text',
  emoji_policy: 'text',
  vocabulary: 'list',
  banned_words: 'list',
  disclaimers: 'list',
  main_field: 'text',
  format_label: 'text',
  format_guidance: 'text',
  fields: 'list',
  slot_lengths: 'text',
  first_name_slot: 'text',
  coupon_code_slot: 'text',
  unsubscribe_url_slot: 'text',
  coupon_slot: 'text',
  opt_out: 'text',
  variants: 'number',
  json_shape: 'text',
};

export const commonOptional: readonly string[] = [
  'vocabulary',
  'banned_words',
  'disclaimers',
  'coupon_slot',
  'opt_out',
];

/** What the request tells about the piece; `data` = user-supplied text. */
export const contextVariables: Variables = {
  occasion: 'text',
  festival: 'data',
  product: 'data',
  audience: 'data',
  offer: 'data',
};

export const contextOptional: readonly string[] = Object.keys(contextVariables);

const systemBlocks: Readonly<Record<ContentLocale, string>> = {
  en: `Brand voice
- Tone: {{tone}}.
- Emoji: {{emoji_policy}}
{{#vocabulary}}

Words the brand likes to use (where they fit naturally; do not force them all in):
{{vocabulary}}
{{/vocabulary}}
{{#banned_words}}

Words the brand never uses, in any form:
{{banned_words}}
{{/banned_words}}
{{#disclaimers}}

Every variant must include this text word for word, in the "{{main_field}}" field:
{{disclaimers}}
{{/disclaimers}}

Rules
- Keep every field within its length limit, in the unit stated next to it: shorter is fine, longer is rejected.
- No absolute or superlative claims: never "best", "#1", "number one", "the only", "leading", "guaranteed", "100%", "perfect", "cheapest", "world-class", "unbeatable", "risk-free" or "miracle". Say what the product does instead.
- No medical or health claims (cures, treats, prevents, heals, relieves, boosts immunity) and no financial claims (guaranteed returns, profit, "no risk", "get rich").
- Use only the facts given. Do not invent prices, discounts, dates, stock levels, awards, certifications, statistics or reviews.
- No personal data: no names of real people, phone numbers, email or postal addresses, order numbers or account details. To address the reader by name, write {{first_name_slot}}.
- Slots such as {{first_name_slot}}, {{coupon_code_slot}} and {{unsubscribe_url_slot}} are filled in when the message is sent: copy them exactly, double braces included; never fill them in, translate them or make up a name, code or link. For length, a slot counts as its longest fill: {{slot_lengths}}.
{{#coupon_slot}}
- Include the coupon slot {{coupon_slot}} exactly once, where the reader would use the code.
{{/coupon_slot}}
{{^coupon_slot}}
- This message has no coupon: do not add a coupon code or the {{coupon_code_slot}} slot.
{{/coupon_slot}}
{{#opt_out}}
- Opt-out: {{opt_out}}
{{/opt_out}}
- Write in English.`,
  zh: `品牌调性
- 语气：{{tone}}。
- emoji：{{emoji_policy}}
{{#vocabulary}}

品牌常用词（合适的地方自然用上，不必全部塞进去）：
{{vocabulary}}
{{/vocabulary}}
{{#banned_words}}

品牌禁用词（任何形式都不能出现）：
{{banned_words}}
{{/banned_words}}
{{#disclaimers}}

每一版都必须在"{{main_field}}"字段里一字不差地写上这段声明：
{{disclaimers}}
{{/disclaimers}}

规则
- 每个字段都不能超过长度上限，注意上限后面写明的计算单位：可以短，不能长。
- 遵守《广告法》第九条：不用"最""第一""唯一""首个""首选""顶级""极致""国家级""世界级""全网最低""100%""绝对""万能"等绝对化用语，也不作无法证实的承诺；用具体卖点代替空泛的夸耀。
- 不涉及疾病的预防、治疗或保健功效（《广告法》第十七条），不承诺收益，不暗示保本、无风险（第二十五条）。
- 只用下面给出的事实，不要编造价格、折扣、日期、库存、奖项、认证、数据或用户评价。
- 不写任何个人信息：真实人名、手机号、邮箱、地址、订单号、账号都不能出现。需要称呼读者名字时，写 {{first_name_slot}}。
- {{first_name_slot}}、{{coupon_code_slot}}、{{unsubscribe_url_slot}} 这类占位符会在发送时自动替换：请原样保留，连同双花括号；不要填入具体内容、不要翻译，也不要自己编名字、券码或链接。计算长度时，占位符按最长的替换内容计：{{slot_lengths}}。
{{#coupon_slot}}
- 在读者用得上券码的地方放一次优惠券占位符 {{coupon_slot}}，只放一次。
{{/coupon_slot}}
{{^coupon_slot}}
- 这条内容没有优惠券，不要写券码，也不要加 {{coupon_code_slot}} 占位符。
{{/coupon_slot}}
{{#opt_out}}
- 退订：{{opt_out}}
{{/opt_out}}
- 用简体中文写。`,
};

/** A system message: the writer's role, then the shared brand-voice block and rules. */
export function systemPrompt(locale: ContentLocale, role: string): string {
  return `${role}\n\n${systemBlocks[locale]}`;
}

/** The request's facts, each block only when given. */
export const contextBlock: Readonly<Record<ContentLocale, string>> = {
  en: `{{#occasion}}
Occasion: {{occasion}}

{{/occasion}}
{{#festival}}
Festival:
{{festival}}

{{/festival}}
{{#product}}
Product facts:
{{product}}

{{/product}}
{{#audience}}
Who it is for (write for this kind of reader; do not repeat these details back to them):
{{audience}}

{{/audience}}
{{#offer}}
Offer:
{{offer}}

{{/offer}}`,
  zh: `{{#occasion}}
场合：{{occasion}}

{{/occasion}}
{{#festival}}
节日：
{{festival}}

{{/festival}}
{{#product}}
商品信息：
{{product}}

{{/product}}
{{#audience}}
目标读者（按这类读者的口味来写，但不要在文案里复述这些信息）：
{{audience}}

{{/audience}}
{{#offer}}
优惠：
{{offer}}

{{/offer}}`,
};

/** The fields with their limits, and the JSON answer shape with N distinct variants. */
export const answerBlock: Readonly<Record<ContentLocale, string>> = {
  en: `Fields and length limits:
{{fields}}

Answer with JSON only (no Markdown, no code fence, no comments), in exactly this shape:
{{json_shape}}
"variants" is an array of exactly {{variants}}. Variants must differ in angle or wording, not just in punctuation. Each variant has exactly the fields listed above, each a non-empty string.`,
  zh: `字段与长度上限：
{{fields}}

只输出 JSON（不要 Markdown、不要代码块、不要任何解释），格式严格如下：
{{json_shape}}
"variants" 数组里正好 {{variants}} 版；多版之间要换角度或换说法，不能只改标点。每版只包含上面列出的字段，每个字段都是非空字符串。`,
};

/** Assembles a content template from its task text and the shared blocks. */
export function contentTemplate(options: {
  readonly id: string;
  readonly version: number;
  readonly locale: ContentLocale;
  readonly role: string;
  readonly task: string;
  readonly variables?: Variables;
  readonly optional?: readonly string[];
  /** Context variables this template cannot do without (e.g. the product of a product description). */
  readonly required?: readonly string[];
  /** Leave out the context block (the repair prompt gives the piece instead). */
  readonly context?: boolean;
}): PromptTemplate {
  const { locale } = options;
  const parts = [options.task, options.context === false ? '' : contextBlock[locale], answerBlock[locale]];
  return {
    id: options.id,
    version: options.version,
    locale,
    system: systemPrompt(locale, options.role),
    user: parts.filter((part) => part !== '').join('\n\n'),
    variables: {
      ...commonVariables,
      ...(options.context === false ? {} : contextVariables),
      ...options.variables,
    },
    optional: [
      ...commonOptional,
      ...(options.context === false ? [] : contextOptional),
      ...(options.optional ?? []),
    ].filter((name) => !options.required?.includes(name)),
  };
}
