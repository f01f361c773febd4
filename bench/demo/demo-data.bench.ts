/**
 * Demo-data benchmark: `npx tsx bench/demo/demo-data.bench.ts [--customers 5000,20000]`.
 * Not part of `npm test`. For each size, in one fresh process per size (so heap figures don't mix):
 * seconds to generate (`generateDemoData`) and to write the files (`writeDemoData`), total rows,
 * and the heap the generated data set holds (heap used after generation − before, after GC),
 * which is what bounds `--customers` (see src/cli/commands/options.ts).
 * Prints a table and a JSON document; writes bench/demo/out/result.json (gitignored).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

interface Measurement {
  readonly customers: number;
  readonly rows: number;
  readonly generateSeconds: number;
  readonly writeSeconds: number;
  readonly heapMbHeld: number;
  readonly heapKbPerCustomer: number;
  readonly peakRssMb: number;
}

async function measureOne(customers: number): Promise<Measurement> {
  const { generateDemoData } = await import('../../src/demo/index.js');
  const { writeDemoData } = await import('../../src/app/demo-data/write-demo-data.js');
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let started = performance.now();
  const dataSet = generateDemoData({ seed: 42, customers });
  const generateSeconds = (performance.now() - started) / 1000;
  gc?.();
  const heapMbHeld = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  const out = mkdtempSync(join(tmpdir(), 'mm-demo-bench-'));
  started = performance.now();
  const manifest = await writeDemoData(dataSet, out);
  const writeSeconds = (performance.now() - started) / 1000;
  rmSync(out, { recursive: true, force: true });
  return {
    customers,
    rows: manifest.files.reduce((sum, f) => sum + f.rows, 0),
    generateSeconds: Number(generateSeconds.toFixed(2)),
    writeSeconds: Number(writeSeconds.toFixed(2)),
    heapMbHeld: Number(heapMbHeld.toFixed(1)),
    heapKbPerCustomer: Number(((heapMbHeld * 1024) / customers).toFixed(1)),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

const childAt = process.argv.indexOf('--child');
if (childAt >= 0) {
  process.stdout.write(`${JSON.stringify(await measureOne(Number(process.argv[childAt + 1])))}\n`);
} else {
  const sizesAt = process.argv.indexOf('--customers');
  const sizes = (sizesAt >= 0 ? (process.argv[sizesAt + 1] ?? '') : '5000,20000').split(',').map(Number);
  const results: Measurement[] = [];
  for (const customers of sizes) {
    const child = spawnSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--child', String(customers)],
      { encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    if (child.status !== 0) throw new Error(`demo-data bench failed for ${customers}: ${child.stderr}`);
    results.push(JSON.parse(child.stdout) as Measurement);
  }
  const line = (cells: readonly (string | number)[]) => cells.map((c) => String(c).padStart(12)).join(' ');
  console.log(line(['customers', 'rows', 'generate s', 'write s', 'heap MB', 'KB/customer', 'peak RSS MB']));
  for (const r of results) {
    console.log(
      line([
        r.customers,
        r.rows,
        r.generateSeconds,
        r.writeSeconds,
        r.heapMbHeld,
        r.heapKbPerCustomer,
        r.peakRssMb,
      ]),
    );
  }
  const document = { benchmark: 'demo-data', node: process.version, results };
  console.log(JSON.stringify(document, null, 2));
  mkdirSync(join(here, 'out'), { recursive: true });
  writeFileSync(join(here, 'out', 'result.json'), `${JSON.stringify(document, null, 2)}\n`);
}
