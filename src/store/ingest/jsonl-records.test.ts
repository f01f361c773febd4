import { describe, expect, it } from 'vitest';
import { JsonlRecordScanner, type JsonRecord } from './jsonl-records.js';

describe('JsonlRecordScanner', () => {
  it('parses objects across chunks, skips blank lines and reports bad lines as data', () => {
    const scanner = new JsonlRecordScanner();
    const out: JsonRecord[] = [];
    scanner.push('{"a":1}\r\n\n{"b":', out);
    scanner.push('"x"}\n42\n{bad\n', out);
    scanner.end(out);
    expect(out.map((r) => [r.rowNumber, r.line, r.object, r.error?.code])).toEqual([
      [1, 1, { a: 1 }, undefined],
      [2, 3, { b: 'x' }, undefined],
      [3, 4, undefined, 'not_an_object'],
      [4, 5, undefined, 'invalid_json'],
    ]);
    expect(out[3]?.raw).toBe('{bad');
  });
});
