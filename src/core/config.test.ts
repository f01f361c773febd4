import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from './config.js';
import { InputError } from './errors.js';

const workspace = (config?: unknown): string => {
  const dir = mkdtempSync(join(tmpdir(), 'mm-config-'));
  if (config !== undefined) writeFileSync(join(dir, 'marketmind.config.json'), JSON.stringify(config));
  return dir;
};

describe('config', () => {
  it('defaults to the embedded DuckDB file in the workspace and no LLM', () => {
    const dir = workspace();
    const config = loadConfig({ dir, env: {} });
    expect(config.store).toBe('duckdb');
    expect(config.dbPath).toBe(join(dir, '.marketmind', 'marketmind.duckdb'));
    expect(config.llm.provider).toBe('none');
  });

  it('environment overrides the file, flags override the environment', () => {
    const dir = workspace({ locale: 'en', db: 'a.duckdb' });
    const config = loadConfig({
      dir,
      env: { MARKETMIND_LOCALE: 'zh', MARKETMIND_DB: 'b.duckdb' },
      overrides: { db: ':memory:' },
    });
    expect(config.locale).toBe('zh');
    expect(config.dbPath).toBe(':memory:');
  });

  it('reads MARKETMIND_LLM_* into the llm section', () => {
    const config = loadConfig({
      dir: workspace(),
      env: {
        MARKETMIND_LLM_PROVIDER: 'openai-compatible',
        MARKETMIND_LLM_BASE_URL: 'http://127.0.0.1:11434/v1',
        MARKETMIND_LLM_MODEL: 'qwen',
      },
    });
    expect(config.llm).toMatchObject({
      provider: 'openai-compatible',
      baseUrl: 'http://127.0.0.1:11434/v1',
      model: 'qwen',
    });
  });

  it('takes an optional embedding model from the file or MARKETMIND_LLM_EMBEDDING_MODEL', () => {
    expect(loadConfig({ dir: workspace(), env: {} }).llm.embeddingModel).toBeUndefined();
    const dir = workspace({ llm: { provider: 'openai-compatible', embeddingModel: 'nomic-embed-text' } });
    expect(loadConfig({ dir, env: {} }).llm.embeddingModel).toBe('nomic-embed-text');
    const fromEnv = loadConfig({ dir, env: { MARKETMIND_LLM_EMBEDDING_MODEL: 'bge-m3' } });
    expect(fromEnv.llm.embeddingModel).toBe('bge-m3');
    expect(() => loadConfig({ dir: workspace({ llm: { embeddingModel: '' } }), env: {} })).toThrow(
      /llm\.embeddingModel/,
    );
  });

  it('names the key, the value and what is allowed when a value is wrong', () => {
    const error = (() => {
      try {
        parseConfig({ locale: 'fr' }, 'marketmind.config.json');
      } catch (e) {
        return e;
      }
    })() as InputError;
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('"locale" is "fr"');
    expect(error.message).toContain('"en", "zh"');
    expect(error.issues[0]?.path).toEqual(['locale']);
  });

  it('rejects a bad environment value and says it came from the environment', () => {
    expect(() => loadConfig({ dir: workspace(), env: { MARKETMIND_PG_URL: 'mysql://x' } })).toThrow(
      /MARKETMIND_PG_URL[\s\S]*"pgUrl" is "mysql:\/\/x"; allowed: expected a postgres/,
    );
  });

  it('takes a postgres:// URL in db (file, MARKETMIND_DB or --db) as the PostgreSQL store', () => {
    const config = loadConfig({
      dir: workspace(),
      env: { MARKETMIND_DB: 'postgres://mm@127.0.0.1:5432/test' },
    });
    expect(config.store).toBe('postgres');
    expect(config.pgUrl).toBe('postgres://mm@127.0.0.1:5432/test');
  });

  it('never echoes a password when it rejects a URL', () => {
    expect(() =>
      loadConfig({
        dir: workspace(),
        env: { MARKETMIND_PG_URL: 'postgress://u:hunter2@h/db?sslpassword=s3cret' },
      }),
    ).toThrow(/postgress:\/\/u:\*\*\*@h\/db\?sslpassword=\*\*\*/);
  });

  it('rejects unknown keys and invalid JSON with the file name', () => {
    expect(() => loadConfig({ dir: workspace({ dbb: 'x' }), env: {} })).toThrow(/unknown key "dbb"/);
    const dir = workspace();
    writeFileSync(join(dir, 'marketmind.config.json'), '{ nope');
    expect(() => loadConfig({ dir, env: {} })).toThrow(/marketmind.config.json is not valid JSON/);
  });
});
