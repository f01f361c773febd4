import {
  type CustomerFeatureName,
  customerFeatureGroups,
  defaultSegmentationFeatures,
  type SegmentationResult,
  segmentCustomers,
} from '../../customers/index.js';
import type { Store } from '../../store/store.js';
import { insertModelRun } from '../model-runs.js';
import { type DataWindow, loadAnalysisFeatures } from './data-window.js';
import { insertSegments } from './derived-rows.js';
import type { MoneySettings } from './money.js';

/**
 * Behavioural segments: customer features in SQL → log for skewed counts, standardised → k-means++ (k by sampled
 * silhouette unless fixed) → profiles and rule-based names in en and zh → `segments` rows under a
 * `customers.segmentation` run. The names say which engine wrote them (`classic-rules`).
 */

export const segmentationRunKind = 'customers.segmentation';

/**
 * Feature presets. `behaviour` (the default) clusters on how customers shop — channels,
 * discounts, category breadth, web engagement — and leaves what they are worth to RFM, CLV and
 * tiers (every segment profile still reports its value figures). Value features are continuous
 * in a way behaviour is not: mixed in, they blur behavioural groups (on the demo data the
 * adjusted Rand index with the planted personas drops from ≥ 0.9 to ~0.7).
 */
export const segmentationFeaturePresets: Readonly<
  Record<'behaviour' | 'value' | 'all', readonly CustomerFeatureName[]>
> = { ...customerFeatureGroups, all: defaultSegmentationFeatures };

export interface SegmentationRunOptions {
  readonly asOf?: Date;
  readonly k?: number | 'auto';
  readonly kRange?: readonly [number, number];
  readonly features?: readonly CustomerFeatureName[];
  readonly seed?: number;
  readonly money?: MoneySettings;
}

export interface SegmentationRun {
  readonly modelRunId: string;
  readonly engine: 'classic';
  readonly asOf: Date;
  readonly dataWindow: DataWindow;
  readonly currency: string;
  readonly customers: number;
  readonly result: SegmentationResult;
  readonly customerIds: readonly string[];
}

export async function runSegmentation(
  store: Store,
  options: SegmentationRunOptions = {},
): Promise<SegmentationRun> {
  const started = new Date();
  const { window, money, features: table } = await loadAnalysisFeatures(store, options);
  const result = segmentCustomers(table, {
    k: options.k ?? 'auto',
    kRange: options.kRange,
    features: options.features ?? segmentationFeaturePresets.behaviour,
    seed: options.seed ?? 1,
  });
  const modelRunId = await store.transaction(async (tx) => {
    const id = await insertModelRun(tx, {
      kind: segmentationRunKind,
      engine: 'classic',
      params: {
        algorithm: 'k-means++ on standardised features (log for skewed counts)',
        asOf: table.asOf.toISOString(),
        k: options.k ?? 'auto',
        features: result.features,
        seed: options.seed ?? 1,
        currency: money.currency,
      },
      metrics: {
        k: result.k,
        chosenBy: result.chosenBy,
        silhouette: result.silhouette,
        inertia: result.inertia,
        candidates: result.candidates,
        segments: result.segments,
      },
      dataWindow: window,
      startedAt: started,
    });
    await insertSegments(tx, id, {
      customerIds: table.customerIds,
      segment: (i) => result.segments[result.labels[i] as number]?.label.key ?? String(result.labels[i]),
      label: (i) => result.segments[result.labels[i] as number]?.label.name ?? { en: '', zh: '' },
    });
    return id;
  });
  return {
    modelRunId,
    engine: 'classic',
    asOf: table.asOf,
    dataWindow: window,
    currency: money.currency,
    customers: table.customerIds.length,
    result,
    customerIds: table.customerIds,
  };
}
