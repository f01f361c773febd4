import { describe, expect, it } from 'vitest';
import { createLogger, maskSecrets, redactSecretsInText, redactUrl } from './logger.js';

describe('secret masking', () => {
  it.each([
    ['postgres://u:pw@h:5432/db', 'postgres://u:***@h:5432/db'],
    ['postgres://:secret@h/db', 'postgres://:***@h/db'],
    ['postgres://u@h/db?password=pw&sslmode=require', 'postgres://u@h/db?password=***&sslmode=require'],
    ['postgres://u:p@ss@h/db', 'postgres://u:***@h/db'],
    ['redis://default:pw@127.0.0.1:6379', 'redis://default:***@127.0.0.1:6379'],
    ['postgres://u@h/db', 'postgres://u@h/db'],
  ])('redactUrl(%s) → %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  it('masks URLs inside free text and secret-named fields in logs', () => {
    expect(redactSecretsInText('connect failed for postgres://u:pw@h/db: refused')).toBe(
      'connect failed for postgres://u:***@h/db: refused',
    );
    const lines: string[] = [];
    createLogger('info', (line) => lines.push(line)).info('opening', {
      url: 'postgres://u:pw@h/db',
      apiKey: 'sk-1',
    });
    expect(lines[0]).not.toContain('pw@');
    expect(lines[0]).not.toContain('sk-1');
    expect(maskSecrets({ token: 'x', n: 1 })).toEqual({ token: '***', n: 1 });
  });
});
