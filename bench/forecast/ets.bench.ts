/**
 * ETS / AutoETS benchmark, ours vs statsmodels 0.13.5 side by side:
 *   npx tsx bench/forecast/ets.bench.ts [--series 200] [--all] [--refine 1] [--candidates r15|8]
 *                                       [--runs 3] [--skip-reference]
 *
 * (a) AirPassengers (144 values, m = 12): ETS(M,A,M) and ETS(M,Ad,M) log-likelihood, AICc, smoothing
 *     parameters and 12/24-step forecasts, ours vs statsmodels' ETSModel(...).fit(disp=False).
 * (b) M3 monthly, the first `--series` series (N1402…; test = last 18 values, h = 18): mean sMAPE, mean MASE
 *     (scale: in-sample mean |yₜ − yₜ₋₁₂|) and median / total fit time per series for our autoEts vs
 *     statsmodels' AutoETS-by-AICc over `--candidates` (default r15 = the same 15 forms as ours; see
 *     statsmodels_ets.py), plus seasonal naive. Our time per series is the median of `--runs` repeats
 *     (after one warm-up pass over all series, so JIT compilation is not counted).
 * (c) `--all`: our autoEts on all 1,428 monthly series (mean sMAPE / MASE, total time).
 * sMAPE = mean over h of 200·|y − f|/(|y| + |f|); MASE = mean|y − f| / mean|yₜ − yₜ₋₁₂| (in-sample).
 *
 * The reference side needs /usr/bin/python3 with statsmodels; if missing this tries
 * `apt-get install -y python3-statsmodels` and skips the reference columns with a message if that fails.
 * Prints a table and one JSON document; not part of `npm test`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { forecastAccuracy } from '../../src/forecast/accuracy.js';
import { autoEts, fitEts, forecastEts, parseEtsSpec, selectEts } from '../../src/forecast/ets/index.js';
import { median } from '../../src/stats/descriptive.js';
import { argument } from '../bench-args.js';

const here = dirname(fileURLToPath(import.meta.url));
const shared = join(here, '../../../shared');
const seriesCount = Number(argument('series', '200'));
const refine = Number(argument('refine', '1'));
const candidates = argument('candidates', 'r15');
const runs = Number(argument('runs', '3'));
const runAll = process.argv.includes('--all');
const skipReference = process.argv.includes('--skip-reference');
const horizon = 18;
const season = 12;

interface M3Series {
  readonly name: string;
  readonly train: number[];
  readonly test: number[];
}

function readM3(): M3Series[] {
  const lines = readFileSync(join(shared, 'datasets/m3/m3_monthly.csv'), 'utf8').trim().split('\n').slice(1);
  return lines.map((line) => {
    const cells = line.split(',');
    const values = (cells[6] ?? '').trim().split(/\s+/).map(Number);
    const nf = Number(cells[2]);
    return { name: cells[0] ?? '', train: values.slice(0, -nf), test: values.slice(-nf) };
  });
}

// the M3 measures of src/forecast/accuracy.ts: sMAPE 200·|y − f|/(|y| + |f|) (0/0 = 0), MASE on the lag-12 scale
const smape = (actual: readonly number[], forecast: readonly number[]): number =>
  forecastAccuracy(actual, forecast).smape as number;
const mase = (train: readonly number[], actual: readonly number[], forecast: readonly number[]): number =>
  forecastAccuracy(actual, forecast, { training: train, seasonLength: season }).mase as number;

function seasonalNaive(train: readonly number[]): number[] {
  return Array.from({ length: horizon }, (_, h) => train[train.length - season + (h % season)] as number);
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** statsmodels available? Try apt once if not. */
function referenceAvailable(): { ok: boolean; message: string } {
  if (skipReference) return { ok: false, message: 'reference skipped (--skip-reference)' };
  const probe = () =>
    existsSync('/usr/bin/python3') &&
    spawnSync('/usr/bin/python3', ['-c', 'import statsmodels'], { stdio: 'ignore' }).status === 0;
  if (probe()) return { ok: true, message: 'statsmodels found' };
  console.error(
    'statsmodels not found for /usr/bin/python3; trying apt-get install -y python3-statsmodels …',
  );
  spawnSync('apt-get', ['install', '-y', 'python3-statsmodels'], { stdio: 'ignore' });
  if (probe()) return { ok: true, message: 'statsmodels installed with apt-get' };
  return { ok: false, message: 'SKIPPED reference side: statsmodels unavailable and apt-get install failed' };
}

function runReference(args: string[]): unknown {
  const output = execFileSync(
    '/usr/bin/python3',
    [join(here, 'statsmodels_ets.py'), ...args, '--shared', shared],
    {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  return JSON.parse(output);
}

const round = (value: number, digits = 3): number => Number(value.toFixed(digits));

// (a) AirPassengers
const reference = referenceAvailable();
console.error(reference.message);
const air = readFileSync(join(shared, 'datasets/timeseries/air_passengers.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => Number(line.split(',')[1]));
const airReference = reference.ok
  ? (runReference(['air']) as Record<
      string,
      {
        logLikelihood: number;
        aicc: number;
        alpha: number;
        beta: number;
        gamma: number;
        phi: number;
        forecast: number[];
      }
    >)
  : undefined;
const airRows = ['MAM', 'MAdM'].map((form) => {
  const started = performance.now();
  const fit = fitEts(air, parseEtsSpec(form), { seasonLength: season });
  const seconds = (performance.now() - started) / 1000;
  const forecast = forecastEts(fit, { horizon: 24 }).point;
  const theirs = airReference?.[fit.name];
  const relative = (h: number) =>
    theirs
      ? round(
          (100 * ((forecast[h - 1] as number) - (theirs.forecast[h - 1] as number))) /
            (theirs.forecast[h - 1] as number),
        )
      : null;
  return {
    model: fit.name,
    ours: {
      logLikelihood: round(fit.logLikelihood),
      aicc: round(fit.aicc),
      alpha: round(fit.alpha, 4),
      beta: round(fit.beta, 4),
      gamma: round(fit.gamma, 5),
      phi: round(fit.phi, 4),
      forecast12: round(forecast[11] as number, 2),
      forecast24: round(forecast[23] as number, 2),
      seconds: round(seconds),
    },
    statsmodels: theirs
      ? {
          logLikelihood: round(theirs.logLikelihood),
          aicc: round(theirs.aicc),
          alpha: round(theirs.alpha, 4),
          beta: round(theirs.beta, 4),
          gamma: round(theirs.gamma, 5),
          phi: round(theirs.phi, 4),
          forecast12: round(theirs.forecast[11] as number, 2),
          forecast24: round(theirs.forecast[23] as number, 2),
        }
      : null,
    logLikelihoodDifference: theirs ? round(fit.logLikelihood - theirs.logLikelihood) : null,
    maxForecastDifferencePercent: theirs
      ? round(Math.max(...Array.from({ length: 24 }, (_, h) => Math.abs(relative(h + 1) ?? 0))))
      : null,
  };
});
console.log('\n(a) AirPassengers (m = 12, all 144 values)');
console.log(
  '| model | logLik ours | logLik statsmodels | AICc ours | AICc sm | α ours/sm | φ ours/sm | f₁₂ ours/sm | f₂₄ ours/sm | max |Δf| % |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const row of airRows)
  console.log(
    `| ${row.model} | ${row.ours.logLikelihood} | ${row.statsmodels?.logLikelihood ?? '–'} | ${row.ours.aicc} | ${row.statsmodels?.aicc ?? '–'} | ${row.ours.alpha}/${row.statsmodels?.alpha ?? '–'} | ${row.ours.phi}/${row.statsmodels?.phi ?? '–'} | ${row.ours.forecast12}/${row.statsmodels?.forecast12 ?? '–'} | ${row.ours.forecast24}/${row.statsmodels?.forecast24 ?? '–'} | ${row.maxForecastDifferencePercent ?? '–'} |`,
  );

// (b) M3 monthly, first N series
const m3 = readM3();
const subset = m3.slice(0, seriesCount);
const runOurs = (series: M3Series) => autoEts(series.train, { horizon, seasonLength: season, refine });
for (const series of subset) runOurs(series); // warm-up (JIT)
const ourTimes: number[] = [];
const ourSmape: number[] = [];
const ourMase: number[] = [];
const naiveSmape: number[] = [];
const naiveMase: number[] = [];
const chosen = new Map<string, number>();
for (const series of subset) {
  const times: number[] = [];
  let forecast = runOurs(series);
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    forecast = runOurs(series);
    times.push((performance.now() - started) / 1000);
  }
  ourTimes.push(median(times));
  ourSmape.push(smape(series.test, forecast.point));
  ourMase.push(mase(series.train, series.test, forecast.point));
  chosen.set(forecast.model, (chosen.get(forecast.model) ?? 0) + 1);
  const naive = seasonalNaive(series.train);
  naiveSmape.push(smape(series.test, naive));
  naiveMase.push(mase(series.train, series.test, naive));
}
let referenceSummary: Record<string, number | string> | null = null;
if (reference.ok) {
  console.error(`running statsmodels AutoETS on ${subset.length} series (candidates ${candidates}) …`);
  const result = runReference(['m3', '--series', String(seriesCount), '--candidates', candidates]) as {
    series: { series: string; model: string; forecast: number[]; seconds: number }[];
  };
  const smapes = result.series.map((row, i) => smape(subset[i]?.test ?? [], row.forecast));
  const mases = result.series.map((row, i) =>
    mase(subset[i]?.train ?? [], subset[i]?.test ?? [], row.forecast),
  );
  const seconds = result.series.map((row) => row.seconds);
  referenceSummary = {
    candidates,
    meanSmape: round(mean(smapes)),
    meanMase: round(mean(mases)),
    medianSecondsPerSeries: round(median(seconds), 4),
    meanSecondsPerSeries: round(mean(seconds), 4),
    totalSeconds: round(
      seconds.reduce((a, b) => a + b, 0),
      2,
    ),
  };
}
const oursSummary = {
  meanSmape: round(mean(ourSmape)),
  meanMase: round(mean(ourMase)),
  medianSecondsPerSeries: round(median(ourTimes), 5),
  meanSecondsPerSeries: round(mean(ourTimes), 5),
  totalSeconds: round(
    ourTimes.reduce((a, b) => a + b, 0),
    3,
  ),
  refine,
};
const naiveSummary = { meanSmape: round(mean(naiveSmape)), meanMase: round(mean(naiveMase)) };
console.log(`\n(b) M3 monthly, first ${subset.length} series (h = 18)`);
console.log('| method | mean sMAPE | mean MASE | median s/series | mean s/series | total s |');
console.log('|---|---|---|---|---|---|');
console.log(
  `| ours autoEts (15 forms, refine ${refine}) | ${oursSummary.meanSmape} | ${oursSummary.meanMase} | ${oursSummary.medianSecondsPerSeries} | ${oursSummary.meanSecondsPerSeries} | ${oursSummary.totalSeconds} |`,
);
if (referenceSummary)
  console.log(
    `| statsmodels AutoETS by AICc (${candidates}) | ${referenceSummary.meanSmape} | ${referenceSummary.meanMase} | ${referenceSummary.medianSecondsPerSeries} | ${referenceSummary.meanSecondsPerSeries} | ${referenceSummary.totalSeconds} |`,
  );
else console.log(`| statsmodels | ${reference.message} | | | | |`);
console.log(`| seasonal naive | ${naiveSummary.meanSmape} | ${naiveSummary.meanMase} | | | |`);
if (referenceSummary)
  console.log(
    `speed-up (mean s/series): ${round((referenceSummary.meanSecondsPerSeries as number) / oursSummary.meanSecondsPerSeries, 1)}×`,
  );

// (c) all monthly series
let allSummary: Record<string, number> | null = null;
if (runAll) {
  const smapes: number[] = [];
  const mases: number[] = [];
  const started = performance.now();
  for (const series of m3) {
    const forecast = selectEts(series.train, { horizon, seasonLength: season, refine });
    const point = forecastEts(forecast.best, { horizon }).point;
    smapes.push(smape(series.test, point));
    mases.push(mase(series.train, series.test, point));
  }
  allSummary = {
    series: m3.length,
    meanSmape: round(mean(smapes)),
    meanMase: round(mean(mases)),
    totalSeconds: round((performance.now() - started) / 1000, 2),
  };
  console.log(
    `\n(c) all ${m3.length} M3 monthly series: ours sMAPE ${allSummary.meanSmape}, MASE ${allSummary.meanMase}, ${allSummary.totalSeconds} s`,
  );
}

console.log(
  `\n${JSON.stringify({ airPassengers: airRows, m3: { series: subset.length, ours: oursSummary, statsmodels: referenceSummary, seasonalNaive: naiveSummary, chosen: Object.fromEntries(chosen) }, all: allSummary, reference: reference.message })}`,
);
