/**
 * A value that satisfies a JSON Schema, for the test server's default structured answers.
 *
 * Covers the subset our prompts use (what `z.toJSONSchema` emits for plain objects): `type`
 * (also as an array, e.g. `["string", "null"]`), `nullable`, `const`, `enum`, `anyOf` / `oneOf`
 * (first non-null branch), `allOf` (object branches merged), local `$ref` to `#/$defs/…` or
 * `#/definitions/…`, objects (every listed property is filled in), arrays (`items`,
 * `prefixItems`, `minItems` / `maxItems`, `uniqueItems`), strings (`minLength`, `maxLength`,
 * common `format`s; `pattern` is not honoured), numbers and integers (`minimum`, `maximum`,
 * `exclusiveMinimum` / `exclusiveMaximum` in the draft 4 and draft 6+ forms, `multipleOf`) and
 * booleans. Reference: JSON Schema Validation, draft 2020-12, §6
 * (https://json-schema.org/draft/2020-12/json-schema-validation).
 *
 * Cost: O(size of the schema × items produced). Recursion stops at depth 32.
 *
 * @example exampleFromJsonSchema({ type: 'object', properties: { n: { type: 'integer', minimum: 3 } } })
 * // → { n: 3 }
 */
export function exampleFromJsonSchema(schema: unknown): unknown {
  return exampleAt(schema, { root: schema, depth: 0, variant: 0 });
}

interface ExampleContext {
  readonly root: unknown;
  readonly depth: number;
  /** Distinguishes the items of a `uniqueItems` array. */
  readonly variant: number;
}

type SchemaObject = Readonly<Record<string, unknown>>;

const MAX_DEPTH = 32;

const STRING_FORMATS: Readonly<Record<string, string>> = {
  email: 'user@example.com',
  'date-time': '2024-01-01T00:00:00Z',
  date: '2024-01-01',
  time: '00:00:00Z',
  uri: 'https://example.com/',
  url: 'https://example.com/',
  uuid: '00000000-0000-4000-8000-000000000000',
  hostname: 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
};

function isSchemaObject(value: unknown): value is SchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function exampleAt(schema: unknown, context: ExampleContext): unknown {
  if (schema === true || schema === undefined) return 'example';
  if (!isSchemaObject(schema) || context.depth > MAX_DEPTH) return null;
  const next = { ...context, depth: context.depth + 1 };

  if (typeof schema.$ref === 'string') return exampleAt(resolveRef(schema.$ref, context.root), next);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    return schema.enum[context.variant % schema.enum.length];
  }
  const branches = Array.isArray(schema.anyOf) ? schema.anyOf : schema.oneOf;
  if (Array.isArray(branches) && branches.length > 0) {
    const preferred = branches.find((branch) => !isNullSchema(branch)) ?? branches[0];
    return exampleAt(preferred, next);
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) {
    return exampleAt(mergeAllOf(schema, context.root), next);
  }

  switch (pickType(schema)) {
    case 'object':
      return objectExample(schema, next);
    case 'array':
      return arrayExample(schema, next);
    case 'string':
      return stringExample(schema, context.variant);
    case 'integer':
      return numberExample(schema, true, context.variant);
    case 'number':
      return numberExample(schema, false, context.variant);
    case 'boolean':
      return context.variant % 2 === 0;
    case 'null':
      return null;
    default:
      return 'example';
  }
}

function isNullSchema(schema: unknown): boolean {
  return isSchemaObject(schema) && schema.type === 'null';
}

/** Resolves `#/$defs/Name` style pointers (RFC 6901 escapes `~0`, `~1`) against the root schema. */
function resolveRef(ref: string, root: unknown): unknown {
  if (!ref.startsWith('#')) return undefined;
  let target: unknown = root;
  for (const raw of ref
    .slice(1)
    .split('/')
    .filter((part) => part !== '')) {
    const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    target = isSchemaObject(target) ? target[key] : undefined;
  }
  return target;
}

/** The type to produce: the first non-null entry of `type`, else inferred from the keywords present. */
function pickType(schema: SchemaObject): string | undefined {
  const type = schema.type;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) {
    const nonNull = type.find((entry) => entry !== 'null');
    return typeof nonNull === 'string' ? nonNull : 'null';
  }
  if ('properties' in schema || 'required' in schema) return 'object';
  if ('items' in schema || 'prefixItems' in schema) return 'array';
  if ('minLength' in schema || 'maxLength' in schema || 'format' in schema) return 'string';
  if ('minimum' in schema || 'maximum' in schema) return 'number';
  return undefined;
}

/** Merges the object branches of `allOf` (properties and required lists) into one schema. */
function mergeAllOf(schema: SchemaObject, root: unknown): SchemaObject {
  const properties: Record<string, unknown> = {};
  const required: unknown[] = [];
  const merged: Record<string, unknown> = {};
  const parts = [schema, ...(schema.allOf as unknown[])];
  for (let part of parts) {
    if (isSchemaObject(part) && typeof part.$ref === 'string') part = resolveRef(part.$ref, root);
    if (!isSchemaObject(part)) continue;
    for (const [key, value] of Object.entries(part)) {
      if (key === 'properties' && isSchemaObject(value)) Object.assign(properties, value);
      else if (key === 'required' && Array.isArray(value)) required.push(...value);
      else if (key !== 'allOf') merged[key] = value;
    }
  }
  return { ...merged, properties, required };
}

function objectExample(schema: SchemaObject, context: ExampleContext): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const properties = isSchemaObject(schema.properties) ? schema.properties : {};
  for (const [key, propertySchema] of Object.entries(properties)) {
    result[key] = exampleAt(propertySchema, { ...context, variant: 0 });
  }
  // Required keys without a property schema still have to be present.
  for (const key of Array.isArray(schema.required) ? schema.required : []) {
    if (typeof key === 'string' && !(key in result)) result[key] = 'example';
  }
  return result;
}

function arrayExample(schema: SchemaObject, context: ExampleContext): unknown[] {
  // Draft 2020-12 tuples use `prefixItems`; draft 7 tuples use an array-valued `items`.
  const prefix = Array.isArray(schema.prefixItems)
    ? schema.prefixItems
    : Array.isArray(schema.items)
      ? schema.items
      : [];
  const itemSchema = Array.isArray(schema.items) ? schema.additionalItems : schema.items;
  const minItems = typeof schema.minItems === 'number' ? schema.minItems : 1;
  const maxItems = typeof schema.maxItems === 'number' ? schema.maxItems : Number.POSITIVE_INFINITY;
  const count = Math.min(Math.max(minItems, prefix.length, 1), maxItems);
  const unique = schema.uniqueItems === true;
  const result: unknown[] = [];
  for (let index = 0; index < count; index += 1) {
    const elementSchema = index < prefix.length ? prefix[index] : itemSchema;
    result.push(exampleAt(elementSchema, { ...context, variant: unique ? index : 0 }));
  }
  return result;
}

function stringExample(schema: SchemaObject, variant: number): string {
  const format = typeof schema.format === 'string' ? STRING_FORMATS[schema.format] : undefined;
  let text = format ?? (variant === 0 ? 'example' : `example ${variant + 1}`);
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : Number.POSITIVE_INFINITY;
  if ([...text].length < minLength) text = text + 'x'.repeat(minLength - [...text].length);
  if ([...text].length > maxLength) {
    // Keep the variant digits at the end so unique items stay distinct after truncation.
    const suffix = variant === 0 ? '' : String(variant + 1);
    text = [...text].slice(0, Math.max(0, maxLength - suffix.length)).join('') + suffix;
    text = [...text].slice(0, maxLength).join('');
  }
  return text;
}

/** Smallest admissible value ≥ 0 (or the bound nearest 0), plus `variant` steps for unique items. */
function numberExample(schema: SchemaObject, integer: boolean, variant: number): number {
  const step = integer ? 1 : 0.5;
  let lower = Number.NEGATIVE_INFINITY;
  let upper = Number.POSITIVE_INFINITY;
  if (typeof schema.minimum === 'number') lower = schema.minimum;
  if (typeof schema.maximum === 'number') upper = schema.maximum;
  // Draft 6+: numeric exclusive bounds; draft 4: boolean flags that tighten minimum / maximum.
  if (typeof schema.exclusiveMinimum === 'number') lower = Math.max(lower, schema.exclusiveMinimum + step);
  if (schema.exclusiveMinimum === true) lower += step;
  if (typeof schema.exclusiveMaximum === 'number') upper = Math.min(upper, schema.exclusiveMaximum - step);
  if (schema.exclusiveMaximum === true) upper -= step;

  let value = Math.min(Math.max(0, lower), upper) + variant * step;
  if (value > upper) value = upper;
  if (integer) value = Number.isFinite(lower) && value < lower ? Math.ceil(lower) : Math.ceil(value);
  const multipleOf = typeof schema.multipleOf === 'number' && schema.multipleOf > 0 ? schema.multipleOf : 0;
  if (multipleOf > 0) value = Math.ceil(value / multipleOf) * multipleOf;
  return value;
}
