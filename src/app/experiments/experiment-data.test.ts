import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../demo/index.js';
import type { Store } from '../../store/store.js';
import { closeTestStore, testStores } from '../../store/testing/test-stores.js';
import { loadDemoTables } from '../testing/demo-tables.js';
import { loadExperimentData } from './experiment-data.js';

const demo = generateDemoData({ seed: 3, customers: 2000 });

interface PlantedVariant {
  name: string;
  assigned: number;
  converted: number;
  revenue: number;
}

describe.each(testStores('experiment data'))('experiment data on %s', (_engine, open) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
    await store.migrate();
    await loadDemoTables(store, demo, ['experiments', 'assignments', 'events']);
  }, 60_000);
  afterAll(() => closeTestStore(store));

  it('reproduces the planted exposures, conversions and revenue of every demo experiment', async () => {
    const planted = demo.groundTruth.filter((t) => t.kind === 'experiment');
    expect(planted.length).toBeGreaterThan(0);
    for (const truth of planted) {
      const data = await loadExperimentData(store, String(truth.key));
      const variants = (truth.value as { variants: PlantedVariant[] }).variants;
      for (const v of variants) {
        const found = data.variants.find((x) => x.variant === v.name);
        expect(found?.users).toBe(v.assigned);
        expect(found?.conversions).toBe(v.converted);
        expect(found?.revenueSum).toBeCloseTo(v.revenue, 6);
      }
      expect(data.plannedWeights).not.toBeNull();
    }
  });

  it('names the experiments there are when the id is unknown', async () => {
    await expect(loadExperimentData(store, 'nope')).rejects.toThrow(/There is no experiment "nope"/);
  });
});
