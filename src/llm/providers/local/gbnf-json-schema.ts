import type { JsonSchema } from '../../language-model.js';

/**
 * Maps a JSON Schema (as `z.toJSONSchema` emits it: draft 2020-12, `$defs`, `anyOf` for unions
 * and nullables) onto the subset node-llama-cpp's `createGrammarForJsonSchema` turns into a GBNF
 * grammar (its `GbnfJsonSchema` type, node-llama-cpp 3.21.1 `dist/utils/gbnfJson/types.d.ts`).
 *
 * The grammar constrains *shape*; value constraints it cannot express (pattern, minimum,
 * multipleOf, most formats …) are dropped, because the caller validates the parsed answer against
 * the full schema afterwards anyway. Keywords whose shape the grammar cannot express
 * (`allOf` with several parts, `patternProperties`, `if`/`then`/`else`, `dependentSchemas`,
 * references outside `$defs`/`definitions`, non-literal enums) make the mapping fail, and the
 * provider falls back to a generic JSON grammar. Note that node-llama-cpp emits every declared
 * property (it treats all as required), which still satisfies `required`.
 *
 * Example: `{ type: 'object', properties: { id: { type: 'string', format: 'uuid' } },
 * required: ['id'], additionalProperties: false, $schema: '…' }` →
 * `{ type: 'object', properties: { id: { type: 'string' } }, required: ['id'], additionalProperties: false }`.
 */

export type GbnfSchemaMapping =
  | { readonly ok: true; readonly schema: Record<string, unknown> }
  | { readonly ok: false; readonly reason: string };

type Node = Record<string, unknown>;

class Unsupported extends Error {}

const primitiveTypes = new Set(['string', 'number', 'integer', 'boolean', 'null']);
const grammarFormats = new Set(['date-time', 'time', 'date']);
const shapeKeywords = ['patternProperties', 'if', 'then', 'else', 'dependentSchemas'] as const;

/** Any JSON value: the grammar has no "any" schema, so spell it out as a union. */
function anyValue(description?: unknown): Node {
  return withDescription(
    {
      oneOf: [
        { type: ['string', 'number', 'boolean', 'null'] },
        { type: 'object', additionalProperties: true },
        { type: 'array' },
      ],
    },
    description,
  );
}

function withDescription(node: Node, description: unknown): Node {
  return typeof description === 'string' ? { ...node, description } : node;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isLiteral(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function nonNegativeInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** Copies the listed numeric bounds that are valid non-negative integers. */
function bounds(node: Node, keys: readonly string[]): Node {
  const out: Node = {};
  for (const key of keys) {
    const value = nonNegativeInteger(node[key]);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function mapDefs(value: unknown, path: string): Node | undefined {
  if (!isNode(value)) return undefined;
  const out: Node = {};
  for (const [name, def] of Object.entries(value)) out[name] = mapSchema(def, `${path}/${name}`);
  return out;
}

function mapSchema(value: unknown, path: string): Node {
  if (value === true) return anyValue();
  if (!isNode(value)) throw new Unsupported(`${path}: a schema must be an object or true`);
  const node = value;
  for (const keyword of shapeKeywords) {
    if (node[keyword] !== undefined)
      throw new Unsupported(`${path}: "${keyword}" cannot be expressed as a grammar`);
  }
  const defs = {
    ...mapDefs(node.definitions, `${path}/definitions`),
    ...mapDefs(node.$defs, `${path}/$defs`),
  };
  const mapped = withDescription(mapShape(node, path), node.description);
  return Object.keys(defs).length > 0 ? { ...mapped, $defs: defs } : mapped;
}

function mapShape(node: Node, path: string): Node {
  if (Array.isArray(node.allOf)) {
    if (node.allOf.length !== 1) throw new Unsupported(`${path}: "allOf" with ${node.allOf.length} parts`);
    const { allOf: _allOf, ...rest } = node;
    return mapShape({ ...rest, ...(node.allOf[0] as Node) }, `${path}/allOf/0`);
  }
  if (typeof node.$ref === 'string') {
    const match = /^#\/(?:\$defs|definitions)\/(.+)$/.exec(node.$ref);
    if (!match) throw new Unsupported(`${path}: reference ${node.$ref} is not into $defs`);
    return { $ref: `#/$defs/${match[1]}` };
  }
  const alternatives = node.anyOf ?? node.oneOf;
  if (Array.isArray(alternatives)) {
    return {
      oneOf: alternatives.map((alternative, index) => mapSchema(alternative, `${path}/anyOf/${index}`)),
    };
  }
  if (node.const !== undefined) {
    if (!isLiteral(node.const))
      throw new Unsupported(`${path}: "const" must be a string, number, boolean or null`);
    return { const: node.const };
  }
  if (Array.isArray(node.enum)) {
    if (!node.enum.every(isLiteral)) throw new Unsupported(`${path}: "enum" values must be literals`);
    return { enum: node.enum };
  }
  const type = node.type;
  if (Array.isArray(type)) {
    if (
      type.every((item) => typeof item === 'string' && primitiveTypes.has(item)) &&
      !type.includes('string')
    ) {
      return { type };
    }
    // Mixed types (e.g. ["object", "null"], or "string" with its length bounds): one branch per type.
    return { oneOf: type.map((item, index) => mapShape({ ...node, type: item }, `${path}/type/${index}`)) };
  }
  switch (type) {
    case 'string':
      return mapString(node);
    case 'number':
    case 'integer':
    case 'boolean':
    case 'null':
      return { type };
    case 'object':
      return mapObject(node, path);
    case 'array':
      return mapArray(node, path);
    case undefined:
      return anyValue();
    default:
      throw new Unsupported(`${path}: unknown type ${JSON.stringify(type)}`);
  }
}

function mapString(node: Node): Node {
  if (typeof node.format === 'string' && grammarFormats.has(node.format)) {
    return { type: 'string', format: node.format };
  }
  return { type: 'string', ...bounds(node, ['minLength', 'maxLength']) };
}

function mapObject(node: Node, path: string): Node {
  const out: Node = { type: 'object', ...bounds(node, ['minProperties', 'maxProperties']) };
  if (isNode(node.properties)) {
    const properties: Node = {};
    for (const [name, property] of Object.entries(node.properties)) {
      properties[name] = mapSchema(property, `${path}/properties/${name}`);
    }
    out.properties = properties;
  }
  if (Array.isArray(node.required)) out.required = node.required.filter((key) => typeof key === 'string');
  const additional = node.additionalProperties;
  if (additional === true || additional === false) out.additionalProperties = additional;
  else if (isNode(additional))
    out.additionalProperties = mapSchema(additional, `${path}/additionalProperties`);
  // JSON Schema allows any extra key when the keyword is absent; with no declared properties
  // that is a free-form object (e.g. a record), so let the grammar generate keys.
  else if (out.properties === undefined) out.additionalProperties = true;
  return out;
}

function mapArray(node: Node, path: string): Node {
  const out: Node = { type: 'array', ...bounds(node, ['minItems', 'maxItems']) };
  // Draft 7 tuples put an array under `items`; 2020-12 uses `prefixItems`.
  const tuple = Array.isArray(node.prefixItems)
    ? node.prefixItems
    : Array.isArray(node.items)
      ? node.items
      : undefined;
  if (tuple) {
    out.prefixItems = tuple.map((item, index) => mapSchema(item, `${path}/prefixItems/${index}`));
    const rest = Array.isArray(node.items) ? node.additionalItems : node.items;
    if (rest === false) out.maxItems = tuple.length;
    else if (rest !== undefined && rest !== true) out.items = mapSchema(rest, `${path}/items`);
  } else if (node.items !== undefined && node.items !== true) {
    out.items = mapSchema(node.items, `${path}/items`);
  }
  return out;
}

/** Maps `schema` for `llama.createGrammarForJsonSchema`, or says why it cannot be mapped. */
export function toGbnfJsonSchema(schema: JsonSchema): GbnfSchemaMapping {
  try {
    return { ok: true, schema: mapSchema(schema, '#') };
  } catch (error) {
    if (error instanceof Unsupported) return { ok: false, reason: error.message };
    throw error;
  }
}
