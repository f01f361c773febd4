import { describe, expect, it } from 'vitest';
import { evaluateLint, formatLintEvaluation, lintCaseBrand, lintCases } from './index.js';
import { lintCasesHoldout } from './lint-cases-holdout.js';
import { fakeDetectPii } from './test-support.js';

describe('the labelled lint set', () => {
  it('has at least 120 lines, about half per language and about 40% clean', () => {
    expect(lintCases.length).toBeGreaterThanOrEqual(120);
    const zhShare = lintCases.filter((c) => c.locale === 'zh').length / lintCases.length;
    const cleanShare = lintCases.filter((c) => c.expected.length === 0).length / lintCases.length;
    expect(zhShare).toBeGreaterThan(0.4);
    expect(zhShare).toBeLessThan(0.6);
    expect(cleanShare).toBeGreaterThan(0.3);
    expect(cleanShare).toBeLessThan(0.5);
  });

  it('is linted with micro precision and recall of at least 0.9', () => {
    const result = evaluateLint(lintCases, { brand: lintCaseBrand, detectPii: fakeDetectPii });
    console.log(`lint evaluation (${lintCases.length} labelled lines)\n${formatLintEvaluation(result)}`);
    expect(result.micro.precision).toBeGreaterThanOrEqual(0.9);
    expect(result.micro.recall).toBeGreaterThanOrEqual(0.9);
    expect(result.skippedRules).toEqual([]);
    // every rule is exercised by at least one positive
    for (const [rule, score] of Object.entries(result.perRule)) expect(score.tp, rule).toBeGreaterThan(0);
  });

  it('reports the held-out lines separately (written after the term lists were frozen)', () => {
    const result = evaluateLint(lintCasesHoldout, { brand: lintCaseBrand, detectPii: fakeDetectPii });
    console.log(
      `held-out lint evaluation (${lintCasesHoldout.length} lines)\n${formatLintEvaluation(result)}`,
    );
    // a floor against regressions, not a target: 0.889 / 0.727 when written
    expect(result.micro.precision).toBeGreaterThanOrEqual(0.8);
    expect(result.micro.recall).toBeGreaterThanOrEqual(0.65);
  });
});

describe('evaluateLint', () => {
  it('counts tp, fp and fn per rule and micro-averages them', () => {
    const result = evaluateLint([
      { text: '最好的茶', locale: 'zh', expected: ['absolute_term'] }, // tp
      { text: '最近的门店', locale: 'zh', expected: ['absolute_term'] }, // fn
      { text: '最好的茶', locale: 'zh', expected: [] }, // fp
      { text: 'Cures acne', locale: 'en', expected: ['medical_claim'] }, // tp
    ]);
    expect(result.perRule.absolute_term).toEqual({ tp: 1, fp: 1, fn: 1, precision: 0.5, recall: 0.5 });
    expect(result.perRule.medical_claim).toMatchObject({ tp: 1, fp: 0, fn: 0 });
    expect(result.micro.precision).toBeCloseTo(2 / 3, 12);
    expect(result.micro.recall).toBeCloseTo(2 / 3, 12);
    expect(result.micro.f1).toBeCloseTo(2 / 3, 12);
    expect(result.errors).toEqual([
      { text: '最近的门店', expected: ['absolute_term'], got: [] },
      { text: '最好的茶', expected: [], got: ['absolute_term'] },
    ]);
  });

  it('leaves out rules whose option is missing instead of counting them as misses', () => {
    const result = evaluateLint([{ text: 'Email jane@example.com', locale: 'en', expected: ['pii'] }]);
    expect(result.skippedRules).toContain('pii');
    expect(result.perRule.pii).toBeUndefined();
    expect(result.errors).toEqual([]);
  });

  it('formats a table with one row per rule and the micro average', () => {
    const text = formatLintEvaluation(evaluateLint(lintCases.slice(0, 5)));
    expect(text.split('\n')[0]).toMatch(/^rule\s+tp\s+fp\s+fn\s+precision\s+recall$/);
    expect(text).toMatch(/^micro\s+\d\.\d{3}\s+\d\.\d{3}\s+F1/m);
  });
});
