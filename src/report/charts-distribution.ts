import type { EChartsOption } from 'echarts';
import { InputError } from '../core/errors.js';
import {
  axisFormatter,
  baseOption,
  type ChartContext,
  categoryAxis,
  checkLength,
  checkValues,
  gridOption,
  heatRamp,
  labels,
  mutedColor,
  optionalLabel,
  textColor,
  valueAxis,
} from './chart-theme.js';
import { formatNumber, localize } from './format.js';
import type {
  FunnelChartSpec,
  HeatmapChartSpec,
  Label,
  PieChartSpec,
  ScatterChartSpec,
} from './report-model.js';

/** Option builders for matrices, point clouds and shares: heatmap, scatter, funnel, pie. */

/** Heatmap of a matrix (cohort retention, hour × weekday …); first row on top, null cells left blank. */
export function heatmapOption(spec: HeatmapChartSpec, context: ChartContext): EChartsOption {
  checkLength(spec.values.length, spec.rows.length, 'heatmap rows');
  const format = spec.valueFormat ?? 'number';
  const cells: { value: [number, number, number]; label: { color: string } }[] = [];
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  spec.values.forEach((row, rowIndex) => {
    checkLength(row.length, spec.columns.length, `heatmap row ${rowIndex}`);
    checkValues(row, `heatmap row ${rowIndex}`);
    for (const value of row) {
      if (value === null) continue;
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
  });
  const span = max > min ? max - min : 1;
  spec.values.forEach((row, rowIndex) => {
    row.forEach((value, column) => {
      if (value === null) return;
      // Dark cells (upper part of the ramp) get white labels.
      cells.push({
        value: [column, rowIndex, value],
        label: { color: (value - min) / span > 0.55 ? '#ffffff' : textColor },
      });
    });
  });
  const showValues = spec.showValues ?? spec.rows.length * spec.columns.length <= 400;
  const cellFormatter = (value: number) => formatNumber(value, format, context.locale, context.currency);
  return {
    ...baseOption([]),
    grid: gridOption({ top: 8, bottom: showValues ? 8 : 48 }),
    xAxis: {
      ...categoryAxis(labels(spec.columns, context), optionalLabel(spec.xLabel, context), false),
      position: 'top',
      nameLocation: 'middle',
      nameGap: 34,
      splitArea: { show: false },
    },
    yAxis: {
      ...categoryAxis(labels(spec.rows, context), undefined, true),
      ...(spec.yLabel === undefined ? {} : { name: localize(spec.yLabel, context.locale) }),
      nameLocation: 'start',
      nameGap: 10,
      nameTextStyle: { color: mutedColor, align: 'right' },
    },
    visualMap: {
      show: !showValues,
      type: 'continuous',
      min: Number.isFinite(min) ? min : 0,
      max: Number.isFinite(max) ? max : 1,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 240,
      itemWidth: 12,
      calculable: false,
      inRange: { color: [...heatRamp] },
      formatter: (value: unknown) => (typeof value === 'number' ? cellFormatter(value) : String(value)),
      textStyle: { color: mutedColor },
    },
    series: [
      {
        type: 'heatmap',
        data: cells,
        itemStyle: { borderColor: '#ffffff', borderWidth: 1 },
        label: {
          show: showValues,
          fontSize: 12,
          formatter: (params: { value?: unknown }) =>
            Array.isArray(params.value) && typeof params.value[2] === 'number'
              ? cellFormatter(params.value[2])
              : '',
        },
      },
    ],
  };
}

/** Scatter plot of one or more point series. */
export function scatterOption(spec: ScatterChartSpec, context: ChartContext): EChartsOption {
  const names = spec.series.map((series) => localize(series.name, context.locale));
  spec.series.forEach((series, index) => {
    series.points.forEach((point, pointIndex) => {
      checkValues([point.x, point.y], `scatter series "${names[index]}" point ${pointIndex}`);
    });
  });
  const manyPoints = spec.series.reduce((sum, series) => sum + series.points.length, 0) > 500;
  return {
    ...baseOption(names),
    xAxis: valueAxis(
      optionalLabel(spec.xLabel, context),
      axisFormatter(spec.xFormat ?? 'number', context),
      false,
      {
        scale: true,
      },
    ),
    yAxis: valueAxis(
      optionalLabel(spec.yLabel, context),
      axisFormatter(spec.valueFormat ?? 'number', context),
      true,
      { scale: true },
    ),
    series: spec.series.map((series, index) => ({
      type: 'scatter' as const,
      name: names[index],
      data: series.points.map((point) => [point.x, point.y]),
      symbolSize: manyPoints ? 5 : 8,
      itemStyle: { opacity: manyPoints ? 0.5 : 0.75 },
    })),
  };
}

function checkShares(
  items: readonly { readonly label: Label; readonly value: number }[],
  what: string,
): void {
  items.forEach((item, index) => {
    if (!Number.isFinite(item.value) || item.value < 0) {
      throw new InputError(
        'invalid_chart_value',
        `${what} ${index} must be a finite number ≥ 0, got ${item.value}`,
      );
    }
  });
}

/** Funnel in stage order; labels show the value and the share of the first stage. */
export function funnelOption(spec: FunnelChartSpec, context: ChartContext): EChartsOption {
  checkShares(spec.stages, 'funnel stage');
  const format = spec.valueFormat ?? 'int';
  const first = spec.stages[0]?.value ?? 0;
  return {
    ...baseOption([]),
    series: [
      {
        type: 'funnel',
        sort: 'none',
        left: '16%',
        width: '48%',
        top: 16,
        bottom: 16,
        minSize: '4%',
        gap: 3,
        label: {
          position: 'right',
          color: textColor,
          fontSize: 13,
          formatter: (params: { name?: string; value?: unknown }) => {
            const value = typeof params.value === 'number' ? params.value : 0;
            const share = first > 0 ? ` · ${formatNumber(value / first, 'percent', context.locale)}` : '';
            return `${params.name ?? ''}  ${formatNumber(value, format, context.locale, context.currency)}${share}`;
          },
        },
        labelLine: { length: 16, lineStyle: { color: mutedColor } },
        data: spec.stages.map((stage) => ({
          name: localize(stage.label, context.locale),
          value: stage.value,
        })),
      },
    ],
  };
}

/** Pie (or donut) of shares; labels show the name and percentage. */
export function pieOption(spec: PieChartSpec, context: ChartContext): EChartsOption {
  checkShares(spec.slices, 'pie slice');
  const format = spec.valueFormat ?? 'number';
  const total = spec.slices.reduce((sum, slice) => sum + slice.value, 0);
  return {
    ...baseOption([]),
    series: [
      {
        type: 'pie',
        radius: spec.donut ? ['40%', '66%'] : '66%',
        center: ['50%', '52%'],
        avoidLabelOverlap: true,
        itemStyle: { borderColor: '#ffffff', borderWidth: 2 },
        label: {
          color: textColor,
          fontSize: 13,
          formatter: (params: { name?: string; value?: unknown }) => {
            const value = typeof params.value === 'number' ? params.value : 0;
            const share = total > 0 ? formatNumber(value / total, 'percent', context.locale) : '';
            return `${params.name ?? ''}  ${formatNumber(value, format, context.locale, context.currency)} · ${share}`;
          },
        },
        labelLine: { lineStyle: { color: mutedColor } },
        data: spec.slices.map((slice) => ({
          name: localize(slice.label, context.locale),
          value: slice.value,
        })),
      },
    ],
  };
}
