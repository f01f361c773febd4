import type { ContentLocale } from '../channels.js';
import type { LintFinding, LintSeverity } from '../types.js';

/**
 * The compliance rules of generated marketing content: their ids, default severities and the
 * bilingual reason each finding carries. The legal sources are cited next to the term lists
 * (terms-zh.ts, terms-en.ts) and in the lint rules that use them (lint.ts).
 */

export type RuleId =
  | 'absolute_term'
  | 'superlative_claim'
  | 'medical_claim'
  | 'financial_claim'
  | 'missing_opt_out'
  | 'pii'
  | 'privacy_placeholder'
  | 'too_long'
  | 'too_short'
  | 'banned_word'
  | 'missing_disclaimer'
  | 'emoji_policy'
  | 'unknown_slot';

/** Every rule id, in the order reports list them. */
export const ruleIds: readonly RuleId[] = [
  'absolute_term',
  'superlative_claim',
  'medical_claim',
  'financial_claim',
  'missing_opt_out',
  'pii',
  'privacy_placeholder',
  'too_long',
  'too_short',
  'banned_word',
  'missing_disclaimer',
  'emoji_policy',
  'unknown_slot',
];

/** Default severity; `superlative_claim` is raised to error for guaranteed results, `emoji_policy` depends on the policy. */
export const ruleSeverity: Readonly<Record<RuleId, LintSeverity>> = {
  absolute_term: 'error',
  superlative_claim: 'warning',
  medical_claim: 'error',
  financial_claim: 'error',
  missing_opt_out: 'error',
  pii: 'error',
  privacy_placeholder: 'error',
  too_long: 'error',
  too_short: 'warning',
  banned_word: 'error',
  missing_disclaimer: 'error',
  emoji_policy: 'error',
  unknown_slot: 'error',
};

type Reason = Readonly<Record<ContentLocale, string>>;

/** Details a reason may mention; each rule reads the ones it needs. */
export interface ReasonDetail {
  readonly match?: string;
  readonly field?: string;
  readonly length?: number;
  readonly limit?: number;
  readonly count?: number;
  readonly guaranteed?: boolean;
}

/** The bilingual reason of a finding of `rule`. */
export function reasonFor(rule: RuleId, detail: ReasonDetail = {}): Reason {
  const m = detail.match ?? '';
  const field = detail.field ?? 'text';
  switch (rule) {
    case 'absolute_term':
      return {
        en: `"${m}" is an absolute term, banned in Chinese advertising (Advertising Law art. 9(3))`,
        zh: `“${m}”属于绝对化用语，违反《广告法》第九条第（三）项`,
      };
    case 'superlative_claim':
      return detail.guaranteed
        ? {
            en: `"${m}" promises results; a guarantee of outcome cannot be substantiated`,
            zh: `“${m}”承诺效果，属于无法证实的保证性用语`,
          }
        : {
            en: `"${m}" is a superlative claim that needs documentary evidence (FTC substantiation, CAP Code 3.7)`,
            zh: `“${m}”是最高级宣称，须有证据支持（FTC 证实原则、英国 CAP 准则 3.7）`,
          };
    case 'medical_claim':
      return {
        en: `"${m}" is a medical claim; only licensed medical products may claim to treat or prevent disease`,
        zh: `“${m}”涉及疾病治疗或功效断言，违反《广告法》第十六、十七条`,
      };
    case 'financial_claim':
      return {
        en: `"${m}" promises investment returns or safety, which no investment may promise`,
        zh: `“${m}”对收益或安全作出保证性承诺，违反《广告法》第二十五条`,
      };
    case 'missing_opt_out':
      return {
        en: 'Marketing messages must tell the recipient how to opt out (CAN-SPAM, TCPA)',
        zh: '营销短信/邮件须随信告知退订方式（《通信短信息服务管理规定》、CAN-SPAM）',
      };
    case 'pii':
      return {
        en: `Personal data (${m}) in generated content; use a slot such as {{first_name}}`,
        zh: `生成内容中含有个人信息（${m}），请改用 {{first_name}} 等占位符`,
      };
    case 'privacy_placeholder':
      return {
        en: `${m} is a privacy placeholder the model echoed; it would be sent as is — rewrite the sentence or use a slot such as {{first_name}}`,
        zh: `${m} 是模型照抄的隐私占位符，发送时会原样出现；请改写该句或改用 {{first_name}} 等占位符`,
      };
    case 'too_long':
      return {
        en: `${field} is ${detail.length} long, over the limit of ${detail.limit}`,
        zh: `${field} 长度为 ${detail.length}，超过上限 ${detail.limit}`,
      };
    case 'too_short':
      return {
        en: `${field} is ${detail.length} long, under the minimum of ${detail.limit}`,
        zh: `${field} 长度为 ${detail.length}，少于下限 ${detail.limit}`,
      };
    case 'banned_word':
      return { en: `"${m}" is on the brand's banned list`, zh: `“${m}”是品牌禁用词` };
    case 'missing_disclaimer':
      return {
        en: `The required disclaimer is missing: "${m}"`,
        zh: `缺少必备声明：“${m}”`,
      };
    case 'emoji_policy':
      return detail.limit === 0
        ? { en: `Emoji ${m} is not allowed by the brand voice`, zh: `品牌规范不允许使用表情符号 ${m}` }
        : {
            en: `Emoji ${m} is number ${detail.count} in the piece; the brand voice allows ${detail.limit}`,
            zh: `表情符号 ${m} 是第 ${detail.count} 个，品牌规范最多允许 ${detail.limit} 个`,
          };
    case 'unknown_slot':
      return { en: `Unknown slot ${m}; it would be sent unfilled`, zh: `未知占位符 ${m}，发送时无法填充` };
  }
}

/** A finding of `rule` with its default severity (or `severity`) and bilingual reason. */
export function makeFinding(
  rule: RuleId,
  detail: ReasonDetail & {
    readonly start?: number;
    readonly end?: number;
    readonly suggestion?: string;
    readonly severity?: LintSeverity;
  },
): LintFinding {
  return {
    rule,
    severity: detail.severity ?? ruleSeverity[rule],
    ...(detail.field === undefined ? {} : { field: detail.field }),
    ...(detail.match === undefined ? {} : { match: detail.match }),
    ...(detail.start === undefined ? {} : { start: detail.start, end: detail.end ?? detail.start }),
    reason: reasonFor(rule, detail),
    ...(detail.suggestion === undefined ? {} : { suggestion: detail.suggestion }),
  };
}
