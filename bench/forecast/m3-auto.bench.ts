/**
 * M3 monthly with automatic model choice, against the original M3 competitors:
 *   npx tsx bench/forecast/m3-auto.bench.ts [--series 1428] [--windows 3]
 *
 * On the first `--series` of the 1,428 M3 monthly series (/work/shared/datasets/m3/m3_monthly.csv; the last 18
 * values are the test, h = 18, season 12) this forecasts with `forecastSeries` (src/forecast/forecast-series.ts)
 *  (a) model 'auto'  — back-test over ETS, damped ETS, Theta, seasonal naive, drift, naive; the mean of
 *                      ETS + damped + Theta is kept unless a single model wins by more than 10%
 *                      (`--windows` rolling origins);
 *  (b) model 'ets'   — AutoETS (still back-tested, for the accuracy it reports; the forecast is the full fit);
 *  (c) model 'theta';
 * and, from the same fits plus one damped AutoETS per series, fixed alternatives without selection:
 *  - damped   = autoEts({ damped: true }) (AutoETS over damped-trend forms only);
 *  - seasonal naive (NAIVE2 and the rest are in the competitors' rows);
 *  - median(ETS, Theta, damped), mean(ETS, Theta, damped), mean(ETS, Theta): per-step combinations;
 *  - auto, best single: (a)'s back-test winner among single models, without the ensemble challenger.
 * Accuracy: sMAPE = mean over h of 200·|y − f|/(|y| + |f|), then mean over series; MASE = mean|y − f| /
 * in-sample mean |yₜ − yₜ₋₁₂|, mean over series. Test values follow Mcomp (N2786 position 84 = 1200, not
 * M3C.xls's −1200; see the dataset's SOURCE.md). The 24 original competitors' sMAPE and MASE are recomputed
 * from m3_monthly_forecasts_original_methods.csv the same way (THETA 13.892, ForecastPro 13.898 in SOURCE.md).
 * Time per series: wall time of each forecastSeries call (after a warm-up on the first 10 series), median and
 * mean, and mean CPU time (process.cpuUsage; steadier than wall time on a shared machine). Prints tables and one JSON document; writes bench/forecast/out/m3-auto.json (gitignored). Skips with a
 * message when the data set is absent. Not part of `npm test`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { forecastAccuracy } from '../../src/forecast/accuracy.js';
import { driftForecast, naiveForecast, seasonalNaiveForecast } from '../../src/forecast/baselines.js';
import { combineForecasts } from '../../src/forecast/ensemble.js';
import { autoEts } from '../../src/forecast/ets/index.js';
import {
  type ForecastModelName,
  forecastSeries,
  type SeriesForecast,
} from '../../src/forecast/forecast-series.js';
import type { Forecast } from '../../src/forecast/forecast-types.js';
import { median } from '../../src/stats/descriptive.js';
import { argument } from '../bench-args.js';

const here = dirname(fileURLToPath(import.meta.url));
const m3Directory = join(here, '../../../shared/datasets/m3');
const m3File = join(m3Directory, 'm3_monthly.csv');
const competitorsFile = join(m3Directory, 'm3_monthly_forecasts_original_methods.csv');
const horizon = 18;
const season = 12;
const windows = Number(argument('windows', '3'));

if (!existsSync(m3File)) {
  console.log(
    `skipped: ${m3File} is absent (the M3 monthly data set; see /work/shared/datasets/m3/SOURCE.md)`,
  );
  process.exit(0);
}

interface M3Series {
  readonly name: string;
  readonly train: number[];
  readonly test: number[];
}

function readM3(): M3Series[] {
  const lines = readFileSync(m3File, 'utf8').trim().split('\n').slice(1);
  return lines.map((line) => {
    const cells = line.split(',');
    const values = (cells[6] ?? '').trim().split(/\s+/).map(Number);
    const nf = Number(cells[2]);
    const name = cells[0] ?? '';
    // Mcomp's xx has 1200 where M3C.xls has −1200 (N2786, position 84; SOURCE.md)
    if (name === 'N2786' && values[83] === -1200) values[83] = 1200;
    return { name, train: values.slice(0, -nf), test: values.slice(-nf) };
  });
}

function readCompetitors(): Map<string, Map<string, number[]>> {
  const byMethod = new Map<string, Map<string, number[]>>();
  if (!existsSync(competitorsFile)) return byMethod;
  for (const line of readFileSync(competitorsFile, 'utf8').trim().split('\n').slice(1)) {
    const [method = '', series = '', forecasts = ''] = line.split(',');
    const map = byMethod.get(method) ?? new Map<string, number[]>();
    map.set(series, forecasts.trim().split(/\s+/).map(Number));
    byMethod.set(method, map);
  }
  return byMethod;
}

// the M3 measures of src/forecast/accuracy.ts: sMAPE 200·|y − f|/(|y| + |f|) (0/0 = 0), MASE on the lag-12 scale
const smape = (actual: readonly number[], forecast: readonly number[]): number =>
  forecastAccuracy(actual, forecast).smape as number;
const mase = (train: readonly number[], actual: readonly number[], forecast: readonly number[]): number =>
  forecastAccuracy(actual, forecast, { training: train, seasonLength: season }).mase as number;

const mean = (values: readonly number[]): number => values.reduce((s, v) => s + v, 0) / values.length;
const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;

const all = readM3();
const seriesCount = Math.min(all.length, Number(argument('series', String(all.length))));
const data = all.slice(0, seriesCount);
const options = { horizon, seasonLength: season, levels: [80, 95], windows } as const;

/** Wall and CPU time of one call (CPU: process.cpuUsage, robust to other load on a shared machine). */
function timed<T>(f: () => T): { value: T; ms: number; cpuMs: number } {
  const cpuStarted = process.cpuUsage();
  const started = performance.now();
  const value = f();
  const cpu = process.cpuUsage(cpuStarted);
  return { value, ms: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000 };
}

// warm-up (JIT), not counted
for (const s of data.slice(0, 10))
  for (const model of ['auto', 'ets', 'theta'] as const) forecastSeries(s.train, { ...options, model });

interface Variant {
  readonly name: string;
  readonly what: string;
  readonly points: number[][];
  readonly ms: number[];
  readonly cpuMs: number[];
}
const variant = (name: string, what: string): Variant => ({ name, what, points: [], ms: [], cpuMs: [] });
const auto = variant(
  'auto',
  "forecastSeries model 'auto' (mean of ETS + damped + Theta unless a back-test winner is 2× better)",
);
const ets = variant('ets', "forecastSeries model 'ets' (AutoETS; back-test only reported)");
const theta = variant('theta', "forecastSeries model 'theta'");
const damped = variant('damped', 'autoEts({ damped: true }), no back-test');
const bestSingle = variant('auto, best single', "(a)'s back-test winner among single models, no ensemble");
const medianEtd = variant('median(ETS, Theta, damped)', 'fixed per-step median, no selection');
const meanEtd = variant('mean(ETS, Theta, damped)', 'fixed per-step mean, no selection');
const meanEt = variant('mean(ETS, Theta)', 'fixed per-step mean, no selection');
const snaive = variant('seasonal naive', 'last season repeated');
const chosenCounts: Record<string, number> = {};
// per series: the back-test scores of auto's combination and best single model, for the margin sweep
const sweepScores: { combination: number; bestSingle: number }[] = [];
const bestSingleCounts: Record<string, number> = {};

const forecastOptions = { horizon, seasonLength: season, levels: [80, 95] };
const singles: Record<string, (y: readonly number[]) => Forecast> = {
  snaive: (y) => seasonalNaiveForecast(y, forecastOptions),
  drift: (y) => driftForecast(y, forecastOptions),
  naive: (y) => naiveForecast(y, forecastOptions),
};

const started = performance.now();
data.forEach((s, i) => {
  const run = (model: ForecastModelName, into: Variant): SeriesForecast => {
    const { value, ms, cpuMs } = timed(() => forecastSeries(s.train, { ...options, model }));
    into.points.push([...value.forecast.point]);
    into.ms.push(ms);
    into.cpuMs.push(cpuMs);
    return value;
  };
  const a = run('auto', auto);
  const e = run('ets', ets);
  const t = run('theta', theta);
  const d = timed(() => autoEts(s.train, { ...forecastOptions, damped: true }));
  damped.points.push([...d.value.point]);
  damped.ms.push(d.ms);
  damped.cpuMs.push(d.cpuMs);
  const family = a.chosen.replace(/^(median|mean) (ensemble of top \d+|of .*)$/, 'ensemble');
  chosenCounts[family] = (chosenCounts[family] ?? 0) + 1;

  const best = a.scores.find(
    (row) => row.score !== undefined && !row.name.includes('ensemble') && !row.name.startsWith('mean of'),
  );
  const bestName = best?.name ?? 'ets';
  bestSingleCounts[bestName] = (bestSingleCounts[bestName] ?? 0) + 1;
  const bestPoint =
    bestName === 'ets'
      ? e.forecast.point
      : bestName === 'theta'
        ? t.forecast.point
        : bestName === 'damped'
          ? d.value.point
          : (singles[bestName] as (y: readonly number[]) => Forecast)(s.train).point;
  bestSingle.points.push([...bestPoint]);
  sweepScores.push({
    combination: a.scores.find((row) => row.name.startsWith('mean of'))?.score ?? Number.POSITIVE_INFINITY,
    bestSingle: best?.score ?? Number.POSITIVE_INFINITY,
  });

  const members = [e.forecast, t.forecast, d.value];
  medianEtd.points.push([...combineForecasts(members, { combine: 'median' }).point]);
  meanEtd.points.push([...combineForecasts(members, { combine: 'mean' }).point]);
  meanEt.points.push([...combineForecasts([e.forecast, t.forecast], { combine: 'mean' }).point]);
  snaive.points.push([...seasonalNaiveForecast(s.train, forecastOptions).point]);
  if ((i + 1) % 100 === 0 || i + 1 === data.length)
    console.error(`${i + 1}/${data.length} series, ${((performance.now() - started) / 1000).toFixed(0)} s`);
});
const totalSeconds = (performance.now() - started) / 1000;

interface Row {
  readonly name: string;
  readonly source: string;
  readonly smape: number;
  readonly mase: number;
  readonly medianMs?: number;
  readonly meanMs?: number;
  readonly meanCpuMs?: number;
  readonly totalSeconds?: number;
}
const score = (
  name: string,
  source: string,
  points: readonly (readonly number[])[],
  ms?: number[],
  cpuMs?: number[],
): Row => ({
  name,
  source,
  smape: mean(data.map((s, i) => smape(s.test, points[i] as number[]))),
  mase: mean(data.map((s, i) => mase(s.train, s.test, points[i] as number[]))),
  ...(ms && ms.length > 0
    ? {
        medianMs: median(ms),
        meanMs: mean(ms),
        meanCpuMs: mean(cpuMs ?? []),
        totalSeconds: ms.reduce((a, b) => a + b, 0) / 1000,
      }
    : {}),
});

const ours: Row[] = [auto, ets, theta, damped, bestSingle, medianEtd, meanEtd, meanEt, snaive].map((v) =>
  score(v.name, `ours: ${v.what}`, v.points, v.ms, v.cpuMs),
);
const competitors: Row[] = [];
for (const [method, byName] of readCompetitors()) {
  if (!data.every((s) => byName.has(s.name))) continue;
  competitors.push(
    score(
      method,
      'M3 original (recomputed)',
      data.map((s) => byName.get(s.name) as number[]),
    ),
  );
}
const table = [...ours, ...competitors].sort((a, b) => a.smape - b.smape);
const thetaCompetitor = competitors.find((r) => r.name === 'THETA');

console.log(
  `\nM3 monthly, ${seriesCount} series, h = ${horizon}, season ${season}, ${windows} back-test windows ` +
    `(node ${process.version}); total ${totalSeconds.toFixed(1)} s for all variants, load average at the end ${(loadavg()[0] ?? 0).toFixed(1)}\n`,
);
console.log(
  line([
    'rank',
    'method',
    'sMAPE',
    'MASE',
    'median ms/series',
    'mean ms/series',
    'mean CPU ms/series',
    'source',
  ]),
);
console.log(line(['---', '---', '---', '---', '---', '---', '---', '---']));
for (const [i, r] of table.entries())
  console.log(
    line([
      i + 1,
      r.source.startsWith('ours') ? `**${r.name}**` : r.name,
      r.smape.toFixed(3),
      r.mase.toFixed(3),
      r.medianMs === undefined ? '' : r.medianMs.toFixed(1),
      r.meanMs === undefined ? '' : r.meanMs.toFixed(1),
      r.meanCpuMs === undefined ? '' : r.meanCpuMs.toFixed(1),
      r.source,
    ]),
  );
if (thetaCompetitor) {
  const a = ours[0] as Row;
  console.log(
    `\n(a) auto vs THETA: sMAPE ${a.smape.toFixed(3)} vs ${thetaCompetitor.smape.toFixed(3)} ` +
      `(${a.smape < thetaCompetitor.smape ? 'beats' : 'does NOT beat'} THETA), ` +
      `MASE ${a.mase.toFixed(3)} vs ${thetaCompetitor.mase.toFixed(3)}`,
  );
}
// How much better a single model must score to displace the combination (forecast-series.ts
// `combinationMargin`): the same back-tests and forecasts, other margins.
const margins = [0, 0.1, 0.25, 0.5, 1, Number.POSITIVE_INFINITY];
const sweep = margins.map((margin) => {
  const points = data.map((_, i) => {
    const scores = sweepScores[i] as (typeof sweepScores)[number];
    return scores.bestSingle * (1 + margin) <= scores.combination
      ? (bestSingle.points[i] as number[])
      : (meanEtd.points[i] as number[]);
  });
  return { margin, ...score(`margin ${margin}`, 'sweep', points) };
});
console.log('\nmargin a single model needs to displace the mean of ETS + damped + Theta:');
console.log(line(['margin', 'sMAPE', 'MASE']));
console.log(line(['---', '---', '---']));
for (const row of sweep)
  console.log(
    line([
      Number.isFinite(row.margin) ? row.margin : '∞ (mean only)',
      row.smape.toFixed(3),
      row.mase.toFixed(3),
    ]),
  );

console.log('\n(a) chosen:', JSON.stringify(chosenCounts));
console.log('(a) best single model by back-test:', JSON.stringify(bestSingleCounts));

const round = (x: number | undefined, digits = 4) =>
  x === undefined ? undefined : Number(x.toFixed(digits));
const document = {
  benchmark: 'forecast-m3-auto',
  node: process.version,
  series: seriesCount,
  horizon,
  seasonLength: season,
  windows,
  totalSeconds: Number(totalSeconds.toFixed(2)),
  chosen: chosenCounts,
  bestSingle: bestSingleCounts,
  marginSweep: sweep.map((r) => ({
    margin: Number.isFinite(r.margin) ? r.margin : 'infinity',
    smape: round(r.smape),
    mase: round(r.mase),
  })),
  results: table.map((r) => ({
    name: r.name,
    source: r.source,
    smape: round(r.smape),
    mase: round(r.mase),
    medianMs: round(r.medianMs, 2),
    meanMs: round(r.meanMs, 2),
    meanCpuMs: round(r.meanCpuMs, 2),
    totalSeconds: round(r.totalSeconds, 2),
  })),
};
console.log(JSON.stringify(document, null, 2));
mkdirSync(join(here, 'out'), { recursive: true });
writeFileSync(join(here, 'out', 'm3-auto.json'), `${JSON.stringify(document, null, 2)}\n`);
