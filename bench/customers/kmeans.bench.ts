/**
 * k-means benchmark against scikit-learn, in the same run on the same points:
 * `npx tsx bench/customers/kmeans.bench.ts [--n 1000000] [--d 8] [--k 8] [--runs 3] [--spread 2] [--seed 42]`.
 *
 * Data: a standardised Gaussian mixture of k clusters (issue 3: "8-cluster Gaussian mixture of
 * 1M × 8 points"): centres uniform in [−spread, spread]^d, unit-variance noise, equal weights,
 * then every column centred and scaled to unit (population) variance. Generated with our seeded
 * rng and written once as raw little-endian float64 to a temp dir, which the Python script reads.
 *
 * Measured, median of `--runs` (seeds 0 … runs − 1 for both; different generators, so the two
 * k-means++ starts differ and so may the iteration counts — hence also ms per iteration, which
 * includes the seeding):
 *  1. ours: kMeans(points, d, {k, seed, restarts: 1}) — greedy k-means++ then Lloyd with bounds;
 *  2. scikit-learn: KMeans(n_clusters=k, n_init=1, algorithm='lloyd', random_state=seed).fit;
 *  3. "same start": both run Lloyd from our k-means++ centres of seed 0 (sklearn init=ndarray),
 *     which must give the same iterations and inertia, timing the Lloyd iterations alone.
 * Goal (issue 3): ours ≤ 2× scikit-learn's time with inertia within 1%.
 *
 * scikit-learn comes from Debian (`apt-get install -y python3-sklearn`, run by this script when
 * missing and possible; otherwise the reference is skipped with a message). Prints a markdown table
 * and a JSON document; writes bench/customers/out/kmeans.json. Not part of `npm test`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng, deriveRng, normal } from '../../src/core/random.js';
import { median } from '../../src/stats/descriptive.js';
import { kMeans } from '../../src/stats/kmeans.js';
import { kMeansPlusPlus } from '../../src/stats/kmeans-plus-plus.js';
import { argument } from '../bench-args.js';

const here = dirname(fileURLToPath(import.meta.url));

const n = Number(argument('n', '1000000'));
const d = Number(argument('d', '8'));
const k = Number(argument('k', '8'));
const runs = Number(argument('runs', '3'));
const spread = Number(argument('spread', '2'));
const dataSeed = Number(argument('seed', '42'));

interface Run {
  readonly seed: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly iterations: number;
  readonly inertia: number;
}

interface Reference {
  readonly sklearn: string;
  readonly numpy: string;
  readonly threads: unknown;
  readonly runs: Run[];
}

/** The standardised Gaussian mixture described above. */
function gaussianMixture(): Float64Array {
  const rng = createRng(dataSeed);
  const centres = Float64Array.from({ length: k * d }, () => spread * (2 * rng.next() - 1));
  const points = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const cluster = Math.floor(rng.next() * k);
    for (let t = 0; t < d; t++) points[i * d + t] = (centres[cluster * d + t] as number) + normal(rng);
  }
  for (let t = 0; t < d; t++) {
    let total = 0;
    for (let i = 0; i < n; i++) total += points[i * d + t] as number;
    const mean = total / n;
    let squares = 0;
    for (let i = 0; i < n; i++) squares += ((points[i * d + t] as number) - mean) ** 2;
    const sd = Math.sqrt(squares / n);
    for (let i = 0; i < n; i++) points[i * d + t] = ((points[i * d + t] as number) - mean) / sd;
  }
  return points;
}

/** Debian's interpreter (where apt puts scikit-learn) when present, else python3 on the PATH. */
const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

function sklearnAvailable(): boolean {
  return spawnSync(python, ['-c', 'import sklearn'], { stdio: 'ignore' }).status === 0;
}

/** Installs python3-sklearn with apt-get when it is missing and apt-get can run; returns a skip reason or undefined. */
function ensureSklearn(): string | undefined {
  if (sklearnAvailable()) return undefined;
  console.error('scikit-learn not found; trying `apt-get install -y python3-sklearn` …');
  const install = spawnSync('apt-get', ['install', '-y', 'python3-sklearn'], { stdio: 'inherit' });
  if (install.error === undefined && install.status === 0 && sklearnAvailable()) return undefined;
  return 'scikit-learn is not available (apt-get install -y python3-sklearn failed or needs root); reference skipped';
}

function sklearnRuns(dataFile: string, seeds: readonly number[], initFile?: string): Reference {
  const args = [
    join(here, 'kmeans_sklearn.py'),
    '--data',
    dataFile,
    '--n',
    String(n),
    '--d',
    String(d),
    '--k',
    String(k),
    '--seeds',
    seeds.join(','),
    ...(initFile === undefined ? [] : ['--init', initFile]),
  ];
  return JSON.parse(execFileSync(python, args, { encoding: 'utf8', maxBuffer: 1 << 20 })) as Reference;
}

function cpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

function ours(points: Float64Array, seed: number, initialCenters?: Float64Array): Run {
  const wall = performance.now();
  const cpu = cpuSeconds();
  const result = kMeans(
    points,
    d,
    initialCenters === undefined ? { k, seed, restarts: 1 } : { k, initialCenters, restarts: 1 },
  );
  return {
    seed,
    seconds: (performance.now() - wall) / 1000,
    cpuSeconds: cpuSeconds() - cpu,
    iterations: result.iterations,
    inertia: result.inertia,
  };
}

const directory = mkdtempSync(join(tmpdir(), 'mm-kmeans-bench-'));
try {
  const started = performance.now();
  const points = gaussianMixture();
  const dataFile = join(directory, 'points.f64');
  writeFileSync(dataFile, new Uint8Array(points.buffer, points.byteOffset, points.byteLength));
  const generateSeconds = (performance.now() - started) / 1000;
  const skipped = ensureSklearn();

  // Interleaved (ours, then scikit-learn, per seed) so a change in machine load hits both.
  const oursRuns: Run[] = [];
  const referenceRuns: Run[] = [];
  let reference: Reference | undefined;
  for (let seed = 0; seed < runs; seed++) {
    oursRuns.push(ours(points, seed));
    if (skipped === undefined) {
      reference = sklearnRuns(dataFile, [seed]);
      referenceRuns.push(...reference.runs);
    }
  }

  // Same start: our k-means++ centres of seed 0 (kMeans derives its restart rng the same way).
  const start = kMeansPlusPlus(points, d, k, deriveRng(0, 'kmeans-restart-0')).centers;
  const initFile = join(directory, 'init.f64');
  writeFileSync(initFile, new Uint8Array(start.buffer, start.byteOffset, start.byteLength));
  const oursSameStart = ours(points, 0, start);
  const referenceSameStart = skipped === undefined ? sklearnRuns(dataFile, [0], initFile) : undefined;

  const summary = (list: readonly Run[]) => ({
    seconds: median(list.map((r) => r.seconds)),
    cpuSeconds: median(list.map((r) => r.cpuSeconds)),
    iterations: median(list.map((r) => r.iterations)),
    inertia: median(list.map((r) => r.inertia)),
    millisecondsPerIteration: median(list.map((r) => (1000 * r.seconds) / r.iterations)),
  });
  const oursSummary = summary(oursRuns);
  const referenceSummary = referenceRuns.length > 0 ? summary(referenceRuns) : undefined;
  const sameStartReference = referenceSameStart?.runs[0];
  const document = {
    benchmark: 'kmeans',
    node: process.version,
    data: { n, d, k, spread, seed: dataSeed, generateSeconds: Number(generateSeconds.toFixed(2)) },
    goal: 'ours ≤ 2× scikit-learn time, inertia within 1%',
    ours: { median: oursSummary, runs: oursRuns },
    sklearn:
      referenceSummary === undefined || reference === undefined
        ? { skipped }
        : {
            version: reference.sklearn,
            numpy: reference.numpy,
            threads: reference.threads,
            median: referenceSummary,
            runs: referenceRuns,
          },
    comparison:
      referenceSummary === undefined
        ? undefined
        : {
            timeRatio: oursSummary.seconds / referenceSummary.seconds,
            cpuTimeRatio: oursSummary.cpuSeconds / referenceSummary.cpuSeconds,
            inertiaRelativeDifference:
              (oursSummary.inertia - referenceSummary.inertia) / referenceSummary.inertia,
            goalMet:
              oursSummary.seconds <= 2 * referenceSummary.seconds &&
              Math.abs(oursSummary.inertia - referenceSummary.inertia) <= 0.01 * referenceSummary.inertia,
          },
    sameStart: {
      ours: oursSameStart,
      sklearn: sameStartReference,
      timeRatio:
        sameStartReference === undefined ? undefined : oursSameStart.seconds / sameStartReference.seconds,
      inertiaRelativeDifference:
        sameStartReference === undefined
          ? undefined
          : (oursSameStart.inertia - sameStartReference.inertia) / sameStartReference.inertia,
    },
  };

  const row = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
  const fixed = (value: number, digits = 3) => value.toFixed(digits);
  console.log(
    `\nk-means, ${n.toLocaleString('en')} × ${d}, k = ${k}, median of ${runs} (seeds 0…${runs - 1})\n`,
  );
  console.log(row(['', 'seconds', 'CPU seconds', 'iterations', 'ms / iteration', 'inertia']));
  console.log(row(['---', '---:', '---:', '---:', '---:', '---:']));
  console.log(
    row([
      'Marketmind kMeans',
      fixed(oursSummary.seconds),
      fixed(oursSummary.cpuSeconds),
      oursSummary.iterations,
      fixed(oursSummary.millisecondsPerIteration, 1),
      fixed(oursSummary.inertia, 1),
    ]),
  );
  if (referenceSummary !== undefined && reference !== undefined) {
    console.log(
      row([
        `scikit-learn ${reference.sklearn} KMeans (lloyd)`,
        fixed(referenceSummary.seconds),
        fixed(referenceSummary.cpuSeconds),
        referenceSummary.iterations,
        fixed(referenceSummary.millisecondsPerIteration, 1),
        fixed(referenceSummary.inertia, 1),
      ]),
    );
    const comparison = document.comparison;
    if (comparison !== undefined)
      console.log(
        `\ntime ratio ours / sklearn: ${fixed(comparison.timeRatio, 2)} (CPU ${fixed(comparison.cpuTimeRatio, 2)}); ` +
          `inertia difference ${(comparison.inertiaRelativeDifference * 100).toFixed(4)}%; goal met: ${comparison.goalMet}`,
      );
  } else console.log(`\n${skipped}`);
  console.log(`\nsame start (our k-means++ centres of seed 0), Lloyd only:\n`);
  console.log(row(['', 'seconds', 'CPU seconds', 'iterations', 'inertia']));
  console.log(row(['---', '---:', '---:', '---:', '---:']));
  console.log(
    row([
      'Marketmind',
      fixed(oursSameStart.seconds),
      fixed(oursSameStart.cpuSeconds),
      oursSameStart.iterations,
      fixed(oursSameStart.inertia, 3),
    ]),
  );
  if (sameStartReference !== undefined)
    console.log(
      row([
        'scikit-learn',
        fixed(sameStartReference.seconds),
        fixed(sameStartReference.cpuSeconds),
        sameStartReference.iterations,
        fixed(sameStartReference.inertia, 3),
      ]),
    );
  console.log(`\n${JSON.stringify(document, null, 2)}`);
  mkdirSync(join(here, 'out'), { recursive: true });
  writeFileSync(join(here, 'out', 'kmeans.json'), `${JSON.stringify(document, null, 2)}\n`);
} finally {
  rmSync(directory, { recursive: true, force: true });
}
