import { InputError } from '../core/errors.js';
import type { Hierarchy } from './hierarchy.js';

/**
 * Reading the per-node inputs of reconcileForecasts (reconcile.ts): series by node key with length checks,
 * and the in-sample residuals as a node-major matrix of the time points where every node is defined.
 * Cost O(n · T).
 */

function fail(message: string, hint?: string): never {
  throw new InputError('invalid_argument', message, hint === undefined ? {} : { hint });
}

export interface ResidualMatrix {
  readonly values: Float64Array;
  readonly observations: number;
  readonly seriesCount: number;
  readonly meanSquares: Float64Array;
}

export function readSeries(
  record: Readonly<Record<string, readonly number[]>>,
  key: string,
  length: number | undefined,
  what: string,
): readonly number[] {
  const values = record[key];
  if (values === undefined)
    fail(`Missing ${what} for node '${key}'`, `Give ${what} for every node the method reads`);
  if (length !== undefined && values.length !== length)
    fail(`${what} for node '${key}' has length ${values.length}, expected ${length}`);
  return values;
}

export function readResiduals(
  hierarchy: Hierarchy,
  record: Readonly<Record<string, readonly number[]>>,
  from: number,
): ResidualMatrix {
  const nodes = hierarchy.nodes.slice(from);
  const firstKey = nodes[0]?.key as string;
  const length = readSeries(record, firstKey, undefined, 'residuals').length;
  const columns = nodes.map((node) => readSeries(record, node.key, length, 'residuals'));
  const keep: number[] = [];
  const complete = new Uint8Array(length).fill(1);
  for (const column of columns)
    for (let t = 0; t < length; t++) if (!Number.isFinite(column[t])) complete[t] = 0;
  for (let t = 0; t < length; t++) if (complete[t] === 1) keep.push(t);
  const T = keep.length;
  if (T < 2)
    throw new InputError(
      'insufficient_data',
      `Residuals have ${T} time points where every node is defined; need at least 2`,
      {
        hint: 'Align the residual series in time and use NaN only where a fitted value is undefined',
      },
    );
  const n = columns.length;
  const values = new Float64Array(n * T);
  const meanSquares = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const column = columns[i] as readonly number[];
    let ss = 0;
    for (let p = 0; p < T; p++) {
      const r = column[keep[p] as number] as number;
      values[i * T + p] = r;
      ss += r * r;
    }
    meanSquares[i] = ss / T;
  }
  return { values, observations: T, seriesCount: n, meanSquares };
}
