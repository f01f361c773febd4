import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { renderChartSvg } from './render-chart.js';
import { renderProvenance, renderReport } from './render-report.js';
import type { Block, Report, Section } from './report-model.js';
import { sampleReport } from './testing/sample-report.js';

const en = renderReport(sampleReport(), 'en');
const zh = renderReport(sampleReport(), 'zh');

function section(blocks: Block[], extra: Partial<Section> = {}): Section {
  return { id: 's1', title: { en: 'S', zh: '节' }, provenance: { engine: 'classic' }, blocks, ...extra };
}

function report(sections: Section[], extra: Partial<Report> = {}): Report {
  return {
    title: { en: 'T', zh: '标题' },
    generatedAt: new Date('2025-01-15T08:30:00Z'),
    sections,
    ...extra,
  };
}

/** The `<tbody>` rows of the first table in `html`. */
function bodyRows(html: string): string[] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return body.split('\n').filter((line) => line.startsWith('<tr>'));
}

describe('renderReport', () => {
  it('writes a complete English document with header, contents and every block kind', () => {
    expect(en.startsWith('<!doctype html>\n<html lang="en-US">')).toBe(true);
    expect(en).toContain('<meta charset="utf-8">');
    expect(en).toContain('<title>Marketing intelligence report</title>');
    expect(en).toContain('Generated 2025-01-15 08:30 UTC');
    expect(en).toContain('Workspace demo');
    expect(en).toContain('<h2>Contents</h2>');
    for (const id of ['overview', 'forecast', 'customers', 'marketing']) {
      expect(en).toContain(`<a href="#${id}">`);
      expect(en).toContain(`<section id="${id}" class="section">`);
    }
    for (const kind of ['paragraph', 'kpis', 'table', 'chart', 'callout']) {
      expect(en).toContain(`class="block block-${kind}"`);
    }
    expect(en.match(/<svg /g)).toHaveLength(8);
    expect(en.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('writes the Chinese document with zh-CN, Chinese chrome and content', () => {
    expect(zh).toContain('<html lang="zh-CN">');
    for (const text of [
      '营销智能报告',
      '目录',
      '生成方式',
      '生成于 2025-01-15 08:30 UTC',
      '冠军客户',
      '显示 10 / 14 行。',
    ]) {
      expect(zh).toContain(text);
    }
    expect(zh).toContain('¥28,400.50');
    expect(zh).not.toContain('How this was made');
    expect(zh).not.toContain('Contents');
  });

  it('shows each section’s provenance', () => {
    expect(en).toContain(
      '<p class="provenance"><strong>How this was made</strong> ' +
        '<span class="item">engine <code>classic</code></span> <span class="sep">·</span> ' +
        '<span class="item">model run <code>run_01J9Z3R0A1B2C3D4E5F6G7H8J9</code></span> <span class="sep">·</span> ' +
        '<span class="item">data 2023-01-01 – 2024-12-31</span> <span class="sep">·</span> ' +
        '<span class="item">95% prediction interval</span>' +
        '<span class="note">ETS(A,A,A) with monthly seasonality.</span></p>',
    );
    expect(zh).toContain('引擎 <code>classic</code>');
    expect(zh).toContain('<span class="item">95% 预测区间</span>');
    // Date objects in the data window.
    expect(en).toContain('data 2024-01-01 – 2024-12-31');
    expect(renderProvenance({ engine: 'qwen2.5-7b' }, 'en')).toBe(
      '<p class="provenance"><strong>How this was made</strong> <span class="item">engine <code>qwen2.5-7b</code></span></p>',
    );
  });

  it('is deterministic for the same input', () => {
    renderChartSvg({ type: 'bar', categories: ['a'], series: [{ name: 's', values: [1] }] });
    expect(renderReport(sampleReport(), 'en')).toBe(en);
    expect(renderReport(sampleReport(), 'zh')).toBe(zh);
  });

  it('gives every element id a unique value, charts included', () => {
    for (const html of [en, zh]) {
      const ids = [...html.matchAll(/\bid="([^"]+)"/g)].map((match) => match[1]);
      expect(new Set(ids).size).toBe(ids.length);
      for (const match of html.matchAll(/url\(#([^)]+)\)/g)) expect(ids).toContain(match[1]);
    }
  });

  it('is self-contained: no scripts, links, imports or URLs but the SVG namespace', () => {
    for (const html of [en, zh]) {
      const urls = new Set(html.match(/https?:\/\/[^\s"'<)]+/g));
      expect(urls).toEqual(new Set(['http://www.w3.org/2000/svg']));
      expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|src=|@font-face/i);
      expect(html).not.toMatch(/url\((?!#)/);
    }
  });

  it('escapes every piece of model text', () => {
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'&';
    const evilLabel = { en: evil, zh: evil };
    const html = renderReport(
      report(
        [
          section(
            [
              { kind: 'paragraph', text: evilLabel },
              { kind: 'kpis', items: [{ label: evilLabel, value: evil, hint: evilLabel }] },
              {
                kind: 'table',
                caption: evilLabel,
                columns: [
                  { key: 'a', label: evilLabel },
                  { key: 'b', label: evilLabel },
                ],
                rows: [{ a: evil, b: evilLabel }],
              },
              {
                kind: 'chart',
                caption: evilLabel,
                chart: {
                  type: 'bar',
                  categories: [evil],
                  series: [
                    { name: evil, values: [1] },
                    { name: evilLabel, values: [2] },
                  ],
                  xLabel: evil,
                  yLabel: evilLabel,
                },
              },
              { kind: 'callout', tone: 'warn', text: evilLabel },
            ],
            {
              title: evilLabel,
              summary: evilLabel,
              provenance: {
                engine: evil,
                modelRunId: evil,
                interval: evil,
                note: evilLabel,
              },
            },
          ),
        ],
        { title: evilLabel, subtitle: evilLabel, workspace: evil },
      ),
      'en',
    );
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot;&#39;&amp;',
    );
    // Title, subtitle, workspace, TOC, h2, summary, paragraph, kpi ×3, caption, 2 headers, 2 cells, figcaption,
    // callout, engine, run id, interval, note: each escaped occurrence is present.
    expect(html.split('&lt;script&gt;alert(1)').length - 1).toBeGreaterThanOrEqual(20);
  });

  it('renders the sample’s document-level text escaped', () => {
    expect(en).not.toContain('<script>alert("x")');
    expect(en).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;');
  });

  it('right-aligns numbers and truncates long tables with a note', () => {
    expect(en).toContain('<th scope="col" class="num">Orders</th>');
    expect(en).toContain('<th scope="col">Customer</th>');
    expect(en).toContain('<td class="num">CN¥28,400.50</td>');
    expect(en).toContain('<td class="num">3.0%</td>');
    expect(en).toContain('<td class="num">–</td>');
    expect(en).toContain('<td>2024-12-28</td>');
    expect(en).toContain('<p class="note">Showing 10 of 14 rows.</p>');
    const customers = en.slice(en.indexOf('<section id="customers"'));
    expect(bodyRows(customers)).toHaveLength(10);
  });

  it('infers numeric alignment, honours explicit align, and omits the note when nothing is cut', () => {
    const html = renderReport(
      report([
        section([
          {
            kind: 'table',
            columns: [
              { key: 'n', label: { en: 'N', zh: 'N' } },
              { key: 'code', label: { en: 'Code', zh: '代码' }, align: 'right' },
              { key: 'amount', label: { en: 'Amount', zh: '金额' }, format: 'currency', currency: 'USD' },
            ],
            rows: [
              { n: 1234.567, code: 'A1', amount: 5 },
              { n: null, code: 'B2', amount: 7.25 },
            ],
            maxRows: 2,
          },
        ]),
      ]),
      'en',
    );
    expect(bodyRows(html)).toEqual([
      '<tr><td class="num">1,234.57</td><td class="num">A1</td><td class="num">$5.00</td></tr>',
      '<tr><td class="num">–</td><td class="num">B2</td><td class="num">$7.25</td></tr>',
    ]);
    expect(html).not.toContain('class="note"');
  });

  it('shows empty states', () => {
    const html = renderReport(
      report([
        section([]),
        section(
          [
            { kind: 'chart', chart: { type: 'line', categories: [], series: [] } },
            { kind: 'table', columns: [{ key: 'a', label: { en: 'A', zh: 'A' } }], rows: [] },
          ],
          { id: 's2' },
        ),
      ]),
      'zh',
    );
    expect(html).toContain('暂无数据。');
    expect(html).toContain('没有可绘制的数据。');
    expect(html).toContain('无数据行。');
    expect(html).not.toContain('<svg');
    const none = renderReport(report([]), 'en');
    expect(none).toContain('This report has no sections yet.');
    expect(none).not.toContain('Contents');
  });

  it('splits paragraphs on blank lines', () => {
    const html = renderReport(
      report([section([{ kind: 'paragraph', text: { en: 'one\ntwo\n\nthree', zh: '' } }])]),
      'en',
    );
    expect(html).toContain('<p>one<br>two</p>\n<p>three</p>');
  });

  it('rejects invalid input with InputError', () => {
    expect(() => renderReport(report([section([]), section([])]), 'en')).toThrow(/used twice/);
    expect(() => renderReport(report([section([], { id: 'has space' })]), 'en')).toThrow(InputError);
    expect(() => renderReport(report([section([], { id: 'mmc1' })]), 'en')).toThrow(/reserved/);
    expect(() => renderReport(report([section([], { provenance: { engine: ' ' } })]), 'en')).toThrow(
      /engine/,
    );
    expect(() => renderReport(report([]), 'fr' as 'en')).toThrow(/locale/);
    expect(() =>
      renderReport(
        report([
          section([
            { kind: 'table', columns: [{ key: 'a', label: { en: 'A', zh: 'A' } }], rows: [], maxRows: 0 },
          ]),
        ]),
        'en',
      ),
    ).toThrow(/maxRows/);
    expect(() =>
      renderReport(
        report([
          section([], {
            provenance: { engine: 'classic', dataWindow: { start: 'soon', end: '2024-01-01' } },
          }),
        ]),
        'en',
      ),
    ).toThrow(/dataWindow.start/);
  });
});
