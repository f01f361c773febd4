import { InternalError } from '../../core/errors.js';
import { findTable } from '../../core/schema/index.js';
import type { DemoRow } from '../../demo/index.js';
import type { SqlValue, Store } from '../../store/store.js';

/** Test helper: bulk-loads the named tables of a generated demo data set (`ground_truth` included) into a store. */
export async function loadDemoTables(
  store: Pick<Store, 'bulkInsert'>,
  data: {
    readonly tables: Readonly<Record<string, readonly DemoRow[]>>;
    readonly groundTruth: readonly DemoRow[];
  },
  names: readonly string[],
): Promise<void> {
  for (const name of names) {
    const spec = findTable(name);
    if (!spec) throw new InternalError('missing_table', `table ${name} is not in the data model`);
    const rows = name === 'ground_truth' ? data.groundTruth : (data.tables[name] ?? []);
    await store.bulkInsert(
      name,
      spec.columns,
      rows.map((row) => spec.columns.map((c) => (row[c.name] ?? null) as SqlValue)),
    );
  }
}
