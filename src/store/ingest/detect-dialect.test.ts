import { describe, expect, it } from 'vitest';
import { detectDialect, parseDelimiterOption } from './detect-dialect.js';

describe('detectDialect', () => {
  it.each([
    [',', 'id,name,total\n1,Ann,3.5\n2,Bob,4\n'],
    [';', 'id;name;total\n1;Ann;3,5\n2;Bob;4,0\n'],
    ['\t', 'id\tname\ttotal\n1\tAnn, Jr.\t3.5\n2\tBob\t4\n'],
    ['|', 'id|name|total\n1|Ann|3.5\n2|Bob|4\n'],
  ])('detects %j', (delimiter, text) => {
    expect(detectDialect(text, false).delimiter).toBe(delimiter);
  });

  it('ignores delimiters inside quotes', () => {
    const text = 'id;note\n1;"a, b, c, d"\n2;"e, f, g"\n';
    expect(detectDialect(text, false).delimiter).toBe(';');
  });

  it('prefers the consistent delimiter over the frequent one', () => {
    const text = 'id,name\n1,"Smith; John; Jr"\n2,"Doe; Jane"\n3,Roe\n';
    expect(detectDialect(text, false).delimiter).toBe(',');
  });

  it('ignores a cut last line of a sample and defaults to comma for one column', () => {
    expect(detectDialect('id|name\n1|Ann\n2|Bo', true).delimiter).toBe('|');
    expect(detectDialect('id\n1\n2\n', false).delimiter).toBe(',');
  });
});

describe('parseDelimiterOption', () => {
  it('understands names', () => {
    expect(parseDelimiterOption('tab')).toBe('\t');
    expect(parseDelimiterOption('\\t')).toBe('\t');
    expect(parseDelimiterOption(';')).toBe(';');
  });
});
