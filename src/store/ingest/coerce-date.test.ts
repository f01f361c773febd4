import { describe, expect, it } from 'vitest';
import { formatDate, inferDayOrder, parseDateTime } from './coerce-date.js';

const iso = (text: string, order: 'dmy' | 'mdy' = 'mdy'): string | undefined => {
  const parts = parseDateTime(text, order);
  return parts === undefined ? undefined : new Date(parts.epochMs).toISOString();
};

describe('parseDateTime', () => {
  it.each([
    ['2023-03-05', '2023-03-05T00:00:00.000Z'],
    ['2023-03-05T14:30:00Z', '2023-03-05T14:30:00.000Z'],
    ['2023-03-05 14:30:00', '2023-03-05T14:30:00.000Z'],
    ['2023-03-05 14:30', '2023-03-05T14:30:00.000Z'],
    ['2023-03-05T14:30:00.123+08:00', '2023-03-05T06:30:00.123Z'],
    ['2023-03-05T14:30:00-0500', '2023-03-05T19:30:00.000Z'],
    ['2023/03/05', '2023-03-05T00:00:00.000Z'],
    ['2023/3/5 9:05', '2023-03-05T09:05:00.000Z'],
    ['2023.3.5', '2023-03-05T00:00:00.000Z'],
    ['2023年3月5日', '2023-03-05T00:00:00.000Z'],
    ['2023年3月5日 14:30', '2023-03-05T14:30:00.000Z'],
    ['2023年03月05日 14时30分', '2023-03-05T14:30:00.000Z'],
    ['2023年3月5日 14:30:15', '2023-03-05T14:30:15.000Z'],
    ['5 Mar 2023', '2023-03-05T00:00:00.000Z'],
    ['Mar 5, 2023', '2023-03-05T00:00:00.000Z'],
    ['March 5 2023 2:30 PM', '2023-03-05T14:30:00.000Z'],
    ['3/5/2023 12:15 am', '2023-03-05T00:15:00.000Z'],
    ['20230305', '2023-03-05T00:00:00.000Z'],
    ['20230305143000', '2023-03-05T14:30:00.000Z'],
    ['1678026600', '2023-03-05T14:30:00.000Z'],
    ['1678026600123', '2023-03-05T14:30:00.123Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
  ])('parses %j', (text, expected) => {
    expect(iso(text)).toBe(expected);
  });

  it.each([
    '2023-02-30',
    '2023-02-29',
    '2023-13-01',
    '2023-00-10',
    '2023-03-05 24:00',
    '2023-03-05 12:60',
    '2023年2月30日',
    '31/31/2023',
    'Foo 5, 2023',
    '13:00 PM 2023-01-01',
    '2023-03-05T10:00:00+25:00',
    'yesterday',
    '12345',
    '',
  ])('rejects %j', (text) => {
    expect(parseDateTime(text, 'mdy')).toBeUndefined();
  });

  it('reads DD/MM/YYYY or MM/DD/YYYY by the column day order', () => {
    expect(iso('05/03/2023', 'dmy')).toBe('2023-03-05T00:00:00.000Z');
    expect(iso('05/03/2023', 'mdy')).toBe('2023-05-03T00:00:00.000Z');
    expect(iso('25.12.2023', 'dmy')).toBe('2023-12-25T00:00:00.000Z');
    expect(parseDateTime('25/12/2023', 'mdy')).toBeUndefined();
  });

  it('formats the calendar date as written, ignoring the offset', () => {
    const parts = parseDateTime('2023-03-05T23:30:00-05:00', 'mdy');
    expect(parts && formatDate(parts)).toBe('2023-03-05');
  });
});

describe('inferDayOrder', () => {
  it.each([
    [['01/02/2023', '25/02/2023'], 'dmy'],
    [['01/02/2023', '02/25/2023'], 'mdy'],
    [['01/02/2023', '03/04/2023'], 'mdy'],
    [['13/01/2023', '14/01/2023', '01/13/2023'], 'dmy'],
    [['2023-01-02', 'n/a'], 'mdy'],
  ] as const)('%j → %s', (values, expected) => {
    expect(inferDayOrder(values)).toBe(expected);
  });
});
