import type { Section } from '../../report/index.js';
import type { Store } from '../../store/store.js';
import type { MoneySettings } from '../customers/money.js';
import { type ExperimentAnalysisRun, primaryMetricKey, runExperimentAnalysis } from './experiment-service.js';
import { buildExperimentSection, type TruthCheck } from './report/experiment-section.js';

/**
 * The experiments step of the demo: analyses every experiment of the workspace (recording one
 * `experiments.analysis` run each; the secondary metric as a guardrail, a breakdown by new vs returning
 * customers) and returns one report section per experiment. When the store holds
 * the demo's planted truth (ground_truth kind 'experiment', key = experiment id), each section says
 * whether the conversion-rate interval covers the planted absolute lift and the revenue-per-user
 * interval the planted relative lift.
 */

interface PlantedExperiment {
  readonly trueAbsoluteLift?: number;
  readonly trueRevenuePerUserLift?: number;
  readonly conversionWindowDays?: number;
}

async function plantedTruth(store: Store): Promise<Map<string, PlantedExperiment>> {
  // ground_truth is a system table every workspace has; only the demo fills it.
  const rows = await store.query("SELECT key, value FROM ground_truth WHERE kind = 'experiment'");
  return new Map(
    rows.map((r) => [
      String(r.key),
      (typeof r.value === 'string' ? JSON.parse(r.value) : r.value) as PlantedExperiment,
    ]),
  );
}

/** Interval coverage of the planted effects by a run (two-arm experiments; first treatment). */
export function truthChecks(
  run: ExperimentAnalysisRun,
  planted: PlantedExperiment | undefined,
): TruthCheck[] {
  if (!planted) return [];
  const checks: TruthCheck[] = [];
  const rate = run.analysis.metrics.find((m) => m.key === 'conversion_rate');
  const rateCi = rate?.comparisons[0]?.frequentist?.absolute.ci;
  if (rate && rateCi && typeof planted.trueAbsoluteLift === 'number')
    checks.push({
      metric: rate.label,
      scale: 'absolute',
      truth: planted.trueAbsoluteLift,
      lower: rateCi.lower,
      upper: rateCi.upper,
      covered: rateCi.lower <= planted.trueAbsoluteLift && planted.trueAbsoluteLift <= rateCi.upper,
    });
  const revenue = run.analysis.metrics.find((m) => m.key === 'revenue_per_user');
  const revenueCi = revenue?.comparisons[0]?.frequentist?.relative?.ci;
  if (revenue && revenueCi && typeof planted.trueRevenuePerUserLift === 'number')
    checks.push({
      metric: revenue.label,
      scale: 'relative',
      truth: planted.trueRevenuePerUserLift,
      lower: revenueCi.lower,
      upper: revenueCi.upper,
      covered:
        revenueCi.lower <= planted.trueRevenuePerUserLift &&
        planted.trueRevenuePerUserLift <= revenueCi.upper,
    });
  return checks;
}

/** Demo entry: `(context) => Promise<Section[]>`, one section per experiment (ordered by id). */
export async function runExperimentsDemo(context: {
  readonly store: Store;
  readonly seed: number;
  readonly money: MoneySettings;
}): Promise<Section[]> {
  const { store } = context;
  const experiments = await store.query('SELECT id, primary_metric FROM experiments ORDER BY id');
  const planted = await plantedTruth(store);
  const sections: Section[] = [];
  for (const row of experiments) {
    const id = String(row.id);
    const truth = planted.get(id);
    // the metric the decision does not rest on is a guardrail (2% harm tolerated); segments by new/returning
    const primary = primaryMetricKey(row.primary_metric === null ? null : String(row.primary_metric));
    const guardrail = primary === 'revenue_per_user' ? 'conversion_rate' : 'revenue_per_user';
    const run = await runExperimentAnalysis(store, {
      experimentId: id,
      windowDays: truth?.conversionWindowDays,
      guardrails: [{ metric: guardrail, tolerance: 0.02 }],
      segmentBy: 'customer_type',
    });
    sections.push(buildExperimentSection(run, truthChecks(run, truth)));
  }
  return sections;
}
