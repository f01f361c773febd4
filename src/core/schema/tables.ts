import { type ColumnSpec, col, id, ref, type TableSpec } from './column.js';

/** The data model of DESIGN.md, version 1. Add columns with `addedIn` and a new migration. */

const channelValues = ['online', 'store', 'miniprogram', 'app', 'marketplace', 'phone', 'other'] as const;
const langValues = ['zh', 'en', 'other'] as const;
const runRef = ref('model_run_id', 'model_runs', 'Model run that produced this row');

const customers: TableSpec = {
  name: 'customers',
  kind: 'source',
  description:
    'One row per customer record as known to a source system (duplicates across channels are resolved by identity resolution).',
  primaryKey: ['id'],
  columns: [
    id('Customer id'),
    col('name', 'text', 'Full name', { pii: true }),
    col('email', 'text', 'Email address', { pii: true, check: 'email' }),
    col('phone', 'text', 'Phone number as given', { pii: true, check: 'phone' }),
    col('gender', 'text', 'Self-reported gender', { enum: ['female', 'male', 'other', 'unknown'] }),
    col('birth_date', 'date', 'Date of birth', { pii: true }),
    col('city', 'text', 'City'),
    col('region', 'text', 'Province / state'),
    col('country', 'text', 'ISO 3166-1 alpha-2 country code'),
    col('locale', 'text', 'Preferred language', { enum: langValues }),
    col('acquisition_channel', 'text', 'Channel through which the customer was acquired', {
      enum: channelValues,
    }),
    col('signup_at', 'timestamp', 'When the customer record was created', { required: true }),
    col('attributes', 'json', 'Free-form attributes from the source'),
  ],
};

const identities: TableSpec = {
  name: 'identities',
  kind: 'source',
  description: 'Source-system identifiers mapped to a customer (source system + source id → customer).',
  primaryKey: ['id'],
  columns: [
    id(),
    ref('customer_id', 'customers', 'Customer this identity belongs to'),
    col('source_system', 'text', 'System of origin (shop, pos, miniprogram, crm …)', { required: true }),
    col('source_id', 'text', 'Identifier inside the source system', { required: true }),
    col('id_type', 'text', 'Kind of identifier', {
      enum: ['account', 'email', 'phone', 'device', 'openid', 'loyalty_card', 'other'],
    }),
    col('first_seen_at', 'timestamp', 'First time the identity was seen'),
  ],
};

const products: TableSpec = {
  name: 'products',
  kind: 'source',
  description: 'Product catalogue.',
  primaryKey: ['id'],
  columns: [
    id('Product id'),
    col('sku', 'text', 'Stock keeping unit', { required: true }),
    col('name', 'text', 'Product name (English)', { required: true }),
    col('name_zh', 'text', 'Product name (Chinese)'),
    col('category', 'text', 'Category', { required: true }),
    col('brand', 'text', 'Brand'),
    col('price', 'double', 'List price', { check: 'nonNegative', amount: true }),
    col('cost', 'double', 'Unit cost', { check: 'nonNegative', amount: true }),
    col('currency', 'text', 'ISO 4217 currency code', { check: 'currency' }),
    col('launched_at', 'date', 'Launch date'),
    col('description', 'text', 'Description'),
  ],
};

const orders: TableSpec = {
  name: 'orders',
  kind: 'source',
  description: 'Orders (one row per order).',
  primaryKey: ['id'],
  columns: [
    id('Order id'),
    ref('customer_id', 'customers', 'Buyer'),
    col('ordered_at', 'timestamp', 'Order time (UTC)', { required: true }),
    col('channel', 'text', 'Sales channel', { enum: channelValues }),
    col('store_id', 'text', 'Store or shop id'),
    col('status', 'text', 'Order status', { enum: ['completed', 'cancelled', 'returned', 'pending'] }),
    col('currency', 'text', 'ISO 4217 currency code', { check: 'currency' }),
    col('total_amount', 'double', 'Order total after discounts', {
      required: true,
      check: 'nonNegative',
      amount: true,
    }),
    col('discount_amount', 'double', 'Discount given', { check: 'nonNegative', amount: true }),
    col('promotion_id', 'text', 'Promotion applied, if any'),
  ],
};

const orderLines: TableSpec = {
  name: 'order_lines',
  kind: 'source',
  description: 'Order lines.',
  primaryKey: ['id'],
  columns: [
    id(),
    ref('order_id', 'orders', 'Order'),
    ref('product_id', 'products', 'Product'),
    col('quantity', 'integer', 'Units', { required: true, check: 'positive' }),
    col('unit_price', 'double', 'Price per unit actually charged', {
      required: true,
      check: 'nonNegative',
      amount: true,
    }),
    col('discount_amount', 'double', 'Line discount', { check: 'nonNegative', amount: true }),
  ],
};

const events: TableSpec = {
  name: 'events',
  kind: 'source',
  description: 'Web / app behaviour events.',
  primaryKey: ['id'],
  columns: [
    id(),
    col('session_id', 'text', 'Session', { required: true }),
    ref('customer_id', 'customers', 'Customer, when known', false),
    col(
      'event_type',
      'text',
      'page_view, product_view, add_to_cart, checkout, purchase, search, signup, conversion …',
      {
        required: true,
      },
    ),
    col('page', 'text', 'Page path'),
    ref('product_id', 'products', 'Product involved', false),
    col('ts', 'timestamp', 'Event time (UTC)', { required: true }),
    col('device', 'text', 'Device class', { enum: ['desktop', 'mobile', 'tablet', 'other'] }),
    col('channel', 'text', 'Traffic source channel'),
    col('value', 'double', 'Monetary or numeric value of the event'),
    col('properties', 'json', 'Free-form properties'),
  ],
};

const campaigns: TableSpec = {
  name: 'campaigns',
  kind: 'source',
  description: 'Marketing campaigns.',
  primaryKey: ['id'],
  columns: [
    id(),
    col('name', 'text', 'Campaign name', { required: true }),
    col('channel', 'text', 'Marketing channel (search, social, email, display, video, affiliate, sms …)', {
      required: true,
    }),
    col('objective', 'text', 'awareness, acquisition, retention, …'),
    col('start_date', 'date', 'First day'),
    col('end_date', 'date', 'Last day'),
    col('budget', 'double', 'Planned budget', { check: 'nonNegative', amount: true }),
    col('currency', 'text', 'ISO 4217 currency code', { check: 'currency' }),
  ],
};

const campaignStats: TableSpec = {
  name: 'campaign_stats',
  kind: 'source',
  description: 'Daily delivery and outcome statistics per campaign.',
  primaryKey: ['id'],
  columns: [
    id(),
    ref('campaign_id', 'campaigns', 'Campaign'),
    col('date', 'date', 'Day', { required: true }),
    col('channel', 'text', 'Marketing channel'),
    col('spend', 'double', 'Spend', { required: true, check: 'nonNegative', amount: true }),
    col('impressions', 'integer', 'Impressions', { check: 'nonNegative' }),
    col('clicks', 'integer', 'Clicks', { check: 'nonNegative' }),
    col('conversions', 'integer', 'Conversions', { check: 'nonNegative' }),
    col('revenue', 'double', 'Attributed revenue reported by the platform', {
      check: 'nonNegative',
      amount: true,
    }),
  ],
};

const touchpoints: TableSpec = {
  name: 'touchpoints',
  kind: 'source',
  description: 'Marketing touchpoints on customer journeys.',
  primaryKey: ['id'],
  columns: [
    id(),
    ref('customer_id', 'customers', 'Customer'),
    col('channel', 'text', 'Marketing channel', { required: true }),
    ref('campaign_id', 'campaigns', 'Campaign', false),
    col('ts', 'timestamp', 'Touch time (UTC)', { required: true }),
    col('interaction', 'text', 'impression, click, visit, open, message', {
      enum: ['impression', 'click', 'visit', 'open', 'message', 'other'],
    }),
  ],
};

const documents: TableSpec = {
  name: 'documents',
  kind: 'source',
  description: 'Reviews, social posts, news and support tickets.',
  primaryKey: ['id'],
  columns: [
    id(),
    col('source', 'text', 'Kind of document', {
      required: true,
      enum: ['review', 'social', 'news', 'ticket', 'survey', 'other'],
    }),
    col('lang', 'text', 'Language', { enum: langValues }),
    col('text', 'text', 'Text', { required: true }),
    col('rating', 'double', 'Star rating (1-5) for reviews'),
    ref('product_id', 'products', 'Product discussed', false),
    ref('customer_id', 'customers', 'Author, when a customer', false),
    col('brand', 'text', 'Brand the document is about'),
    col('author', 'text', 'Author handle', { pii: true }),
    col('url', 'text', 'Link to the original'),
    col('ts', 'timestamp', 'Publication time (UTC)', { required: true }),
  ],
};

const kbArticles: TableSpec = {
  name: 'kb_articles',
  kind: 'source',
  description: 'Knowledge-base articles (FAQ, policies).',
  primaryKey: ['id'],
  columns: [
    id(),
    col('title', 'text', 'Title', { required: true }),
    col('body', 'text', 'Body text', { required: true }),
    col('lang', 'text', 'Language', { enum: langValues }),
    col('category', 'text', 'Category'),
    col('updated_at', 'timestamp', 'Last update'),
  ],
};

const kbChunks: TableSpec = {
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

const conversations: TableSpec = {
  name: 'conversations',
  kind: 'source',
  description: 'Customer-service conversations.',
  primaryKey: ['id'],
  columns: [
    id(),
    ref('customer_id', 'customers', 'Customer', false),
    col('channel', 'text', 'Channel'),
    col('started_at', 'timestamp', 'Start', { required: true }),
  ],
};

const messages: TableSpec = {
  name: 'messages',
  kind: 'source',
  description: 'Messages of conversations.',
  primaryKey: ['id'],
  columns: [
    id(),
    ref('conversation_id', 'conversations', 'Conversation'),
    col('role', 'text', 'Speaker', { required: true, enum: ['customer', 'agent', 'assistant', 'system'] }),
    col('text', 'text', 'Message text', { required: true, pii: true }),
    col('ts', 'timestamp', 'Time', { required: true }),
  ],
};

const experiments: TableSpec = {
  name: 'experiments',
  kind: 'source',
  description: 'A/B tests and other experiments.',
  primaryKey: ['id'],
  columns: [
    id(),
    col('name', 'text', 'Name', { required: true }),
    col('hypothesis', 'text', 'Hypothesis'),
    col('primary_metric', 'text', 'Primary metric'),
    col('status', 'text', 'Status', { enum: ['draft', 'running', 'finished', 'stopped'] }),
    col('variants', 'json', 'Variant names and planned traffic split'),
    col('start_at', 'timestamp', 'Start'),
    col('end_at', 'timestamp', 'End'),
  ],
};

const assignments: TableSpec = {
  name: 'assignments',
  kind: 'source',
  description:
    'Experiment exposures: which customer saw which variant; outcomes are events/orders after assigned_at.',
  primaryKey: ['id'],
  columns: [
    id(),
    ref('experiment_id', 'experiments', 'Experiment'),
    ref('customer_id', 'customers', 'Customer'),
    col('variant', 'text', 'Variant', { required: true }),
    col('assigned_at', 'timestamp', 'Exposure time', { required: true }),
  ],
};

const consents: TableSpec = {
  name: 'consents',
  kind: 'source',
  appendOnly: true,
  description: 'Consent history (append-only): latest row per customer/channel/purpose is in force.',
  primaryKey: ['id'],
  columns: [
    id(),
    ref('customer_id', 'customers', 'Customer'),
    col('channel', 'text', 'email, sms, phone, push, messaging, ads', { required: true }),
    col('purpose', 'text', 'marketing, analytics, personalisation, profiling', { required: true }),
    col('granted', 'boolean', 'Granted (true) or withdrawn (false)', { required: true }),
    col('source', 'text', 'Where the consent was captured'),
    col('ts', 'timestamp', 'When', { required: true }),
  ],
};

const dsrRequests: TableSpec = {
  name: 'dsr_requests',
  kind: 'source',
  description: 'Data-subject requests (GDPR / CCPA / PIPL).',
  primaryKey: ['id'],
  columns: [
    id(),
    ref('customer_id', 'customers', 'Data subject', false),
    col('kind', 'text', 'Request kind', {
      required: true,
      enum: ['access', 'delete', 'rectify', 'opt_out', 'portability'],
    }),
    col('status', 'text', 'Status', { enum: ['received', 'in_progress', 'completed', 'rejected'] }),
    col('received_at', 'timestamp', 'Received', { required: true }),
    col('completed_at', 'timestamp', 'Completed'),
    col('details', 'json', 'Details'),
  ],
};

const auditLog: TableSpec = {
  name: 'audit_log',
  kind: 'system',
  appendOnly: true,
  description: 'Append-only, hash-chained audit trail.',
  primaryKey: ['id'],
  columns: [
    id(),
    col('seq', 'integer', 'Sequence number', { required: true }),
    col('ts', 'timestamp', 'When', { required: true }),
    col('actor', 'text', 'Who (user, service)'),
    col('action', 'text', 'What', { required: true }),
    col('subject', 'text', 'On what (table/id), never raw PII'),
    col('details', 'json', 'Details'),
    col('prev_hash', 'text', 'Hash of the previous entry'),
    col('hash', 'text', 'sha256(prev_hash + canonical entry)', { required: true }),
  ],
};

const modelRuns: TableSpec = {
  name: 'model_runs',
  kind: 'system',
  description:
    'Every fitted model or analysis run: kind, engine, params, metrics, data window, code version.',
  primaryKey: ['id'],
  columns: [
    id(),
    col('kind', 'text', 'What ran, e.g. clv.bg_nbd, ingest, quality', { required: true }),
    col('engine', 'text', 'classic, or the model name of an LLM', { required: true }),
    col('status', 'text', 'Status', { enum: ['running', 'succeeded', 'failed'] }),
    col('params', 'json', 'Parameters'),
    col('metrics', 'json', 'Metrics'),
    col('data_window_start', 'timestamp', 'Start of the data used'),
    col('data_window_end', 'timestamp', 'End of the data used'),
    col('code_version', 'text', 'Marketmind version'),
    col('created_at', 'timestamp', 'Start time', { required: true }),
    col('finished_at', 'timestamp', 'End time'),
  ],
};

function derived(name: string, description: string, columns: readonly ColumnSpec[]): TableSpec {
  return { name, kind: 'derived', description, primaryKey: ['id'], columns: [id(), runRef, ...columns] };
}

const derivedTables: readonly TableSpec[] = [
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
    col('period_start', 'date', 'Period', { required: true }),
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
    col('kind', 'text', 'ad_copy, product_description, email, social_post, story …', { required: true }),
    col('locale', 'text', 'Language', { enum: langValues }),
    col('prompt_hash', 'text', 'Hash of the (redacted) prompt'),
    col('text', 'text', 'Content', { required: true }),
    col('status', 'text', 'Review status', { enum: ['draft', 'approved', 'rejected'] }),
    col('reviewer', 'text', 'Reviewer'),
    col('details', 'json', 'Lint findings, variant info'),
  ]),
  derived('identity_clusters', 'Resolved identities: customer records that are the same person.', [
    col('cluster_id', 'text', 'Resolved person id', { required: true }),
    ref('customer_id', 'customers', 'Customer record'),
    col('match_probability', 'double', 'Match probability', { check: 'probability' }),
  ]),
];

const groundTruth: TableSpec = {
  name: 'ground_truth',
  kind: 'system',
  description: 'Planted truth of the demo data set, for testing model recovery.',
  primaryKey: ['id'],
  columns: [
    id(),
    col('kind', 'text', 'What is recorded, e.g. bg_nbd_params, duplicate_identity', { required: true }),
    col('key', 'text', 'Which entity', { required: true }),
    col('value', 'json', 'The truth', { required: true }),
  ],
};

const imports: TableSpec = {
  name: 'imports',
  kind: 'system',
  description: 'One row per ingest run.',
  primaryKey: ['id'],
  columns: [
    id(),
    col('table_name', 'text', 'Target table', { required: true }),
    col('files', 'json', 'Source files', { required: true }),
    col('read', 'integer', 'Records read', { required: true }),
    col('accepted', 'integer', 'Records accepted', { required: true }),
    col('rejected', 'integer', 'Records rejected', { required: true }),
    col('quarantine_path', 'text', 'Quarantine file, if any'),
    col('started_at', 'timestamp', 'Start', { required: true }),
    col('finished_at', 'timestamp', 'End'),
  ],
};

const qualityReports: TableSpec = {
  name: 'quality_reports',
  kind: 'system',
  description: 'Data-quality reports per import and per table, kept for trends.',
  primaryKey: ['id'],
  columns: [
    id(),
    col('table_name', 'text', 'Table', { required: true }),
    ref('import_id', 'imports', 'Import that triggered the report', false),
    col('created_at', 'timestamp', 'When', { required: true }),
    col('row_count', 'integer', 'Rows checked', { required: true }),
    col('issue_count', 'integer', 'Findings', { required: true }),
    col('report', 'json', 'The full report', { required: true }),
  ],
};

export const tables: readonly TableSpec[] = [
  customers,
  identities,
  products,
  orders,
  orderLines,
  events,
  campaigns,
  campaignStats,
  touchpoints,
  documents,
  kbArticles,
  kbChunks,
  conversations,
  messages,
  experiments,
  assignments,
  consents,
  dsrRequests,
  auditLog,
  modelRuns,
  ...derivedTables,
  groundTruth,
  imports,
  qualityReports,
];

const byName = new Map(tables.map((t) => [t.name, t]));

export const tableNames: readonly string[] = tables.map((t) => t.name);
export const sourceTableNames: readonly string[] = tables
  .filter((t) => t.kind === 'source')
  .map((t) => t.name);

/** The spec of a table, or undefined. */
export function findTable(name: string): TableSpec | undefined {
  return byName.get(name);
}
