import { readFile } from 'node:fs/promises';
import { InputError } from '../../core/errors.js';
import type { ColumnSpec, TableSpec } from '../../core/schema/index.js';
import type { DayOrder } from './coerce-date.js';

/**
 * Column mapping: which source column (CSV header, JSON key, Parquet column) feeds which target
 * column. Precedence: `--map source=target` pairs, then the mapping file's `columns`, then
 * automatic matching of header to column name. All matching ignores case, spaces, underscores
 * and hyphens (`Order ID` = `order_id` = `orderId`).
 *
 * Mapping file (JSON):
 * ```json
 * { "columns": { "订单号": "id", "下单时间": "ordered_at" },
 *   "defaults": { "currency": "CNY" },
 *   "dayOrder": "dmy" }
 * ```
 * `defaults` fill a target column when it has no source column or the value is empty;
 * `dayOrder` fixes day-first (`dmy`) or month-first (`mdy`) for `01/02/2023` dates instead of
 * inferring it from the data.
 */

export interface MappingSpec {
  /** source → target. */
  readonly columns: Readonly<Record<string, string>>;
  readonly defaults: Readonly<Record<string, string | number | boolean | null>>;
  readonly dayOrder?: DayOrder;
}

export interface ResolvedMapping {
  /** Target columns that receive values (table order; `id` first as in the specs). */
  readonly targets: readonly ColumnSpec[];
  /** For each target, the index of its source column in the header, or -1 (default only). */
  readonly sourceIndex: readonly number[];
  /** Source headers that feed no column (reported as a note). */
  readonly ignored: readonly string[];
}

/** Normalised name for matching: lower case without spaces, underscores and hyphens. */
export function normalizeName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

/** Parses `--map` values (`source=target`, split at the last '='). */
export function parseMapPairs(pairs: readonly string[]): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.lastIndexOf('=');
    const source = pair.slice(0, at).trim();
    const target = pair.slice(at + 1).trim();
    if (at <= 0 || source.length === 0 || target.length === 0) {
      throw new InputError('invalid_mapping', `Invalid --map '${pair}': expected source=target`);
    }
    mapping[source] = target;
  }
  return mapping;
}

/** Reads and checks a mapping file. */
export async function loadMappingFile(path: string): Promise<MappingSpec> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError('unreadable_file', `Cannot read mapping file ${path}`, { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InputError('invalid_mapping', `Mapping file ${path} is not valid JSON`, { cause: error });
  }
  return parseMappingSpec(parsed, path);
}

export function parseMappingSpec(value: unknown, where = 'mapping'): MappingSpec {
  const bad = (what: string): InputError =>
    new InputError('invalid_mapping', `${where}: ${what}`, {
      hint: 'Expected { "columns": { "source": "target" }, "defaults"?: { "target": value }, "dayOrder"?: "dmy" | "mdy" }',
    });
  if (!isRecord(value)) throw bad('expected a JSON object');
  const columns = value.columns ?? {};
  if (!isRecord(columns)) throw bad('"columns" must be an object');
  for (const [source, target] of Object.entries(columns)) {
    if (typeof target !== 'string') throw bad(`"columns"."${source}" must be a column name`);
  }
  const defaults = value.defaults ?? {};
  if (!isRecord(defaults)) throw bad('"defaults" must be an object');
  for (const [target, v] of Object.entries(defaults)) {
    if (v !== null && !['string', 'number', 'boolean'].includes(typeof v)) {
      throw bad(`"defaults"."${target}" must be a string, number, boolean or null`);
    }
  }
  const dayOrder = value.dayOrder;
  if (dayOrder !== undefined && dayOrder !== 'dmy' && dayOrder !== 'mdy')
    throw bad('"dayOrder" must be "dmy" or "mdy"');
  return {
    columns: columns as Record<string, string>,
    defaults: defaults as Record<string, string | number | boolean | null>,
    ...(dayOrder === undefined ? {} : { dayOrder }),
  };
}

/** Combines a mapping file with `--map` pairs (pairs win). */
export function mergeMappings(
  file: MappingSpec | undefined,
  pairs: Readonly<Record<string, string>> = {},
): MappingSpec {
  return {
    columns: { ...(file?.columns ?? {}), ...pairs },
    defaults: file?.defaults ?? {},
    ...(file?.dayOrder === undefined ? {} : { dayOrder: file.dayOrder }),
  };
}

/**
 * Resolves the mapping of one file's headers onto `table`. Throws InputError (before any data
 * is read) when a mapping names an unknown target column, two sources feed one target, or a
 * required column has neither a source nor a default — naming the column and listing the
 * file's headers.
 */
export function resolveMapping(
  table: TableSpec,
  headers: readonly string[],
  mapping: MappingSpec,
  file: string,
): ResolvedMapping {
  const columnByName = new Map(table.columns.map((c) => [normalizeName(c.name), c]));
  const headerIndex = new Map<string, number>();
  headers.forEach((header, index) => {
    const key = normalizeName(header);
    if (key.length > 0 && !headerIndex.has(key)) headerIndex.set(key, index);
  });
  const sourceFor = new Map<string, number>(); // target name → header index
  const explicitSources = new Set<number>();
  for (const [source, targetName] of Object.entries(mapping.columns)) {
    const target = columnByName.get(normalizeName(targetName));
    if (!target) {
      throw new InputError(
        'unknown_column',
        `Mapping target '${targetName}' is not a column of table ${table.name}`,
        {
          hint: `Columns of ${table.name}: ${table.columns.map((c) => c.name).join(', ')}`,
        },
      );
    }
    const index = headerIndex.get(normalizeName(source));
    if (index === undefined) continue; // a shared mapping may name columns this file lacks
    const previous = sourceFor.get(target.name);
    if (previous !== undefined && previous !== index) {
      throw new InputError(
        'ambiguous_mapping',
        `${file}: columns '${headers[previous]}' and '${headers[index]}' both map to ${table.name}.${target.name}`,
      );
    }
    sourceFor.set(target.name, index);
    explicitSources.add(index);
  }
  headers.forEach((header, index) => {
    if (explicitSources.has(index)) return;
    const target = columnByName.get(normalizeName(header));
    if (target && !sourceFor.has(target.name) && headerIndex.get(normalizeName(header)) === index) {
      sourceFor.set(target.name, index);
    }
  });
  const defaults = new Set(
    Object.keys(mapping.defaults).map((k) => columnByName.get(normalizeName(k))?.name),
  );
  const missing = table.columns.filter((c) => c.required && !sourceFor.has(c.name) && !defaults.has(c.name));
  if (missing.length > 0) {
    const names = missing.map((c) => c.name).join(', ');
    throw new InputError(
      'missing_required_column',
      `${file}: no column maps to required ${missing.length === 1 ? 'column' : 'columns'} ${names} of table ${table.name}. ` +
        `The file's columns are: ${headers.length === 0 ? '(none)' : headers.map((h) => `'${h}'`).join(', ')}`,
      {
        hint: `Map one with --map SOURCE=${missing[0]?.name} or a mapping file { "columns": { "SOURCE": "${missing[0]?.name}" } }`,
      },
    );
  }
  const used = new Set(sourceFor.values());
  const targets = table.columns.filter((c) => sourceFor.has(c.name) || defaults.has(c.name));
  return {
    targets,
    sourceIndex: targets.map((c) => sourceFor.get(c.name) ?? -1),
    ignored: headers.filter((_, index) => !used.has(index)),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
