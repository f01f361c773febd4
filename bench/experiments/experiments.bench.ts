/**
 * Frequentist experiment statistics against scipy / statsmodels, in the same run on the same inputs:
 * `npx tsx bench/experiments/experiments.bench.ts [--repeats 2000] [--write-golden]`.
 *
 * bench/experiments/reference.py defines the fixed inputs and computes the reference values (statsmodels
 * proportions_ztest, confint_proportions_2indep wald/newcomb, proportion_confint wilson, scipy
 * ttest_ind_from_stats with the Welch–Satterthwaite df and t interval, scipy chisquare, statsmodels
 * multipletests holm/fdr_bh, power_proportions_2indep, samplesize_proportions_2indep_onetail, NormalIndPower).
 * This script runs Marketmind's functions on the same inputs and prints a side-by-side table of values and
 * relative differences (goal, issue 7: ≤ 1e-6), then timings per call (median of 3), and writes
 * bench/experiments/out/experiments.json. With --write-golden it also stores the reference JSON as
 * src/experiments/golden-values.json, which src/experiments/golden.test.ts checks without Python.
 *
 * scipy and statsmodels come from Debian (`apt-get install -y python3-scipy python3-statsmodels`, run here when
 * missing and possible; otherwise the reference is skipped with a message). Not part of `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benjaminiHochbergAdjust, holmAdjust } from '../../src/experiments/corrections.js';
import {
  newcombeInterval,
  twoProportionZTest,
  welchTTest,
  wilsonInterval,
} from '../../src/experiments/frequentist.js';
import {
  meansMinimumDetectableEffect,
  meansPower,
  meansSampleSize,
  proportionsMinimumDetectableEffect,
  proportionsPower,
  proportionsSampleSize,
} from '../../src/experiments/power.js';
import { sampleRatioMismatchTest } from '../../src/experiments/srm.js';

const here = dirname(fileURLToPath(import.meta.url));
const repeats = Number(process.argv[process.argv.indexOf('--repeats') + 1] ?? 2000) || 2000;
const writeGolden = process.argv.includes('--write-golden');
const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

type Pair = [number, number];
interface Inputs {
  proportions: { control: Pair; treatment: Pair }[];
  means: { control: [number, number, number]; treatment: [number, number, number] }[];
  srm: { observed: number[]; weights: number[] }[];
  corrections: number[][];
  proportionsPower: {
    baseline: number;
    effect: number;
    n: number;
    power: number;
    alpha: number;
    ratio: number;
  }[];
  meansPower: { effect: number; sd: number; n: number; power: number; alpha: number; ratio: number }[];
}
type Outputs = Record<keyof Inputs, Record<string, number | number[]>[]>;
interface Reference {
  versions: Record<string, string>;
  inputs: Inputs;
  outputs: Outputs;
  timingsSeconds: Record<keyof Inputs, number>;
}

function modulesMissing(): boolean {
  return spawnSync(python, ['-c', 'import scipy, statsmodels'], { stdio: 'ignore' }).status !== 0;
}

/** Installs scipy/statsmodels with apt-get when missing and possible; returns a skip reason or undefined. */
function ensureReference(): string | undefined {
  if (!modulesMissing()) return undefined;
  console.error(
    'scipy/statsmodels not found; trying `apt-get install -y python3-scipy python3-statsmodels` …',
  );
  spawnSync('apt-get', ['install', '-y', 'python3-scipy', 'python3-statsmodels'], { stdio: 'inherit' });
  if (modulesMissing())
    return 'scipy/statsmodels are not available (apt-get install failed or needs root); reference skipped';
  return undefined;
}

/** Marketmind's values for every input, keyed as reference.py keys them. */
export const ours: { [K in keyof Inputs]: (input: Inputs[K][number]) => Record<string, number | number[]> } =
  {
    proportions: ({ control, treatment }) => {
      const c = { conversions: control[0], users: control[1] };
      const t = { conversions: treatment[0], users: treatment[1] };
      const z = twoProportionZTest(c, t);
      const n = newcombeInterval(c, t);
      const wc = wilsonInterval(c);
      const wt = wilsonInterval(t);
      return {
        statistic: z.statistic,
        pValue: z.pValue,
        waldCi: [z.ci.lower, z.ci.upper],
        newcombeCi: [n.lower, n.upper],
        wilsonControl: [wc.lower, wc.upper],
        wilsonTreatment: [wt.lower, wt.upper],
      };
    },
    means: ({ control, treatment }) => {
      const r = welchTTest(
        { n: control[0], mean: control[1], variance: control[2] },
        { n: treatment[0], mean: treatment[1], variance: treatment[2] },
      );
      return {
        statistic: r.statistic,
        pValue: r.pValue,
        degreesOfFreedom: r.degreesOfFreedom ?? Number.NaN,
        ci: [r.ci.lower, r.ci.upper],
      };
    },
    srm: ({ observed, weights }) => {
      const r = sampleRatioMismatchTest(observed, { expectedWeights: weights });
      return { statistic: r.statistic, pValue: r.pValue };
    },
    corrections: (pValues) => ({
      holm: holmAdjust(pValues),
      benjaminiHochberg: benjaminiHochbergAdjust(pValues),
    }),
    proportionsPower: ({ baseline, effect, n, power, alpha, ratio }) => ({
      power: proportionsPower(baseline, effect, n, { alpha, ratio }),
      sampleSize: proportionsSampleSize(baseline, effect, power, { alpha, ratio }).treatmentUsers,
      mde: proportionsMinimumDetectableEffect(baseline, n, power, {
        alpha,
        ratio,
        direction: effect > 0 ? 'increase' : 'decrease',
      }),
    }),
    meansPower: ({ effect, sd, n, power, alpha, ratio }) => ({
      power: meansPower(effect, sd, n, { alpha, ratio }),
      sampleSize: meansSampleSize(effect, sd, power, { alpha, ratio }).treatmentUsers,
      mde: meansMinimumDetectableEffect(sd, n, power, { alpha, ratio }),
      mdeSolvePower: meansMinimumDetectableEffect(sd, n, power, { alpha, ratio }),
    }),
  };

function relativeDifference(a: number, b: number): number {
  if (a === b) return 0;
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
}

function medianSecondsPerCall(run: () => void): number {
  const times: number[] = [];
  for (let r = 0; r < 3; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < repeats; i++) run();
    times.push(Number(process.hrtime.bigint() - start) / 1e9 / repeats);
  }
  return times.sort((a, b) => a - b)[1] as number;
}

const skip = ensureReference();
if (skip !== undefined) {
  console.log(`SKIPPED: ${skip}`);
  process.exit(0);
}
const child = spawnSync(python, [join(here, 'reference.py'), '20'], {
  encoding: 'utf8',
  maxBuffer: 64 << 20,
});
if (child.status !== 0) {
  console.log(`SKIPPED: reference.py failed: ${child.stderr}`);
  process.exit(0);
}
const reference = JSON.parse(child.stdout) as Reference;

interface Row {
  readonly group: string;
  readonly case: number;
  readonly field: string;
  readonly ours: number;
  readonly reference: number;
  readonly relativeDifference: number;
}
const rows: Row[] = [];
const groups = Object.keys(ours) as (keyof Inputs)[];
for (const group of groups) {
  const inputs = reference.inputs[group] as Inputs[typeof group][number][];
  inputs.forEach((input, index) => {
    const mine = (ours[group] as (x: unknown) => Record<string, number | number[]>)(input);
    const theirs = reference.outputs[group][index] as Record<string, number | number[]>;
    for (const [field, expected] of Object.entries(theirs)) {
      const actual = mine[field];
      const expectedList = Array.isArray(expected) ? expected : [expected];
      const actualList = Array.isArray(actual) ? actual : [actual as number];
      expectedList.forEach((value, k) => {
        const got = actualList[k] as number;
        // Exact zeros in one library and 1e-19 rounding residue in the other are equal at this scale.
        const diff = Math.abs(got - value) < 1e-15 ? 0 : relativeDifference(got, value);
        rows.push({
          group,
          case: index,
          field: expectedList.length > 1 ? `${field}[${k}]` : field,
          ours: got,
          reference: value,
          relativeDifference: diff,
        });
      });
    }
  });
}

console.log(`reference: scipy ${reference.versions.scipy}, statsmodels ${reference.versions.statsmodels}\n`);
console.log('| group | case | field | Marketmind | scipy/statsmodels | relative difference |');
console.log('|---|---|---|---|---|---|');
for (const row of rows)
  console.log(
    `| ${row.group} | ${row.case} | ${row.field} | ${row.ours} | ${row.reference} | ${row.relativeDifference.toExponential(2)} |`,
  );
// statsmodels' solve_power(effect_size=None) stops ~1e-6 short in power, so its MDE is shown for information only;
// "mde" is the exact root of the same power function (scipy brentq) and is held to 1e-6.
const informational = (row: Row) => row.field.startsWith('mdeSolvePower');
const worst = rows
  .filter((row) => !informational(row))
  .reduce((a, b) => (b.relativeDifference > a.relativeDifference ? b : a));
const failing = rows.filter((row) => !informational(row) && row.relativeDifference > 1e-6);
console.log(
  `\n${rows.length} values; worst relative difference ${worst.relativeDifference.toExponential(2)} (${worst.group} ${worst.case} ${worst.field}); ${failing.length} above 1e-6 (mdeSolvePower rows are informational)`,
);

const timings = groups.map((group) => {
  const first = reference.inputs[group][0];
  const seconds = medianSecondsPerCall(() => (ours[group] as (x: unknown) => unknown)(first));
  const referenceSeconds = reference.timingsSeconds[group];
  return {
    group,
    oursMicroseconds: seconds * 1e6,
    referenceMicroseconds: referenceSeconds * 1e6,
    speedup: referenceSeconds / seconds,
  };
});
console.log(
  '\nTime per call on case 0 (median of 3; reference = the Python functions above, with their overhead):\n',
);
console.log('| group | Marketmind µs | scipy/statsmodels µs | ratio |');
console.log('|---|---|---|---|');
for (const t of timings)
  console.log(
    `| ${t.group} | ${t.oursMicroseconds.toFixed(2)} | ${t.referenceMicroseconds.toFixed(1)} | ${t.speedup.toFixed(0)}× |`,
  );

const report = { versions: reference.versions, worst, aboveTolerance: failing.length, rows, timings };
mkdirSync(join(here, 'out'), { recursive: true });
writeFileSync(join(here, 'out', 'experiments.json'), `${JSON.stringify(report, null, 1)}\n`);
console.log(`\n${JSON.stringify({ values: rows.length, worst, aboveTolerance: failing.length, timings })}`);
if (writeGolden) {
  const golden = { ...reference, timingsSeconds: undefined };
  writeFileSync(
    join(here, '..', '..', 'src', 'experiments', 'golden-values.json'),
    `${JSON.stringify(golden, null, 1)}\n`,
  );
  console.log('wrote src/experiments/golden-values.json');
}
