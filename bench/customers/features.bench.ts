/**
 * Customer feature SQL benchmark:
 *   npx tsx bench/customers/features.bench.ts [--customers 1000000] [--runs 3] [--db FILE] [--keep]
 *
 * Builds a synthetic data set directly in a DuckDB file through the Store interface (openStore +
 * migrate, then INSERT … SELECT from range()): `--customers` customers (default 1M) with ~3 orders,
 * ~6 order lines and ~5 events each, 2,000 products in 20 categories, two years of history. Every
 * random choice is a hash of the row number (DuckDB hash()), so the data are identical on every
 * run and thread count (random() with setseed is not reproducible under parallel execution).
 * Then times, median of `--runs` (default 3) in the same process:
 *  - the feature statement inside the database only (rows folded into one checksum),
 *  - loadCustomerFeatures (12 features per customer, orders + order_lines ⋈ products + events),
 *  - loadPurchaseSummary (x, t_x, T, monetary with a 6-month holdout, weeks),
 *  - loadCohortActivity (monthly) and loadActiveCustomerCounts,
 * and prints a JSON document and a markdown table. `--db FILE --keep` reuses a generated file.
 * Not part of `npm test`.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadActiveCustomerCounts, loadCohortActivity } from '../../src/app/customers/cohort-sql.js';
import { customerFeaturesSql, loadCustomerFeatures } from '../../src/app/customers/customer-features.js';
import { loadPurchaseSummary } from '../../src/app/customers/purchase-summary-sql.js';
import { customerFeatureNames } from '../../src/customers/features.js';
import { median } from '../../src/stats/descriptive.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { argument } from '../bench-args.js';

const customers = Number(argument('customers', '1000000'));
const runs = Number(argument('runs', '3'));
const keep = process.argv.includes('--keep');
const orders = customers * 3;
const lines = customers * 6;
const events = customers * 5;
const products = 2000;

/** u(i, salt) in [0, 1): a hash of the row number, the same on every run and thread count. */
const u = (i: string, salt: number) => `(CAST(hash(${i} * 16 + ${salt}) % 1000000 AS DOUBLE) / 1000000)`;
const pad = (i: string, width: number) => `lpad(CAST(${i} AS VARCHAR), ${width}, '0')`;
const start = "TIMESTAMPTZ '2023-01-01 00:00:00+00'";
const windowSeconds = 730 * 86_400;

async function generate(store: Store): Promise<void> {
  const step = async (label: string, sql: string) => {
    const began = performance.now();
    await store.execute(sql);
    process.stderr.write(`  ${label}: ${((performance.now() - began) / 1000).toFixed(1)} s\n`);
  };
  await step(
    `${customers} customers`,
    `INSERT INTO customers (id, signup_at, acquisition_channel)
     SELECT 'c' || ${pad('i', 7)}, ${start} + to_seconds(CAST(${u('i', 1)} * ${windowSeconds} AS BIGINT)),
            CASE WHEN ${u('i', 2)} < 0.6 THEN 'online' ELSE 'store' END
     FROM range(${customers}) AS t(i)`,
  );
  await step(
    `${products} products`,
    `INSERT INTO products (id, sku, name, category, price)
     SELECT 'p' || ${pad('i', 5)}, 'SKU' || i, 'Product ' || i, 'category_' || (i % 20), 5 + (i % 300)
     FROM range(${products}) AS t(i)`,
  );
  // Customers drawn with a skew (u^1.6) so order counts range from 0 to dozens.
  await step(
    `${orders} orders`,
    `INSERT INTO orders (id, customer_id, ordered_at, channel, status, currency, total_amount, discount_amount)
     SELECT 'o' || ${pad('j', 9)},
            'c' || ${pad(`CAST(floor(pow(${u('j', 3)}, 1.6) * ${customers}) AS BIGINT)`, 7)},
            ${start} + to_seconds(CAST(${u('j', 4)} * ${windowSeconds} AS BIGINT)),
            CASE WHEN ${u('j', 5)} < 0.55 THEN 'online' WHEN ${u('j', 5)} < 0.85 THEN 'store'
                 WHEN ${u('j', 5)} < 0.97 THEN 'miniprogram' ELSE 'app' END,
            CASE WHEN ${u('j', 6)} < 0.05 THEN 'cancelled' WHEN ${u('j', 6)} < 0.08 THEN 'returned'
                 WHEN ${u('j', 6)} < 0.09 THEN NULL ELSE 'completed' END,
            'CNY',
            round(10 + 490 * pow(${u('j', 7)}, 2), 2),
            CASE WHEN ${u('j', 8)} < 0.2 THEN round(5 + 20 * ${u('j', 9)}, 2) ELSE 0 END
     FROM range(${orders}) AS t(j)`,
  );
  await step(
    `${lines} order lines`,
    `INSERT INTO order_lines (id, order_id, product_id, quantity, unit_price, discount_amount)
     SELECT 'l' || ${pad('k', 10)}, 'o' || ${pad(`CAST(hash(k * 16 + 10) % ${orders} AS BIGINT)`, 9)},
            'p' || ${pad(`CAST(hash(k * 16 + 11) % ${products} AS BIGINT)`, 5)},
            1 + CAST(hash(k * 16 + 12) % 3 AS INTEGER), round(5 + 200 * ${u('k', 13)}, 2), 0
     FROM range(${lines}) AS t(k)`,
  );
  // Sessions of 5 events; 70% of sessions belong to a known customer.
  await step(
    `${events} events`,
    `INSERT INTO events (id, session_id, customer_id, event_type, ts)
     SELECT 'e' || ${pad('e', 10)}, 's' || ${pad('e // 5', 9)},
            CASE WHEN ${u('e // 5', 14)} < 0.7
                 THEN 'c' || ${pad(`CAST(hash((e // 5) * 16 + 15) % ${customers} AS BIGINT)`, 7)} END,
            'page_view',
            ${start} + to_seconds(CAST(${u('e // 5', 16)} * ${windowSeconds} AS BIGINT) + e % 5 * 30)
     FROM range(${events}) AS t(e)`,
  );
  await store.execute('CHECKPOINT');
}

interface Timing {
  readonly name: string;
  readonly medianSeconds: number;
  readonly runsSeconds: readonly number[];
  readonly rows: number;
}

async function time(name: string, work: () => Promise<number>): Promise<Timing> {
  const seconds: number[] = [];
  let rows = 0;
  for (let r = 0; r < runs; r++) {
    const began = performance.now();
    rows = await work();
    seconds.push((performance.now() - began) / 1000);
    process.stderr.write(`  ${name} run ${r + 1}: ${(seconds.at(-1) as number).toFixed(2)} s\n`);
  }
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return { name, medianSeconds: round(median(seconds)), runsSeconds: seconds.map(round), rows };
}

async function main(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'mm-features-bench-'));
  const path = argument('db', join(directory, 'features.duckdb'));
  const reuse = existsSync(path);
  const store = await openStore({ engine: 'duckdb', path });
  let generateSeconds = 0;
  try {
    if (!reuse) {
      await store.migrate();
      process.stderr.write(`generating into ${path}\n`);
      const began = performance.now();
      await generate(store);
      generateSeconds = (performance.now() - began) / 1000;
    }
    const counts = Object.fromEntries(
      await Promise.all(
        ['customers', 'orders', 'order_lines', 'events'].map(async (table) => {
          const [row] = await store.query(`SELECT count(*) AS n FROM ${table}`);
          return [table, row?.n as number] as const;
        }),
      ),
    );
    const timings: Timing[] = [];
    // The feature statement alone, its 12 columns folded into one sum inside the database: the
    // SQL time without moving rows to JS.
    const [latest] = await store.query('SELECT max(ordered_at) AS at FROM orders');
    const folded = customerFeatureNames.map((name) => `coalesce(${name}, 0)`).join(' + ');
    timings.push(
      await time('feature SQL in the database only', async () => {
        const [row] = await store.query(
          `SELECT count(*) AS n, sum(${folded}) AS checksum FROM (${customerFeaturesSql('o.total_amount')}) AS f`,
          [latest?.at as Date],
        );
        return row?.n as number;
      }),
    );
    timings.push(
      await time('loadCustomerFeatures', async () => (await loadCustomerFeatures(store)).customerIds.length),
    );
    timings.push(
      await time(
        'loadPurchaseSummary (weeks, 6-month holdout)',
        async () =>
          (
            await loadPurchaseSummary(store, {
              calibrationEnd: new Date('2024-06-30T00:00:00Z'),
              observationEnd: new Date('2024-12-31T00:00:00Z'),
              timeUnit: 'week',
            })
          ).customerIds.length,
      ),
    );
    timings.push(
      await time(
        'loadCohortActivity (month)',
        async () => (await loadCohortActivity(store, { period: 'month' })).length,
      ),
    );
    timings.push(
      await time('loadActiveCustomerCounts', async () => {
        await loadActiveCustomerCounts(store, {
          start: new Date('2024-01-01T00:00:00Z'),
          end: new Date('2024-12-31T00:00:00Z'),
          activeWindowDays: 90,
        });
        return 1;
      }),
    );
    const result = {
      bench: 'customers/features',
      engine: 'duckdb file',
      node: process.version,
      cpus: (await import('node:os')).cpus().length,
      rows: counts,
      databaseMegabytes: Math.round(statSync(path).size / 1e6),
      generateSeconds: reuse ? null : Math.round(generateSeconds * 10) / 10,
      runs,
      timings,
      peakRssMegabytes: Math.round(process.resourceUsage().maxRSS / 1e3),
    };
    console.log(JSON.stringify(result, null, 2));
    console.log('');
    console.log(
      `${counts.customers} customers, ${counts.orders} orders, ${counts.order_lines} order lines, ${counts.events} events (DuckDB file, ${result.cpus} cores)`,
    );
    console.log('');
    console.log('| step | median s | runs s | rows out |');
    console.log('|---|---:|---|---:|');
    for (const t of timings) {
      console.log(
        `| ${t.name} | ${t.medianSeconds.toFixed(2)} | ${t.runsSeconds.map((s) => s.toFixed(2)).join(', ')} | ${t.rows} |`,
      );
    }
  } finally {
    await store.close();
    if (!keep && !reuse) rmSync(directory, { recursive: true, force: true });
    else process.stderr.write(`kept ${path}\n`);
  }
}

await main();
