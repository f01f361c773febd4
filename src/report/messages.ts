import { InputError } from '../core/errors.js';
import { escapeHtml } from './escape.js';
import type { Locale } from './report-model.js';

/**
 * The report's own chrome strings (not the content, which arrives already bilingual in the model).
 * `t(locale, key, params)` replaces `{name}` placeholders with `params.name` and returns plain text;
 * `tHtml` escapes the template and inserts already-escaped HTML params.
 */

const en = {
  'report.title': 'Marketmind report',
  'report.generatedAt': 'Generated {date}',
  'report.workspace': 'Workspace {name}',
  'report.toc': 'Contents',
  'report.noSections': 'This report has no sections yet.',
  'report.footer': 'Made with Marketmind. Self-contained file: no scripts, fonts or network resources.',
  'section.noData': 'No data.',
  'provenance.heading': 'How this was made',
  'provenance.engine': 'engine {engine}',
  'provenance.modelRun': 'model run {id}',
  'provenance.dataWindow': 'data {start} – {end}',
  'provenance.interval': '{interval} interval',
  'table.showing': 'Showing {shown} of {total} rows.',
  'table.empty': 'No rows.',
  'chart.noData': 'No data to chart.',
  'chart.interval': 'Interval',
  'chart.count': 'Count',
  'callout.info': 'Note',
  'callout.warn': 'Caution',
  'callout.good': 'Good news',
} as const;

export type MessageKey = keyof typeof en;

const zh: Readonly<Record<MessageKey, string>> = {
  'report.title': 'Marketmind 报告',
  'report.generatedAt': '生成于 {date}',
  'report.workspace': '工作区 {name}',
  'report.toc': '目录',
  'report.noSections': '此报告暂无内容。',
  'report.footer': '由 Marketmind 生成。独立文件：不含脚本、字体或网络资源。',
  'section.noData': '暂无数据。',
  'provenance.heading': '生成方式',
  'provenance.engine': '引擎 {engine}',
  'provenance.modelRun': '模型运行 {id}',
  'provenance.dataWindow': '数据 {start} – {end}',
  'provenance.interval': '{interval}区间',
  'table.showing': '显示 {shown} / {total} 行。',
  'table.empty': '无数据行。',
  'chart.noData': '没有可绘制的数据。',
  'chart.interval': '区间',
  'chart.count': '数量',
  'callout.info': '提示',
  'callout.warn': '注意',
  'callout.good': '好消息',
};

const dictionaries: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = { en, zh };

function fill(
  key: MessageKey,
  template: string,
  params: Readonly<Record<string, string | number>>,
  literal: (text: string) => string,
): string {
  return template
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (name === undefined) return literal(part);
      const value = params[name];
      if (value === undefined) {
        throw new InputError('missing_message_param', `Message "${key}" needs the parameter "${name}"`);
      }
      return String(value);
    })
    .join('');
}

/**
 * Look up a chrome string as plain text (escape it before putting it into HTML).
 * Throws `InputError` for a placeholder without a param (a bug in the caller).
 *
 * @example t('zh', 'report.generatedAt', { date: '2024-06-01' }) // '生成于 2024-06-01'
 */
export function t(
  locale: Locale,
  key: MessageKey,
  params: Readonly<Record<string, string | number>> = {},
): string {
  return fill(key, dictionaries[locale][key], params, (text) => text);
}

/** Like `t`, but returns HTML: the template text is escaped, `htmlParams` are inserted as given (trusted HTML). */
export function tHtml(
  locale: Locale,
  key: MessageKey,
  htmlParams: Readonly<Record<string, string>> = {},
): string {
  return fill(key, dictionaries[locale][key], htmlParams, escapeHtml);
}
