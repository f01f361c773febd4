import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from './main.js';

/** Runs the CLI in-process and captures what it writes to stdout and stderr. */
async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await main(argv);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

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
    expect(result.stderr).toContain('--customers is "many"; allowed: an integer from 50 to 2000000');
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

  it('exits 1 with the file name when an input file does not exist', async () => {
    const dir = workspace();
    const result = await run('ingest', 'orders', join(dir, 'missing.csv'), '--db', ':memory:', '--dir', dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('missing.csv');
    expect(result.stdout).toBe('');
  });
});
