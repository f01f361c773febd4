import { describe, expect, it } from 'vitest';
import { displayWidth, textTable } from './output.js';

describe('textTable', () => {
  it('aligns columns by terminal width, counting Chinese characters as two columns', () => {
    expect(displayWidth('门店常客')).toBe(8);
    expect(displayWidth('ab（c）')).toBe(7);
    const lines = textTable([
      { segment: '门店常客', n: 1 },
      { segment: 'Store regulars', n: 22 },
    ]).split('\n');
    const start = (line: string) => displayWidth(line.slice(0, line.search(/\d+$/)));
    expect(start(lines[2] as string)).toBe(start(lines[3] as string));
  });
});
