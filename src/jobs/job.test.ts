import { describe, expect, it } from 'vitest';
import { InputError, OperationalError } from '../core/errors.js';
import {
  assertJsonSerializable,
  backoffDelayMs,
  jobModuleUrl,
  toPartitionError,
  validateJobDefinition,
  validatePartitions,
} from './job.js';
import { MemoryLedger } from './memory-ledger.js';

describe('assertJsonSerializable', () => {
  it('accepts JSON values and drops undefined object properties', () => {
    expect(() =>
      assertJsonSerializable({ a: [1, 'x', true, null, { b: -0.5 }], skip: undefined }, 'v'),
    ).not.toThrow();
    expect(() => assertJsonSerializable(Object.create(null), 'v')).not.toThrow();
    const shared = { n: 1 };
    expect(() => assertJsonSerializable([shared, shared], 'v')).not.toThrow(); // a repeat is not a cycle
  });

  it.each([
    [{ f: () => 1 }, 'a function at $.f'],
    [{ n: 1n }, 'a bigint at $.n'],
    [[1, undefined], 'undefined at $[1]'],
    [new Array(2), 'undefined at $[0]'],
    [{ s: Symbol('s') }, 'a symbol at $.s'],
    [{ x: Number.POSITIVE_INFINITY }, 'Infinity at $.x'],
    [{ d: new Date(0) }, 'a Date object at $.d'],
    [{ m: new Map() }, 'a Map object at $.m'],
    [new Float64Array(2), 'a Float64Array object at $'],
    [undefined, 'undefined at $'],
  ])('rejects %o', (value, found) => {
    expect(() => assertJsonSerializable(value, 'Input of partition "p"')).toThrow(
      `Input of partition "p" is not JSON-serialisable: ${found}`,
    );
  });

  it('rejects cycles', () => {
    const node: Record<string, unknown> = {};
    node.self = node;
    expect(() => assertJsonSerializable(node, 'v')).toThrow(/circular reference at \$\.self/);
  });
});

describe('validatePartitions and validateJobDefinition', () => {
  it('rejects empty and duplicate keys, naming them', () => {
    expect(() => validatePartitions([{ key: '', input: 1 }])).toThrow(/Partition #0/);
    expect(() =>
      validatePartitions([
        { key: 'a', input: 1 },
        { key: 'a', input: 2 },
      ]),
    ).toThrow(/Duplicate partition key "a"/);
    expect(() => validatePartitions([])).not.toThrow();
  });

  it('needs an absolute module, converting paths to file URLs', () => {
    const job = { name: 'j', module: '/opt/jobs/score.js', exportName: 'score' };
    expect(jobModuleUrl(job)).toBe('file:///opt/jobs/score.js');
    expect(jobModuleUrl({ ...job, module: 'file:///x/y.js' })).toBe('file:///x/y.js');
    expect(() => validateJobDefinition({ ...job, module: 'jobs/score.js' })).toThrow(InputError);
    expect(() => validateJobDefinition({ ...job, name: ' ' })).toThrow(/non-empty name/);
    expect(() => validateJobDefinition({ ...job, exportName: '' })).toThrow(/exportName/);
  });
});

describe('backoffDelayMs', () => {
  it('grows exponentially from initialDelayMs, capped at maxDelayMs, before jitter', () => {
    const options = { initialDelayMs: 100, factor: 2, maxDelayMs: 1000, jitter: 0.5 };
    const noJitter = [1, 2, 3, 4, 5].map((retry) => backoffDelayMs(retry, options, () => 0));
    expect(noJitter).toEqual([100, 200, 400, 800, 1000]);
    // jitter 0.5 with u → 1 takes off (almost) half: 400 · (1 − 0.5 · 0.999) = 200.2 → 200
    expect(backoffDelayMs(3, options, () => 0.999)).toBe(200);
    expect(backoffDelayMs(1, {}, () => 0)).toBe(500);
  });

  it('rejects bad options', () => {
    expect(() => backoffDelayMs(0)).toThrow(InputError);
    expect(() => backoffDelayMs(1, { factor: 0.5 })).toThrow(/factor ≥ 1/);
    expect(() => backoffDelayMs(1, { jitter: 2 })).toThrow(InputError);
    expect(() => backoffDelayMs(1, { initialDelayMs: Number.NaN })).toThrow(InputError);
  });
});

describe('toPartitionError', () => {
  it('is retryable only when the error says so', () => {
    const retryable = new OperationalError('db_timeout', 'timed out', { isRetryable: true });
    expect(toPartitionError(retryable)).toEqual({
      code: 'db_timeout',
      message: 'timed out',
      isRetryable: true,
    });
    expect(toPartitionError(new OperationalError('down', 'down'))).toMatchObject({ isRetryable: false });
    expect(toPartitionError(new InputError('bad_row', 'bad row'))).toEqual({
      code: 'bad_row',
      message: 'bad row',
      isRetryable: false,
    });
    expect(toPartitionError(new Error('boom'))).toEqual({
      code: 'handler_error',
      message: 'boom',
      isRetryable: false,
    });
    expect(toPartitionError('plain string')).toEqual({
      code: 'handler_error',
      message: 'plain string',
      isRetryable: false,
    });
    // Duck-typed, like the AI SDK's APICallError (isRetryable without our classes).
    expect(toPartitionError({ message: '429', isRetryable: true })).toMatchObject({ isRetryable: true });
  });
});

describe('MemoryLedger', () => {
  it('records outputs per (runId, key) as copies', async () => {
    const ledger = new MemoryLedger();
    const output = { rows: [1, 2] };
    await ledger.markDone('run1', 'a', output);
    await ledger.markDone('run1', 'void', undefined);
    output.rows.push(3);
    expect(await ledger.get('run1', 'a')).toEqual({ output: { rows: [1, 2] } });
    expect(await ledger.get('run1', 'void')).toEqual({ output: undefined });
    expect(await ledger.get('run2', 'a')).toBeUndefined();
    expect(ledger.size).toBe(2);
  });
});
