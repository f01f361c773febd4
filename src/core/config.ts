import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { InputError, type Issue } from './errors.js';
import { redactSecretsInText } from './logger.js';

/**
 * Configuration: `marketmind.config.json` in the workspace, overridden by environment variables,
 * overridden by command-line flags. Validated with zod; a wrong value gets an error naming the
 * key, the value and what is allowed.
 */

const postgresUrl = /^postgres(ql)?:\/\//;

const providerIds = ['none', 'openai-compatible', 'openai', 'anthropic', 'local'] as const;
const structuredModes = ['json_schema', 'tool', 'grammar', 'json_object', 'prompt'] as const;

/** One model endpoint: the default, or a per-task override (e.g. a cheap model for classification). */
const endpointSchema = z
  .object({
    provider: z.enum(providerIds).optional(),
    baseUrl: z.url().optional(),
    model: z.string().min(1).optional(),
    /** Name of the environment variable holding the API key (never the key itself). */
    apiKeyEnv: z.string().min(1).optional(),
    /** GGUF file for provider "local". */
    modelPath: z.string().min(1).optional(),
    /** How to ask for JSON; default per provider (json_schema, tool for anthropic, grammar for local). */
    structuredMode: z.enum(structuredModes).optional(),
  })
  .strict();

const priceSchema = z
  .object({
    inputPerMillion: z.number().nonnegative(),
    outputPerMillion: z.number().nonnegative(),
    currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as USD'),
  })
  .strict();

const llmSchema = z
  .object({
    provider: z.enum(providerIds).default('none'),
    baseUrl: z.url().optional(),
    model: z.string().min(1).optional(),
    /** Name of the environment variable holding the API key (never the key itself). */
    apiKeyEnv: z.string().min(1).optional(),
    modelPath: z.string().min(1).optional(),
    structuredMode: z.enum(structuredModes).optional(),
    /** Per-task overrides, e.g. {"classify": {"model": "qwen2.5:3b"}, "copy": {"model": "gpt-4o"}}. */
    tasks: z
      .record(z.string().regex(/^[a-z_]+$/, 'expected a task name such as copy or classify'), endpointSchema)
      .default({}),
    /** Prices per model name, for cost accounting. */
    prices: z.record(z.string().min(1), priceSchema).default({}),
    /** Stop new calls once a run has spent this much (in `budgetCurrency`). */
    budgetPerRun: z.number().positive().optional(),
    budgetCurrency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as USD')
      .default('USD'),
    timeoutMs: z.number().int().positive().default(60_000),
    maxRetries: z.number().int().min(0).max(10).default(3),
    concurrency: z.number().int().min(1).max(256).default(4),
    /** Local models: CPU threads (default: cores − 1, at least 1) and context size. */
    threads: z.number().int().positive().optional(),
    contextSize: z.number().int().min(512).optional(),
    /** Content-addressed response cache in the store; a re-run costs nothing. */
    cache: z.boolean().default(true),
    /**
     * Embedding model, which turns on topics over embeddings and embedding neighbours of aspect terms:
     * a model name served by the same provider, base URL and key as the chat model (override them with
     * `tasks.embed`), e.g. "nomic-embed-text" or "text-embedding-3-small"; or, for provider "local", a
     * GGUF file path relative to the workspace. Unset: TF-IDF topics and co-occurrence terms only.
     */
    embeddingModel: z.string().min(1).optional(),
    /** Directory of prompt template overrides (files `<id>.<locale>.md`), relative to the workspace. */
    promptsDir: z.string().min(1).optional(),
  })
  .strict();

const perLocale = <T extends z.ZodType>(value: T) => z.object({ en: value, zh: value }).strict();

/** Brand-voice profile: tone, vocabulary, banned words, disclaimers, emoji policy (content/). */
const brandSchema = z
  .object({
    /** Shown in generated copy; set it (the default is a visible placeholder). */
    name: perLocale(z.string().min(1)).default({ en: 'Your Brand', zh: '您的品牌' }),
    tone: z.enum(['friendly', 'premium', 'playful', 'professional']).default('friendly'),
    vocabulary: perLocale(z.array(z.string().min(1))).default({ en: [], zh: [] }),
    bannedWords: perLocale(z.array(z.string().min(1))).default({ en: [], zh: [] }),
    requiredDisclaimers: z
      .array(
        z
          .object({
            kinds: z.array(z.enum(['ad', 'description', 'email', 'social', 'story'])).min(1),
            text: perLocale(z.string().min(1)),
          })
          .strict(),
      )
      .default([]),
    emojiPolicy: z.enum(['none', 'sparing', 'free']).default('sparing'),
  })
  .strict();

const brandEntrySchema = z
  .object({
    key: z.string().regex(/^[a-z0-9_-]+$/, 'expected a lower-case key such as larkspur'),
    en: z.array(z.string().min(1)).default([]),
    zh: z.array(z.string().min(1)).default([]),
    ours: z.boolean().default(false),
    /** Phrases that contain an alias but are not the brand (e.g. 一只云雀, the bird). */
    exclude: z.array(z.string().min(1)).default([]),
  })
  .strict();

export const configSchema = z
  .object({
    /** DuckDB file or `:memory:`; a postgres:// URL here is taken as `pgUrl` with `store: "postgres"`. */
    db: z.string().min(1).default('.marketmind/marketmind.duckdb'),
    pgUrl: z.string().regex(postgresUrl, 'expected a postgres:// or postgresql:// URL').optional(),
    redisUrl: z
      .string()
      .regex(/^rediss?:\/\//, 'expected a redis:// or rediss:// URL')
      .optional(),
    /** Which engine stores the data; `postgres` needs pgUrl. */
    store: z.enum(['duckdb', 'postgres']).default('duckdb'),
    locale: z.enum(['en', 'zh']).default('en'),
    logLevel: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('warn'),
    /** Currency that money is compared and reported in (ISO 4217); default: the orders' most common one. */
    reportingCurrency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as CNY or USD')
      .optional(),
    /** Units of the reporting currency per unit of each other currency, e.g. {"USD": 7.1}. */
    fxRates: z
      .record(z.string().regex(/^[A-Z]{3}$/, 'expected ISO 4217 codes as keys'), z.number().positive())
      .default({}),
    llm: llmSchema.prefault({}),
    brand: brandSchema.prefault({}),
    /** Brand dictionary of the text analytics (ours and competitors, aliases in en and zh). */
    brands: z.array(brandEntrySchema).default([]),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type LlmConfig = z.infer<typeof llmSchema>;
export type LlmEndpointConfig = z.infer<typeof endpointSchema>;
export type ModelPriceConfig = z.infer<typeof priceSchema>;
export type BrandConfig = z.infer<typeof brandSchema>;
export type BrandEntryConfig = z.infer<typeof brandEntrySchema>;

export const configFileName = 'marketmind.config.json';

/** Environment variable → config path. */
const envKeys: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['MARKETMIND_DB', ['db']],
  ['MARKETMIND_PG_URL', ['pgUrl']],
  ['MARKETMIND_REDIS_URL', ['redisUrl']],
  ['MARKETMIND_STORE', ['store']],
  ['MARKETMIND_LOCALE', ['locale']],
  ['MARKETMIND_LOG_LEVEL', ['logLevel']],
  ['MARKETMIND_LLM_PROVIDER', ['llm', 'provider']],
  ['MARKETMIND_LLM_BASE_URL', ['llm', 'baseUrl']],
  ['MARKETMIND_LLM_MODEL', ['llm', 'model']],
  ['MARKETMIND_LLM_API_KEY_ENV', ['llm', 'apiKeyEnv']],
  ['MARKETMIND_LLM_MODEL_PATH', ['llm', 'modelPath']],
  ['MARKETMIND_LLM_EMBEDDING_MODEL', ['llm', 'embeddingModel']],
];

export interface LoadConfigOptions {
  /** Workspace directory holding marketmind.config.json and .marketmind/. */
  readonly dir: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Flag overrides, highest precedence. */
  readonly overrides?: Partial<Config>;
}

export interface LoadedConfig extends Config {
  readonly dir: string;
  /** `db` resolved against the workspace (absolute path or `:memory:`). */
  readonly dbPath: string;
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1] as string] = value;
}

function getPath(source: unknown, path: readonly PropertyKey[]): unknown {
  let node = source;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

function describeAllowed(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value' && 'values' in issue)
    return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  if (issue.code === 'unrecognized_keys')
    return `no key named ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
  return issue.message;
}

/** Validates a raw config object; throws InputError naming key, value and what is allowed. */
export function parseConfig(raw: unknown, source: string): Config {
  const result = configSchema.safeParse(raw);
  if (result.success) return result.data;
  const issues: Issue[] = result.error.issues.map((issue) => {
    const key = issue.path.join('.') || '(root)';
    const found = getPath(raw, issue.path);
    // Values may be URLs with credentials: never echo a password back.
    const value = typeof found === 'string' ? redactSecretsInText(found) : found;
    return {
      code: issue.code,
      path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      message:
        issue.code === 'unrecognized_keys'
          ? `unknown key ${issue.keys.map((k) => `"${[...issue.path, k].join('.')}"`).join(', ')}`
          : `"${key}" is ${JSON.stringify(value)}; allowed: ${describeAllowed(issue)}`,
    };
  });
  throw new InputError(
    'invalid_config',
    `Invalid configuration in ${source}: ${issues.map((i) => i.message).join('; ')}`,
    {
      issues,
      hint: `Fix ${source}; see README "Configuration" for the allowed keys and values.`,
    },
  );
}

export function loadConfig(options: LoadConfigOptions): LoadedConfig {
  const dir = resolve(options.dir);
  const env = options.env ?? process.env;
  const file = join(dir, configFileName);
  let raw: Record<string, unknown> = {};
  if (existsSync(file)) {
    try {
      raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new InputError('invalid_config', `${file} is not valid JSON: ${(error as Error).message}`, {
        cause: error,
        hint: 'Check the file with a JSON validator.',
      });
    }
  }
  parseConfig(raw, file);
  const merged: Record<string, unknown> = structuredClone(raw);
  const fromEnv: string[] = [];
  for (const [name, path] of envKeys) {
    const value = env[name];
    if (value !== undefined && value !== '') {
      setPath(merged, path, value);
      fromEnv.push(name);
    }
  }
  parseConfig(merged, fromEnv.length ? `${file} with environment ${fromEnv.join(', ')}` : file);
  for (const [key, value] of Object.entries(options.overrides ?? {}))
    if (value !== undefined) merged[key] = value;
  if (typeof merged.db === 'string' && postgresUrl.test(merged.db)) {
    merged.pgUrl = merged.db;
    merged.store = 'postgres';
    delete merged.db;
  }
  const config = parseConfig(merged, 'command-line options');
  const dbPath = config.db === ':memory:' ? ':memory:' : resolve(dir, config.db);
  return { ...config, dir, dbPath };
}
