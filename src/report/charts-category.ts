import type { EChartsOption } from 'echarts';
import { InputError } from '../core/errors.js';
import {
  axisFormatter,
  baseOption,
  type ChartContext,
  categoryAxis,
  checkLength,
  checkValues,
  labels,
  optionalLabel,
  palette,
  textColor,
  valueAxis,
} from './chart-theme.js';
import { formatAxisNumber, localize } from './format.js';
import { t } from './messages.js';
import type { BarChartSpec, HistogramChartSpec, LineChartSpec, StackedBarChartSpec } from './report-model.js';

/** Option builders for charts over categories: bar, stacked bar, line (with interval bands), histogram. */

function checkSeries(spec: BarChartSpec | StackedBarChartSpec | LineChartSpec, context: ChartContext): void {
  for (const series of spec.series) {
    const what = `${spec.type} chart series "${localize(series.name, context.locale)}"`;
    checkLength(series.values.length, spec.categories.length, what);
    checkValues(series.values, what);
  }
}

/** Bar chart: one or more series over categories; `horizontal` for rankings with long names. */
export function barOption(spec: BarChartSpec, context: ChartContext): EChartsOption {
  checkSeries(spec, context);
  const format = spec.valueFormat ?? 'number';
  const formatter = axisFormatter(format, context);
  const names = spec.series.map((series) => localize(series.name, context.locale));
  const categories = categoryAxis(
    labels(spec.categories, context),
    optionalLabel(spec.horizontal ? spec.yLabel : spec.xLabel, context),
    spec.horizontal === true,
  );
  const values = valueAxis(
    optionalLabel(spec.horizontal ? spec.xLabel : spec.yLabel, context),
    formatter,
    spec.horizontal !== true,
  );
  return {
    ...baseOption(names),
    xAxis: spec.horizontal ? values : categories,
    yAxis: spec.horizontal ? categories : values,
    series: spec.series.map((series, index) => ({
      type: 'bar' as const,
      name: names[index],
      data: [...series.values],
      barMaxWidth: 48,
      itemStyle: { borderRadius: spec.horizontal ? [0, 3, 3, 0] : [3, 3, 0, 0] },
      label: {
        show: spec.showValues === true,
        position: spec.horizontal ? ('right' as const) : ('top' as const),
        color: textColor,
        formatter: (params: { value?: unknown }) =>
          typeof params.value === 'number' ? formatter(params.value) : '',
      },
    })),
  };
}

/** Stacked bars; `normalize` turns each category into shares of its total (100% stacked). */
export function stackedBarOption(spec: StackedBarChartSpec, context: ChartContext): EChartsOption {
  checkSeries(spec, context);
  let series = spec.series.map((item) => item.values);
  if (spec.normalize) {
    const totals = spec.categories.map((_, column) =>
      series.reduce((sum, values) => sum + Math.abs(values[column] ?? 0), 0),
    );
    series = series.map((values) =>
      values.map((value, column) => {
        const total = totals[column] ?? 0;
        return value === null || total === 0 ? null : value / total;
      }),
    );
  }
  const format = spec.normalize ? 'percent' : (spec.valueFormat ?? 'number');
  const formatter = axisFormatter(format, context);
  const names = spec.series.map((item) => localize(item.name, context.locale));
  const categories = categoryAxis(
    labels(spec.categories, context),
    optionalLabel(spec.horizontal ? spec.yLabel : spec.xLabel, context),
    spec.horizontal === true,
  );
  const values = valueAxis(
    optionalLabel(spec.horizontal ? spec.xLabel : spec.yLabel, context),
    formatter,
    spec.horizontal !== true,
    spec.normalize ? { max: 1 } : {},
  );
  return {
    ...baseOption(names),
    xAxis: spec.horizontal ? values : categories,
    yAxis: spec.horizontal ? categories : values,
    series: series.map((data, index) => ({
      type: 'bar' as const,
      name: names[index],
      stack: 'total',
      data: [...data],
      barMaxWidth: 56,
      itemStyle: { borderColor: '#ffffff', borderWidth: 0.5 },
    })),
  };
}

/**
 * Line chart over ordered categories (dates, periods). A series with `lower`/`upper` gets a shaded
 * interval band, drawn as an invisible base line plus a stacked area of height `upper − lower`.
 */
export function lineOption(spec: LineChartSpec, context: ChartContext): EChartsOption {
  checkSeries(spec, context);
  const format = spec.valueFormat ?? 'number';
  const names = spec.series.map((series) => localize(series.name, context.locale));
  const bandName = localize(spec.bandLabel ?? t(context.locale, 'chart.interval'), context.locale);
  const hasBand = spec.series.some((series) => series.lower !== undefined || series.upper !== undefined);
  const manyPoints = spec.categories.length > 36;
  const bandSeries = spec.series.flatMap((series, index) => {
    if (series.lower === undefined && series.upper === undefined) return [];
    const what = `line chart series "${names[index]}"`;
    if (series.lower === undefined || series.upper === undefined) {
      throw new InputError('incomplete_interval', `${what} needs both lower and upper to draw an interval`);
    }
    checkLength(series.lower.length, spec.categories.length, `${what} lower`);
    checkLength(series.upper.length, spec.categories.length, `${what} upper`);
    checkValues(series.lower, `${what} lower`);
    checkValues(series.upper, `${what} upper`);
    const { lower, upper } = series;
    const height = upper.map((high, column) => {
      const low = lower[column] ?? null;
      if (high === null || low === null) return null;
      if (high < low) {
        throw new InputError('invalid_interval', `${what}: upper < lower at index ${column}`);
      }
      return high - low;
    });
    const color = palette[index % palette.length];
    const common = {
      type: 'line' as const,
      stack: `band-${index}`,
      stackStrategy: 'all' as const,
      symbol: 'none',
      silent: true,
      lineStyle: { opacity: 0 },
      z: 1,
    };
    return [
      { ...common, name: `${bandName} (base ${index})`, data: [...lower] },
      { ...common, name: bandName, data: height, itemStyle: { color }, areaStyle: { color, opacity: 0.16 } },
    ];
  });
  // Explicit colours: the band series come first and would otherwise shift the palette.
  const mainSeries = spec.series.map((series, index) => ({
    type: 'line' as const,
    name: names[index],
    data: [...series.values],
    showSymbol: !manyPoints,
    symbolSize: 6,
    connectNulls: false,
    z: 3,
    itemStyle: { color: palette[index % palette.length] },
    lineStyle: { width: 2, type: series.dashed ? ('dashed' as const) : ('solid' as const) },
    ...(spec.area && spec.series.length === 1 ? { areaStyle: { opacity: 0.12 } } : {}),
  }));
  const base = baseOption(hasBand ? [...names, bandName] : names);
  return {
    ...base,
    legend: {
      ...base.legend,
      data: [
        ...names.map((name) => ({ name })),
        ...(hasBand ? [{ name: bandName, icon: 'roundRect', itemStyle: { opacity: 0.3 } }] : []),
      ],
    },
    xAxis: {
      ...categoryAxis(labels(spec.categories, context), optionalLabel(spec.xLabel, context), false),
      boundaryGap: false,
    },
    yAxis: valueAxis(optionalLabel(spec.yLabel, context), axisFormatter(format, context), true),
    series: [...bandSeries, ...mainSeries],
  };
}

/** Histogram of pre-binned counts: adjacent bars labelled with their bin range. */
export function histogramOption(spec: HistogramChartSpec, context: ChartContext): EChartsOption {
  const binFormat = spec.binFormat ?? spec.valueFormat ?? 'number';
  spec.bins.forEach((bin, index) => {
    checkValues([bin.from, bin.to, bin.count], `histogram bin ${index}`);
    if (bin.to < bin.from || bin.count < 0) {
      throw new InputError('invalid_bin', `histogram bin ${index} needs from ≤ to and count ≥ 0`);
    }
  });
  const edge = (value: number) => formatAxisNumber(value, binFormat, context.locale, context.currency);
  const categories = spec.bins.map((bin) => `${edge(bin.from)}–${edge(bin.to)}`);
  const countName = localize(spec.yLabel ?? t(context.locale, 'chart.count'), context.locale);
  return {
    ...baseOption([]),
    xAxis: categoryAxis(categories, optionalLabel(spec.xLabel, context), false),
    yAxis: valueAxis(countName, axisFormatter('int', context), true),
    series: [
      {
        type: 'bar',
        name: countName,
        data: spec.bins.map((bin) => bin.count),
        barCategoryGap: '4%',
        itemStyle: { borderRadius: [2, 2, 0, 0] },
      },
    ],
  };
}
