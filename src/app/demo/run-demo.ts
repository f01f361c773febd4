import { rename, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { configFileName } from '../../core/config.js';
import { CNY_PER_USD, generateDemoData } from '../../demo/index.js';
import { renderReport, type Section } from '../../report/index.js';
import { type IngestResult, ingestFiles } from '../../store/ingest/index.js';
import type { Store } from '../../store/store.js';
import { demoBrand } from '../content/demo-content.js';
import { writeDemoData } from '../demo-data/write-demo-data.js';
import { importFindings } from '../ingest/import-files.js';
import type { ProgressSink } from '../progress.js';
import { runQualityChecks } from '../quality/run-quality.js';
import { orderDataWindow } from '../report/overview-section.js';
import { demoVoiceConfig } from '../text/demo-voice.js';
import { demoAnalyses } from './demo-analyses.js';
import { prepareDemoWorkspace } from './demo-workspace.js';

export interface DemoOptions {
  /** Workspace directory; its demo data, database and report are replaced. */
  readonly dir: string;
  readonly seed: number;
  readonly customers: number;
  readonly locale: 'en' | 'zh';
  /** Opens the workspace store once the old database file is gone. */
  readonly openStore: (dbPath: string) => Promise<Store>;
  readonly progress: ProgressSink;
  readonly now?: Date;
}

export interface DemoSummary {
  readonly workspace: string;
  readonly report: string;
  readonly database: string;
  readonly dataDir: string;
  readonly seed: number;
  readonly customers: number;
  readonly tables: readonly {
    readonly table: string;
    readonly read: number;
    readonly accepted: number;
    readonly rejected: number;
    readonly duplicateIdsInInput: number;
  }[];
  readonly quarantineFiles: readonly string[];
  readonly qualityFindings: number;
  readonly sections: readonly string[];
  readonly engine: 'classic';
  readonly dataWindow: { readonly start: string; readonly end: string } | null;
  readonly durationMs: number;
}

/** The main job: fresh workspace → demo data → ingest → every analysis → report.html. */
export async function runDemo(options: DemoOptions): Promise<DemoSummary> {
  const started = Date.now();
  const paths = await prepareDemoWorkspace(
    options.dir,
    { seed: options.seed, customers: options.customers, createdAt: options.now ?? new Date() },
    options.openStore,
  );
  const { root: workspace, dataDir, database } = paths;
  // The demo's shops sell in CNY and USD at a fixed planted rate; the workspace config records it
  // so that later commands on this folder (marketmind customers … --dir) compare amounts the same way.
  const money = { reportingCurrency: 'CNY', fxRates: { USD: CNY_PER_USD } };
  await writeFile(
    join(workspace, configFileName),
    `${JSON.stringify({ ...money, brand: demoBrand, brands: demoVoiceConfig(workspace).brands }, null, 2)}\n`,
  );

  const generating = options.progress.progress('Generating demo data', 2);
  const dataSet = generateDemoData({ seed: options.seed, customers: options.customers });
  generating.update(1, 'writing files');
  const manifest = await writeDemoData(dataSet, dataDir);
  generating.done();

  const store = await options.openStore(database);
  try {
    const files = manifest.files;
    const loading = options.progress.progress('Loading into the store', files.length);
    const imports: IngestResult[] = [];
    const byTable = new Map<string, string[]>();
    for (const file of files)
      byTable.set(file.table, [...(byTable.get(file.table) ?? []), join(dataDir, file.file)]);
    let done = 0;
    for (const [table, tablePaths] of byTable) {
      loading.update(done, table);
      imports.push(
        await ingestFiles(store, { table, files: tablePaths, quarantineDir: paths.quarantineDir }),
      );
      done += tablePaths.length;
    }
    loading.done();

    const checking = options.progress.progress('Checking data quality', imports.length);
    const quality = await runQualityChecks(store, {
      tables: imports.filter((i) => i.table !== 'ground_truth').map((i) => i.table),
      importIds: Object.fromEntries(imports.map((i) => [i.table, i.importId])),
      extraFindings: Object.fromEntries(imports.map((i) => [i.table, importFindings(i)])),
      now: options.now,
      onTable: (table, index) => checking.update(index + 1, table),
    });
    checking.done();

    const analysing = options.progress.progress('Running analyses', demoAnalyses.length);
    const sections: Section[] = [];
    for (const [index, analysis] of demoAnalyses.entries()) {
      analysing.update(index, analysis.label);
      sections.push(
        ...(await analysis.run({
          store,
          imports,
          quality,
          seed: options.seed,
          progress: options.progress,
          money,
        })),
      );
    }
    analysing.done();

    const window = await orderDataWindow(store);
    const report = join(workspace, 'report.html');
    const html = renderReport(
      {
        title: { en: 'Marketmind demo report', zh: 'Marketmind 演示报告' },
        subtitle: {
          en: `Synthetic data set, seed ${options.seed}, ${options.customers.toLocaleString('en-US')} customers, with planted truth for every model`,
          zh: `合成数据集，随机种子 ${options.seed}，${options.customers.toLocaleString('zh-CN')} 位客户，为每个模型预埋了真值`,
        },
        generatedAt: options.now ?? new Date(),
        // the folder name only: the absolute path may contain the user's name
        workspace: basename(workspace),
        sections,
      },
      options.locale,
    );
    await writeFile(`${report}.tmp`, html, 'utf8');
    await rename(`${report}.tmp`, report);

    return {
      workspace,
      report,
      database,
      dataDir,
      seed: options.seed,
      customers: options.customers,
      tables: imports.map((i) => ({
        table: i.table,
        read: i.read,
        accepted: i.accepted,
        rejected: i.rejected,
        duplicateIdsInInput: i.duplicateIdsInInput,
      })),
      quarantineFiles: imports.flatMap((i) => (i.quarantine ? [i.quarantine] : [])),
      qualityFindings: quality.reduce((s, r) => s + r.findings.length, 0),
      sections: sections.map((s) => s.id),
      engine: 'classic',
      dataWindow: window ? { start: window.start.toISOString(), end: window.end.toISOString() } : null,
      durationMs: Date.now() - started,
    };
  } finally {
    await store.close();
  }
}
