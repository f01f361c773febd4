/**
 * Funnel SQL benchmark (issue 7, goal: a 4-step funnel over 10M events in DuckDB < 3 s):
 *   npx tsx bench/funnel/funnel.bench.ts [--events 10000000] [--runs 3] [--db FILE] [--keep]
 *
 * Builds a synthetic event table directly in a DuckDB file through the Store interface (openStore +
 * migrate, then INSERT … SELECT from range()): sessions of 5 events (`--events` / 5 sessions), 70%
 * of them of a known customer (200k customers), over one year, each with a device (45% desktop,
 * 45% mobile, 10% tablet) and one of 6 channels. A session goes through the funnel
 * view_item → add_to_cart → checkout → purchase as deep as planted rates say (entry 80%, then 50%,
 * 60%, and checkout → purchase 70% on desktop/tablet, 35% on mobile: the planted drop-off); its
 * remaining events are page_view / search filler, every event 5-95 s after the previous one.
 * Every random choice is a hash of the row number (DuckDB hash()), so the data are identical on
 * every run and thread count.
 * Then times loadFunnel (median of `--runs`, default 3, same process) for the 4-step funnel by
 * session, by session and device, and by customer, with a 1-hour window, checks the recovered
 * step rates against the planted ones, and prints a JSON document and a markdown table.
 * `--db FILE --keep` reuses a generated file. Not part of `npm test`.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FunnelOptions, type FunnelResult, loadFunnel } from '../../src/app/funnels/funnel-sql.js';
import { median } from '../../src/stats/descriptive.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { argument } from '../bench-args.js';

const events = Number(argument('events', '10000000'));
const runs = Number(argument('runs', '3'));
const keep = process.argv.includes('--keep');
const sessionLength = 5;
const customers = 200_000;
const steps = ['view_item', 'add_to_cart', 'checkout', 'purchase'];
const planted = {
  entry: 0.8,
  toCart: 0.5,
  toCheckout: 0.6,
  toPurchase: { desktop: 0.7, mobile: 0.35, tablet: 0.7 },
};

/** u(i, salt) in [0, 1): a hash of the row number, the same on every run and thread count. */
const u = (i: string, salt: number) => `(CAST(hash(${i} * 16 + ${salt}) % 1000000 AS DOUBLE) / 1000000)`;
const pad = (i: string, width: number) => `lpad(CAST(${i} AS VARCHAR), ${width}, '0')`;
const start = "TIMESTAMPTZ '2024-01-01 00:00:00+00'";

async function generate(store: Store): Promise<void> {
  const began = performance.now();
  const device = `CASE WHEN ${u('sid', 1)} < 0.45 THEN 'desktop' WHEN ${u('sid', 1)} < 0.9 THEN 'mobile' ELSE 'tablet' END`;
  const purchaseRate = `CASE WHEN ${u('sid', 1)} < 0.45 THEN ${planted.toPurchase.desktop} WHEN ${u('sid', 1)} < 0.9 THEN ${planted.toPurchase.mobile} ELSE ${planted.toPurchase.tablet} END`;
  const depth = `(CASE WHEN ${u('sid', 2)} >= ${planted.entry} THEN 0
         WHEN ${u('sid', 3)} >= ${planted.toCart} THEN 1
         WHEN ${u('sid', 4)} >= ${planted.toCheckout} THEN 2
         WHEN ${u('sid', 5)} >= ${purchaseRate} THEN 3 ELSE 4 END)`;
  await store.execute(
    `INSERT INTO events (id, session_id, customer_id, event_type, page, ts, device, channel)
     SELECT 'e' || ${pad('e', 10)}, 's' || ${pad('sid', 9)},
            CASE WHEN ${u('sid', 6)} < 0.7 THEN 'c' || ${pad(`CAST(hash(sid * 16 + 7) % ${customers} AS BIGINT)`, 6)} END,
            CASE WHEN p < depth THEN list_extract(['${steps.join("', '")}'], p + 1)
                 WHEN ${u('e', 8)} < 0.7 THEN 'page_view' ELSE 'search' END,
            '/page/' || CAST(hash(e * 16 + 9) % 50 AS VARCHAR),
            ${start} + to_seconds(CAST(${u('sid', 10)} * 365 * 86400 AS BIGINT) + p * 50 + CAST(hash(e * 16 + 11) % 45 AS BIGINT)),
            ${device},
            list_extract(['direct', 'search', 'social', 'email', 'display', 'affiliate'], 1 + CAST(hash(sid * 16 + 12) % 6 AS INTEGER))
     FROM (SELECT e, e // ${sessionLength} AS sid, e % ${sessionLength} AS p, ${depth.replaceAll('sid', `(e // ${sessionLength})`)} AS depth
           FROM range(${events}) AS t(e)) AS g`,
  );
  await store.execute('CHECKPOINT');
  process.stderr.write(`  ${events} events: ${((performance.now() - began) / 1000).toFixed(1)} s\n`);
}

interface Timing {
  readonly name: string;
  readonly medianSeconds: number;
  readonly runsSeconds: readonly number[];
  readonly entered: readonly number[];
}

async function time(name: string, options: FunnelOptions, store: Store): Promise<[Timing, FunnelResult]> {
  const seconds: number[] = [];
  let result: FunnelResult | undefined;
  for (let r = 0; r < runs; r++) {
    const began = performance.now();
    result = await loadFunnel(store, options);
    seconds.push((performance.now() - began) / 1000);
    process.stderr.write(`  ${name} run ${r + 1}: ${(seconds.at(-1) as number).toFixed(2)} s\n`);
  }
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const done = result as FunnelResult;
  return [
    {
      name,
      medianSeconds: round(median(seconds)),
      runsSeconds: seconds.map(round),
      entered: done.total.steps.map((s) => s.entered),
    },
    done,
  ];
}

async function main(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'mm-funnel-bench-'));
  const path = argument('db', join(directory, 'funnel.duckdb'));
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
    const [count] = await store.query(
      'SELECT count(*) AS n, count(DISTINCT session_id) AS sessions FROM events',
    );
    const window = { hours: 1 } as const;
    const timings: Timing[] = [];
    const [bySession] = await time('4 steps, unit session', { steps, window, unit: 'session' }, store);
    timings.push(bySession);
    const [byDevice, deviceResult] = await time(
      '4 steps, unit session, by device',
      { steps, window, unit: 'session', by: 'device' },
      store,
    );
    timings.push(byDevice);
    const [byCustomer] = await time('4 steps, unit customer', { steps, window, unit: 'customer' }, store);
    timings.push(byCustomer);
    const recovered = Object.fromEntries(
      deviceResult.groups.map((g) => [
        g.group,
        g.steps.slice(0, -1).map((s) => Math.round((s.conversionRate ?? 0) * 1e4) / 1e4),
      ]),
    );
    const result = {
      bench: 'funnel',
      engine: 'duckdb file',
      node: process.version,
      cpus: cpus().length,
      events: count?.n,
      sessions: count?.sessions,
      databaseMegabytes: Math.round(statSync(path).size / 1e6),
      generateSeconds: reuse ? null : Math.round(generateSeconds * 10) / 10,
      runs,
      goalSeconds: 3,
      timings,
      plantedRates: planted,
      recoveredStepRatesByDevice: recovered,
      peakRssMegabytes: Math.round(process.resourceUsage().maxRSS / 1e3),
    };
    console.log(JSON.stringify(result, null, 2));
    console.log('');
    console.log(
      `${count?.n} events, ${count?.sessions} sessions (DuckDB file, ${result.cpus} cores), goal < 3 s`,
    );
    console.log('');
    console.log('| funnel | median s | runs s | entered per step |');
    console.log('|---|---:|---|---|');
    for (const t of timings) {
      console.log(
        `| ${t.name} | ${t.medianSeconds.toFixed(2)} | ${t.runsSeconds.map((s) => s.toFixed(2)).join(', ')} | ${t.entered.join(' → ')} |`,
      );
    }
  } finally {
    await store.close();
    if (!keep && !reuse) rmSync(directory, { recursive: true, force: true });
    else process.stderr.write(`kept ${path}\n`);
  }
}

await main();
