/** Shapes shared by the record readers (CSV, JSONL, Parquet) and the pipeline. */

export type SourceFormat = 'csv' | 'jsonl' | 'parquet';

/** One source record: `fields[i]` belongs to `headers[i]`. CsvRecord has this shape. */
export interface SourceRecord {
  readonly rowNumber: number;
  readonly line: number;
  readonly fields: readonly unknown[];
  readonly raw: string;
  readonly error: { readonly code: string; readonly message: string } | undefined;
}

export interface OpenedSource {
  readonly path: string;
  readonly format: SourceFormat;
  readonly encoding: string;
  readonly delimiter?: string;
  readonly headers: readonly string[];
  readonly bytesTotal: number;
  /** Records already read while looking for the header (used to infer date orders). */
  readonly sample: readonly SourceRecord[];
  /** All records, `sample` first, in batches. Call once. */
  records(): AsyncIterable<readonly SourceRecord[]>;
  bytesRead(): number;
  /** Notes for the summary (e.g. JSON keys first seen after the sample). */
  notes(): readonly string[];
  close(): Promise<void>;
}
