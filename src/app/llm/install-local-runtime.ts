import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { describeError, InputError, OperationalError } from '../../core/errors.js';
import {
  defaultLocalRuntimeDir,
  findRuntimeInDir,
  LOCAL_RUNTIME_PACKAGE,
  LOCAL_RUNTIME_VERSION,
  localRuntimePlatform,
  supportedLocalPlatforms,
} from '../../llm/providers/local/index.js';

/**
 * Installs the local LLM runtime (node-llama-cpp plus the one prebuilt llama.cpp binary package of
 * this platform) into its own npm prefix directory, outside the project. Not a project dependency
 * because `npm install --omit=optional` there would also drop DuckDB's platform binaries, and
 * without `--omit=optional` npm pulls every CUDA/Vulkan prebuilt (700+ MB instead of ~83 MB).
 */

/** The runtime directory: `$MARKETMIND_LLAMA_DIR`, else `~/.cache/marketmind/llama`. */
export function localRuntimeDir(env: NodeJS.ProcessEnv = process.env): string {
  return defaultLocalRuntimeDir(env);
}

/** npm's arguments for installing the runtime of `packageName`'s platform into `dir`. */
export function localRuntimeInstallArgs(dir: string, packageName: string): string[] {
  return [
    'install',
    '--prefix',
    dir,
    '--omit=optional',
    '--no-audit',
    '--no-fund',
    '--save-exact',
    `${LOCAL_RUNTIME_PACKAGE}@${LOCAL_RUNTIME_VERSION}`,
    `${packageName}@${LOCAL_RUNTIME_VERSION}`,
  ];
}

export interface InstallLocalRuntimeOptions {
  /** Target directory (default {@link localRuntimeDir}). */
  readonly dir?: string;
  /** Receives each line npm prints (stdout and stderr). */
  readonly onOutput?: (line: string) => void;
  /** Overrides for tests and unusual setups: platform/arch to install for, and the npm command. */
  readonly platform?: string;
  readonly arch?: string;
  readonly npm?: { readonly command: string; readonly args?: readonly string[] };
}

const keptLines = 20;

/** Quotes an argument for cmd.exe, which Node needs (`shell: true`) to run `npm.cmd`. */
function quoteForCmd(argument: string): string {
  return /^[\w@./:=-]+$/.test(argument) ? argument : `"${argument.replaceAll('"', '""')}"`;
}

/** Runs a command, streaming its lines; resolves with the exit code and the last lines printed. */
function run(
  command: string,
  args: readonly string[],
  onLine: (line: string) => void,
): Promise<{ code: number | null; lastLines: string[] }> {
  const windowsCmd = process.platform === 'win32' && /\.cmd$/i.test(command);
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, windowsCmd ? args.map(quoteForCmd) : [...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: windowsCmd,
      env: process.env,
    });
    const lastLines: string[] = [];
    const collect = (line: string) => {
      lastLines.push(line);
      if (lastLines.length > keptLines) lastLines.shift();
      onLine(line);
    };
    createInterface({ input: child.stdout }).on('line', collect);
    createInterface({ input: child.stderr }).on('line', collect);
    child.on('error', reject);
    child.on('close', (code) => resolveRun({ code, lastLines }));
  });
}

/**
 * Installs node-llama-cpp {@link LOCAL_RUNTIME_VERSION} and this platform's prebuilt binary with
 * `npm install --prefix <dir> --omit=optional --no-audit --no-fund --save-exact …`, then checks the
 * installed version. Throws InputError for a platform without a prebuilt, OperationalError (with
 * npm's last lines) when npm is missing or fails. npm may warn that the package's install script
 * was skipped: that is harmless (it only picks the prebuilt binary, which we name explicitly).
 */
export async function installLocalRuntime(
  options: InstallLocalRuntimeOptions = {},
): Promise<{ dir: string; version: string }> {
  const platform = localRuntimePlatform(options.platform ?? process.platform, options.arch ?? process.arch);
  if (!platform) {
    throw new InputError(
      'llm_local_platform_unsupported',
      `node-llama-cpp ${LOCAL_RUNTIME_VERSION} has no prebuilt binary for ${options.platform ?? process.platform}-${options.arch ?? process.arch}; supported: ${supportedLocalPlatforms.join(', ')}`,
      { hint: 'use an OpenAI-compatible server (e.g. llama.cpp server or Ollama) instead' },
    );
  }
  const dir = resolve(options.dir ?? localRuntimeDir());
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new OperationalError('llm_local_install_failed', `Cannot create ${dir}: ${describeError(error)}`, {
      cause: error,
    });
  }
  const command = options.npm?.command ?? (process.platform === 'win32' ? 'npm.cmd' : 'npm');
  const args = [...(options.npm?.args ?? []), ...localRuntimeInstallArgs(dir, platform.packageName)];
  let result: { code: number | null; lastLines: string[] };
  try {
    result = await run(command, args, options.onOutput ?? (() => {}));
  } catch (error) {
    throw new OperationalError(
      'llm_local_install_failed',
      `Could not run ${command}: ${describeError(error)}`,
      {
        cause: error,
        hint: 'install Node.js with npm, or put npm on PATH',
      },
    );
  }
  if (result.code !== 0) {
    throw new OperationalError(
      'llm_local_install_failed',
      `npm install of ${LOCAL_RUNTIME_PACKAGE}@${LOCAL_RUNTIME_VERSION} into ${dir} exited with code ${result.code}:\n${result.lastLines.join('\n')}`,
      { isRetryable: true, hint: 'check the network connection to the npm registry and retry' },
    );
  }
  const installed = await findRuntimeInDir(dir);
  if (installed?.version !== LOCAL_RUNTIME_VERSION) {
    throw new OperationalError(
      'llm_local_install_failed',
      `npm finished but ${dir} holds ${installed ? `${LOCAL_RUNTIME_PACKAGE} ${installed.version}` : `no ${LOCAL_RUNTIME_PACKAGE}`}, not ${LOCAL_RUNTIME_VERSION}`,
    );
  }
  return { dir, version: installed.version };
}
