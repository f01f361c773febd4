import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoadedConfig, parseConfig } from '../../core/config.js';
import { lintFile } from './content-lint-file.js';

/** `content lint --input`: plain text lines and a CSV column, the language per line, and bad files. */

const config: LoadedConfig = { ...parseConfig({}, 'test'), dir: process.cwd(), dbPath: ':memory:' };

describe('lintFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mm-lint-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lints each line in its own language and counts findings by rule', async () => {
    const path = join(dir, 'copy.txt');
    await writeFile(
      path,
      '全网最低价，买到就是赚到！\n\nClinically proven to cure acne\nFresh arrivals for the weekend\n',
    );
    const result = await lintFile(config, path);
    expect(result).toMatchObject({ lines: 3, passed: 1, failed: 2 });
    expect(result.results.map((r) => [r.row, r.locale, r.passed])).toEqual([
      [1, 'zh', false],
      [3, 'en', false],
      [4, 'en', true],
    ]);
    expect(result.byRule).toMatchObject({ absolute_term: 1, medical_claim: 2 }); // "clinically proven" and "cure"
  });

  it('reads a CSV column, checks a format field, and never echoes personal data', async () => {
    const path = join(dir, 'ads.csv');
    await writeFile(
      path,
      'id,headline\n1,Soft merino scarves for every day of the cold season\n2,Call 13800138000 now\n',
    );
    const result = await lintFile(config, path, {
      textColumn: 'headline',
      format: 'search_ad',
      field: 'headline',
    });
    expect(result.results[0]?.findings.map((f) => f.rule)).toContain('too_long');
    expect(result.results[1]?.preview).toBe('(contains personal data)');
    expect(JSON.stringify(result)).not.toContain('13800138000');
  });

  it('names what is wrong with the input', async () => {
    const bad = join(dir, 'bad.txt');
    await writeFile(bad, Buffer.from([0x66, 0xff, 0xfe, 0x0a]));
    await expect(lintFile(config, bad)).rejects.toThrow(/not valid UTF-8/);
    await expect(lintFile(config, bad, { field: 'headline' })).rejects.toThrow(/--field needs --format/);
    await expect(lintFile(config, bad, { format: 'sms', field: 'headline' })).rejects.toThrow(
      /sms has no field "headline"/,
    );
    const empty = join(dir, 'empty.txt');
    await writeFile(empty, '\n\n');
    await expect(lintFile(config, empty)).rejects.toThrow(/no text to lint/);
  });
});
