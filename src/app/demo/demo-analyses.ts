import type { Section } from '../../report/index.js';
import type { IngestResult } from '../../store/ingest/index.js';
import type { Store } from '../../store/store.js';
import { runAttributionDemo } from '../attribution/demo-attribution.js';
import { runCampaignsDemo } from '../campaigns/demo-campaigns.js';
import { runContentDemo } from '../content/demo-content.js';
import type { MoneySettings } from '../customers/money.js';
import { runExperimentsDemo } from '../experiments/demo-experiments.js';
import { runForecastDemo } from '../forecast/demo-forecast.js';
import { runFunnel } from '../funnels/funnel-service.js';
import { buildFunnelSection } from '../funnels/report/funnel-section.js';
import type { ProgressSink } from '../progress.js';
import type { TableQualityReport } from '../quality/quality-report.js';
import { buildOverviewSection } from '../report/overview-section.js';
import { buildQualitySection } from '../report/quality-section.js';
import { runVoiceDemo } from '../text/demo-voice.js';
import { runCustomerValueDemo } from './customer-value-analysis.js';

/** What an analysis step of the demo gets: the loaded store and what the load saw. */
export interface DemoAnalysisContext {
  readonly store: Store;
  readonly imports: readonly IngestResult[];
  readonly quality: readonly TableQualityReport[];
  readonly seed: number;
  readonly progress: ProgressSink;
  /** Reporting currency and exchange rates of the workspace (also in its marketmind.config.json). */
  readonly money: MoneySettings;
}

/**
 * One analysis of the demo. Each capability (CLV, forecasting, text analytics, attribution …)
 * adds an entry here: it runs on the demo workspace, stores its results with a model run id and
 * returns its report sections.
 */
export interface DemoAnalysis {
  readonly id: string;
  readonly label: string;
  run(context: DemoAnalysisContext): Promise<readonly Section[]>;
}

export const demoAnalyses: readonly DemoAnalysis[] = [
  { id: 'overview', label: 'Overview', run: async ({ store }) => [await buildOverviewSection(store)] },
  {
    id: 'data-quality',
    label: 'Data quality',
    run: async ({ imports, quality }) => [buildQualitySection(imports, quality)],
  },
  { id: 'customer-value', label: 'Customer value', run: (context) => runCustomerValueDemo(context) },
  { id: 'experiments', label: 'Experiments', run: (context) => runExperimentsDemo(context) },
  { id: 'campaigns', label: 'Campaigns and budget', run: (context) => runCampaignsDemo(context) },
  { id: 'attribution', label: 'Attribution', run: (context) => runAttributionDemo(context) },
  { id: 'funnel', label: 'Funnel', run: async ({ store }) => [buildFunnelSection(await runFunnel(store))] },
  { id: 'forecast', label: 'Sales forecast', run: (context) => runForecastDemo(context) },
  { id: 'voice', label: 'Voice of the customer', run: (context) => runVoiceDemo(context) },
  { id: 'content', label: 'Generated content', run: (context) => runContentDemo(context) },
];
