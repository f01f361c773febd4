import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toGbnfJsonSchema } from './gbnf-json-schema.js';

function mapped(schema: Record<string, unknown>): Record<string, unknown> {
  const result = toGbnfJsonSchema(schema);
  if (!result.ok) throw new Error(`expected a mapping, got: ${result.reason}`);
  return result.schema;
}

describe('toGbnfJsonSchema', () => {
  it('keeps what the grammar expresses and drops value-only constraints', () => {
    const schema = z.toJSONSchema(
      z.object({
        id: z.uuid(),
        headline: z.string().min(3).max(30).describe('ad headline'),
        score: z.number().min(0).max(1),
        count: z.int(),
        at: z.iso.datetime(),
        tags: z.array(z.string()).max(3),
        tone: z.enum(['friendly', 'formal']),
        note: z.string().nullable(),
        kind: z.literal('ad'),
      }),
    );
    expect(mapped(schema)).toEqual({
      type: 'object',
      properties: {
        id: { type: 'string' },
        headline: { type: 'string', minLength: 3, maxLength: 30, description: 'ad headline' },
        score: { type: 'number' },
        count: { type: 'integer' },
        at: { type: 'string', format: 'date-time' },
        tags: { type: 'array', maxItems: 3, items: { type: 'string' } },
        tone: { enum: ['friendly', 'formal'] },
        note: { oneOf: [{ type: 'string' }, { type: 'null' }] },
        kind: { const: 'ad' },
      },
      required: ['id', 'headline', 'score', 'count', 'at', 'tags', 'tone', 'note', 'kind'],
      additionalProperties: false,
    });
  });

  it('rewrites definitions references into $defs and keeps the definitions', () => {
    const result = mapped({
      type: 'object',
      properties: { a: { $ref: '#/definitions/Item' } },
      definitions: { Item: { type: 'object', properties: { n: { type: 'integer', minimum: 1 } } } },
    });
    expect(result.properties).toEqual({ a: { $ref: '#/$defs/Item' } });
    expect(result.$defs).toEqual({ Item: { type: 'object', properties: { n: { type: 'integer' } } } });
  });

  it('splits mixed type lists into alternatives and spells out "any"', () => {
    expect(mapped({ type: ['object', 'null'], properties: { x: {} } })).toEqual({
      oneOf: [
        {
          type: 'object',
          properties: {
            x: {
              oneOf: [
                { type: ['string', 'number', 'boolean', 'null'] },
                { type: 'object', additionalProperties: true },
                { type: 'array' },
              ],
            },
          },
        },
        { type: 'null' },
      ],
    });
  });

  it('treats an object without properties as free-form (a record) and maps tuples', () => {
    expect(mapped({ type: 'object', additionalProperties: { type: 'number' } })).toEqual({
      type: 'object',
      additionalProperties: { type: 'number' },
    });
    expect(mapped({ type: 'object' })).toEqual({ type: 'object', additionalProperties: true });
    expect(
      mapped({ type: 'array', items: [{ type: 'string' }, { type: 'integer' }], additionalItems: false }),
    ).toEqual({
      type: 'array',
      prefixItems: [{ type: 'string' }, { type: 'integer' }],
      maxItems: 2,
    });
  });

  it('inlines a single allOf part', () => {
    expect(mapped({ allOf: [{ type: 'string', maxLength: 5 }], description: 'short' })).toEqual({
      type: 'string',
      maxLength: 5,
      description: 'short',
    });
  });

  it('refuses shapes a grammar cannot express, naming where', () => {
    expect(toGbnfJsonSchema({ allOf: [{ type: 'object' }, { type: 'object' }] })).toEqual({
      ok: false,
      reason: '#: "allOf" with 2 parts',
    });
    const nested = toGbnfJsonSchema({
      type: 'object',
      properties: { m: { type: 'object', patternProperties: {} } },
    });
    expect(nested).toEqual({
      ok: false,
      reason: '#/properties/m: "patternProperties" cannot be expressed as a grammar',
    });
    expect(toGbnfJsonSchema({ $ref: '#' }).ok).toBe(false);
    expect(toGbnfJsonSchema({ enum: [{ a: 1 }] }).ok).toBe(false);
  });
});
