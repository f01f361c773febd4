import { Command, CommanderError } from 'commander';
import { describeError, InputError, MarketmindError } from '../core/errors.js';
import { redactSecretsInText } from '../core/logger.js';
import { version } from '../core/version.js';
import { registerAttributionCommand } from './commands/attribution.command.js';
import { registerBudgetCommand, registerCampaignsCommand } from './commands/campaigns.command.js';
import { registerClvCommands } from './commands/clv.command.js';
import { registerContentCommands } from './commands/content.command.js';
import { registerCustomersCommands } from './commands/customers.command.js';
import { registerDbCommands } from './commands/db.command.js';
import { registerDemoCommand } from './commands/demo.command.js';
import { registerDemoDataCommand } from './commands/demo-data.command.js';
import { registerExperimentCommand } from './commands/experiment.command.js';
import { registerForecastCommands } from './commands/forecast.command.js';
import { registerFunnelCommand } from './commands/funnel.command.js';
import { registerGenerateCommand } from './commands/generate.command.js';
import { registerIngestCommand } from './commands/ingest.command.js';
import { registerLlmCommands } from './commands/llm.command.js';
import { registerQualityCommand } from './commands/quality.command.js';
import { registerTextCommands } from './commands/text.command.js';

/**
 * The `marketmind` command line. Exit codes: 0 ok, 1 failed, 2 bad usage (unknown command or
 * option, invalid flag value, invalid configuration). Errors print one sentence plus a hint.
 */

const usageCodes = new Set([
  'usage',
  'invalid_config',
  'unknown_table',
  'invalid_option',
  'no_workspace',
  'not_a_demo_workspace',
]);

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
  registerCustomersCommands(program);
  registerClvCommands(program);
  registerFunnelCommand(program);
  registerForecastCommands(program);
  registerExperimentCommand(program);
  registerAttributionCommand(program);
  registerCampaignsCommand(program);
  registerBudgetCommand(program);
  registerGenerateCommand(program);
  registerContentCommands(program);
  registerLlmCommands(program);
  registerTextCommands(program);
  registerDbCommands(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
  if (error instanceof InputError && usageCodes.has(error.code)) return 2;
  return 1;
}

const fileSystemErrors: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'it is a directory',
  ENOSPC: 'the disk is full',
  EROFS: 'the file system is read-only',
  EEXIST: 'it already exists',
};

interface ErrorDocument {
  readonly code: string;
  readonly kind: 'input' | 'operational' | 'internal';
  readonly message: string;
  readonly hint?: string;
  readonly cause?: string;
}

/** What the user is told: one sentence, a hint, and the underlying cause when there is one. */
export function describeFailure(error: unknown): ErrorDocument {
  if (error instanceof MarketmindError) {
    const cause = error.cause === undefined ? undefined : redactSecretsInText(describeError(error.cause));
    return {
      code: error.code,
      kind: error.kind,
      message: redactSecretsInText(error.message),
      ...(error.hint ? { hint: redactSecretsInText(error.hint) } : {}),
      ...(cause && !error.message.includes(cause) ? { cause } : {}),
    };
  }
  const errno = (error as NodeJS.ErrnoException | undefined)?.code;
  const path = (error as NodeJS.ErrnoException | undefined)?.path;
  if (errno && fileSystemErrors[errno]) {
    return {
      code: `fs_${errno.toLowerCase()}`,
      kind: 'operational',
      message: `Cannot use ${path ?? 'a file'}: ${fileSystemErrors[errno]}`,
      hint: 'Check the path and its permissions.',
    };
  }
  return {
    code: 'unexpected',
    kind: 'internal',
    message: `unexpected error: ${redactSecretsInText(describeError(error))}`,
    hint: 'This is a bug; please report it with the command you ran (MARKETMIND_LOG_LEVEL=debug shows the stack).',
  };
}

export function formatError(error: unknown): string {
  const failure = describeFailure(error);
  const lines = [`marketmind: ${failure.message}`];
  if (failure.cause) lines.push(`cause: ${failure.cause}`);
  if (failure.hint) lines.push(`hint: ${failure.hint}`);
  return lines.join('\n');
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
      // With --json a script still gets one JSON document on stdout, describing the failure.
      if (argv.includes('--json'))
        process.stdout.write(`${JSON.stringify({ error: describeFailure(error) }, null, 2)}\n`);
      if (process.env.MARKETMIND_LOG_LEVEL === 'debug' && error instanceof Error) {
        process.stderr.write(`${redactSecretsInText(error.stack ?? '')}\n`);
      }
    } else if (code !== 0 && argv.includes('--json')) {
      process.stdout.write(
        `${JSON.stringify({ error: { code: 'usage', kind: 'input', message: error.message } }, null, 2)}\n`,
      );
    }
    return code;
  }
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (invokedDirectly) process.exitCode = await main(process.argv.slice(2));
