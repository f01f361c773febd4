import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism, homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describeError, InputError, OperationalError } from '../../../core/errors.js';
import type { Llama, LlamaModule } from './llama-types.js';

/**
 * Lazy, optional loading of node-llama-cpp. It is not a dependency of the project (installing it
 * there either drops DuckDB's platform binaries with `--omit=optional` or pulls 700+ MB of
 * CUDA/Vulkan prebuilts), so it is found at run time: first an install inside the project (as
 * `import('node-llama-cpp')` would resolve it), then the runtime directory that
 * `marketmind llm install-local` fills (`~/.cache/marketmind/llama`, or `$MARKETMIND_LLAMA_DIR`).
 * The version must be exactly {@link LOCAL_RUNTIME_VERSION}: the adapter is written against it.
 */

export const LOCAL_RUNTIME_VERSION = '3.21.1';
export const LOCAL_RUNTIME_PACKAGE = 'node-llama-cpp';
const installHint = 'run: npx marketmind llm install-local';

/** The CPU prebuilt package of each platform node-llama-cpp ships one for, and the GPU mode it needs. */
const platforms: Readonly<Record<string, { readonly packageName: string; readonly gpu: false | 'metal' }>> = {
  'linux-x64': { packageName: '@node-llama-cpp/linux-x64', gpu: false },
  'linux-arm64': { packageName: '@node-llama-cpp/linux-arm64', gpu: false },
  'linux-arm': { packageName: '@node-llama-cpp/linux-armv7l', gpu: false },
  'linux-riscv64': { packageName: '@node-llama-cpp/linux-riscv64', gpu: false },
  'darwin-x64': { packageName: '@node-llama-cpp/mac-x64', gpu: false },
  // The only macOS arm64 prebuilt is built with Metal; node-llama-cpp offers no CPU-only one there.
  'darwin-arm64': { packageName: '@node-llama-cpp/mac-arm64-metal', gpu: 'metal' },
  'win32-x64': { packageName: '@node-llama-cpp/win-x64', gpu: false },
  'win32-arm64': { packageName: '@node-llama-cpp/win-arm64', gpu: false },
};

/** `<platform>-<arch>` keys (Node's names) that have a prebuilt runtime. */
export const supportedLocalPlatforms: readonly string[] = Object.keys(platforms);

export interface LocalRuntimePlatform {
  /** `<process.platform>-<process.arch>`, e.g. `linux-x64`. */
  readonly key: string;
  /** The prebuilt binary package, e.g. `@node-llama-cpp/linux-x64`. */
  readonly packageName: string;
  readonly gpu: false | 'metal';
}

/** The prebuilt runtime package for a platform, or `undefined` when node-llama-cpp ships none. */
export function localRuntimePlatform(
  platform: string = process.platform,
  arch: string = process.arch,
): LocalRuntimePlatform | undefined {
  const key = `${platform}-${arch}`;
  const entry = platforms[key];
  return entry === undefined ? undefined : { key, ...entry };
}

/** The runtime directory: `$MARKETMIND_LLAMA_DIR` when set, else `~/.cache/marketmind/llama`. */
export function defaultLocalRuntimeDir(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.MARKETMIND_LLAMA_DIR?.trim();
  if (configured) return resolve(configured);
  return join(homedir(), '.cache', 'marketmind', 'llama');
}

/** Where a node-llama-cpp install was found. */
export interface LocalRuntimeLocation {
  readonly source: 'project' | 'runtime-dir';
  /** Directory of the node-llama-cpp package. */
  readonly packageDir: string;
  /** Absolute path of its ESM entry file. */
  readonly entry: string;
  readonly version: string;
}

interface PackageJson {
  readonly name?: unknown;
  readonly version?: unknown;
  readonly main?: unknown;
  readonly exports?: unknown;
}

async function readPackageJson(path: string): Promise<PackageJson | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as PackageJson;
  } catch {
    return undefined;
  }
}

/** The ESM entry of a package from its `exports["."]` (import → node → default), else `main`. */
function packageEntry(pkg: PackageJson): string {
  const exportsField = pkg.exports;
  const root =
    typeof exportsField === 'object' && exportsField !== null && '.' in exportsField
      ? (exportsField as Record<string, unknown>)['.']
      : exportsField;
  if (typeof root === 'string') return root;
  if (typeof root === 'object' && root !== null) {
    const conditions = root as Record<string, unknown>;
    for (const condition of ['import', 'node', 'default']) {
      const target = conditions[condition];
      if (typeof target === 'string') return target;
    }
  }
  return typeof pkg.main === 'string' ? pkg.main : 'index.js';
}

async function locationOf(
  packageDir: string,
  source: LocalRuntimeLocation['source'],
): Promise<LocalRuntimeLocation | undefined> {
  const pkg = await readPackageJson(join(packageDir, 'package.json'));
  if (pkg?.name !== LOCAL_RUNTIME_PACKAGE || typeof pkg.version !== 'string') return undefined;
  return { source, packageDir, entry: resolve(packageDir, packageEntry(pkg)), version: pkg.version };
}

/** node-llama-cpp as the project itself would import it (its package.json is not exported, so walk up). */
async function findInProject(): Promise<LocalRuntimeLocation | undefined> {
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve(LOCAL_RUNTIME_PACKAGE);
  } catch {
    return undefined;
  }
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) {
      const location = await locationOf(dir, 'project');
      if (location) return location;
    }
  }
  return undefined;
}

/** node-llama-cpp installed in a runtime directory (`npm install --prefix <dir>`), if any. */
export async function findRuntimeInDir(runtimeDir: string): Promise<LocalRuntimeLocation | undefined> {
  return locationOf(join(runtimeDir, 'node_modules', LOCAL_RUNTIME_PACKAGE), 'runtime-dir');
}

/**
 * Finds the node-llama-cpp install to use: the first of (project, runtime dir) whose version is
 * exactly {@link LOCAL_RUNTIME_VERSION}. Throws InputError `llm_local_runtime_missing` when there
 * is none, `llm_local_runtime_version` when only other versions are installed.
 */
export async function findLocalRuntime(runtimeDir = defaultLocalRuntimeDir()): Promise<LocalRuntimeLocation> {
  const candidates = [await findInProject(), await findRuntimeInDir(runtimeDir)].filter(
    (location): location is LocalRuntimeLocation => location !== undefined,
  );
  const match = candidates.find((location) => location.version === LOCAL_RUNTIME_VERSION);
  if (match) return match;
  if (candidates.length > 0) {
    const found = candidates.map((location) => `${location.version} (${location.packageDir})`).join(', ');
    throw new InputError(
      'llm_local_runtime_version',
      `The local LLM runtime needs node-llama-cpp ${LOCAL_RUNTIME_VERSION}, found ${found}`,
      { hint: installHint },
    );
  }
  throw new InputError(
    'llm_local_runtime_missing',
    `The local LLM runtime (node-llama-cpp ${LOCAL_RUNTIME_VERSION}) is not installed: not in the project and not in ${runtimeDir}`,
    { hint: installHint },
  );
}

/** A loaded node-llama-cpp: its module, the process-wide `Llama` backend, and where it came from. */
export interface LocalRuntime {
  readonly module: LlamaModule;
  readonly llama: Llama;
  readonly location: LocalRuntimeLocation;
}

let cached: Promise<LocalRuntime> | undefined;

async function loadRuntime(runtimeDir: string): Promise<LocalRuntime> {
  const location = await findLocalRuntime(runtimeDir);
  const platform = localRuntimePlatform();
  const where = `node-llama-cpp ${location.version} at ${location.packageDir}`;
  let module: LlamaModule;
  try {
    module = (await import(pathToFileURL(location.entry).href)) as LlamaModule;
  } catch (error) {
    throw new OperationalError(
      'llm_local_runtime_broken',
      `Could not import ${where}: ${describeError(error)}`,
      {
        cause: error,
        hint: installHint,
      },
    );
  }
  try {
    const llama = await module.getLlama({
      gpu: platform?.gpu ?? false,
      // Fail at once when no prebuilt binary fits, instead of downloading and compiling llama.cpp.
      build: 'never',
      skipDownload: true,
      progressLogs: false,
      // llama.cpp's warnings are mostly loader noise (e.g. unset special-token ids in small GGUFs).
      logLevel: 'error',
      // Cap the thread pool at the core count: oversubscribing slows generation by orders of magnitude.
      maxThreads: availableParallelism(),
    });
    return { module, llama, location };
  } catch (error) {
    throw new OperationalError(
      'llm_local_runtime_broken',
      `${where} could not load a prebuilt llama.cpp binary for ${platform?.key ?? `${process.platform}-${process.arch}`}: ${describeError(error)}`,
      { cause: error, hint: installHint },
    );
  }
}

/**
 * Loads node-llama-cpp and its `Llama` backend once per process (`getLlama` with no GPU except
 * Metal where that is the only prebuilt, `build: "never"`, log level `error`, at most one thread
 * per core). Later calls return the same instance whatever `runtimeDir` they pass; a failed load
 * is not cached, so installing the runtime and calling again works.
 */
export function loadLocalRuntime(options: { readonly runtimeDir?: string } = {}): Promise<LocalRuntime> {
  if (!cached) {
    const attempt = loadRuntime(options.runtimeDir ?? defaultLocalRuntimeDir());
    cached = attempt;
    attempt.catch(() => {
      if (cached === attempt) cached = undefined;
    });
  }
  return cached;
}
