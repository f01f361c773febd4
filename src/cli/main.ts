import { Command, CommanderError } from 'commander';
import { describeError, InputError, MarketmindError } from '../core/errors.js';
import { version } from '../core/version.js';
import { registerDbCommands } from './commands/db.command.js';
import { registerDemoCommand } from './commands/demo.command.js';
import { registerDemoDataCommand } from './commands/demo-data.command.js';
import { registerIngestCommand } from './commands/ingest.command.js';
import { registerQualityCommand } from './commands/quality.command.js';

/**
 * The `marketmind` command line. Exit codes: 0 ok, 1 failed, 2 bad usage (unknown command or
 * option, invalid flag value, invalid configuration). Errors print one sentence plus a hint.
 */

const usageCodes = new Set(['usage', 'invalid_config', 'unknown_table', 'invalid_option']);

export function buildProgram(): Command {
  const program = new Command('marketmind')
    .description('Sales & marketing intelligence over your own data (classical engine; LLM optional).')
    .version(version)
    .option('--json', 'print one machine-readable JSON document on stdout')
    .option('--dir <dir>', 'workspace directory (holds marketmind.config.json and .marketmind/)')
    .option('--db <db>', 'DuckDB file, :memory:, or a postgres:// URL (overrides the config)')
    .option('--lang <lang>', 'language of user-facing results: en or zh')
    .option('--quiet', 'no progress or notes on stderr')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  program.configureOutput({
    writeErr: (s) => process.stderr.write(s),
    writeOut: (s) => process.stdout.write(s),
  });
  registerDemoCommand(program);
  registerDemoDataCommand(program);
  registerIngestCommand(program);
  registerQualityCommand(program);
  registerDbCommands(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    if (
      error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.version' ||
      error.code === 'commander.help'
    )
      return 0;
    return 2;
  }
  if (error instanceof InputError && usageCodes.has(error.code)) return 2;
  return 1;
}

export function formatError(error: unknown): string {
  if (error instanceof MarketmindError) {
    const lines = [`marketmind: ${error.message}`];
    if (error.hint) lines.push(`hint: ${error.hint}`);
    return lines.join('\n');
  }
  return `marketmind: unexpected error: ${describeError(error)}\nhint: this is a bug; please report it with the command you ran (run with MARKETMIND_LOG_LEVEL=debug for details).`;
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    const code = exitCodeFor(error);
    if (!(error instanceof CommanderError)) {
      process.stderr.write(`${formatError(error)}\n`);
      if (
        !(error instanceof MarketmindError) &&
        process.env.MARKETMIND_LOG_LEVEL === 'debug' &&
        error instanceof Error
      ) {
        process.stderr.write(`${error.stack ?? ''}\n`);
      }
    }
    return code;
  }
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (invokedDirectly) process.exitCode = await main(process.argv.slice(2));
