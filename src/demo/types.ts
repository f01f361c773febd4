/**
 * Shared types of the demo data generator. Domain code must not import the store, so the row
 * type is defined here: values are the store's in-memory forms (timestamp → Date, date →
 * 'YYYY-MM-DD', json → plain object / array).
 */

export type DemoValue = string | number | boolean | Date | null | object;
export type DemoRow = Record<string, DemoValue>;

export interface DemoDataOptions {
  readonly seed: number;
  /** Number of customer records (duplicate identities included). */
  readonly customers: number;
  /** First day of the data window, 'YYYY-MM-DD' (UTC); default '2023-01-01'. */
  readonly start?: string;
  /** Length of the window in calendar months; default 24. */
  readonly months?: number;
}

/** One question of the assistant's evaluation set. */
export interface QaItem {
  readonly id: string;
  readonly question: string;
  readonly lang: 'zh' | 'en';
  /** The kb_articles id that answers it, or null when the knowledge base cannot answer it. */
  readonly goldArticleId: string | null;
  /** A phrase of the gold article's body that carries the answer (null for unanswerable questions). */
  readonly answerContains: string | null;
}

/**
 * A row that exists only in the exported files (planted bad data for ingest quarantine and the
 * quality report). The writer emits it right after the in-memory row `afterId` of the same table;
 * `cellText` replaces the formatted text of single cells (e.g. an impossible date '2023-02-30 …'
 * or 'N/A' in an amount column), everything else is formatted from `row` as usual.
 */
export interface RawOverride {
  readonly afterId: string;
  readonly row: DemoRow;
  readonly cellText?: Readonly<Record<string, string>>;
}

export interface DemoDataSet {
  readonly options: Required<DemoDataOptions>;
  /** Rows per table name of the data model (src/core/schema/tables.ts); every row validates. */
  readonly tables: Readonly<Record<string, readonly DemoRow[]>>;
  /** Planted truth: rows of the `ground_truth` table ({id, kind, key, value}). */
  readonly groundTruth: readonly DemoRow[];
  /** Evaluation questions for the assistant. */
  readonly qaSet: readonly QaItem[];
  /** Planted bad rows per table, present only in the files (each one is listed in groundTruth). */
  readonly rawOverrides: Readonly<Record<string, readonly RawOverride[]>>;
}

/** One planted fact before it becomes a ground_truth row. */
export interface TruthEntry {
  readonly kind: string;
  readonly key: string;
  readonly value: unknown;
}
