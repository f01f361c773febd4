/**
 * Compliance lint on its labelled sets (issue 6): precision and recall per rule and overall, on the
 * 153-line development set (zh + en, written with the term lists — an in-sample figure) and on the
 * 38-line held-out set written after the lists were frozen (the honest figure), with the real PII
 * detector of src/pii and the brand the labels assume.
 *   npx tsx bench/content/lint-eval.bench.ts
 * Prints a JSON document and the tables. Not part of `npm test` (the tests assert floors).
 */
import {
  evaluateLint,
  formatLintEvaluation,
  lintCaseBrand,
  lintCases,
  lintCasesHoldout,
} from '../../src/content/index.js';
import { detectPii } from '../../src/pii/index.js';

const options = { brand: lintCaseBrand, detectPii: (text: string) => detectPii(text) };
const sets = [
  { name: 'development set', cases: lintCases },
  { name: 'held-out set', cases: lintCasesHoldout },
];
const results = sets.map(({ name, cases }) => {
  const evaluation = evaluateLint(cases, options);
  return {
    name,
    lines: cases.length,
    zh: cases.filter((c) => c.locale === 'zh').length,
    en: cases.filter((c) => c.locale === 'en').length,
    micro: evaluation.micro,
    evaluation,
  };
});
console.log(
  JSON.stringify(
    results.map(({ evaluation, ...r }) => ({ ...r, perRule: evaluation.perRule, errors: evaluation.errors })),
    null,
    2,
  ),
);
for (const r of results) {
  console.log(`\n## ${r.name}: ${r.lines} lines (${r.zh} zh, ${r.en} en)`);
  console.log(formatLintEvaluation(r.evaluation));
}
