import { col, id, ref, type TableSpec } from './column.js';

/** System tables: audit trail, model runs, imports, quality reports and the demo's ground truth. */

export const auditLog: TableSpec = {
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

export const modelRuns: TableSpec = {
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

export const groundTruth: TableSpec = {
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

export const imports: TableSpec = {
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

export const qualityReports: TableSpec = {
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

/** One row per logical LLM call (with its retries and repairs): cost, latency, reliability. */
export const llmCalls: TableSpec = {
  name: 'llm_calls',
  kind: 'system',
  appendOnly: true,
  addedIn: 2,
  description:
    'LLM calls: task, provider, model, tokens, cost, latency, cache hits, structured-output reliability.',
  primaryKey: ['id'],
  columns: [
    id(),
    col('ts', 'timestamp', 'When the call started (UTC)', { required: true }),
    ref('model_run_id', 'model_runs', 'Run the call belongs to', false),
    col('task', 'text', 'What the call was for, e.g. copy, classify, repair', { required: true }),
    col('provider', 'text', 'Provider id', { required: true }),
    col('model', 'text', 'Model name', { required: true }),
    col('template', 'text', 'Prompt template id@version'),
    col('prompt_hash', 'text', 'sha256 of the guarded prompt (never the text)', { required: true }),
    col('cache_key', 'text', 'Content-addressed cache key'),
    col('cached', 'boolean', 'Answered from the cache', { required: true }),
    col('status', 'text', 'Outcome', {
      required: true,
      enum: ['ok', 'error', 'budget_exceeded', 'circuit_open'],
    }),
    col('error_code', 'text', 'Error code when status is not ok'),
    col('attempts', 'integer', 'Provider attempts (retries included)'),
    col('latency_ms', 'double', 'Wall time'),
    col('input_tokens', 'integer', 'Prompt tokens'),
    col('output_tokens', 'integer', 'Completion tokens'),
    col('cost', 'double', 'Cost in `currency`'),
    col('currency', 'text', 'Currency of cost'),
    col('structured_mode', 'text', 'How JSON was requested (json_schema, tool, grammar …)'),
    col('first_try_valid', 'boolean', 'Structured answer valid on the first try'),
    col('local_repair', 'boolean', 'Made valid by local JSON repair'),
    col('llm_repairs', 'integer', 'Extra calls needed to repair the answer'),
    col('valid', 'boolean', 'Structured answer valid in the end'),
    col('redactions', 'json', 'PII placeholders per kind (counts only)'),
  ],
};

/** Content-addressed LLM response cache: a re-run with the same prompt and parameters costs nothing. */
export const llmCache: TableSpec = {
  name: 'llm_cache',
  kind: 'system',
  addedIn: 2,
  description: 'LLM response cache keyed by sha256 of provider, model, guarded prompt and parameters.',
  primaryKey: ['id'],
  columns: [
    id('Cache key'),
    col('provider', 'text', 'Provider id', { required: true }),
    col('model', 'text', 'Model name', { required: true }),
    col('response', 'json', 'Text, usage, finish reason', { required: true }),
    col('created_at', 'timestamp', 'When stored', { required: true }),
  ],
};
