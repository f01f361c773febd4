import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvField, QuarantineWriter } from './quarantine.js';

describe('QuarantineWriter', () => {
  it('writes one escaped record per entry and appears under its final name only on commit', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'mm-q-')), 'nested');
    const writer = new QuarantineWriter(dir, 'orders', 'imp_1');
    writer.add({
      file: 'a,b.csv',
      rowNumber: 3,
      line: 4,
      issues: [
        { column: 'total_amount', code: 'negative', message: 'must not be negative, got "-1"' },
        { column: '', code: 'x', message: 'y' },
      ],
      original: 'o1,"multi\nline",-1',
    });
    expect(existsSync(writer.finalPath)).toBe(false);
    const path = writer.commit();
    expect(path).toBe(join(dir, 'orders-imp_1.quarantine.csv'));
    expect(readFileSync(path as string, 'utf8')).toBe(
      '\uFEFFfile,row_number,line,column,reason,original\r\n' +
        '"a,b.csv",3,4,total_amount,"total_amount: negative (must not be negative, got ""-1""); x (y)","o1,""multi\nline"",-1"\r\n',
    );
  });

  it('creates nothing when empty and deletes the temporary file on abort', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-q-'));
    expect(new QuarantineWriter(dir, 't', 'i').commit()).toBeNull();
    const writer = new QuarantineWriter(dir, 't', 'i2');
    writer.add({ file: 'f', rowNumber: 1, line: 2, issues: [], original: 'x' });
    writer.abort();
    expect(readdirSync(dir)).toEqual([]);
    expect(existsSync(writer.finalPath)).toBe(false);
  });

  it('quotes only when needed', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a"b')).toBe('"a""b"');
    expect(csvField('a\rb')).toBe('"a\rb"');
  });
});
