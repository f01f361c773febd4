import { base64ToBuffer, typedArrayToBase64 } from '../../core/typed-array-base64.js';
import type {
  CachedLlmResponse,
  EmbeddingCache,
  LlmCacheStore,
  LlmCallRecord,
  LlmCallRecorder,
} from '../../llm/index.js';
import type { Queryable, SqlValue } from '../../store/store.js';

/**
 * The LLM client's cache and call log kept in the store (`llm_cache`, `llm_calls`), so a re-run
 * of the same prompts costs nothing and `marketmind llm stats` can tell how reliable each model is.
 * Only hashes and counts are stored about prompts, never their text.
 *
 * Writes are batched: a single-row INSERT costs 3–5 ms on DuckDB (measured), more than the whole
 * client's own work per call, so rows collect in a buffer and go out as one multi-row INSERT when
 * 200 are waiting or 100 ms after the first — and on `flush()`, which the client calls on close.
 * The cache answers from the buffer too, so a key put a moment ago is found at once.
 */

const flushRows = 200;
const flushAfterMs = 100;

/** Buffers rows of one table and writes them as multi-row INSERTs. */
class BatchedInsert {
  private rows: SqlValue[][] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private failure: unknown;

  constructor(
    private readonly db: Queryable,
    private readonly table: string,
    private readonly columns: readonly string[],
    private readonly suffix = '',
    private readonly onWritten: (rows: readonly SqlValue[][]) => void = () => undefined,
  ) {}

  add(row: SqlValue[]): void {
    if (this.failure !== undefined) throw this.failure;
    this.rows.push(row);
    if (this.rows.length >= flushRows) void this.flush().catch(() => undefined);
    else this.timer ??= setTimeout(() => void this.flush().catch(() => undefined), flushAfterMs);
  }

  /** Writes every buffered row; rethrows a failure of an earlier background write. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const rows = this.rows;
    this.rows = [];
    this.writing = this.writing.then(async () => {
      if (rows.length === 0) return;
      await this.insert(rows);
      this.onWritten(rows);
    });
    return this.writing.catch((error: unknown) => {
      this.failure = error;
      throw error;
    });
  }

  private async insert(rows: SqlValue[][]): Promise<void> {
    const width = this.columns.length;
    const values = rows
      .map((_, r) => `(${this.columns.map((__, c) => `$${r * width + c + 1}`).join(', ')})`)
      .join(', ');
    await this.db.execute(
      `INSERT INTO ${this.table} (${this.columns.join(', ')}) VALUES ${values} ${this.suffix}`,
      rows.flat(),
    );
  }
}

export type BufferedCache = LlmCacheStore & { flush(): Promise<void> };
export type BufferedRecorder = LlmCallRecorder & { flush(): Promise<void> };

/** Batched `llm_cache` rows; once written, the table answers for a key, so it leaves `pending`. */
function cacheWriter(db: Queryable, pending: Map<string, unknown>): BatchedInsert {
  return new BatchedInsert(
    db,
    'llm_cache',
    ['id', 'provider', 'model', 'response', 'created_at'],
    'ON CONFLICT (id) DO NOTHING',
    (rows) => {
      for (const row of rows) pending.delete(row[0] as string);
    },
  );
}

export function storeCache(db: Queryable, identity: { provider: string; model: string }): BufferedCache {
  const pending = new Map<string, CachedLlmResponse>();
  const writer = cacheWriter(db, pending);
  return {
    async get(key) {
      const buffered = pending.get(key);
      if (buffered) return buffered;
      const rows = await db.query('SELECT response FROM llm_cache WHERE id = $1', [key]);
      const response = rows[0]?.response;
      if (response === undefined || response === null) return undefined;
      return (typeof response === 'string' ? JSON.parse(response) : response) as CachedLlmResponse;
    },
    async put(key, value) {
      if (pending.has(key)) return;
      pending.set(key, value);
      writer.add([
        key,
        identity.provider,
        identity.model,
        value as unknown as Record<string, unknown>,
        new Date(),
      ]);
    },
    flush: () => writer.flush(),
  };
}

/** Keys per lookup query (well under the bind-parameter limits of DuckDB and PostgreSQL). */
const lookupChunk = 500;

/**
 * Embedding vectors in `llm_cache`, one row per (provider, model, redacted text) key: the response
 * column holds `{"embedding": <base64 of little-endian Float32>, "dimensions": n}` (a 1,024-float
 * vector is 5.5 kB). Same batching as the response cache.
 */
export function storeEmbeddingCache(
  db: Queryable,
  identity: { provider: string; model: string },
): EmbeddingCache & { flush(): Promise<void> } {
  const pending = new Map<string, Float32Array>();
  const writer = cacheWriter(db, pending);
  const decode = (response: unknown): Float32Array | undefined => {
    const value = (typeof response === 'string' ? JSON.parse(response) : response) as {
      embedding?: unknown;
      dimensions?: unknown;
    } | null;
    if (typeof value?.embedding !== 'string' || typeof value.dimensions !== 'number') return undefined;
    const buffer = base64ToBuffer(value.embedding);
    return buffer !== null && buffer.byteLength === 4 * value.dimensions
      ? new Float32Array(buffer)
      : undefined;
  };
  return {
    async getMany(keys) {
      const found = new Map<string, Float32Array>();
      const missing: string[] = [];
      for (const key of keys) {
        const buffered = pending.get(key);
        if (buffered) found.set(key, buffered);
        else missing.push(key);
      }
      for (let start = 0; start < missing.length; start += lookupChunk) {
        const chunk = missing.slice(start, start + lookupChunk);
        const rows = await db.query(
          `SELECT id, response FROM llm_cache WHERE id IN (${chunk.map((_, i) => `$${i + 1}`).join(', ')})`,
          chunk,
        );
        for (const row of rows) {
          const vector = decode(row.response);
          if (vector) found.set(String(row.id), vector);
        }
      }
      return found;
    },
    put(key, vector) {
      if (pending.has(key)) return;
      pending.set(key, vector);
      writer.add([
        key,
        identity.provider,
        identity.model,
        {
          embedding: typedArrayToBase64(vector),
          dimensions: vector.length,
        },
        new Date(),
      ]);
    },
    flush: () => writer.flush(),
  };
}

const callColumns = [
  'id',
  'ts',
  'model_run_id',
  'task',
  'provider',
  'model',
  'template',
  'prompt_hash',
  'cache_key',
  'cached',
  'status',
  'error_code',
  'attempts',
  'latency_ms',
  'input_tokens',
  'output_tokens',
  'cost',
  'currency',
  'structured_mode',
  'first_try_valid',
  'local_repair',
  'llm_repairs',
  'valid',
  'redactions',
];

export function storeRecorder(db: Queryable): BufferedRecorder {
  const writer = new BatchedInsert(db, 'llm_calls', callColumns);
  return {
    async record(call: LlmCallRecord) {
      const s = call.structured;
      writer.add([
        call.id,
        new Date(call.ts),
        call.runId ?? null,
        call.task,
        call.provider,
        call.model,
        call.template ?? null,
        call.promptHash,
        call.cacheKey,
        call.cached,
        call.status,
        call.errorCode ?? null,
        call.attempts,
        call.latencyMs,
        call.inputTokens,
        call.outputTokens,
        call.cost,
        call.currency,
        s?.mode ?? null,
        s ? s.firstTryValid : null,
        s ? s.localRepair : null,
        s ? s.llmRepairs : null,
        s ? s.valid : null,
        call.redactions as Record<string, unknown>,
      ]);
    },
    flush: () => writer.flush(),
  };
}
