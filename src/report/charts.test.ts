import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { palette } from './chart-theme.js';
import {
  barOption,
  chartOption,
  heatmapOption,
  isChartEmpty,
  lineOption,
  pieOption,
  stackedBarOption,
} from './charts.js';
import type { ChartSpec } from './report-model.js';
import { sampleCharts } from './testing/sample-report.js';

type AnyRecord = Record<string, unknown>;
const en = { locale: 'en' } as const;

function seriesOf(option: object): AnyRecord[] {
  return (option as { series: AnyRecord[] }).series;
}

describe('chart option builders', () => {
  it('never animate, never show a title, and use the shared palette', () => {
    for (const spec of Object.values(sampleCharts) as ChartSpec[]) {
      const option = chartOption(spec, en) as AnyRecord;
      expect(option.animation).toBe(false);
      expect(option.title).toBeUndefined();
      expect(option.color).toEqual([...palette]);
    }
  });

  it('bar: horizontal puts categories on the y axis, first category on top', () => {
    const option = barOption(
      { type: 'bar', categories: ['a', 'b'], series: [{ name: 's', values: [1, 2] }], horizontal: true },
      en,
    ) as AnyRecord;
    expect((option.yAxis as AnyRecord).type).toBe('category');
    expect((option.yAxis as AnyRecord).inverse).toBe(true);
    expect((option.xAxis as AnyRecord).type).toBe('value');
  });

  it('stacked bar: normalize turns each category into shares that sum to 1', () => {
    const option = stackedBarOption(
      {
        type: 'stacked-bar',
        categories: ['a', 'b', 'c'],
        series: [
          { name: 'x', values: [1, 0, null] },
          { name: 'y', values: [3, 0, 2] },
        ],
        normalize: true,
      },
      en,
    );
    const data = seriesOf(option).map((series) => series.data as (number | null)[]);
    expect(data[0]).toEqual([0.25, null, null]);
    expect(data[1]).toEqual([0.75, null, 1]);
    expect(seriesOf(option).every((series) => series.stack === 'total')).toBe(true);
  });

  it('line: a band is an invisible base plus a stacked height of upper − lower', () => {
    const option = lineOption(
      {
        type: 'line',
        categories: ['1', '2', '3'],
        series: [{ name: 'f', values: [10, 12, null], lower: [8, 9, null], upper: [11, 16, null] }],
        bandLabel: { en: '80% interval', zh: '80% 区间' },
      },
      en,
    );
    const [base, height, main] = seriesOf(option);
    expect(base?.data).toEqual([8, 9, null]);
    expect(height?.data).toEqual([3, 7, null]);
    expect(height?.name).toBe('80% interval');
    expect(base?.stack).toBe(height?.stack);
    expect(main?.data).toEqual([10, 12, null]);
    // The main line keeps the first palette colour although the band series come first.
    expect(main?.itemStyle).toMatchObject({ color: palette[0] });
    const legendNames = ((option.legend as AnyRecord).data as { name: string }[]).map((item) => item.name);
    expect(legendNames).toEqual(['f', '80% interval']);
  });

  it('heatmap: skips null cells and colours labels for contrast', () => {
    const option = heatmapOption(
      {
        type: 'heatmap',
        columns: ['c0', 'c1'],
        rows: ['r0', 'r1'],
        values: [
          [1, 0.5],
          [0.2, null],
        ],
      },
      en,
    );
    const cells = seriesOf(option)[0]?.data as { value: number[]; label: { color: string } }[];
    expect(cells.map((cell) => cell.value)).toEqual([
      [0, 0, 1],
      [1, 0, 0.5],
      [0, 1, 0.2],
    ]);
    expect(cells[0]?.label.color).toBe('#ffffff');
    expect(cells[2]?.label.color).not.toBe('#ffffff');
    expect((option.visualMap as AnyRecord).min).toBe(0.2);
    expect((option.visualMap as AnyRecord).max).toBe(1);
  });

  it('pie: resolves localized slice names', () => {
    const option = pieOption(sampleCharts.pie, { locale: 'zh' });
    expect(((seriesOf(option)[0]?.data ?? []) as { name: string }[]).map((item) => item.name)).toEqual([
      '正面',
      '中性',
      '负面',
    ]);
  });

  it('rejects invalid data with InputError naming the problem', () => {
    const bar = (values: (number | null)[]): ChartSpec => ({
      type: 'bar',
      categories: ['a', 'b'],
      series: [{ name: 'Revenue', values }],
    });
    expect(() => chartOption(bar([1]), en)).toThrow(/series "Revenue" has 1 values, expected 2/);
    expect(() => chartOption(bar([1, Number.NaN]), en)).toThrow(InputError);
    expect(() => chartOption(bar([1, Number.POSITIVE_INFINITY]), en)).toThrow(/finite/);
    const line = (lower: (number | null)[], upper?: (number | null)[]): ChartSpec => ({
      type: 'line',
      categories: ['a', 'b'],
      series: [{ name: 'f', values: [1, 2], lower, ...(upper === undefined ? {} : { upper }) }],
    });
    expect(() => chartOption(line([0, 0]), en)).toThrow(/both lower and upper/);
    expect(() => chartOption(line([0, 3], [1, 2]), en)).toThrow(/upper < lower at index 1/);
    expect(() => chartOption({ type: 'heatmap', columns: ['a'], rows: ['r'], values: [[1, 2]] }, en)).toThrow(
      /heatmap row 0/,
    );
    expect(() => chartOption({ type: 'pie', slices: [{ label: 'a', value: -1 }] }, en)).toThrow(/≥ 0/);
    expect(() => chartOption({ type: 'funnel', stages: [{ label: 'a', value: Number.NaN }] }, en)).toThrow(
      InputError,
    );
    expect(() => chartOption({ type: 'histogram', bins: [{ from: 2, to: 1, count: 1 }] }, en)).toThrow(
      /from ≤ to/,
    );
    expect(() =>
      chartOption({ type: 'scatter', series: [{ name: 's', points: [{ x: 1, y: Number.NaN }] }] }, en),
    ).toThrow(/point 0/);
  });
});

describe('isChartEmpty', () => {
  it('is true only when there is nothing to draw', () => {
    expect(isChartEmpty({ type: 'bar', categories: [], series: [] })).toBe(true);
    expect(isChartEmpty({ type: 'line', categories: ['a'], series: [{ name: 's', values: [null] }] })).toBe(
      true,
    );
    expect(isChartEmpty({ type: 'heatmap', columns: ['a'], rows: ['r'], values: [[null]] })).toBe(true);
    expect(isChartEmpty({ type: 'pie', slices: [{ label: 'a', value: 0 }] })).toBe(true);
    expect(isChartEmpty({ type: 'funnel', stages: [] })).toBe(true);
    expect(isChartEmpty({ type: 'scatter', series: [{ name: 's', points: [] }] })).toBe(true);
    expect(isChartEmpty({ type: 'histogram', bins: [] })).toBe(true);
    for (const spec of Object.values(sampleCharts) as ChartSpec[]) expect(isChartEmpty(spec)).toBe(false);
  });
});
