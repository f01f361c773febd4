/**
 * Shapes of a data-quality report. A report is a list of findings per table, each with a code
 * users can filter on, the column, how many rows, a severity and a few example ids (ids only,
 * never personal data).
 */

export type FindingCode =
  | 'missing_values'
  | 'duplicate_ids_in_input'
  | 'invalid_email'
  | 'invalid_phone'
  | 'invalid_currency'
  | 'future_date'
  | 'impossible_date'
  | 'negative_amount'
  | 'outlier_amount'
  | 'orphan_reference'
  | 'possible_duplicate_customer'
  | 'rejected_rows';

export type Severity = 'info' | 'warning' | 'error';

export interface Finding {
  readonly code: FindingCode;
  readonly column: string | null;
  readonly count: number;
  /** count / rows checked. */
  readonly rate: number;
  readonly severity: Severity;
  readonly message: string;
  readonly exampleIds: readonly string[];
}

export interface ColumnProfile {
  readonly column: string;
  readonly type: string;
  readonly missing: number;
  readonly missingRate: number;
  readonly distinct: number | null;
}

export interface TableQualityReport {
  readonly table: string;
  readonly rowCount: number;
  readonly checkedAt: string;
  readonly importId: string | null;
  /** The data-quality run (model_runs row) that made the report. */
  readonly modelRunId: string | null;
  readonly columns: readonly ColumnProfile[];
  readonly findings: readonly Finding[];
  /** How the checks were made (method of each check), for the report's provenance. */
  readonly method: string;
}

export function severityFor(code: FindingCode, rate: number): Severity {
  if (code === 'rejected_rows' || code === 'orphan_reference' || code === 'impossible_date') {
    return rate > 0.01 ? 'error' : 'warning';
  }
  // Optional columns may be empty (required ones are enforced at ingest): worth knowing, not a defect.
  if (code === 'missing_values') return 'info';
  if (code === 'outlier_amount' || code === 'possible_duplicate_customer')
    return rate > 0.2 ? 'warning' : 'info';
  return rate > 0.05 ? 'error' : 'warning';
}
