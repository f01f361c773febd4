import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const cdnow = resolve(root, '../shared/datasets/cdnow/CDNOW_sample.txt');

function cli(...argv: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...argv], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, MARKETMIND_LOG_LEVEL: 'warn' },
    timeout: 120_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

const within = (actual: number, expected: number, relative: number) =>
  expect(Math.abs(actual - expected) / expected).toBeLessThan(relative);

describe.skipIf(!existsSync(cdnow))(
  'marketmind clv fit --transactions on CDNOW (needs ../shared/datasets/cdnow)',
  () => {
    it('reproduces the published BG/NBD and Gamma-Gamma parameters within 1%', () => {
      // CDNOW_sample.txt is whitespace-aligned without a header: written as the CSV a user would export.
      const dir = mkdtempSync(join(tmpdir(), 'mm-cdnow-'));
      const csv = join(dir, 'cdnow.csv');
      const lines = readFileSync(cdnow, 'utf8')
        .split(/\r?\n/)
        .filter((l) => l.trim() !== '')
        .map((l) => {
          const [, sampleId, date, cds, amount] = l.trim().split(/\s+/);
          return `${sampleId},${date},${cds},${amount}`;
        });
      writeFileSync(csv, `customer,date,cds,amount\n${lines.join('\n')}\n`);
      const result = cli(
        'clv',
        'fit',
        '--transactions',
        csv,
        '--customer-col',
        'customer',
        '--date-col',
        'date',
        '--amount-col',
        'amount',
        '--date-format',
        'YYYYMMDD',
        '--calibration-end',
        '1997-09-30',
        '--time-unit',
        'week',
        '--json',
      );
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const doc = JSON.parse(result.stdout) as {
        customers: number;
        bgnbd: { r: number; alpha: number; a: number; b: number };
        gammagamma: { p: number; q: number; v: number; customers: number };
        validation: { overall: { actualTotal: number } };
        engine: string;
      };
      expect(doc.engine).toBe('classic');
      expect(doc.customers).toBe(2357);
      // Fader, Hardie & Lee (2005): r 0.243, α 4.414, a 0.793, b 2.426; Gamma-Gamma p 6.25, q 3.74, v 15.44.
      within(doc.bgnbd.r, 0.243, 0.01);
      within(doc.bgnbd.alpha, 4.414, 0.01);
      within(doc.bgnbd.a, 0.793, 0.01);
      within(doc.bgnbd.b, 2.426, 0.01);
      within(doc.gammagamma.p, 6.25, 0.01);
      within(doc.gammagamma.q, 3.74, 0.01);
      within(doc.gammagamma.v, 15.44, 0.01);
      expect(doc.gammagamma.customers).toBe(946);
      expect(doc.validation.overall.actualTotal).toBeGreaterThan(0);
    });
  },
);

describe('marketmind clv fit --transactions: bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mm-clv-bad-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const fitFile = (path: string, ...extra: string[]) =>
    cli('clv', 'fit', '--transactions', path, '--customer-col', 'c', '--date-col', 'd', ...extra, '--json');

  it('names the rows whose date or amount cannot be read, and fits nothing', () => {
    const result = fitFile(
      file('bad.csv', 'c,d,a\nx,2024-01-01,10\ny,2024-13-45,5\nz,2024-02-01,abc\n'),
      '--amount-col',
      'a',
    );
    expect(result.code).toBe(1);
    const error = JSON.parse(result.stdout).error as { code: string; message: string };
    expect(error.code).toBe('invalid_transactions');
    expect(error.message).toMatch(/row 2: d "2024-13-45" is not a date/);
    expect(error.message).toMatch(/row 3: a "abc" is not a number/);
  });

  it('refuses a calibration end after the last transaction (T would run past the data)', () => {
    const result = fitFile(
      file('late.csv', 'c,d\nx,2024-01-01\nx,2024-02-01\n'),
      '--calibration-end',
      '2030-01-01',
    );
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).error.message).toMatch(/after the last transaction \(2024-02-01\)/);
  });

  it('names a missing column and lists the columns there are', () => {
    const result = fitFile(file('cols.csv', 'customer,day\nx,2024-01-01\n'));
    expect(result.code).toBe(1);
    const error = JSON.parse(result.stdout).error as { code: string; message: string; hint: string };
    expect(error.code).toBe('unknown_column');
    expect(error.hint).toMatch(/customer, day/);
  });

  it('refuses data without any repeat purchase with a clear message (customers with one transaction)', () => {
    const result = fitFile(file('single.csv', 'c,d\nx,2024-01-01\ny,2024-02-01\nz,2024-03-01\n'));
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).error.message).toMatch(/at least one customer with a repeat purchase/);
  });

  it('leaves refunds (negative amounts) out and says so; dates out of order are fine', () => {
    const rows = ['c,d,a'];
    for (let i = 0; i < 40; i++) {
      const days = [3, 1, 10 + (i % 7), 20 + (i % 5)].slice(0, 1 + (i % 4));
      for (const day of days)
        rows.push(`c${i},2024-01-${String(day).padStart(2, '0')},${10 + (i % 9) + day}`);
    }
    rows.push('c1,2024-01-05,-12.5');
    const result = fitFile(
      file('refund.csv', `${rows.join('\n')}\n`),
      '--amount-col',
      'a',
      '--time-unit',
      'day',
    );
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as {
      notes: string[];
      source: { excludedNegative: number };
      customers: number;
    };
    expect(doc.source.excludedNegative).toBe(1);
    expect(doc.customers).toBe(40);
    expect(doc.notes.join(' ')).toMatch(/negative amount/);
    expect(result.stdout).not.toMatch(/NaN/);
  });
});
