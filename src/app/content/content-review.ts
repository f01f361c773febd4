import {
  type ContentPiece,
  type FormatId,
  formats,
  type LintResult,
  lintPiece,
} from '../../content/index.js';
import type { LoadedConfig } from '../../core/config.js';
import { InputError } from '../../core/errors.js';
import type { Store } from '../../store/store.js';
import { lintOptions } from './content-service.js';

/**
 * The review workflow of generated content: draft → approved → sent (or rejected). Approval
 * re-lints the stored piece against the current brand voice and rules, so nothing that fails lint
 * can be approved — and therefore nothing that fails lint is ever sent. A batch changes all or
 * nothing: one bad id leaves every piece as it was.
 */

export type ContentStatus = 'draft' | 'approved' | 'rejected' | 'sent';

export interface StoredContent {
  readonly id: string;
  readonly modelRunId: string;
  readonly kind: string;
  readonly format: string | null;
  readonly locale: string | null;
  readonly engine: string | null;
  readonly source: string | null;
  readonly status: ContentStatus;
  readonly reviewer: string | null;
  readonly segment: string | null;
  readonly productId: string | null;
  readonly lintPassed: boolean | null;
  readonly text: string;
  readonly fields: Readonly<Record<string, string>>;
  readonly createdAt: Date | null;
  readonly updatedAt: Date | null;
}

const allowedFrom: Readonly<Record<Exclude<ContentStatus, 'draft'>, readonly ContentStatus[]>> = {
  approved: ['draft', 'rejected'],
  rejected: ['draft', 'approved'],
  sent: ['approved'],
};

function parseDetails(value: unknown): Record<string, unknown> {
  if (typeof value === 'string') return JSON.parse(value) as Record<string, unknown>;
  return (value ?? {}) as Record<string, unknown>;
}

function toStored(row: Record<string, unknown>): StoredContent {
  const details = parseDetails(row.details);
  return {
    id: String(row.id),
    modelRunId: String(row.model_run_id),
    kind: String(row.kind),
    format: row.format === null ? null : String(row.format),
    locale: row.locale === null ? null : String(row.locale),
    engine: row.engine === null ? null : String(row.engine),
    source: row.source === null ? null : String(row.source),
    status: String(row.status) as ContentStatus,
    reviewer: row.reviewer === null ? null : String(row.reviewer),
    segment: row.segment === null ? null : String(row.segment),
    productId: row.product_id === null ? null : String(row.product_id),
    lintPassed: row.lint_passed === null ? null : Boolean(row.lint_passed),
    text: String(row.text),
    fields: (details.fields ?? {}) as Record<string, string>,
    createdAt: row.created_at instanceof Date ? row.created_at : null,
    updatedAt: row.updated_at instanceof Date ? row.updated_at : null,
  };
}

const selectColumns = `id, model_run_id, kind, format, locale, engine, source, status, reviewer, segment,
  product_id, lint_passed, text, details, created_at, updated_at`;

export async function listContent(
  store: Store,
  filter: { readonly status?: ContentStatus; readonly kind?: string; readonly limit?: number } = {},
): Promise<StoredContent[]> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.status) {
    params.push(filter.status);
    where.push(`status = $${params.length}`);
  }
  if (filter.kind) {
    params.push(filter.kind);
    where.push(`kind = $${params.length}`);
  }
  params.push(filter.limit ?? 100);
  const rows = await store.query(
    `SELECT ${selectColumns} FROM generated_content ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY created_at DESC NULLS LAST, id LIMIT $${params.length}`,
    params,
  );
  return rows.map(toStored);
}

/** The stored piece as a piece again (for re-linting). */
export function storedPiece(content: StoredContent): ContentPiece {
  const format = content.format as FormatId;
  if (!(format in formats))
    throw new InputError('unknown_format', `${content.id} has no known format ("${content.format}")`);
  return {
    format,
    kind: formats[format].kind,
    locale: content.locale === 'zh' ? 'zh' : 'en',
    fields: content.fields,
    engine: content.engine ?? 'unknown',
    source: content.source ?? 'unknown',
  };
}

export interface StatusChange {
  readonly id: string;
  readonly from: ContentStatus;
  readonly to: ContentStatus;
  readonly lint: LintResult | null;
}

export async function setContentStatus(
  store: Store,
  config: LoadedConfig,
  ids: readonly string[],
  to: Exclude<ContentStatus, 'draft'>,
  reviewer?: string,
): Promise<StatusChange[]> {
  if (ids.length === 0) throw new InputError('usage', 'Name at least one content id');
  if (to === 'approved' && !reviewer)
    throw new InputError(
      'missing_reviewer',
      'Approving content needs --reviewer NAME (recorded with the piece)',
    );
  return store.transaction(async (tx) => {
    const changes: StatusChange[] = [];
    for (const id of ids) {
      const rows = await tx.query(`SELECT ${selectColumns} FROM generated_content WHERE id = $1`, [id]);
      const row = rows[0];
      if (!row) throw new InputError('unknown_content', `There is no generated content with id "${id}"`);
      const stored = toStored(row);
      if (!allowedFrom[to].includes(stored.status))
        throw new InputError(
          'invalid_transition',
          `${id} is ${stored.status}; it can become ${to} only from ${allowedFrom[to].join(' or ')}`,
        );
      let lint: LintResult | null = null;
      if (to === 'approved' || to === 'sent') {
        lint = lintPiece(storedPiece(stored), lintOptions(config));
        if (!lint.passed)
          throw new InputError(
            'lint_failed',
            `${id} fails lint and cannot be ${to}: ${lint.findings
              .filter((f) => f.severity === 'error')
              .map((f) => `${f.rule}${f.field ? ` in ${f.field}` : ''} (${f.reason.en})`)
              .join('; ')}`,
            { hint: 'Fix the text (or regenerate) first; nothing was changed.' },
          );
      }
      await tx.execute(
        `UPDATE generated_content SET status = $1, reviewer = COALESCE($2, reviewer), updated_at = $3,
           lint_passed = COALESCE($4, lint_passed) WHERE id = $5`,
        [to, reviewer ?? null, new Date(), lint ? lint.passed : null, id],
      );
      changes.push({ id, from: stored.status, to, lint });
    }
    return changes;
  });
}
