import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { InputError } from './errors.js';

/**
 * Where a worker thread starts. Compiled code (dist/) starts the entry file directly. When running
 * from TypeScript sources (vitest, tsx), `execArgv: ['--import', 'tsx']` does NOT work in worker
 * threads on Node 20 (tsx 4 registers its loader hooks only on the main thread before Node
 * 22.22), so a tiny ESM bootstrap (a data: URL) calls `register()` from `tsx/esm/api` first and
 * then imports the entry. Used by the job runner's pool and the ingest parse worker.
 */

export const isTypeScriptUrl = (url: string): boolean => /\.[cm]?ts$/.test(new URL(url).pathname);

interface TsxPackage {
  readonly exports: { readonly './esm/api': { readonly import: { readonly default: string } } };
}

/** `entry` itself, or a data: URL that registers tsx and imports `entry` when a module in play is TypeScript. */
export function workerStartUrl(
  entry: URL,
  options: { readonly typeScript?: boolean; readonly what: string },
): URL {
  if (!(options.typeScript ?? isTypeScriptUrl(entry.href))) return entry;
  let tsxApi: string;
  try {
    // The ESM build of `tsx/esm/api` (require.resolve would give the CommonJS one, which fails in ESM).
    const packageJson = createRequire(import.meta.url).resolve('tsx/package.json');
    const exported = (JSON.parse(readFileSync(packageJson, 'utf8')) as TsxPackage).exports['./esm/api'].import
      .default;
    tsxApi = new URL(exported, pathToFileURL(packageJson)).href;
  } catch (error) {
    throw new InputError(
      'tsx_missing',
      `${options.what} runs TypeScript in worker threads, which needs the dev dependency tsx`,
      {
        cause: error,
      },
    );
  }
  const bootstrap = [
    `import { register } from ${JSON.stringify(tsxApi)};`,
    'register();',
    `await import(${JSON.stringify(entry.href)});`,
  ].join('\n');
  return new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`);
}
