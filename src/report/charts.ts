import type { EChartsOption } from 'echarts';
import { assertNever } from '../core/errors.js';
import type { ChartContext } from './chart-theme.js';
import { barOption, histogramOption, lineOption, stackedBarOption } from './charts-category.js';
import { funnelOption, heatmapOption, pieOption, scatterOption } from './charts-distribution.js';
import type { ChartSpec } from './report-model.js';

export { barOption, histogramOption, lineOption, stackedBarOption } from './charts-category.js';
export { funnelOption, heatmapOption, pieOption, scatterOption } from './charts-distribution.js';

/**
 * ECharts option builders for the report's chart kinds. Each takes plain data (a `ChartSpec`) and a
 * locale context and returns an option for static SVG rendering: no titles (the caption is HTML), no
 * animation, the shared palette and font, a legend only when there is more than one series.
 * Invalid data (length mismatch, NaN, negative shares) throws `InputError`.
 */

/** Build the ECharts option for any chart spec. */
export function chartOption(spec: ChartSpec, context: ChartContext): EChartsOption {
  switch (spec.type) {
    case 'bar':
      return barOption(spec, context);
    case 'stacked-bar':
      return stackedBarOption(spec, context);
    case 'line':
      return lineOption(spec, context);
    case 'heatmap':
      return heatmapOption(spec, context);
    case 'histogram':
      return histogramOption(spec, context);
    case 'scatter':
      return scatterOption(spec, context);
    case 'funnel':
      return funnelOption(spec, context);
    case 'pie':
      return pieOption(spec, context);
    default:
      return assertNever(spec, 'chart type');
  }
}

/** True when the spec has nothing to draw (no categories, no points, or only null / zero values). */
export function isChartEmpty(spec: ChartSpec): boolean {
  const anyValue = (values: readonly (number | null)[]) => values.some((value) => value !== null);
  switch (spec.type) {
    case 'bar':
    case 'stacked-bar':
    case 'line':
      return spec.categories.length === 0 || !spec.series.some((series) => anyValue(series.values));
    case 'heatmap':
      return !spec.values.some(anyValue);
    case 'histogram':
      return spec.bins.length === 0;
    case 'scatter':
      return !spec.series.some((series) => series.points.length > 0);
    case 'funnel':
      return !spec.stages.some((stage) => stage.value > 0);
    case 'pie':
      return !spec.slices.some((slice) => slice.value > 0);
    default:
      return assertNever(spec, 'chart type');
  }
}
