import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from './testing/run-cli.js';

/** Runs the CLI in-process and captures what it writes to stdout and stderr. */
const run = runCli;

const workspace = (): string => mkdtempSync(join(tmpdir(), 'mm-cli-'));

afterEach(() => vi.restoreAllMocks());

describe('marketmind CLI conventions', () => {
  it('prints help and exits 0', async () => {
    const result = await run('--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('ingest');
    expect(result.stdout).toContain('demo');
  });

  it('exits 2 on an unknown command or option', async () => {
    expect((await run('frobnicate')).code).toBe(2);
    expect((await run('quality', '--nope')).code).toBe(2);
  });

  it('exits 2 with one clear sentence on a bad flag value', async () => {
    const result = await run('demo-data', '--customers', 'many', '--dir', workspace());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--customers is "many"; allowed: an integer from 50 to 200000');
    const lang = await run('--lang', 'fr', 'db', 'tables', '--db', ':memory:');
    expect(lang.code).toBe(2);
    expect(lang.stderr).toContain('--lang is "fr"; allowed: en, zh');
  });

  it('exits 2 on an unknown table and lists the tables in the hint', async () => {
    const result = await run('quality', 'nosuchtable', '--db', ':memory:', '--dir', workspace());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no table named "nosuchtable"[\s\S]*hint: Tables: customers/);
  });

  it('--json prints exactly one JSON document on stdout', async () => {
    const result = await run('db', 'tables', '--json', '--db', ':memory:', '--dir', workspace());
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as { tables: { table: string; rows: number }[] };
    expect(doc.tables.find((t) => t.table === 'orders')?.rows).toBe(0);
  });

  it('exits 2 when no command or subcommand is given', async () => {
    expect((await run()).code).toBe(2);
    expect((await run('db')).code).toBe(2);
  });

  it('refuses to open a workspace that does not exist for read-only commands', async () => {
    const dir = join(workspace(), 'nope');
    const result = await run('db', 'tables', '--dir', dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('There is no Marketmind store');
    expect(existsSync(dir)).toBe(false);
  });

  it('ingest --json reports table, read, accepted, rejected and quarantine', async () => {
    const dir = workspace();
    const file = join(dir, 'orders.csv');
    writeFileSync(
      file,
      'id,customer_id,ordered_at,total_amount\no1,c1,2024-01-02 10:00,"¥1,234.50"\no2,c1,2024年1月3日,N/A\no3,,2024-01-04,5\n',
    );
    const result = await run('ingest', 'orders', file, '--json', '--dir', dir);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(doc).toMatchObject({ table: 'orders', read: 3, accepted: 1, rejected: 2 });
    expect(typeof doc.quarantine).toBe('string');
    const quarantine = readFileSync(doc.quarantine as string, 'utf8');
    expect(quarantine).toContain('total_amount');
    expect(quarantine).toContain('customer_id');
  });

  it('--json on failure prints an error document on stdout', async () => {
    const dir = workspace();
    const result = await run('ingest', 'orders', join(dir, 'missing.csv'), '--json', '--dir', dir);
    expect(result.code).toBe(1);
    const doc = JSON.parse(result.stdout) as { error: { kind: string; message: string } };
    expect(doc.error.kind).toBe('input');
    expect(doc.error.message).toContain('missing.csv');
  });

  it('never echoes a database password in an error', async () => {
    const result = await run(
      'db',
      'tables',
      '--db',
      'postgres://someone:hunter2@127.0.0.1:1/nodb',
      '--dir',
      workspace(),
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).not.toContain('hunter2');
  });

  it('demo refuses a folder it did not make and leaves its files alone', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'my-export.csv'), 'id\n1\n');
    const result = await run('demo', '--dir', dir, '--customers', '50');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('not made by marketmind demo');
    expect(readFileSync(join(dir, 'my-export.csv'), 'utf8')).toBe('id\n1\n');
  });

  it('exits 1 with the file name when an input file does not exist', async () => {
    const dir = workspace();
    const result = await run('ingest', 'orders', join(dir, 'missing.csv'), '--db', ':memory:', '--dir', dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('missing.csv');
    expect(result.stdout).toBe('');
  });
});
