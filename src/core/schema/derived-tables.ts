import { type ColumnSpec, col, id, ref, type TableSpec } from './column.js';
import { langValues } from './source-tables.js';

/**
 * Derived tables: results of models and analyses, each row tied to the model run that produced
 * it (`model_run_id`), plus the retrieval chunks of the knowledge base.
 */

const runRef = ref('model_run_id', 'model_runs', 'Model run that produced this row');

export const kbChunks: TableSpec = {
  name: 'kb_chunks',
  kind: 'derived',
  description: 'Retrieval chunks of knowledge-base articles.',
  primaryKey: ['id'],
  columns: [
    id(),
    ref('article_id', 'kb_articles', 'Article'),
    col('chunk_index', 'integer', 'Position in the article', { required: true }),
    col('text', 'text', 'Chunk text', { required: true }),
    col('embedding', 'json', 'Embedding vector, when computed'),
  ],
};

function derived(name: string, description: string, columns: readonly ColumnSpec[]): TableSpec {
  return { name, kind: 'derived', description, primaryKey: ['id'], columns: [id(), runRef, ...columns] };
}

export const derivedTables: readonly TableSpec[] = [
  derived('customer_scores', 'Per-customer scores (CLV, P(alive), churn risk, intent …).', [
    ref('customer_id', 'customers', 'Customer'),
    col('score_kind', 'text', 'Score name', { required: true }),
    col('value', 'double', 'Point estimate'),
    col('lower', 'double', 'Interval lower bound'),
    col('upper', 'double', 'Interval upper bound'),
    col('details', 'json', 'Details'),
  ]),
  derived('segments', 'Segment membership.', [
    ref('customer_id', 'customers', 'Customer'),
    col('segment', 'text', 'Segment key', { required: true }),
    col('label_en', 'text', 'English label'),
    col('label_zh', 'text', 'Chinese label'),
  ]),
  derived('forecasts', 'Forecasts with intervals.', [
    col('series_key', 'text', 'Series', { required: true }),
    col('period_start', 'date', 'Period', { required: true, allowFuture: true }),
    col('horizon', 'integer', 'Steps ahead'),
    col('point', 'double', 'Point forecast'),
    col('lo80', 'double', '80% lower'),
    col('hi80', 'double', '80% upper'),
    col('lo95', 'double', '95% lower'),
    col('hi95', 'double', '95% upper'),
  ]),
  derived('doc_insights', 'Per-document text analytics (sentiment, aspects, topics).', [
    ref('doc_id', 'documents', 'Document'),
    col('kind', 'text', 'sentiment, aspect, topic, competitor …', { required: true }),
    col('label', 'text', 'Label'),
    col('score', 'double', 'Score'),
    col('details', 'json', 'Details'),
  ]),
  derived('recommendations', 'Per-customer recommendations.', [
    ref('customer_id', 'customers', 'Customer'),
    ref('product_id', 'products', 'Product'),
    col('rank', 'integer', 'Rank (1 = best)', { required: true }),
    col('score', 'double', 'Score'),
    col('reason', 'text', 'Explanation'),
  ]),
  derived('generated_content', 'Generated marketing content with review status.', [
    col('kind', 'text', 'ad, description, email, social, story', { required: true }),
    col('locale', 'text', 'Language', { enum: langValues }),
    col('prompt_hash', 'text', 'Hash of the (redacted) prompt'),
    col('text', 'text', 'Content', { required: true }),
    col('status', 'text', 'Review status: draft → approved → sent (or rejected)', {
      enum: ['draft', 'approved', 'rejected', 'sent'],
    }),
    col('reviewer', 'text', 'Reviewer'),
    col('details', 'json', 'Fields, lint findings, variant info'),
    col('format', 'text', 'Format (search_ad, email, sms …)', { addedIn: 2 }),
    col('engine', 'text', 'template, or provider/model of the LLM', { addedIn: 2 }),
    col('source', 'text', 'Template or prompt id@version', { addedIn: 2 }),
    col('variant', 'integer', 'Variant number within the request', { addedIn: 2 }),
    col('segment', 'text', 'Segment the piece is for', { addedIn: 2 }),
    col('product_id', 'text', 'Product the piece is about', { addedIn: 2 }),
    col('lint_passed', 'boolean', 'No error-severity lint findings', { addedIn: 2 }),
    col('created_at', 'timestamp', 'When written', { addedIn: 2 }),
    col('updated_at', 'timestamp', 'Last status change', { addedIn: 2 }),
  ]),
  derived('identity_clusters', 'Resolved identities: customer records that are the same person.', [
    col('cluster_id', 'text', 'Resolved person id', { required: true }),
    ref('customer_id', 'customers', 'Customer record'),
    col('match_probability', 'double', 'Match probability', { check: 'probability' }),
  ]),
];
