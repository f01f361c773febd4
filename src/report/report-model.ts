/**
 * The report model: plain, serialisable data. App services build it from store queries, tests build it by
 * hand, and `renderReport` turns it into one self-contained HTML file. Every later capability (CLV,
 * forecasting, text analytics, attribution …) contributes one or more `Section`s made of generic `Block`s;
 * nothing here knows about a particular analysis.
 */

export type Locale = 'en' | 'zh';

/** A user-visible string in both report languages. */
export interface Localized {
  readonly en: string;
  readonly zh: string;
}

/**
 * A data label: a plain string when it is the same in every language (a date, a SKU, a campaign name),
 * or a `Localized` pair when it must be translated (a segment name, a metric name).
 */
export type Label = string | Localized;

/** How a number is shown. `percent` expects a fraction (0.123 → 12.3%). */
export type ValueFormat = 'int' | 'number' | 'percent' | 'currency';

/** How a section's results were made (DESIGN.md: every result says engine, model run, window, interval). */
export interface Provenance {
  /** `classic` or a model name. */
  readonly engine: string;
  readonly modelRunId?: string;
  /** Dates as `YYYY-MM-DD`, ISO timestamps or `Date`s; shown as `YYYY-MM-DD` (UTC). */
  readonly dataWindow?: { readonly start: string | Date; readonly end: string | Date };
  /** Interval or error measure of the estimates, e.g. `95%` or `{ en: '95% prediction', zh: '95% 预测' }`. */
  readonly interval?: Label;
  readonly note?: Localized;
}

// ---------------------------------------------------------------------------------------------- charts

interface ChartCommon {
  readonly xLabel?: Label;
  readonly yLabel?: Label;
  /** Format of the value axis / value labels; default `number`. */
  readonly valueFormat?: ValueFormat;
  /** ISO 4217 code for `valueFormat: 'currency'`; falls back to the report currency. */
  readonly currency?: string;
  /** Preferred height in CSS pixels (the chart scales to the page width). */
  readonly height?: number;
}

/** One named series of values aligned with the chart's categories (`null` = no value). */
export interface ValueSeries {
  readonly name: Label;
  readonly values: readonly (number | null)[];
}

/** A line series with an optional interval band (`lower`/`upper` aligned with `values`). */
export interface LineSeries extends ValueSeries {
  readonly lower?: readonly (number | null)[];
  readonly upper?: readonly (number | null)[];
  /** Draw dashed (e.g. a forecast continuing an actual series). */
  readonly dashed?: boolean;
}

export interface BarChartSpec extends ChartCommon {
  readonly type: 'bar';
  readonly categories: readonly Label[];
  readonly series: readonly ValueSeries[];
  /** Bars grow to the right, categories on the vertical axis (good for long names / rankings). */
  readonly horizontal?: boolean;
  /** Print each bar's value on it. */
  readonly showValues?: boolean;
}

export interface StackedBarChartSpec extends ChartCommon {
  readonly type: 'stacked-bar';
  readonly categories: readonly Label[];
  readonly series: readonly ValueSeries[];
  readonly horizontal?: boolean;
  /** Show each category as shares of its total (100% stacked). */
  readonly normalize?: boolean;
}

export interface LineChartSpec extends ChartCommon {
  readonly type: 'line';
  /** x values in order, usually dates (`YYYY-MM-DD`) or periods. */
  readonly categories: readonly Label[];
  readonly series: readonly LineSeries[];
  /** Legend label of the interval bands, e.g. `{ en: '95% interval', zh: '95% 区间' }`. */
  readonly bandLabel?: Label;
  /** Fill the area under single series lines. */
  readonly area?: boolean;
}

/** A matrix such as a cohort retention table: `values[row][column]`, rows top to bottom. */
export interface HeatmapChartSpec extends ChartCommon {
  readonly type: 'heatmap';
  readonly columns: readonly Label[];
  readonly rows: readonly Label[];
  readonly values: readonly (readonly (number | null)[])[];
  /** Print values in the cells (default: when there are at most 400 cells). */
  readonly showValues?: boolean;
}

/** Pre-binned counts (bin in SQL for big data, or with `binValues` for small arrays). */
export interface HistogramChartSpec extends ChartCommon {
  readonly type: 'histogram';
  readonly bins: readonly { readonly from: number; readonly to: number; readonly count: number }[];
  /** Format of the bin edges (the count axis is always an integer). Default `number`. */
  readonly binFormat?: ValueFormat;
}

export interface ScatterChartSpec extends ChartCommon {
  readonly type: 'scatter';
  readonly series: readonly {
    readonly name: Label;
    readonly points: readonly { readonly x: number; readonly y: number }[];
  }[];
  /** Format of the x axis; `valueFormat` is the y axis. */
  readonly xFormat?: ValueFormat;
}

export interface FunnelChartSpec extends ChartCommon {
  readonly type: 'funnel';
  /** Stages top to bottom; the label shows the value and the share of the first stage. */
  readonly stages: readonly { readonly label: Label; readonly value: number }[];
}

export interface PieChartSpec extends ChartCommon {
  readonly type: 'pie';
  readonly slices: readonly { readonly label: Label; readonly value: number }[];
  readonly donut?: boolean;
}

export type ChartSpec =
  | BarChartSpec
  | StackedBarChartSpec
  | LineChartSpec
  | HeatmapChartSpec
  | HistogramChartSpec
  | ScatterChartSpec
  | FunnelChartSpec
  | PieChartSpec;

export type ChartType = ChartSpec['type'];

// ---------------------------------------------------------------------------------------------- blocks

export type ColumnFormat = ValueFormat | 'date' | 'text';

export interface TableColumn {
  readonly key: string;
  readonly label: Localized;
  /** Default: right for numeric formats / numeric values, left otherwise. */
  readonly align?: 'left' | 'right';
  /** Default: `number` for numeric cells, `text` otherwise. */
  readonly format?: ColumnFormat;
  /** ISO 4217 code for `format: 'currency'`; falls back to the report currency. */
  readonly currency?: string;
}

export type TableCell = string | number | null | Localized;

export interface ParagraphBlock {
  readonly kind: 'paragraph';
  readonly text: Localized;
}

export interface KpisBlock {
  readonly kind: 'kpis';
  readonly items: readonly { readonly label: Localized; readonly value: Label; readonly hint?: Localized }[];
}

export interface TableBlock {
  readonly kind: 'table';
  readonly caption?: Localized;
  readonly columns: readonly TableColumn[];
  readonly rows: readonly Readonly<Record<string, TableCell>>[];
  /** Show at most this many rows, with a "showing N of M" note. */
  readonly maxRows?: number;
}

export interface ChartBlock {
  readonly kind: 'chart';
  readonly caption?: Localized;
  readonly chart: ChartSpec;
}

export interface CalloutBlock {
  readonly kind: 'callout';
  readonly tone: 'info' | 'warn' | 'good';
  readonly text: Localized;
}

export type Block = ParagraphBlock | KpisBlock | TableBlock | ChartBlock | CalloutBlock;

export type BlockKind = Block['kind'];

// ---------------------------------------------------------------------------------------------- report

export interface Section {
  /** Anchor id: letters, digits, `-` and `_`, unique within the report. */
  readonly id: string;
  readonly title: Localized;
  readonly summary?: Localized;
  readonly provenance: Provenance;
  readonly blocks: readonly Block[];
}

export interface Report {
  readonly title: Localized;
  readonly subtitle?: Localized;
  readonly generatedAt: Date;
  readonly workspace?: string;
  /** Default ISO 4217 currency for `currency` formats (without one, amounts print as plain numbers). */
  readonly currency?: string;
  readonly sections: readonly Section[];
}
