import { InputError } from '../../core/errors.js';

/** A commander parser for integer flags within [min, max], with an error naming the flag. */
export function intOption(flag: string, min: number, max: number): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new InputError('usage', `${flag} is "${value}"; allowed: an integer from ${min} to ${max}`);
    }
    return n;
  };
}
