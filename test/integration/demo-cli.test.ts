import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The CLI as a user runs it: a real process, stdout and stderr apart, exit codes. */
function cli(...argv: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...argv], {
    cwd: join(import.meta.dirname, '..', '..'),
    encoding: 'utf8',
    env: { ...process.env, MARKETMIND_LOG_LEVEL: 'warn' },
    timeout: 240_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

describe('marketmind demo (end to end, small)', () => {
  it('builds a workspace, loads every table loss-free and writes a zh report; --json is one document', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'mm-demo-')), 'ws');
    const result = cli('demo', '--dir', dir, '--customers', '300', '--seed', '7', '--lang', 'zh', '--json');
    expect(result.stderr).not.toMatch(/unexpected error/);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as {
      report: string;
      tables: { table: string; read: number; accepted: number; rejected: number }[];
      engine: string;
      dataWindow: { start: string; end: string } | null;
    };
    expect(summary.engine).toBe('classic');
    expect(summary.dataWindow).not.toBeNull();
    for (const t of summary.tables) expect(t.accepted + t.rejected, t.table).toBe(t.read);
    const loaded = new Set(summary.tables.map((t) => t.table));
    for (const table of [
      'customers',
      'orders',
      'order_lines',
      'products',
      'events',
      'documents',
      'ground_truth',
    ]) {
      expect(loaded.has(table), table).toBe(true);
    }
    expect(existsSync(summary.report)).toBe(true);
    const html = readFileSync(summary.report, 'utf8');
    expect(html).toContain('lang="zh-CN"');
    expect(html).toContain('数据质量');
    expect(html).toContain('<svg');

    const again = cli('db', 'tables', '--dir', dir, '--json');
    expect(again.code).toBe(0);
    const counts = JSON.parse(again.stdout) as { tables: { table: string; rows: number }[] };
    expect(counts.tables.find((t) => t.table === 'customers')?.rows).toBeGreaterThan(250);

    // the customer-value sections are in the report, and the commands work on the workspace
    for (const id of [
      'customers-rfm',
      'customers-segments',
      'customers-clv',
      'customers-loyalty',
      'customers-cohorts',
      'forecast-total-revenue-day',
      'forecast-sku-units-day',
    ])
      expect(html).toContain(`id="${id}"`);
    const rfm = cli('customers', 'rfm', '--dir', dir, '--json');
    expect(rfm.code).toBe(0);
    expect(JSON.parse(rfm.stdout)).toMatchObject({ engine: 'classic', currency: 'CNY' });
    // the demo's last forecast run is the SKU-level one: plan inventory from it
    const plan = cli('forecast', 'plan', '--dir', dir, '--lead-time', '7', '--json');
    expect(plan.code).toBe(0);
    const planned = JSON.parse(plan.stdout) as {
      params: { level: string };
      inventory: { safetyStock: number }[];
    };
    expect(planned.params.level).toBe('sku');
    expect(planned.inventory.length).toBeGreaterThan(0);
    expect(planned.inventory.every((l) => l.safetyStock >= 0)).toBe(true);
    const predict = cli('clv', 'predict', '--dir', dir, '--top', '3', '--json');
    expect(predict.code).toBe(0);
    const predictions = JSON.parse(predict.stdout) as { modelRunId: string; predictions: { clv: number }[] };
    expect(predictions.modelRunId).toMatch(/^run_/);
    expect(predictions.predictions).toHaveLength(3);
    const tiers = cli('customers', 'tiers', '--dir', dir);
    expect(tiers.code).toBe(0);
    expect(tiers.stdout).toMatch(/up, \d+ down/);
    // experiments, campaigns, attribution, budget and funnel: each a recorded run with a JSON document
    for (const command of [
      ['experiment', 'analyze', '--id', 'exp_one_page_checkout'],
      ['campaigns', 'kpis'],
      ['attribution', 'run'],
      ['budget', 'optimize'],
      ['funnel'],
    ]) {
      const run = cli(...command, '--dir', dir, '--json');
      expect(run.code, command.join(' ')).toBe(0);
      expect(JSON.parse(run.stdout).modelRunId, command.join(' ')).toMatch(/^run_/);
      expect(run.stdout).not.toMatch(/NaN/);
    }
    for (const id of [
      'experiment-exp_one_page_checkout',
      'campaigns-kpis',
      'campaigns-budget',
      'attribution',
      'funnel',
    ])
      expect(html).toContain(`id="${id}"`);
    const segment = cli('customers', 'segment', '--dir', dir, '--k', '0');
    expect(segment.code).toBe(2);
    expect(segment.stderr).toContain('--k is "0"');
  }, 180_000);

  it('exits 2 on bad usage and 1 on a failed command, with the message on stderr only', () => {
    const usage = cli('demo', '--customers', '3');
    expect(usage.code).toBe(2);
    expect(usage.stdout).toBe('');
    expect(usage.stderr).toContain('--customers is "3"');
    const failed = cli('ingest', 'orders', '/nonexistent/orders.csv', '--db', ':memory:', '--json');
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('/nonexistent/orders.csv');
    // with --json, stdout still carries exactly one JSON document: the error
    expect(JSON.parse(failed.stdout)).toMatchObject({ error: { kind: 'input' } });
  });
});
