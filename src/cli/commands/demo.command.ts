import type { Command } from 'commander';
import { runDemo } from '../../app/demo/run-demo.js';
import { InputError } from '../../core/errors.js';
import { openStore } from '../../store/open-store.js';
import { createContext, type GlobalOptions } from '../context.js';
import { withDemoDataOptions } from './options.js';

export function registerDemoCommand(program: Command): void {
  withDemoDataOptions(
    program
      .command('demo')
      .description(
        'The main job: fresh demo workspace → synthetic data → ingest → every analysis → report.html',
      ),
  ).action(async (_options: unknown, command: Command) => {
    const options = command.optsWithGlobals() as GlobalOptions & { seed: number; customers: number };
    if (options.db !== undefined) {
      throw new InputError('usage', 'demo always makes its own embedded DuckDB store; --db does not apply', {
        hint: 'Use --dir to choose where the demo workspace goes; load your own data with marketmind ingest … --db <url>.',
      });
    }
    const context = createContext({ ...options, dir: options.dir ?? 'marketmind-demo' });
    const summary = await runDemo({
      dir: context.config.dir,
      seed: options.seed,
      customers: options.customers,
      locale: context.locale,
      openStore: async (path) => {
        const store = await openStore({ engine: 'duckdb', path });
        await store.migrate();
        return store;
      },
      progress: context.output,
    });
    const zh = context.locale === 'zh';
    context.output.result(summary, () => {
      const rows = summary.tables.map(
        (t) =>
          `  ${t.table.padEnd(16)} ${String(t.accepted).padStart(9)} ${t.rejected ? `(${t.rejected} rejected)` : ''}`,
      );
      return [
        zh
          ? `演示完成，用时 ${(summary.durationMs / 1000).toFixed(1)} 秒（经典引擎，无需服务器与 LLM）。`
          : `Demo finished in ${(summary.durationMs / 1000).toFixed(1)} s (classic engine; no servers, no LLM).`,
        zh ? `已载入的行数：` : 'Rows loaded:',
        ...rows,
        summary.quarantineFiles.length
          ? zh
            ? `被拒绝的行及原因：${summary.quarantineFiles.join(', ')}`
            : `Rejected rows with reasons: ${summary.quarantineFiles.join(', ')}`
          : '',
        zh ? `数据库：${summary.database}` : `Database: ${summary.database}`,
        zh ? `报告：${summary.report}` : `Report: ${summary.report}`,
      ]
        .filter(Boolean)
        .join('\n');
    });
  });
}
