import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../demo/index.js';
import { renderReport, type Section } from '../../report/index.js';
import type { Store } from '../../store/store.js';
import { closeTestStore, testStores } from '../../store/testing/test-stores.js';
import { loadDemoTables } from '../testing/demo-tables.js';
import { demoVoiceConfig, runVoiceDemo } from './demo-voice.js';
import { plantedVoiceRecovery, type VoiceRecovery } from './planted-voice.js';
import { buildVoiceSections } from './report/voice-section.js';
import { analyzeDocuments } from './text-analysis-service.js';
import { loadVoiceInsights, shiftBucket, type VoiceInsights } from './voice-insights.js';
import { alertBucket } from './voice-spikes.js';

/**
 * The voice-of-the-customer insights recover the demo's planted truth. 10 000 customers give ≈ 4 400
 * documents and spikes of 11–21 extra posts (at 1 500 customers each spike is the minimum of 3
 * posts, too few to tell from noise); our brand's reviews and posts then average ≈ 14 a week, so the
 * alerts run on weekly buckets.
 */
const demo = generateDemoData({ seed: 11, customers: 10_000 });
const config = demoVoiceConfig(process.cwd());

describe('shiftBucket', () => {
  it('steps days, ISO weeks and months', () => {
    expect(shiftBucket('2024-02-28', 'day', 2)).toBe('2024-03-01');
    expect(shiftBucket('2023-11-13', 'week', -1)).toBe('2023-11-06');
    expect(shiftBucket('2024-01-01', 'month', -1)).toBe('2023-12-01');
  });
});

describe('alertBucket', () => {
  const every = (hours: number, n: number) =>
    Array.from({ length: n }, (_, i) => ({ ts: new Date(Date.UTC(2024, 0, 1) + i * hours * 3_600_000) }));
  it('takes the finest bucket averaging at least 10 documents', () => {
    expect(alertBucket(every(2, 500))).toBe('day');
    expect(alertBucket(every(12, 500))).toBe('week');
    expect(alertBucket(every(48, 500))).toBe('month');
    expect(alertBucket([])).toBe('month');
  });
});

describe.each(testStores('voice planted recovery'))('voice insights on %s', (_engine, open) => {
  let store: Store;
  let insights: VoiceInsights;
  let recovery: VoiceRecovery | null;
  beforeAll(async () => {
    store = await open();
    await store.migrate();
    await loadDemoTables(store, demo, ['documents', 'products', 'ground_truth']);
    await analyzeDocuments(store, config, { engine: 'lexicon' });
    insights = await loadVoiceInsights(store, config);
    recovery = await plantedVoiceRecovery(store, insights);
  }, 60_000);
  afterAll(() => closeTestStore(store));

  it('recovers the planted aspects, polarities, competitors and sentiment', () => {
    if (!recovery) throw new Error('no recovery: ground truth missing');
    const r = recovery;
    console.log(
      `voice recovery on ${r.documents} documents: aspects P ${r.aspects.precision.toFixed(3)} R ${r.aspects.recall.toFixed(3)} F1 ${r.aspects.f1.toFixed(3)}; ` +
        `polarity ${r.aspectPolarity.accuracy.toFixed(3)} (${r.aspectPolarity.pairs} pairs); ` +
        `competitors P ${r.competitors.precision.toFixed(3)} R ${r.competitors.recall.toFixed(3)} (${r.competitors.support}); ` +
        `sentiment accuracy ${r.sentiment.accuracy.toFixed(3)} macro-F1 ${r.sentiment.macroF1.toFixed(3)}`,
    );
    console.log(
      'per aspect:',
      Object.entries(r.aspects.perAspect)
        .map(([a, s]) => `${a} P ${s.precision.toFixed(2)} R ${s.recall.toFixed(2)} n ${s.support}`)
        .join('; '),
    );
    expect(r.documents).toBe(demo.tables.documents?.length);
    expect(r.aspects.precision).toBeGreaterThanOrEqual(0.8);
    expect(r.aspects.recall).toBeGreaterThanOrEqual(0.8);
    expect(r.aspectPolarity.accuracy).toBeGreaterThanOrEqual(0.8);
    expect(r.competitors.precision).toBeGreaterThanOrEqual(0.9);
    expect(r.competitors.recall).toBeGreaterThanOrEqual(0.9);
    expect(r.sentiment.accuracy).toBeGreaterThanOrEqual(0.75);
  });

  it('raises an alert naming the aspect of every planted spike within one bucket', () => {
    if (!recovery) throw new Error('no recovery: ground truth missing');
    console.log(
      `spike alerts (${insights.spikes.bucket} buckets over ${insights.spikes.documents} documents):`,
    );
    for (const a of insights.spikes.alerts)
      console.log(
        `  ${a.bucket} ${a.scope} ${a.kind} z ${a.z.toFixed(1)} aspects ${a.drivingAspects
          .slice(0, 3)
          .map((d) => d.aspect)
          .join('/')} terms ${a.drivingTerms
          .slice(0, 5)
          .map((t) => t.term)
          .join('/')}`,
      );
    for (const s of recovery.spikes) console.log(`  planted ${JSON.stringify(s)}`);
    expect(recovery.spikes.map((s) => s.id).sort()).toEqual([
      'spike_logistics',
      'spike_quality',
      'spike_service',
    ]);
    for (const spike of recovery.spikes) {
      expect(spike.extraDocuments, spike.id).toBeGreaterThanOrEqual(10);
      expect(spike.withinOneBucket, `${spike.id} detected at ${spike.detectedBucket ?? 'none'}`).toBe(true);
    }
  });

  it('measures share of voice close to what was realised and ranks the brands as planted', () => {
    if (!recovery) throw new Error('no recovery: ground truth missing');
    for (const s of recovery.shareOfVoice)
      console.log(
        `  share of voice ${s.brand}: planted ${s.planted} realised ${s.realized.toFixed(3)} measured ${s.measured.toFixed(3)}`,
      );
    const byMeasured = [...recovery.shareOfVoice].sort((a, b) => b.measured - a.measured).map((s) => s.brand);
    expect(byMeasured[0]).toBe('larkspur');
    for (const s of recovery.shareOfVoice)
      expect(Math.abs(s.measured - s.realized), s.brand).toBeLessThan(0.06);
  });

  it('builds the insights the report needs', () => {
    expect(insights.engine).toBe('lexicon');
    expect(insights.modelRunId).toMatch(/^run/);
    expect(insights.ours).toBe('larkspur');
    expect(insights.sentimentTrend.buckets.length).toBeGreaterThan(100);
    expect(insights.aspectHeatmap.brands[0]).toBe('larkspur');
    expect(insights.aspectHeatmap.aspects).toEqual(expect.arrayContaining(['price', 'quality', 'logistics']));
    const drivers = insights.drivers;
    expect(drivers?.positive.length).toBeGreaterThan(0);
    expect(drivers?.negative.length).toBeGreaterThan(0);
    for (const d of [...(drivers?.positive ?? []), ...(drivers?.negative ?? [])]) {
      expect(d.quotes.length, d.aspect).toBe(2);
      for (const q of d.quotes) expect(q.docId).toMatch(/^doc_/);
    }
    expect(insights.emergingTerms.terms.length).toBeGreaterThan(0);
    expect(insights.comparison.some((row) => row.competitors.some((c) => c.verdict !== 'too_few'))).toBe(
      true,
    );
    const sections = buildVoiceSections(insights);
    expect(sections.map((s) => s.id)).toEqual([
      'voice-sentiment',
      'voice-aspects',
      'voice-drivers',
      'voice-trends',
      'voice-competitors',
    ]);
    for (const s of sections) expect(s.provenance.engine).toBe('lexicon');
    const report = { title: { en: 'Voice', zh: '客户之声' }, generatedAt: new Date(), sections };
    expect(renderReport(report, 'zh')).toContain('满意点');
    expect(renderReport(report, 'en')).toContain('Dissatisfied points');
  });

  it('re-analyses nothing on a second demo run and adds the recovery table to the first section', async () => {
    const sections: Section[] = await runVoiceDemo({ store, seed: 11 });
    const runs = await store.query("SELECT COUNT(*) AS n FROM model_runs WHERE kind = 'text.analyze'");
    expect(Number(runs[0]?.n)).toBe(1);
    const first = sections[0];
    expect(first?.id).toBe('voice-sentiment');
    const table = first?.blocks.find((b) => b.kind === 'table');
    expect(table?.kind === 'table' && table.caption?.en).toMatch(/Recovered vs planted/);
  });
});
