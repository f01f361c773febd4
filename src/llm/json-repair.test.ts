import { describe, expect, it } from 'vitest';
import { type RepairStep, repairJson } from './json-repair.js';

interface Case {
  readonly name: string;
  readonly input: string;
  readonly value: unknown;
  /** Steps that must be reported (others may be too). */
  readonly steps: readonly RepairStep[];
}

const cases: readonly Case[] = [
  { name: 'markdown fence', input: '```json\n{"a": 1}\n```', value: { a: 1 }, steps: ['strip_fences'] },
  {
    name: 'fence inside prose',
    input: 'Here you go:\n```\n[1, 2]\n```\nHope it helps!',
    value: [1, 2],
    steps: ['strip_fences'],
  },
  {
    name: 'prose around the object',
    input: 'Sure! The answer is {"ok": true}. Let me know.',
    value: { ok: true },
    steps: ['strip_prose'],
  },
  {
    name: 'braces in the prose before the JSON',
    input: 'Fill in {name} as asked: {"name": "Ada"}',
    value: { name: 'Ada' },
    steps: ['strip_prose'],
  },
  {
    name: 'trailing commas',
    input: '{"a": [1, 2,], "b": 3,}',
    value: { a: [1, 2], b: 3 },
    steps: ['trailing_commas'],
  },
  { name: 'doubled commas', input: '[1,, 2]', value: [1, 2], steps: ['extra_commas'] },
  {
    name: 'missing commas between lines',
    input: '{\n  "a": 1\n  "b": "x"\n}',
    value: { a: 1, b: 'x' },
    steps: ['missing_commas'],
  },
  {
    name: 'single-quoted strings with an apostrophe and a double quote',
    input: `{'title': 'it's "new"', 'n': 2}`,
    value: { title: `it's "new"`, n: 2 },
    steps: ['single_quotes'],
  },
  {
    name: 'unquoted keys, including Chinese',
    input: '{name: "Ada", 价格: 12.5, first_name: "A"}',
    value: { name: 'Ada', 价格: 12.5, first_name: 'A' },
    steps: ['unquoted_keys'],
  },
  {
    name: 'Python literals',
    input: "{'ok': True, 'bad': False, 'none': None}",
    value: { ok: true, bad: false, none: null },
    steps: ['python_literals', 'single_quotes'],
  },
  {
    name: 'smart quotes as delimiters; smart quotes inside strings kept',
    input: '{“headline”: “春季上新”, "note": "他说“好”"}',
    value: { headline: '春季上新', note: '他说“好”' },
    steps: ['smart_quotes'],
  },
  {
    name: 'line and block comments',
    input: '{\n  // the title\n  "a": 1, /* count */ "b": 2\n}',
    value: { a: 1, b: 2 },
    steps: ['comments'],
  },
  {
    name: 'raw newline inside a string',
    input: '{"body": "line one\nline two"}',
    value: { body: 'line one\nline two' },
    steps: ['control_chars'],
  },
  {
    name: 'unescaped quotes inside a string',
    input: '{"headline": "Try our "best" deal", "n": 1}',
    value: { headline: 'Try our "best" deal', n: 1 },
    steps: ['inner_quotes'],
  },
  {
    name: 'invalid escape',
    input: '{"path": "C:\\data"}',
    value: { path: 'C:\\data' },
    steps: ['invalid_escapes'],
  },
  {
    name: 'truncated inside a string',
    input: '{"headline": "Spring sale", "body": "Up to 30% off on',
    value: { headline: 'Spring sale', body: 'Up to 30% off on' },
    steps: ['unterminated_string', 'closing_brackets'],
  },
  {
    name: 'truncated after a comma in nested arrays',
    input: '{"items": [{"id": 1}, {"id": 2},',
    value: { items: [{ id: 1 }, { id: 2 }] },
    steps: ['trailing_commas', 'closing_brackets'],
  },
  {
    name: 'truncated after a key',
    input: '{"a": 1, "b":',
    value: { a: 1 },
    steps: ['truncated_value', 'closing_brackets'],
  },
  {
    name: 'truncated number',
    input: '[1, 2.',
    value: [1, 2],
    steps: ['truncated_value', 'closing_brackets'],
  },
  { name: 'truncated literal', input: '{"ok": tr', value: { ok: true }, steps: ['truncated_value'] },
  {
    name: 'truncated inside an escape',
    input: '{"a": "x\\u00',
    value: { a: 'x' },
    steps: ['unterminated_string', 'closing_brackets'],
  },
  {
    name: 'closer that skips an open array',
    input: '{"a": [1, 2}',
    value: { a: [1, 2] },
    steps: ['closing_brackets'],
  },
  {
    name: 'everything at once, truncated in a fence',
    input: "Sure!\n```json\n{title: '新品', tags: ['a', 'b',], live: True, // why\n desc: \"cut off",
    value: { title: '新品', tags: ['a', 'b'], live: true, desc: 'cut off' },
    steps: [
      'strip_fences',
      'unquoted_keys',
      'single_quotes',
      'trailing_commas',
      'python_literals',
      'comments',
      'unterminated_string',
      'closing_brackets',
    ],
  },
];

describe('repairJson', () => {
  it('leaves valid JSON alone (no steps, repaired false)', () => {
    expect(repairJson(' {"a": [1, "x", null]} ')).toEqual({
      ok: true,
      value: { a: [1, 'x', null] },
      repaired: false,
      steps: [],
    });
    expect(repairJson('"just a string"')).toMatchObject({
      ok: true,
      value: 'just a string',
      repaired: false,
    });
  });

  it.each(cases)('repairs: $name', ({ input, value, steps }) => {
    const result = repairJson(input);
    if (!result.ok) throw new Error(`expected a repair, got: ${result.error}`);
    expect(result.value).toEqual(value);
    expect(result.repaired).toBe(true);
    for (const step of steps) expect(result.steps).toContain(step);
  });

  it('does not report steps that were not needed', () => {
    const result = repairJson('```json\n{"a": 1}\n```');
    expect(result).toMatchObject({ ok: true, steps: ['strip_fences'] });
  });

  it.each([
    ['plain prose', 'I cannot help with that.'],
    ['empty', ''],
    ['garbage inside brackets', '{"a": 1 = 2}'],
    ['an unquoted value word', '{"status": maybe}'],
  ])('fails on %s with a message', (_name, input) => {
    const result = repairJson(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/Not valid JSON/);
  });

  it('keeps the model text out of the error message', () => {
    const result = repairJson('{"secret-ish": maybe-not-json}');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).not.toContain('secret-ish');
  });
});
