import type { Command } from 'commander';
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

/**
 * The generator holds the data set in memory (about 13 KB of heap per customer, measured by
 * `npm run bench:demo-data`): 200k customers (~2.6 GB) stay inside Node's default heap limit.
 */
export const maxDemoCustomers = 200_000;

/** `--seed` and `--customers`, shared by the commands that generate demo data. */
export function withDemoDataOptions(command: Command): Command {
  return command
    .option('--seed <n>', 'random seed (same seed, same data)', intOption('--seed', 0, 2 ** 31 - 1), 42)
    .option(
      '--customers <n>',
      `number of customers (at most ${maxDemoCustomers})`,
      intOption('--customers', 50, maxDemoCustomers),
      20000,
    );
}

/** A commander parser for a finite number within [min, max], with an error naming the flag. */
export function numberOption(flag: string, min: number, max: number): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
      throw new InputError('usage', `${flag} is "${value}"; allowed: a number from ${min} to ${max}`);
    }
    return n;
  };
}

/** A commander parser for a calendar date (YYYY-MM-DD, read as UTC midnight). */
export function dateOption(flag: string): (value: string) => Date {
  return (value: string) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
    const date = m ? new Date(Date.UTC(+(m[1] as string), +(m[2] as string) - 1, +(m[3] as string))) : null;
    if (!m || !date || date.toISOString().slice(0, 10) !== value.trim()) {
      throw new InputError('usage', `${flag} is "${value}"; expected a date as YYYY-MM-DD`);
    }
    return date;
  };
}

/** A commander parser for one of a fixed set of words. */
export function choiceOption<T extends string>(flag: string, choices: readonly T[]): (value: string) => T {
  return (value: string) => {
    if (!(choices as readonly string[]).includes(value)) {
      throw new InputError('usage', `${flag} is "${value}"; allowed: ${choices.join(', ')}`);
    }
    return value as T;
  };
}

/**
 * `--as-of DAY`: everything up to the end of that UTC day (23:59:59.999), so every analysis —
 * features (orders at or before the instant) and purchase summaries (by UTC day) — sees the day
 * whole.
 */
export function asOfOption(flag: string): (value: string) => Date {
  const parse = dateOption(flag);
  return (value: string) => new Date(parse(value).getTime() + 86_400_000 - 1);
}
