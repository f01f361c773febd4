import { resolve } from 'node:path';
import type { Command } from 'commander';
import { writeDemoData } from '../../app/demo-data/write-demo-data.js';
import { generateDemoData } from '../../demo/index.js';
import { textTable } from '../output.js';
import { action } from '../run-command.js';
import { withDemoDataOptions } from './options.js';

export function registerDemoDataCommand(program: Command): void {
  withDemoDataOptions(
    program
      .command('demo-data')
      .description(
        'Write a realistic synthetic data set (zh + en) for every table, with planted truth in ground_truth/',
      ),
  )
    .option('--out <dir>', 'output directory', 'demo-data')
    .action(
      action(async (ctx, options) => {
        const out = resolve(ctx.config.dir, String(options.out));
        const progress = ctx.output.progress('Generating demo data', 2);
        const dataSet = generateDemoData({
          seed: Number(options.seed),
          customers: Number(options.customers),
        });
        progress.update(1, 'writing files');
        const manifest = await writeDemoData(dataSet, out);
        progress.done();
        ctx.output.result({ out, seed: options.seed, customers: options.customers, ...manifest }, () =>
          [`Wrote ${out}`, textTable(manifest.files.map((f) => ({ ...f })))].join('\n'),
        );
      }),
    );
}
