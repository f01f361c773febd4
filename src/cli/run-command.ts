import type { Command } from 'commander';
import { type CommandContext, createContext, type GlobalOptions } from './context.js';

/**
 * Wraps a command action: builds the context from global + local options, always closes the
 * store, and lets errors propagate to `main` (which alone maps them to exit codes).
 */
export function action<A extends unknown[]>(
  handler: (context: CommandContext, options: Record<string, unknown>, ...args: A) => Promise<void>,
): (...args: unknown[]) => Promise<void> {
  return async (...all: unknown[]) => {
    const command = all[all.length - 1] as Command;
    const options = command.optsWithGlobals() as GlobalOptions & Record<string, unknown>;
    const positional = all.slice(0, -2) as A;
    const context = createContext(options);
    try {
      await handler(context, options, ...positional);
    } finally {
      await context.close();
    }
  };
}
