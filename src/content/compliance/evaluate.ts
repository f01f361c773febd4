import { type LintOptions, lintText } from './lint.js';
import type { LintCase } from './lint-cases.js';
import { ruleIds } from './rules.js';

/**
 * Precision and recall of the lint on a labelled set, per rule and micro-averaged over rules.
 * A case contributes, for each rule, a true positive (expected and fired), a false positive
 * (fired, not expected) or a false negative (expected, not fired); a rule counts once per case
 * however many findings it makes. precision = tp / (tp + fp), recall = tp / (tp + fn),
 * F1 = 2PR / (P + R) (van Rijsbergen 1979; micro-averaging as in Manning, Raghavan & Schütze,
 * Introduction to Information Retrieval §13.6). A ratio with a zero denominator is reported as 1
 * (nothing to get wrong). Rules that cannot run without an option (pii without `detectPii`; brand
 * rules without `brand`) are left out of the labels and listed in `skippedRules`.
 */

export interface RuleScore {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly precision: number;
  readonly recall: number;
}

export interface LintEvaluation {
  readonly perRule: Record<string, RuleScore>;
  readonly micro: { readonly precision: number; readonly recall: number; readonly f1: number };
  readonly errors: { text: string; expected: string[]; got: string[] }[];
  readonly cases: number;
  readonly skippedRules: readonly string[];
}

const ratio = (numerator: number, denominator: number): number =>
  denominator === 0 ? 1 : numerator / denominator;

/** Scores `lintText` on `cases` (see above). */
export function evaluateLint(cases: readonly LintCase[], options: LintOptions = {}): LintEvaluation {
  const skipped = new Set<string>();
  if (!options.detectPii) skipped.add('pii');
  if (!options.brand)
    for (const rule of ['banned_word', 'missing_disclaimer', 'emoji_policy']) skipped.add(rule);
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const count = (rule: string) => {
    let c = counts.get(rule);
    if (c === undefined) {
      c = { tp: 0, fp: 0, fn: 0 };
      counts.set(rule, c);
    }
    return c;
  };
  for (const rule of ruleIds) if (!skipped.has(rule)) count(rule);
  const errors: LintEvaluation['errors'] = [];
  for (const item of cases) {
    const context = {
      locale: item.locale,
      ...(item.format === undefined ? {} : { format: item.format }),
      ...(item.field === undefined ? {} : { field: item.field }),
      ...(item.kind === undefined ? {} : { kind: item.kind }),
    };
    const got = new Set(lintText(item.text, context, options).findings.map((f) => f.rule));
    const expected = new Set(item.expected.filter((rule) => !skipped.has(rule)));
    for (const rule of new Set([...got, ...expected])) {
      const c = count(rule);
      if (got.has(rule) && expected.has(rule)) c.tp++;
      else if (got.has(rule)) c.fp++;
      else c.fn++;
    }
    const same = got.size === expected.size && [...got].every((rule) => expected.has(rule));
    if (!same) errors.push({ text: item.text, expected: [...expected].sort(), got: [...got].sort() });
  }
  const perRule: Record<string, RuleScore> = {};
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [rule, c] of counts) {
    perRule[rule] = { ...c, precision: ratio(c.tp, c.tp + c.fp), recall: ratio(c.tp, c.tp + c.fn) };
    tp += c.tp;
    fp += c.fp;
    fn += c.fn;
  }
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    perRule,
    micro: { precision, recall, f1 },
    errors,
    cases: cases.length,
    skippedRules: [...skipped],
  };
}

/** A plain-text table of an evaluation: one row per rule, the micro average, then the misses. */
export function formatLintEvaluation(result: LintEvaluation): string {
  const pad = (text: string, width: number) => text.padEnd(width);
  const num = (value: number, width: number) => String(value).padStart(width);
  const pct = (value: number) => value.toFixed(3).padStart(10);
  const lines = [`${pad('rule', 20)}   tp   fp   fn${'precision'.padStart(10)}${'recall'.padStart(10)}`];
  for (const [rule, s] of Object.entries(result.perRule)) {
    lines.push(
      `${pad(rule, 20)}${num(s.tp, 5)}${num(s.fp, 5)}${num(s.fn, 5)}${pct(s.precision)}${pct(s.recall)}`,
    );
  }
  const { micro } = result;
  lines.push(
    `${pad('micro', 35)}${pct(micro.precision)}${pct(micro.recall)}   F1 ${micro.f1.toFixed(3)}  (${result.cases} cases)`,
  );
  if (result.skippedRules.length > 0)
    lines.push(`skipped (option not given): ${result.skippedRules.join(', ')}`);
  for (const error of result.errors) {
    lines.push(
      `  miss: ${JSON.stringify(error.text)} expected [${error.expected.join(', ')}] got [${error.got.join(', ')}]`,
    );
  }
  return lines.join('\n');
}
