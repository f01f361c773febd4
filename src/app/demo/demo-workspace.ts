import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { InputError } from '../../core/errors.js';
import type { Store } from '../../store/store.js';

/**
 * The demo's workspace: a folder that `marketmind demo` made and may therefore replace. A marker
 * file records that; a folder with other content and no marker is never touched, so pointing
 * `--dir` at a real workspace cannot delete real data. The marker also says the data are
 * synthetic, so later outbound features (email, SMS) can refuse to contact demo people.
 */

export const demoMarkerName = 'demo-workspace.json';

export interface DemoWorkspace {
  readonly root: string;
  readonly dataDir: string;
  readonly storeDir: string;
  readonly database: string;
  readonly quarantineDir: string;
}

export function demoWorkspacePaths(dir: string): DemoWorkspace {
  const root = resolve(dir);
  const storeDir = join(root, '.marketmind');
  return {
    root,
    dataDir: join(root, 'data'),
    storeDir,
    database: join(storeDir, 'marketmind.duckdb'),
    quarantineDir: join(storeDir, 'quarantine'),
  };
}

export async function isDemoWorkspace(dir: string): Promise<boolean> {
  const marker = join(demoWorkspacePaths(dir).storeDir, demoMarkerName);
  if (!existsSync(marker)) return false;
  try {
    return (JSON.parse(await readFile(marker, 'utf8')) as { synthetic?: unknown }).synthetic === true;
  } catch {
    return false;
  }
}

/**
 * Makes `dir` a fresh demo workspace: refuses a non-empty folder without the marker; otherwise
 * removes what an earlier demo wrote (after checking no other process holds its database open)
 * and writes the marker.
 */
export async function prepareDemoWorkspace(
  dir: string,
  details: { readonly seed: number; readonly customers: number; readonly createdAt: Date },
  openStore: (path: string) => Promise<Store>,
): Promise<DemoWorkspace> {
  const paths = demoWorkspacePaths(dir);
  const entries = existsSync(paths.root) ? await readdir(paths.root) : [];
  if (entries.length > 0 && !(await isDemoWorkspace(paths.root))) {
    throw new InputError(
      'not_a_demo_workspace',
      `${paths.root} is not empty and was not made by marketmind demo; refusing to replace what is in it`,
      { hint: 'Pass an empty or new folder with --dir (the default is ./marketmind-demo).' },
    );
  }
  if (existsSync(paths.database)) {
    // Fails with a clear error if another process has the database open; nothing is deleted then.
    await (await openStore(paths.database)).close();
  }
  await rm(paths.dataDir, { recursive: true, force: true });
  await rm(paths.database, { force: true });
  await rm(`${paths.database}.wal`, { force: true });
  await rm(paths.quarantineDir, { recursive: true, force: true });
  await mkdir(paths.storeDir, { recursive: true, mode: 0o700 });
  await writeFile(
    join(paths.storeDir, demoMarkerName),
    `${JSON.stringify({ madeBy: 'marketmind demo', synthetic: true, ...details, createdAt: details.createdAt.toISOString() }, null, 2)}\n`,
  );
  return paths;
}
