import type { EChartsOption } from 'echarts';
import { InputError } from '../core/errors.js';
import { formatAxisNumber, localize } from './format.js';
import type { Label, Locale, ValueFormat } from './report-model.js';

/**
 * Shared look of every report chart: palette, CJK-capable font stack, axis styling, legend placement.
 * Single quotes only in the font stack: zrender writes it into a double-quoted `style` attribute.
 */

/** System fonts only (no web fonts): Latin UI fonts first, then CJK fonts on macOS, Linux, Windows. */
export const fontStack =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Noto Sans CJK SC', " +
  "'Source Han Sans SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'Helvetica Neue', Arial, sans-serif";

/** Colour-blind-friendly categorical palette (after Tableau 10), used by charts and CSS accents. */
export const palette = [
  '#2f6fde',
  '#f28e2b',
  '#2ca58d',
  '#e15759',
  '#8c6bb1',
  '#d4a72c',
  '#4eb3d3',
  '#9c755f',
  '#ff9da7',
  '#76787d',
] as const;

export const textColor = '#334155';
export const mutedColor = '#64748b';
export const gridLineColor = '#e2e8f0';
export const axisLineColor = '#94a3b8';
/** Low → high ramp for heatmaps (light grey-blue to the primary blue). */
export const heatRamp = ['#f1f5fb', '#c6d8f5', '#7fa7ea', '#2f6fde', '#1d3f8f'] as const;

export const fontSize = 13;

/** Context every chart builder needs to turn plain data into localized, formatted labels. */
export interface ChartContext {
  readonly locale: Locale;
  /** ISO 4217 code for `currency` formats. */
  readonly currency?: string;
}

/** Options every chart shares. `legend` is shown only when there is more than one legend entry. */
export function baseOption(legendNames: readonly string[]): EChartsOption {
  const showLegend = legendNames.length > 1;
  return {
    animation: false,
    backgroundColor: 'transparent',
    color: [...palette],
    textStyle: { fontFamily: fontStack, fontSize, color: textColor },
    legend: {
      show: showLegend,
      data: legendNames.map((name) => ({ name })),
      top: 4,
      left: 'center',
      itemGap: 20,
      itemWidth: 18,
      itemHeight: 10,
      textStyle: { fontFamily: fontStack, fontSize, color: textColor },
    },
    grid: gridOption({ top: showLegend ? 36 : 8 }),
  };
}

/**
 * Plot area margins. `outerBoundsMode: 'same'` makes the margins a hard bound for the plot *and* its axis
 * labels and names (ECharts 6 shrinks the plot to fit), so nothing is clipped at the SVG edge.
 */
export function gridOption(margins: { readonly top?: number; readonly bottom?: number } = {}) {
  return {
    left: 8,
    right: 24,
    top: margins.top ?? 16,
    bottom: margins.bottom ?? 8,
    outerBoundsMode: 'same' as const,
    outerBoundsContain: 'all' as const,
  };
}

/** A value-axis tick formatter for the given format (compact for large numbers). */
export function axisFormatter(format: ValueFormat, context: ChartContext): (value: number) => string {
  return (value: number) => formatAxisNumber(value, format, context.locale, context.currency);
}

const axisNameStyle = { fontFamily: fontStack, fontSize, color: mutedColor } as const;

/** A category axis (bottom or left) with readable, non-overlapping labels. */
export function categoryAxis(data: readonly string[], name: string | undefined, vertical: boolean) {
  return {
    type: 'category' as const,
    data: [...data],
    ...(name === undefined ? {} : vertical ? verticalName(name) : horizontalName(name)),
    axisLine: { lineStyle: { color: axisLineColor } },
    axisTick: { show: false },
    axisLabel: {
      color: textColor,
      fontSize,
      hideOverlap: true,
      ...(vertical ? { width: 160, overflow: 'truncate' as const } : {}),
    },
    ...(vertical ? { inverse: true } : {}),
  };
}

/** A value axis with light grid lines and formatted ticks. */
export function valueAxis(
  name: string | undefined,
  formatter: (value: number) => string,
  vertical: boolean,
  extra: { readonly scale?: boolean; readonly max?: number } = {},
) {
  return {
    type: 'value' as const,
    ...(name === undefined ? {} : vertical ? verticalName(name) : horizontalName(name)),
    ...extra,
    axisLine: { show: false },
    axisTick: { show: false },
    splitLine: { lineStyle: { color: gridLineColor } },
    axisLabel: { color: mutedColor, fontSize, formatter, hideOverlap: true },
  };
}

/** Name above a vertical axis, left-aligned so it never collides with the plot. */
function verticalName(name: string) {
  return {
    name,
    nameLocation: 'end' as const,
    nameGap: 14,
    nameTextStyle: { ...axisNameStyle, align: 'left' as const },
  };
}

/** Name centred under a horizontal axis. */
function horizontalName(name: string) {
  return { name, nameLocation: 'middle' as const, nameGap: 32, nameTextStyle: axisNameStyle };
}

/** Throw unless every value is a finite number or `null`. */
export function checkValues(values: readonly (number | null)[], what: string): void {
  values.forEach((value, index) => {
    if (value !== null && !Number.isFinite(value)) {
      throw new InputError(
        'invalid_chart_value',
        `${what}[${index}] must be a finite number or null, got ${value}`,
      );
    }
  });
}

/** Throw unless `actual` equals the expected length. */
export function checkLength(actual: number, expected: number, what: string): void {
  if (actual !== expected) {
    throw new InputError('chart_length_mismatch', `${what} has ${actual} values, expected ${expected}`);
  }
}

/** Resolve plain / bilingual labels for the chart locale. */
export function labels(items: readonly Label[], context: ChartContext): string[] {
  return items.map((item) => localize(item, context.locale));
}

export function optionalLabel(label: Label | undefined, context: ChartContext): string | undefined {
  return label === undefined ? undefined : localize(label, context.locale);
}
