import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { escapeHtml } from './escape.js';
import { type MessageKey, t, tHtml } from './messages.js';

const keys: MessageKey[] = [
  'report.title',
  'report.generatedAt',
  'report.toc',
  'provenance.heading',
  'provenance.engine',
  'provenance.modelRun',
  'provenance.dataWindow',
  'provenance.interval',
  'section.noData',
  'chart.noData',
  'table.showing',
];

describe('t', () => {
  it('has a distinct zh translation for the chrome strings', () => {
    const params = {
      date: 'D',
      engine: 'E',
      id: 'I',
      start: 'S',
      end: 'F',
      interval: 'N',
      shown: 1,
      total: 2,
    };
    for (const key of keys) {
      expect(t('zh', key, params), key).not.toBe(t('en', key, params));
      expect(t('zh', key, params)).not.toMatch(/\{\w+\}/);
    }
    expect(t('en', 'provenance.heading')).toBe('How this was made');
    expect(t('zh', 'provenance.heading')).toBe('生成方式');
  });

  it('fills parameters and throws for a missing one', () => {
    expect(t('zh', 'table.showing', { shown: 10, total: 14 })).toBe('显示 10 / 14 行。');
    expect(() => t('en', 'table.showing', { shown: 10 })).toThrow(InputError);
  });
});

describe('tHtml', () => {
  it('escapes the template but inserts params as trusted HTML', () => {
    expect(tHtml('en', 'provenance.engine', { engine: '<code>classic</code>' })).toBe(
      'engine <code>classic</code>',
    );
    expect(escapeHtml(t('en', 'provenance.engine', { engine: '<b>' }))).toBe('engine &lt;b&gt;');
  });
});
