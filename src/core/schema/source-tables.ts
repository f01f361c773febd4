import { col, id, ref, type TableSpec } from './column.js';

/**
 * Source tables: data imported from shops, POS, CRM, ad platforms and text sources (version 1 of
 * DESIGN.md's data model). A new table gets `addedIn: <its migration version>`; a new column of an
 * existing table gets `addedIn` on the column (store/migrations builds the migrations from both).
 */

export const channelValues = [
  'online',
  'store',
  'miniprogram',
  'app',
  'marketplace',
  'phone',
  'other',
] as const;
export const langValues = ['zh', 'en', 'other'] as const;

export const customers: TableSpec = {
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

export const identities: TableSpec = {
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

export const products: TableSpec = {
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

export const orders: TableSpec = {
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

export const orderLines: TableSpec = {
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

export const events: TableSpec = {
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

export const campaigns: TableSpec = {
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
    col('start_date', 'date', 'First day', { allowFuture: true }),
    col('end_date', 'date', 'Last day', { allowFuture: true }),
    col('budget', 'double', 'Planned budget', { check: 'nonNegative', amount: true }),
    col('currency', 'text', 'ISO 4217 currency code', { check: 'currency' }),
  ],
};

export const campaignStats: TableSpec = {
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

export const touchpoints: TableSpec = {
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

export const documents: TableSpec = {
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

export const kbArticles: TableSpec = {
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

export const conversations: TableSpec = {
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

export const messages: TableSpec = {
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

export const experiments: TableSpec = {
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
    col('start_at', 'timestamp', 'Start', { allowFuture: true }),
    col('end_at', 'timestamp', 'End', { allowFuture: true }),
  ],
};

export const assignments: TableSpec = {
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

export const consents: TableSpec = {
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

export const dsrRequests: TableSpec = {
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
