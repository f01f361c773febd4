/**
 * Batch forecasting of many daily SKU series through the job runner, as the product does it:
 *   npx tsx bench/forecast/many-series.bench.ts [--series 10000] [--windows 3] [--model auto|ets|theta|…]
 *                                               [--chunk 50] [--pool <availableParallelism()>]
 *                                               [--main-subset 200] [--seed 42]
 *
 * Simulates `--series` daily SKU series of 730 days (2 years) with a seeded Rng (src/core/random.ts), the
 * kind drawn per series at random so any prefix has the same mix:
 *  - ~60 % intermittent: Poisson with a low rate (0.02–0.8 a day, weekly pattern on half of them); a third
 *    have zero stretches (a late launch: leading zeros for 60–400 days, or a stock-out of 20–120 days);
 *  - ~40 % smooth: level 3–300 a day × weekly pattern × linear trend (±60 % over two years), a yearly wave
 *    (amplitude 10–40 %) on a third of them, Poisson or over-dispersed (gamma-Poisson) noise.
 * Then forecasts horizon 90 with season 7 through `forecastJob` (src/app/forecast/forecast-job.ts) on
 * `createInProcessRunner({ poolSize })` in chunks of `--chunk` series (default 50, as forecast-service.ts),
 * and reports series/s, total seconds, the chosen-model counts and mean back-test scores of the kept models.
 * The pool's speed-up: the first `--main-subset` series are forecast twice more, once through the pool and
 * once on the main thread only (the same job with `cpuHeavy: false`, concurrency 1).
 * Wall time is the product's number; CPU seconds (process.cpuUsage, all threads) and the 1-minute load
 * average are printed beside it because a shared machine makes wall time, and so the speed-up, noisy.
 * Prints tables and one JSON document; writes bench/forecast/out/many-series.json (gitignored). Not part of
 * `npm test`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type ForecastPartitionInput,
  forecastJob,
  type SeriesResult,
} from '../../src/app/forecast/forecast-job.js';
import { createRng, gamma, normal, poisson, type Rng } from '../../src/core/random.js';
import { type ForecastModelName, forecastModelNames } from '../../src/forecast/forecast-series.js';
import { createInProcessRunner, type JobDefinition, type Partition } from '../../src/jobs/index.js';
import { argument } from '../bench-args.js';

const here = dirname(fileURLToPath(import.meta.url));
const seriesCount = Number(argument('series', '10000'));
const windows = Number(argument('windows', '3'));
const model = argument('model', 'auto') as ForecastModelName;
const chunkSize = Number(argument('chunk', '50'));
const poolSize = Number(argument('pool', String(availableParallelism())));
const mainSubset = Math.min(seriesCount, Number(argument('main-subset', '200')));
const seed = Number(argument('seed', '42'));
const days = 730;
const horizon = 90;
const seasonLength = 7;
if (!forecastModelNames.includes(model))
  throw new Error(`--model must be one of ${forecastModelNames.join(', ')}, got ${model}`);

type Kind = 'intermittent' | 'intermittent-gaps' | 'smooth' | 'smooth-yearly';
interface SimulatedSeries {
  readonly key: string;
  readonly kind: Kind;
  readonly values: number[];
}

function weeklyPattern(rng: Rng, strength: number): number[] {
  const raw = Array.from({ length: 7 }, (_, d) => 1 + strength * (d >= 5 ? 0.6 : 0) + 0.15 * normal(rng));
  const total = raw.reduce((s, v) => s + Math.max(0.1, v), 0);
  return raw.map((v) => (7 * Math.max(0.1, v)) / total);
}

function simulateIntermittent(rng: Rng, key: string): SimulatedSeries {
  const rate = 0.02 + 0.78 * rng.next() ** 2;
  const week = rng.next() < 0.5 ? weeklyPattern(rng, 0.8) : [1, 1, 1, 1, 1, 1, 1];
  const values = new Array<number>(days);
  for (let t = 0; t < days; t++) values[t] = poisson(rng, rate * (week[t % 7] as number));
  const gaps = rng.next() < 1 / 3;
  if (gaps) {
    if (rng.next() < 0.5) {
      const launch = 60 + Math.floor(rng.next() * 340); // launched late
      for (let t = 0; t < launch; t++) values[t] = 0;
    } else {
      const length = 20 + Math.floor(rng.next() * 100); // a stock-out
      const start = Math.floor(rng.next() * (days - length - horizon));
      for (let t = start; t < start + length; t++) values[t] = 0;
    }
  }
  return { key, kind: gaps ? 'intermittent-gaps' : 'intermittent', values };
}

function simulateSmooth(rng: Rng, key: string): SimulatedSeries {
  const level = 3 * 100 ** rng.next(); // 3–300 a day, log-uniform
  const week = weeklyPattern(rng, 0.2 + 0.6 * rng.next());
  const growth = 1.2 * (rng.next() - 0.5); // −60 % … +60 % over the two years
  const yearly = rng.next() < 1 / 3;
  const amplitude = yearly ? 0.1 + 0.3 * rng.next() : 0;
  const phase = 2 * Math.PI * rng.next();
  const dispersion = rng.next() < 0.5 ? 0 : 5 + 20 * rng.next(); // 0 = Poisson, else gamma-Poisson shape
  const values = new Array<number>(days);
  for (let t = 0; t < days; t++) {
    const mean =
      level *
      (week[t % 7] as number) *
      Math.max(0.05, 1 + (growth * t) / days) *
      (1 + amplitude * Math.sin((2 * Math.PI * t) / 365.25 + phase));
    values[t] = poisson(rng, dispersion === 0 ? mean : gamma(rng, dispersion, mean / dispersion));
  }
  return { key, kind: yearly ? 'smooth-yearly' : 'smooth', values };
}

function simulate(count: number): SimulatedSeries[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, (_, i) => {
    const key = `sku-${String(i).padStart(5, '0')}`;
    return rng.next() < 0.6 ? simulateIntermittent(rng, key) : simulateSmooth(rng, key);
  });
}

function partitionsOf(series: readonly SimulatedSeries[]): Partition[] {
  const partitions: Partition[] = [];
  for (let i = 0; i < series.length; i += chunkSize) {
    const input: ForecastPartitionInput = {
      series: series.slice(i, i + chunkSize).map((s) => ({ key: s.key, values: s.values })),
      horizon,
      seasonLength,
      model,
      levels: [80, 95],
      windows,
    };
    partitions.push({ key: `chunk-${String(i / chunkSize).padStart(6, '0')}`, input });
  }
  return partitions;
}

async function forecastAll(
  series: readonly SimulatedSeries[],
  job: JobDefinition,
  label: string,
): Promise<{ seconds: number; cpuSeconds: number; load: number; results: SeriesResult[] }> {
  const runner = createInProcessRunner({ poolSize });
  const partitions = partitionsOf(series);
  let done = 0;
  let reported = 0;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  try {
    const run = await runner.run(job, partitions, {
      runId: `bench-${label}`,
      retries: 0,
      ...(job.cpuHeavy === true ? {} : { concurrency: 1 }),
      onEvent: (event) => {
        if (event.type !== 'partition-succeeded' && event.type !== 'partition-failed') return;
        done += 1;
        if (done / partitions.length >= reported + 0.1 || done === partitions.length) {
          reported = done / partitions.length;
          const seconds = (performance.now() - started) / 1000;
          console.error(`${label}: ${done}/${partitions.length} chunks, ${seconds.toFixed(1)} s`);
        }
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuStarted);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const load = loadavg()[0] ?? 0;
    const results: SeriesResult[] = [];
    for (const partition of run.partitions) {
      if (partition.status === 'failed')
        throw new Error(`chunk ${partition.key} failed: ${partition.error?.message ?? 'unknown error'}`);
      results.push(...((partition.output ?? []) as SeriesResult[]));
    }
    return { seconds, cpuSeconds, load, results };
  } finally {
    await runner.close();
  }
}

const meanOf = (values: readonly (number | null)[]): number | null => {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  return finite.length === 0 ? null : finite.reduce((s, v) => s + v, 0) / finite.length;
};
const fixed = (x: number | null, digits = 3): string => (x === null ? '–' : x.toFixed(digits));
const round = (x: number | null, digits = 4): number | null =>
  x === null ? null : Number(x.toFixed(digits));
const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;

/** 'median ensemble of top 3 (ets, theta, snaive)' → 'ensemble (ets, theta, snaive)'. */
function family(chosen: string): string {
  return chosen.replace(/^(median|mean) ensemble of top \d+/, 'ensemble');
}

function scoresBy(results: readonly SeriesResult[], group: (r: SeriesResult) => string) {
  const groups = new Map<string, SeriesResult[]>();
  for (const r of results) {
    const name = group(r);
    groups.set(name, [...(groups.get(name) ?? []), r]);
  }
  return [...groups.entries()]
    .sort((a, b) => b[1].length - a[1].length)
    .map(([name, rs]) => ({
      group: name,
      series: rs.length,
      ok: rs.filter((r) => r.ok).length,
      mase: round(meanOf(rs.map((r) => r.mase))),
      rmsse: round(meanOf(rs.map((r) => r.rmsse))),
      smape: round(meanOf(rs.map((r) => r.smape))),
      coverage80: round(meanOf(rs.map((r) => r.coverage80))),
    }));
}

const generatedAt = performance.now();
const series = simulate(seriesCount);
const generateSeconds = (performance.now() - generatedAt) / 1000;
const kinds = new Map(series.map((s) => [s.key, s.kind] as const));
console.error(`simulated ${seriesCount} series × ${days} days in ${generateSeconds.toFixed(2)} s`);

const subset = series.slice(0, mainSubset);
// main thread first (also warms nothing in the pool threads, which are new per run)
const mainThread = await forecastAll(subset, { ...forecastJob, cpuHeavy: false }, 'main-thread subset');
const poolSubset = await forecastAll(subset, forecastJob, 'pool subset');
const full = await forecastAll(series, forecastJob, 'pool all');
const results = full.results;

const chosenCounts: Record<string, number> = {};
for (const r of results) {
  const name = r.ok ? family(r.chosen) : 'failed';
  chosenCounts[name] = (chosenCounts[name] ?? 0) + 1;
}
const byKind = scoresBy(results, (r) => kinds.get(r.key) ?? 'unknown');
const byDemand = scoresBy(results, (r) => (r.ok ? r.demand : 'failed'));
const byChosen = scoresBy(results, (r) => (r.ok ? family(r.chosen) : 'failed'));
const failures = results.filter((r) => !r.ok).slice(0, 5);
const speed = (seconds: number, count: number) => count / seconds;

console.log(
  `\n${seriesCount} daily series × ${days} days, h = ${horizon}, season ${seasonLength}, model ${model}, ` +
    `${windows} back-test windows, chunks of ${chunkSize}, pool of ${poolSize} threads (node ${process.version})\n`,
);
console.log(
  line([
    'run',
    'series',
    'wall s',
    'series/s',
    'wall ms/series',
    'CPU s (all threads)',
    'CPU ms/series',
    'load 1 min',
  ]),
);
console.log(line(['---', '---', '---', '---', '---', '---', '---', '---']));
for (const [name, run, count] of [
  [`pool (${poolSize} threads), all series`, full, seriesCount],
  [`pool (${poolSize} threads), first ${mainSubset}`, poolSubset, mainSubset],
  [`main thread only, first ${mainSubset}`, mainThread, mainSubset],
] as const)
  console.log(
    line([
      name,
      count,
      run.seconds.toFixed(1),
      speed(run.seconds, count).toFixed(1),
      ((1000 * run.seconds) / count).toFixed(1),
      run.cpuSeconds.toFixed(1),
      ((1000 * run.cpuSeconds) / count).toFixed(1),
      run.load.toFixed(1),
    ]),
  );
const speedUp = mainThread.seconds / poolSubset.seconds;
console.log(`pool speed-up on the first ${mainSubset}: ${speedUp.toFixed(2)}×`);

console.log('\nchosen models (ensembles by members):');
console.log(line(['chosen', 'series', 'share']));
console.log(line(['---', '---', '---']));
for (const [name, count] of Object.entries(chosenCounts).sort((a, b) => b[1] - a[1]))
  console.log(line([name, count, `${((100 * count) / seriesCount).toFixed(1)} %`]));

for (const [title, table] of [
  ['simulated kind', byKind],
  ['demand class (classifyDemand)', byDemand],
  ['chosen model', byChosen],
] as const) {
  console.log(`\nmean back-test scores of the kept model, by ${title}:`);
  console.log(line([title, 'series', 'ok', 'MASE', 'RMSSE', 'sMAPE', '80 % coverage']));
  console.log(line(['---', '---', '---', '---', '---', '---', '---']));
  for (const row of table)
    console.log(
      line([
        row.group,
        row.series,
        row.ok,
        fixed(row.mase),
        fixed(row.rmsse),
        fixed(row.smape, 2),
        fixed(row.coverage80),
      ]),
    );
}
const overall = scoresBy(results, () => 'all')[0];
console.log(
  `\nall: MASE ${fixed(overall?.mase ?? null)}, RMSSE ${fixed(overall?.rmsse ?? null)}, ` +
    `sMAPE ${fixed(overall?.smape ?? null, 2)}, 80 % coverage ${fixed(overall?.coverage80 ?? null)}`,
);
if (failures.length > 0)
  console.log(
    'failures (first 5):',
    failures.map((r) => `${r.key}: ${r.error}`),
  );

const document = {
  benchmark: 'forecast-many-series',
  node: process.version,
  series: seriesCount,
  days,
  horizon,
  seasonLength,
  model,
  windows,
  chunkSize,
  poolSize,
  seed,
  generateSeconds: Number(generateSeconds.toFixed(3)),
  kinds: Object.fromEntries(
    [...new Set(kinds.values())].map((k) => [k, series.filter((s) => s.kind === k).length]),
  ),
  pool: {
    seconds: Number(full.seconds.toFixed(2)),
    cpuSeconds: Number(full.cpuSeconds.toFixed(2)),
    loadAverageAtEnd: Number(full.load.toFixed(2)),
    seriesPerSecond: Number(speed(full.seconds, seriesCount).toFixed(2)),
  },
  subset: {
    series: mainSubset,
    poolSeconds: Number(poolSubset.seconds.toFixed(2)),
    mainThreadSeconds: Number(mainThread.seconds.toFixed(2)),
    poolCpuSeconds: Number(poolSubset.cpuSeconds.toFixed(2)),
    mainThreadCpuSeconds: Number(mainThread.cpuSeconds.toFixed(2)),
    speedUp: Number(speedUp.toFixed(2)),
  },
  chosen: chosenCounts,
  failed: results.filter((r) => !r.ok).length,
  scores: { all: overall, byKind, byDemand, byChosen },
};
console.log(JSON.stringify(document, null, 2));
mkdirSync(join(here, 'out'), { recursive: true });
writeFileSync(join(here, 'out', 'many-series.json'), `${JSON.stringify(document, null, 2)}\n`);
