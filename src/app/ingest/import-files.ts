import { type IngestOptions, type IngestResult, ingestFiles } from '../../store/ingest/index.js';
import type { Store } from '../../store/store.js';
import type { TableQualityReport } from '../quality/quality-report.js';
import { runQualityChecks } from '../quality/run-quality.js';

export interface ImportResult {
  readonly ingest: IngestResult;
  /** Quality report of the target table after the import (stored in quality_reports). */
  readonly quality: TableQualityReport | null;
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
  const extra = [];
  if (ingest.duplicateIdsInInput > 0) {
    extra.push({
      code: 'duplicate_ids_in_input' as const,
      column: 'id',
      count: ingest.duplicateIdsInInput,
      message: `${ingest.duplicateIdsInInput} ids occurred more than once in the input (the last occurrence was kept)`,
      exampleIds: [],
    });
  }
  if (ingest.rejected > 0) {
    extra.push({
      code: 'rejected_rows' as const,
      column: null,
      count: ingest.rejected,
      message: `${ingest.rejected} rows were rejected by the last import (see ${ingest.quarantine ?? 'the quarantine file'})`,
      exampleIds: [],
    });
  }
  const [quality] = await runQualityChecks(store, {
    tables: [ingest.table],
    importId: ingest.importId,
    extraFindings: { [ingest.table]: extra },
  });
  return { ingest, quality: quality ?? null };
}
