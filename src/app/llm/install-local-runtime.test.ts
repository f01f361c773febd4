import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installLocalRuntime, localRuntimeDir, localRuntimeInstallArgs } from './install-local-runtime.js';

/**
 * These tests run a stand-in for npm (a `node -e` script that receives npm's arguments), so they
 * check our side — arguments, output streaming, error reporting, the version check — without the
 * network. The real install was run by hand: see the report of issue 6.
 */
function fakeNpm(script: string) {
  return { command: process.execPath, args: ['-e', script, '--'] };
}

/** Writes node_modules/node-llama-cpp/package.json under --prefix with `version`, and records argv. */
const installScript = (version: string) => `
const fs = require('node:fs'); const path = require('node:path');
const args = process.argv.slice(1); // node -e consumes "--": argv is [node, ...npm args]
const prefix = args[args.indexOf('--prefix') + 1];
const dir = path.join(prefix, 'node_modules', 'node-llama-cpp');
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'node-llama-cpp', version: '${version}' }));
fs.writeFileSync(path.join(prefix, 'argv.json'), JSON.stringify(args));
console.log('added 117 packages in 13s');
`;

describe('installLocalRuntime', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mm-install-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('defaults to ~/.cache/marketmind/llama unless MARKETMIND_LLAMA_DIR is set', () => {
    expect(localRuntimeDir({})).toBe(join(homedir(), '.cache', 'marketmind', 'llama'));
    expect(localRuntimeDir({ MARKETMIND_LLAMA_DIR: dir })).toBe(dir);
  });

  it('runs npm install into its own prefix with only this platform’s prebuilt, and checks the version', async () => {
    const target = join(dir, 'ok');
    const lines: string[] = [];
    const result = await installLocalRuntime({
      dir: target,
      platform: 'linux',
      arch: 'x64',
      npm: fakeNpm(installScript('3.21.1')),
      onOutput: (line) => lines.push(line),
    });
    expect(result).toEqual({ dir: target, version: '3.21.1' });
    expect(lines).toContain('added 117 packages in 13s');
    const argv = JSON.parse(await readFile(join(target, 'argv.json'), 'utf8'));
    expect(argv).toEqual([
      'install',
      '--prefix',
      target,
      '--omit=optional',
      '--no-audit',
      '--no-fund',
      '--save-exact',
      'node-llama-cpp@3.21.1',
      '@node-llama-cpp/linux-x64@3.21.1',
    ]);
    expect(argv).toEqual(localRuntimeInstallArgs(target, '@node-llama-cpp/linux-x64'));
  });

  it('rejects a platform without a prebuilt, listing the supported ones', async () => {
    await expect(installLocalRuntime({ dir, platform: 'aix', arch: 'ppc64' })).rejects.toMatchObject({
      kind: 'input',
      code: 'llm_local_platform_unsupported',
      message: expect.stringMatching(/aix-ppc64.*linux-x64/),
    });
  });

  it('reports npm’s last lines when it fails', async () => {
    const failing = fakeNpm(
      "console.log('npm http fetch GET 404'); console.error('npm error code E404'); process.exit(1)",
    );
    await expect(installLocalRuntime({ dir: join(dir, 'fail'), npm: failing })).rejects.toMatchObject({
      kind: 'operational',
      code: 'llm_local_install_failed',
      isRetryable: true,
      message: expect.stringMatching(/exited with code 1:[\s\S]*npm error code E404/),
    });
  });

  it('fails when npm succeeds but the wrong version or nothing was installed', async () => {
    await expect(
      installLocalRuntime({ dir: join(dir, 'old'), npm: fakeNpm(installScript('3.20.0')) }),
    ).rejects.toThrow(/node-llama-cpp 3\.20\.0, not 3\.21\.1/);
    await expect(installLocalRuntime({ dir: join(dir, 'none'), npm: fakeNpm('') })).rejects.toThrow(
      /no node-llama-cpp/,
    );
  });

  it('says so when npm cannot be run', async () => {
    await expect(
      installLocalRuntime({ dir: join(dir, 'nonpm'), npm: { command: join(dir, 'no-such-npm') } }),
    ).rejects.toMatchObject({
      code: 'llm_local_install_failed',
      message: expect.stringContaining('Could not run'),
    });
  });
});
