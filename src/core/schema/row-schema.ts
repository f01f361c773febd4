import { z } from 'zod';
import type { ColumnSpec, TableSpec } from './column.js';

/**
 * Zod schemas derived from the table specs: the same schema validates ingested rows, API
 * bodies and LLM structured outputs. Values are the in-memory forms the store uses:
 * text → string, integer/double → number, boolean → boolean, timestamp → Date,
 * date → 'YYYY-MM-DD' string, json → any JSON value.
 */

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

export function columnSchema(column: ColumnSpec): z.ZodType {
  let schema: z.ZodType;
  switch (column.type) {
    case 'text':
      schema = column.enum ? z.enum(column.enum as [string, ...string[]]) : z.string();
      break;
    case 'integer': {
      let n = z.number().int();
      if (column.check === 'nonNegative') n = n.min(0);
      if (column.check === 'positive') n = n.gt(0);
      schema = n;
      break;
    }
    case 'double': {
      let n = z.number().finite();
      if (column.check === 'nonNegative') n = n.min(0);
      if (column.check === 'positive') n = n.gt(0);
      if (column.check === 'probability') n = n.min(0).max(1);
      schema = n;
      break;
    }
    case 'boolean':
      schema = z.boolean();
      break;
    case 'timestamp':
      schema = z.date();
      break;
    case 'date':
      schema = isoDate;
      break;
    case 'json':
      schema = z.json();
      break;
  }
  return column.required ? schema : schema.nullable().optional();
}

const cache = new WeakMap<TableSpec, z.ZodObject>();

/** The zod object schema of one row of `table`. */
export function rowSchema(table: TableSpec): z.ZodObject {
  let schema = cache.get(table);
  if (!schema) {
    const shape: Record<string, z.ZodType> = {};
    for (const column of table.columns) shape[column.name] = columnSchema(column);
    schema = z.object(shape).strict();
    cache.set(table, schema);
  }
  return schema;
}
