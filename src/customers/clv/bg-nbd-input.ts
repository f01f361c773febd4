import { InputError } from '../../core/errors.js';

/** Input types and validation shared by the BG/NBD fit and predictions. */

export interface BgNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

/** Per-customer (x, t_x, T) — a PurchaseSummary satisfies it. */
export interface RepeatPurchaseData {
  /** x: repeat purchases (integers ≥ 0). */
  readonly frequency: ArrayLike<number>;
  /** t_x: time of the last purchase since the first (0 when x = 0). */
  readonly recency: ArrayLike<number>;
  /** T: time since the first purchase (≥ t_x). */
  readonly age: ArrayLike<number>;
}

export const BG_NBD_PARAM_NAMES = ['r', 'alpha', 'a', 'b'] as const;

export function checkBgNbdParams(params: BgNbdParams, caller: string): void {
  for (const name of BG_NBD_PARAM_NAMES) {
    const v = params[name];
    if (!(Number.isFinite(v) && v > 0))
      throw new InputError(
        'invalid_argument',
        `${caller}: BG/NBD parameter ${name} must be a finite number > 0, got ${v}`,
      );
  }
}

/** Validates one customer; returns a message or undefined. */
export function customerProblem(x: number, recency: number, age: number): string | undefined {
  if (!Number.isFinite(x) || !Number.isFinite(recency) || !Number.isFinite(age))
    return `frequency, recency and age must be finite numbers (got ${x}, ${recency}, ${age})`;
  if (x < 0 || recency < 0 || age < 0)
    return `negative value (frequency ${x}, recency ${recency}, age ${age})`;
  if (!Number.isInteger(x)) return `frequency must be a whole number of repeat purchases, got ${x}`;
  if (recency > age) return `recency ${recency} is larger than age ${age}`;
  if (x === 0 && recency !== 0) return `recency must be 0 when frequency is 0, got ${recency}`;
  return undefined;
}

/** Throws InputError naming the first invalid customer (index and problem). */
export function checkRepeatPurchaseData(data: RepeatPurchaseData, caller: string): number {
  const n = data.frequency.length;
  if (data.recency.length !== n || data.age.length !== n)
    throw new InputError(
      'invalid_argument',
      `${caller}: frequency, recency and age must have the same length (${n}, ${data.recency.length}, ${data.age.length})`,
    );
  for (let i = 0; i < n; i++) {
    const problem = customerProblem(
      data.frequency[i] as number,
      data.recency[i] as number,
      data.age[i] as number,
    );
    if (problem) throw new InputError('invalid_argument', `${caller}: customer ${i}: ${problem}`);
  }
  return n;
}

export function checkCustomer(x: number, recency: number, age: number, caller: string): void {
  const problem = customerProblem(x, recency, age);
  if (problem) throw new InputError('invalid_argument', `${caller}: ${problem}`);
}

export function checkHorizon(t: number, caller: string): void {
  if (!(Number.isFinite(t) && t >= 0))
    throw new InputError('invalid_argument', `${caller}: t must be a finite number ≥ 0, got ${t}`);
}
