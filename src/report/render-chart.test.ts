import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { normaliseSvg, renderChartSvg } from './render-chart.js';
import type { ChartSpec, ChartType, Locale } from './report-model.js';
import { sampleCharts } from './testing/sample-report.js';

/** The text content of every `<text>` element, entity-decoded for `&lt; &gt; &amp; &quot;`. */
function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((match) =>
    (match[1] ?? '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&'),
  );
}

/** Texts each chart kind must show, per locale: categories, series names, axis names, formatted values. */
const expectedTexts: Record<ChartType, Record<Locale, string[]>> = {
  bar: {
    en: ['Champions', 'Hibernating', 'Customers', 'Last year', '4,000'],
    zh: ['冠军客户', '休眠客户', '客户数', '去年', '4,000'],
  },
  'stacked-bar': {
    en: ['2024-Q1', 'Search', 'Social', 'Email', 'Attributed revenue', 'CN¥1M'],
    zh: ['2024-Q1', '搜索', '社交媒体', '邮件', '归因收入', '¥100万'],
  },
  line: {
    en: ['2023-01', 'Actual', 'Forecast', '95% interval', 'Revenue', 'CN¥1.5M'],
    zh: ['2023-01', '实际', '预测', '95% 区间', '收入', '¥150万'],
  },
  heatmap: {
    en: ['M0', 'M6', '2024-01', '2024-07', 'Months since first order', 'Cohort', '100.0%', '42.0%'],
    zh: ['第0月', '第6月', '2024-01', '首单后月数', '同期群', '100.0%'],
  },
  histogram: {
    en: ['Customers', 'Predicted 12-month value'],
    zh: ['客户数', '预测 12 个月价值'],
  },
  scatter: {
    en: ['Spend', 'ROAS', '4.5'],
    zh: ['花费', '广告支出回报率'],
  },
  funnel: {
    en: ['Visited  48,200 · 100.0%', 'Purchased  2,310 · 4.8%'],
    zh: ['访问  48,200 · 100.0%', '购买  2,310 · 4.8%'],
  },
  pie: {
    en: ['Positive  5,820 · 62.8%', 'Negative  1,310 · 14.1%'],
    zh: ['正面  5,820 · 62.8%', '中性  2,140 · 23.1%'],
  },
};

const chartTypes = Object.keys(sampleCharts) as ChartType[];

describe('renderChartSvg', () => {
  it.each(chartTypes.flatMap((type) => (['en', 'zh'] as const).map((locale) => [type, locale] as const)))(
    'renders %s in %s as a standalone SVG with its labels',
    (type, locale) => {
      const svg = renderChartSvg(sampleCharts[type], { locale, currency: 'CNY' });
      expect(svg.startsWith('<svg role="img" class="mm-chart" ')).toBe(true);
      expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
      expect(svg).toContain('viewBox="0 0 960 ');
      expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
      const texts = svgTexts(svg);
      for (const expected of expectedTexts[type][locale]) {
        expect(texts, `${type}/${locale} should show "${expected}"`).toContain(expected);
      }
      // Drawn shapes exist (bars, lines, cells, slices …).
      expect((svg.match(/<(path|polygon|polyline) /g) ?? []).length).toBeGreaterThanOrEqual(3);
    },
  );

  it('shows bilingual histogram bin labels and integer counts', () => {
    const spec: ChartSpec = {
      type: 'histogram',
      bins: [
        { from: 0, to: 10, count: 3 },
        { from: 10, to: 20, count: 12_500 },
      ],
    };
    const texts = svgTexts(renderChartSvg(spec, { locale: 'zh' }));
    expect(texts).toContain('0–10');
    expect(texts).toContain('10–20');
    expect(texts).toContain('数量');
    expect(texts).toContain('1.2万');
  });

  it('is deterministic across calls and process-wide ECharts counters', () => {
    const first = renderChartSvg(sampleCharts.line, { locale: 'en', idPrefix: 'c1' });
    renderChartSvg(sampleCharts.heatmap, { idPrefix: 'c2' });
    renderChartSvg(sampleCharts.pie, { idPrefix: 'c3' });
    const second = renderChartSvg(sampleCharts.line, { locale: 'en', idPrefix: 'c1' });
    expect(second).toBe(first);
  });

  it('uses the id prefix for every internal id and reference, and drops ECharts classes and hover CSS', () => {
    const svg = renderChartSvg(sampleCharts.line, { idPrefix: 'sales-1' });
    const ids = [...svg.matchAll(/\bid="([^"]+)"/g)].map((match) => match[1]);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id).toMatch(/^sales-1-/);
    for (const match of svg.matchAll(/url\(#([^)]+)\)/g)) expect(ids).toContain(match[1]);
    expect(svg).not.toMatch(/\bzr\d+-/);
    expect(svg).not.toContain('ecmeta_');
    expect(svg).not.toContain(':hover');
    expect(svg).not.toContain('class="sales-1-cls');
  });

  it('declares the CJK-capable font stack once instead of on every text', () => {
    const svg = renderChartSvg(sampleCharts.bar, { locale: 'zh' });
    expect(svg.match(/Noto Sans CJK SC/g)).toHaveLength(1);
    expect(svg).toContain(
      "<style>.mm-chart text{font-family:-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC'",
    );
    expect(svg).not.toContain('font-family:sans-serif');
  });

  it('references no URL but the SVG namespace', () => {
    for (const type of chartTypes) {
      const urls = renderChartSvg(sampleCharts[type]).match(/https?:\/\/[^\s"')]+/g) ?? [];
      expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg']));
    }
  });

  it('encodes hostile labels as text', () => {
    const hostile = '<script>alert("x")</script>';
    const svg = renderChartSvg(
      {
        type: 'bar',
        categories: [hostile, 'b'],
        series: [
          { name: `"><img src=x onerror=alert(1)>`, values: [1, 2] },
          { name: 'second', values: [2, 1] },
        ],
        yLabel: hostile,
      },
      { ariaLabel: `a"b<c` },
    );
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<img');
    expect(svg).toContain('aria-label="a&quot;b&lt;c"');
    expect(svgTexts(svg)).toContain(hostile);
  });

  it('shows a legend only when there is more than one series', () => {
    const single = renderChartSvg({
      type: 'bar',
      categories: ['a', 'b'],
      series: [{ name: 'Only', values: [1, 2] }],
    });
    expect(svgTexts(single)).not.toContain('Only');
    const double = renderChartSvg({
      type: 'bar',
      categories: ['a', 'b'],
      series: [
        { name: 'One', values: [1, 2] },
        { name: 'Two', values: [2, 1] },
      ],
    });
    expect(svgTexts(double)).toEqual(expect.arrayContaining(['One', 'Two']));
  });

  it('honours width, spec height and the default heights', () => {
    expect(renderChartSvg(sampleCharts.bar, { width: 600, height: 300 })).toContain('viewBox="0 0 600 300"');
    expect(renderChartSvg({ ...sampleCharts.bar, height: 280 })).toContain('viewBox="0 0 960 280"');
    expect(renderChartSvg(sampleCharts.pie)).toContain('viewBox="0 0 960 340"');
  });

  it('rejects bad sizes and id prefixes', () => {
    expect(() => renderChartSvg(sampleCharts.bar, { width: 10 })).toThrow(InputError);
    expect(() => renderChartSvg(sampleCharts.bar, { height: 12.5 })).toThrow(/height/);
    expect(() => renderChartSvg(sampleCharts.bar, { idPrefix: '1"x' })).toThrow(/idPrefix/);
  });
});

describe('normaliseSvg', () => {
  it('rewrites zrender prefixes, drops classes, styles and ecmeta attributes', () => {
    const raw =
      '<svg width="1" height="1" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">' +
      '<g clip-path="url(#zr7-c0)"><path class="zr7-cls-12" ecmeta_series_index="0" d="M0 0"></path></g>' +
      '<defs><clipPath id="zr7-c0"></clipPath></defs><style ><![CDATA[.zr7-cls-12:hover {cursor:pointer;}]]></style></svg>';
    const out = normaliseSvg(raw, 'p');
    expect(out).toContain('url(#p-c0)');
    expect(out).toContain('id="p-c0"');
    expect(out).not.toContain('xlink');
    expect(out).not.toContain('cls');
    expect(out).not.toContain('ecmeta');
    expect(out).not.toContain('CDATA');
  });
});
