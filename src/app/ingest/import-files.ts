import { describeError } from '../../core/errors.js';
import { type IngestOptions, type IngestResult, ingestFiles } from '../../store/ingest/index.js';
import type { Store } from '../../store/store.js';
import type { Finding, TableQualityReport } from '../quality/quality-report.js';
import { runQualityChecks } from '../quality/run-quality.js';

export interface ImportResult {
  readonly ingest: IngestResult;
  /** Quality report of the target table after the import (stored in quality_reports). */
  readonly quality: TableQualityReport | null;
  /** Why there is no quality report although one was asked for (the import itself succeeded). */
  readonly qualityError?: string;
}

/**
 * Use case "load my export": ingest the files (all-or-nothing, quarantine for rejected rows),
 * then check the quality of the table as it now is, noting what the import itself saw.
 */
export async function importFiles(
  store: Store,
  options: IngestOptions & { readonly quality?: boolean },
): Promise<ImportResult> {
  const ingest = await ingestFiles(store, options);
  if (options.quality === false) return { ingest, quality: null };
  try {
    const [quality] = await runQualityChecks(store, {
      tables: [ingest.table],
      importIds: { [ingest.table]: ingest.importId },
      extraFindings: { [ingest.table]: importFindings(ingest) },
    });
    return { ingest, quality: quality ?? null };
  } catch (error) {
    // The data are in (committed); a failed check must not make the import look failed.
    return { ingest, quality: null, qualityError: describeError(error) };
  }
}

/** What the import itself saw, as quality findings of its table. */
export function importFindings(ingest: IngestResult): Omit<Finding, 'rate' | 'severity'>[] {
  const findings: Omit<Finding, 'rate' | 'severity'>[] = [];
  if (ingest.duplicateIdsInInput > 0) {
    findings.push({
      code: 'duplicate_ids_in_input',
      column: 'id',
      count: ingest.duplicateIdsInInput,
      message: `${ingest.duplicateIdsInInput} ids occurred more than once in the input (the last occurrence was kept)`,
      exampleIds: [],
    });
  }
  if (ingest.rejected > 0) {
    findings.push({
      code: 'rejected_rows',
      column: null,
      count: ingest.rejected,
      message: `${ingest.rejected} rows were rejected by the import (see ${ingest.quarantine ?? 'the quarantine file'})`,
      exampleIds: [],
    });
  }
  return findings;
}
