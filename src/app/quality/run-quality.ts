import { InputError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { TableSpec } from '../../core/schema/index.js';
import { tables } from '../../core/schema/index.js';
import type { Store } from '../../store/store.js';
import { insertModelRun } from '../model-runs.js';
import type { Finding, TableQualityReport } from './quality-report.js';
import { checkTableQuality } from './table-quality.js';

export interface QualityRunOptions {
  /** Tables to check; default every source table that has rows. */
  readonly tables?: readonly string[];
  /** The import that triggered the check, per table. */
  readonly importIds?: Readonly<Record<string, string>>;
  readonly extraFindings?: Readonly<Record<string, readonly Omit<Finding, 'rate' | 'severity'>[]>>;
  readonly now?: Date;
  readonly onTable?: (table: string, index: number, total: number) => void;
}

/** Checks tables, stores one `quality_reports` row per table (kept for trends) and returns the reports. */
export async function runQualityChecks(
  store: Store,
  options: QualityRunOptions = {},
): Promise<TableQualityReport[]> {
  const candidates: readonly TableSpec[] = options.tables
    ? options.tables.map((name) => {
        const spec = tables.find((t) => t.name === name);
        if (!spec) {
          throw new InputError('unknown_table', `There is no table named "${name}"`, {
            hint: `Tables: ${tables.map((t) => t.name).join(', ')}`,
          });
        }
        return spec;
      })
    : tables.filter((t) => t.kind === 'source');
  const started = options.now ?? new Date();
  const modelRunId = newId('run');
  const reports: TableQualityReport[] = [];
  for (const [index, spec] of candidates.entries()) {
    options.onTable?.(spec.name, index, candidates.length);
    const report = await checkTableQuality(store, spec.name, {
      now: options.now,
      importId: options.importIds?.[spec.name] ?? null,
      modelRunId,
      extraFindings: options.extraFindings?.[spec.name],
    });
    if (!options.tables && report.rowCount === 0) continue;
    reports.push(report);
  }
  await store.transaction(async (tx) => {
    await insertModelRun(tx, {
      id: modelRunId,
      kind: 'data_quality',
      engine: 'classic',
      params: { tables: reports.map((r) => r.table) },
      metrics: {
        rows: reports.reduce((sum, r) => sum + r.rowCount, 0),
        findings: reports.reduce((sum, r) => sum + r.findings.length, 0),
      },
      startedAt: started,
    });
    for (const report of reports) {
      await tx.execute(
        'INSERT INTO quality_reports (id, table_name, import_id, created_at, row_count, issue_count, report) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [
          newId('qr'),
          report.table,
          report.importId,
          new Date(report.checkedAt),
          report.rowCount,
          report.findings.reduce((sum, f) => sum + f.count, 0),
          report as unknown as Record<string, unknown>,
        ],
      );
    }
  });
  return reports;
}

export interface QualityTrendPoint {
  readonly table: string;
  readonly createdAt: Date;
  readonly rowCount: number;
  readonly issueCount: number;
}

/** Earlier reports, oldest first, to show whether data quality improves. */
export async function qualityTrend(store: Store, table?: string): Promise<QualityTrendPoint[]> {
  const rows = await store.query(
    `SELECT table_name, created_at, row_count, issue_count FROM quality_reports ${table ? 'WHERE table_name = $1' : ''} ORDER BY created_at, table_name`,
    table ? [table] : [],
  );
  return rows.map((r) => ({
    table: String(r.table_name),
    createdAt: r.created_at as Date,
    rowCount: Number(r.row_count),
    issueCount: Number(r.issue_count),
  }));
}
