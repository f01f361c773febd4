import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDuckDbStore } from '../../src/store/duckdb/duckdb-store.js';
import { ingestFiles } from '../../src/store/ingest/index.js';
import type { Row, Store } from '../../src/store/store.js';

/**
 * kill -9 during an import: a child process ingests ~300k orders into a DuckDB file that
 * already holds rows and is SIGKILLed once it reports progress mid-way. Reopening the file
 * must work and show the orders and imports tables exactly as before.
 */

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../..');
const child = join(here, 'ingest-kill.child.ts');
const dir = mkdtempSync(join(tmpdir(), 'mm-ingest-kill-'));
const totalRows = 300_000;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeOrders(path: string, rows: number, prefix: string): void {
  const lines = ['id,customer_id,ordered_at,channel,status,currency,total_amount,discount_amount'];
  for (let i = 0; i < rows; i += 1) {
    const amount = i % 97 === 0 ? '-1' : `${(i % 1000) + 0.5}`;
    lines.push(
      `${prefix}${i},c${i % 5000},2023-03-${String((i % 28) + 1).padStart(2, '0')} 10:00:00,online,completed,CNY,${amount},0`,
    );
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

async function snapshot(store: Store): Promise<{ orders: Row[]; imports: Row[] }> {
  return {
    orders: await store.query('SELECT * FROM orders ORDER BY id'),
    imports: await store.query('SELECT * FROM imports ORDER BY id'),
  };
}

function killMidway(
  process: ChildProcess,
): Promise<{ signal: NodeJS.Signals | null; progress: number[]; stderr: string }> {
  return new Promise((done) => {
    const progress: number[] = [];
    let stderr = '';
    let buffered = '';
    process.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const match = /^progress (\d+)$/.exec(line);
        if (!match) continue;
        const records = Number(match[1]);
        progress.push(records);
        if (records >= totalRows * 0.3 && records < totalRows && !process.killed) process.kill('SIGKILL');
      }
    });
    process.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    process.on('exit', (_code, signal) => done({ signal, progress, stderr }));
  });
}

describe('ingest killed with SIGKILL', () => {
  it('leaves the DuckDB file exactly as before', async () => {
    const dbPath = join(dir, 'store.duckdb');
    const quarantineDir = join(dir, 'quarantine');
    const seed = join(dir, 'seed.csv');
    writeOrders(seed, 20, 'seed');
    let store = await openDuckDbStore({ path: dbPath });
    await store.migrate();
    await ingestFiles(store, { table: 'orders', files: [seed], quarantineDir });
    const before = await snapshot(store);
    await store.close();
    expect(before.orders.length).toBe(19);
    expect(before.imports.length).toBe(1);
    const quarantinesBefore = readdirSync(quarantineDir).sort();

    const big = join(dir, 'big.csv');
    writeOrders(big, totalRows, 'o');
    const proc = spawn(process.execPath, ['--import', 'tsx', child, dbPath, big, quarantineDir], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const outcome = await killMidway(proc);
    expect(outcome.stderr).toBe('');
    expect(outcome.signal).toBe('SIGKILL');
    expect(outcome.progress.at(-1)).toBeGreaterThanOrEqual(totalRows * 0.3);
    expect(outcome.progress.at(-1)).toBeLessThan(totalRows);

    store = await openDuckDbStore({ path: dbPath });
    try {
      expect(await snapshot(store)).toEqual(before);
      expect(await store.migrate()).toEqual([]);
    } finally {
      await store.close();
    }
    // Only the temporary quarantine file of the killed import may be left; no final one appeared.
    const after = readdirSync(quarantineDir)
      .filter((name) => !name.endsWith('.tmp'))
      .sort();
    expect(after).toEqual(quarantinesBefore);
  }, 120_000);
});
