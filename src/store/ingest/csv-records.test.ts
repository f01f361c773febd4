import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CsvRecord, CsvRecordScanner, readCsvRecords } from './csv-records.js';

function scanAll(
  text: string,
  chunkSize = text.length || 1,
  delimiter = ',',
): { header?: CsvRecord; records: CsvRecord[] } {
  const scanner = new CsvRecordScanner({ delimiter });
  const records: CsvRecord[] = [];
  for (let i = 0; i < text.length; i += chunkSize) scanner.push(text.slice(i, i + chunkSize), records);
  scanner.end(records);
  return { ...(scanner.header ? { header: scanner.header } : {}), records };
}

const view = (r: CsvRecord) => ({
  row: r.rowNumber,
  line: r.line,
  fields: r.fields,
  raw: r.raw,
  error: r.error?.code,
});

describe('CsvRecordScanner', () => {
  it('splits plain records, LF and CRLF, and numbers rows and lines', () => {
    const { header, records } = scanAll('id,name\r\n1,Ann\r\n2,Bob\n3,Cy');
    expect(header?.fields).toEqual(['id', 'name']);
    expect(records.map(view)).toEqual([
      { row: 1, line: 2, fields: ['1', 'Ann'], raw: '1,Ann', error: undefined },
      { row: 2, line: 3, fields: ['2', 'Bob'], raw: '2,Bob', error: undefined },
      { row: 3, line: 4, fields: ['3', 'Cy'], raw: '3,Cy', error: undefined },
    ]);
  });

  it('handles quoted delimiters, doubled quotes and quoted newlines', () => {
    const text = 'id,note\n1,"a, b"\n2,"say ""hi"""\n3,"line one\r\nline two"\n4,""\n';
    const { records } = scanAll(text);
    expect(records.map((r) => r.fields)).toEqual([
      ['1', 'a, b'],
      ['2', 'say "hi"'],
      ['3', 'line one\r\nline two'],
      ['4', ''],
    ]);
    expect(records.map((r) => r.line)).toEqual([2, 3, 4, 6]);
    expect(records[2]?.raw).toBe('3,"line one\r\nline two"');
  });

  it('skips empty lines without counting them as records, but counts them as lines', () => {
    const { records } = scanAll('a,b\n\n1,2\r\n\r\n\n3,4\n\n');
    expect(records.map((r) => [r.rowNumber, r.line, r.fields.join('|')])).toEqual([
      [1, 3, '1|2'],
      [2, 6, '3|4'],
    ]);
  });

  it('turns a stray quote into a rejected record and carries on with the next line', () => {
    const { records } = scanAll('a,b\n1,x"y\n2,"ok"z\n3,fine\n');
    expect(records.map(view)).toEqual([
      { row: 1, line: 2, fields: [], raw: '1,x"y', error: 'stray_quote' },
      { row: 2, line: 3, fields: [], raw: '2,"ok"z', error: 'stray_quote' },
      { row: 3, line: 4, fields: ['3', 'fine'], raw: '3,fine', error: undefined },
    ]);
  });

  it('rejects only the first line of a quote left open at end of file and re-reads the rest', () => {
    const { records } = scanAll('a,b\n1,"open\n2,two\n3,three\n');
    expect(records.map(view)).toEqual([
      { row: 1, line: 2, fields: [], raw: '1,"open', error: 'unterminated_quote' },
      { row: 2, line: 3, fields: ['2', 'two'], raw: '2,two', error: undefined },
      { row: 3, line: 4, fields: ['3', 'three'], raw: '3,three', error: undefined },
    ]);
  });

  it('bounds an open quote by maxRecordChars while streaming', () => {
    const scanner = new CsvRecordScanner({ delimiter: ',', maxRecordChars: 50 });
    const out: CsvRecord[] = [];
    scanner.push('a,b\n1,"never closed\n', out);
    for (let i = 0; i < 10; i += 1) scanner.push(`${i},filler text\n`, out);
    expect(out[0]?.error?.code).toBe('unterminated_quote');
    expect(out.length).toBeGreaterThan(5);
  });

  it('supports other delimiters and keeps ragged rows as they are', () => {
    const { records } = scanAll('a;b;c\n1;2\n1;2;3;4\n', undefined, ';');
    expect(records.map((r) => r.fields.length)).toEqual([2, 4]);
  });

  it('gives the same records whatever the chunk boundaries (property)', () => {
    const cell = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', '"', '\n', '\r', '中') }),
      fc.constantFrom('"quoted, with comma"', '"x""y"', '"multi\nline"'),
    );
    const csv = fc
      .array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 })
      .map((rows) => rows.map((r) => r.join(',')).join('\n'));
    fc.assert(
      fc.property(csv, fc.integer({ min: 1, max: 7 }), (text, chunk) => {
        const whole = scanAll(text);
        const pieces = scanAll(text, chunk);
        expect(pieces.records.map(view)).toEqual(whole.records.map(view));
        expect(pieces.header?.fields).toEqual(whole.header?.fields);
      }),
      { numRuns: 300 },
    );
  });

  it('reads an async chunk stream in batches and reports the header', async () => {
    let header: string[] | undefined;
    const batches: CsvRecord[][] = [];
    async function* chunks() {
      yield 'x,y\n1,';
      yield '2\n3,4';
    }
    for await (const batch of readCsvRecords(chunks(), { delimiter: ',' }, (h) => {
      header = h.fields;
    })) {
      batches.push(batch);
    }
    expect(header).toEqual(['x', 'y']);
    expect(batches.flat().map((r) => r.fields)).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });
});
