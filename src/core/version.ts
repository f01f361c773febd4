import { readFileSync } from 'node:fs';

/** The package version (for model_runs.code_version and `--version`). */
export const version: string = (() => {
  for (const path of ['../../package.json', '../package.json']) {
    try {
      const json = JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (json.name === 'marketmind' && json.version) return json.version;
    } catch {
      // try the next location (src/cli vs dist/cli)
    }
  }
  return '0.0.0';
})();
