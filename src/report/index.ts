/** Static HTML report: the plain-data report model, its renderer, and server-side chart rendering. */
export { type Bin, type BinValuesOptions, binValues } from './bin-values.js';
export { type ChartContext, fontStack, palette } from './chart-theme.js';
export {
  barOption,
  chartOption,
  funnelOption,
  heatmapOption,
  histogramOption,
  isChartEmpty,
  lineOption,
  pieOption,
  scatterOption,
  stackedBarOption,
} from './charts.js';
export { escapeHtml } from './escape.js';
export { formatDate, formatDateTime, formatNumber, localize } from './format.js';
export { type MessageKey, t, tHtml } from './messages.js';
export { defaultChartHeight, type RenderChartOptions, renderChartSvg } from './render-chart.js';
export { renderProvenance, renderReport } from './render-report.js';
export type * from './report-model.js';
