import { BarChart, FunnelChart, HeatmapChart, LineChart, PieChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, VisualMapContinuousComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { InputError } from '../core/errors.js';
import { fontStack } from './chart-theme.js';
import { chartOption } from './charts.js';
import { escapeHtml } from './escape.js';
import type { ChartSpec, Locale } from './report-model.js';

echarts.use([
  BarChart,
  LineChart,
  HeatmapChart,
  ScatterChart,
  FunnelChart,
  PieChart,
  GridComponent,
  LegendComponent,
  VisualMapContinuousComponent,
  SVGRenderer,
]);

export interface RenderChartOptions {
  /** Drawing width in px (the SVG has a viewBox and scales with the page). Default 960. */
  readonly width?: number;
  /** Default: the spec's `height`, else a height suited to the chart type and data size. */
  readonly height?: number;
  readonly locale?: Locale;
  /** ISO 4217 code for `currency` formats when the spec has none. */
  readonly currency?: string;
  /**
   * Prefix for the SVG's internal ids and classes; must be unique within one HTML document because
   * inline SVGs share the document's id and CSS namespace. Default `chart`.
   */
  readonly idPrefix?: string;
  /** Accessible name of the chart (`aria-label`). */
  readonly ariaLabel?: string;
}

export const defaultChartWidth = 960;

/** A height that fits the chart: taller for heatmaps and horizontal bars with many rows. */
export function defaultChartHeight(spec: ChartSpec): number {
  const clamp = (value: number) => Math.max(240, Math.min(900, Math.round(value)));
  switch (spec.type) {
    case 'heatmap':
      return clamp(90 + spec.rows.length * 30);
    case 'bar':
    case 'stacked-bar':
      return spec.horizontal ? clamp(80 + spec.categories.length * spec.series.length * 26) : 360;
    case 'pie':
    case 'funnel':
      return 340;
    default:
      return 360;
  }
}

function checkSize(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 50 || value > 10_000) {
    throw new InputError(
      'invalid_chart_size',
      `Chart ${what} must be an integer between 50 and 10000, got ${value}`,
    );
  }
  return value;
}

/**
 * Render a chart spec to an SVG string with ECharts server-side rendering
 * (`echarts.init(null, null, { renderer: 'svg', ssr: true })` → `renderToSVGString()`).
 *
 * The output is post-processed for a static, self-contained report (see `normaliseSvg`): stable ids,
 * no hover CSS, one font rule instead of the font stack on every `<text>`. It is deterministic for the
 * same input. Text content (labels, series names) is entity-encoded by zrender.
 */
export function renderChartSvg(spec: ChartSpec, options: RenderChartOptions = {}): string {
  const width = checkSize(options.width ?? defaultChartWidth, 'width');
  const height = checkSize(options.height ?? spec.height ?? defaultChartHeight(spec), 'height');
  const locale = options.locale ?? 'en';
  const idPrefix = options.idPrefix ?? 'chart';
  if (!/^[A-Za-z][\w-]*$/.test(idPrefix)) {
    throw new InputError(
      'invalid_id_prefix',
      `idPrefix "${idPrefix}" must start with a letter: letters, digits, - or _`,
    );
  }
  const currency = spec.currency ?? options.currency;
  const option = chartOption(spec, { locale, ...(currency === undefined ? {} : { currency }) });
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width,
    height,
    locale: locale === 'zh' ? 'ZH' : 'EN',
  });
  let svg: string;
  try {
    chart.setOption(option);
    svg = chart.renderToSVGString({ useViewBox: true });
  } finally {
    chart.dispose();
  }
  const aria = options.ariaLabel === undefined ? '' : ` aria-label="${escapeHtml(options.ariaLabel)}"`;
  return normaliseSvg(svg, idPrefix).replace(/^<svg /, `<svg role="img"${aria} class="mm-chart" `);
}

/**
 * Make ECharts' SSR output stable and lean:
 * - zrender numbers instances with a process-wide counter (`zr3-c0`, `url(#zr3-g1)`), so the same chart
 *   renders differently on a second call and two inline SVGs could clash: the prefix becomes `idPrefix`;
 * - the hover CSS (`<style>` with `.zrN-cls-M:hover`) and its classes only make sense with the SSR client
 *   script, which a static report does not have: dropped, as are the non-standard `ecmeta_*` attributes;
 * - the font stack, repeated in every `<text>` style, moves into one `<style>` rule;
 * - the unused xlink namespace declaration goes, so the SVG namespace is the only URL left.
 */
export function normaliseSvg(svg: string, idPrefix: string): string {
  const fontDeclaration = `font-family:${fontStack};`;
  // The xlink namespace is only needed for `xlink:href` (images), which report charts do not use.
  const withoutXlink = svg.includes('xlink:href')
    ? svg
    : svg.replace(' xmlns:xlink="http://www.w3.org/1999/xlink"', '');
  return withoutXlink
    .replace(/<style\b[^>]*>[\s\S]*?<\/style>\n?/g, '')
    .replace(/ class="zr\d+-cls-\d+"/g, '')
    .replace(/ ecmeta_\w+="[^"]*"/g, '')
    .replaceAll(fontDeclaration, '')
    .replace(/\bzr\d+-/g, `${idPrefix}-`)
    .replace(/(<svg\b[^>]*>)/, `$1\n<style>.mm-chart text{font-family:${fontStack}}</style>`);
}
