import type { TableSpec } from './column.js';
import { derivedTables, kbChunks } from './derived-tables.js';
import {
  assignments,
  campaignStats,
  campaigns,
  consents,
  conversations,
  customers,
  documents,
  dsrRequests,
  events,
  experiments,
  identities,
  kbArticles,
  messages,
  orderLines,
  orders,
  products,
  touchpoints,
} from './source-tables.js';
import {
  auditLog,
  groundTruth,
  imports,
  llmCache,
  llmCalls,
  modelRuns,
  qualityReports,
} from './system-tables.js';

/**
 * The data model of DESIGN.md: every table spec, in version 1's order (append new tables). A new
 * table gets `addedIn` = the migration version that creates it; a new column of an existing
 * table gets `addedIn` on the column, listed after the older columns.
 */

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
  llmCalls,
  llmCache,
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
