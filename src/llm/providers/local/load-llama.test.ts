import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultLocalRuntimeDir,
  findLocalRuntime,
  findRuntimeInDir,
  LOCAL_RUNTIME_VERSION,
  loadLocalRuntime,
  localRuntimePlatform,
  supportedLocalPlatforms,
} from './load-llama.js';

/** Whether the project itself has node-llama-cpp (then "not installed" cannot be observed). */
function projectHasRuntime(): boolean {
  try {
    createRequire(import.meta.url).resolve('node-llama-cpp');
    return true;
  } catch {
    return false;
  }
}

async function fakeRuntime(dir: string, pkg: Record<string, unknown>): Promise<void> {
  const packageDir = join(dir, 'node_modules', 'node-llama-cpp');
  await mkdir(packageDir, { recursive: true });
  await writeFile(join(packageDir, 'package.json'), JSON.stringify(pkg));
}

describe('localRuntimePlatform', () => {
  it('names the CPU prebuilt package of each supported platform', () => {
    expect(localRuntimePlatform('linux', 'x64')).toEqual({
      key: 'linux-x64',
      packageName: '@node-llama-cpp/linux-x64',
      gpu: false,
    });
    expect(localRuntimePlatform('linux', 'arm')?.packageName).toBe('@node-llama-cpp/linux-armv7l');
    expect(localRuntimePlatform('win32', 'x64')?.packageName).toBe('@node-llama-cpp/win-x64');
    // macOS arm64 only has a Metal build.
    expect(localRuntimePlatform('darwin', 'arm64')).toMatchObject({ gpu: 'metal' });
    expect(localRuntimePlatform('freebsd', 'x64')).toBeUndefined();
    expect(supportedLocalPlatforms).toContain('linux-x64');
  });
});

describe('defaultLocalRuntimeDir', () => {
  it('uses MARKETMIND_LLAMA_DIR when set, else ~/.cache/marketmind/llama', () => {
    expect(defaultLocalRuntimeDir({ MARKETMIND_LLAMA_DIR: '/opt/llama' })).toBe(resolve('/opt/llama'));
    expect(defaultLocalRuntimeDir({ MARKETMIND_LLAMA_DIR: '  ' })).toBe(
      join(homedir(), '.cache', 'marketmind', 'llama'),
    );
    expect(defaultLocalRuntimeDir({})).toBe(join(homedir(), '.cache', 'marketmind', 'llama'));
  });
});

describe('finding the runtime', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mm-llama-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the version and ESM entry of a runtime directory', async () => {
    const runtime = join(dir, 'ok');
    await fakeRuntime(runtime, {
      name: 'node-llama-cpp',
      version: LOCAL_RUNTIME_VERSION,
      exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js' } },
    });
    expect(await findRuntimeInDir(runtime)).toEqual({
      source: 'runtime-dir',
      packageDir: join(runtime, 'node_modules', 'node-llama-cpp'),
      entry: join(runtime, 'node_modules', 'node-llama-cpp', 'dist', 'index.js'),
      version: LOCAL_RUNTIME_VERSION,
    });
    expect(await findRuntimeInDir(join(dir, 'nothing-here'))).toBeUndefined();
  });

  it.skipIf(projectHasRuntime())(
    'says how to install it when it is missing or the wrong version',
    async () => {
      await expect(findLocalRuntime(join(dir, 'empty'))).rejects.toMatchObject({
        kind: 'input',
        code: 'llm_local_runtime_missing',
        hint: 'run: npx marketmind llm install-local',
      });
      const old = join(dir, 'old');
      await fakeRuntime(old, { name: 'node-llama-cpp', version: '3.20.0', main: 'dist/index.js' });
      await expect(findLocalRuntime(old)).rejects.toMatchObject({
        code: 'llm_local_runtime_version',
        message: expect.stringContaining('3.20.0'),
      });
    },
  );
});

const installed = await findLocalRuntime().then(
  () => true,
  () => false,
);

describe.skipIf(!installed)('loadLocalRuntime (installed runtime)', () => {
  it('loads node-llama-cpp once and returns the same backend to every caller', async () => {
    const first = await loadLocalRuntime();
    const second = await loadLocalRuntime({ runtimeDir: join(tmpdir(), 'ignored') });
    expect(second.llama).toBe(first.llama);
    expect(first.location.version).toBe(LOCAL_RUNTIME_VERSION);
    expect(typeof first.module.getLlama).toBe('function');
  });
});
