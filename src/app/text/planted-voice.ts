import type { Store } from '../../store/store.js';
import { type Bucket, bucketOf } from '../../text/index.js';
import { aspectPolarity, loadDocInsights } from './voice-documents.js';
import { shiftBucket, type VoiceInsights } from './voice-insights.js';

/**
 * How well the stored text insights recover what the demo generator planted (ground_truth kinds
 * `document_label`, `sentiment_spike`, `share_of_voice`): aspects present per document (precision,
 * recall, F1, overall and per aspect), the polarity of the aspects found that were planted,
 * competitor brands named per document, overall sentiment (accuracy and macro-F1 over positive /
 * negative / neutral), each planted negative spike (an alert naming its aspect among the top
 * driving aspects, within the planted window ± one bucket) and share of voice.
 */

export interface PrecisionRecall {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
}

export interface SpikeRecovery {
  readonly id: string;
  readonly aspect: string;
  readonly plantedFirstDay: string;
  readonly plantedLastDay: string;
  readonly extraDocuments: number;
  /** An alert naming the aspect lies within the planted window ± two buckets. */
  readonly detected: boolean;
  readonly detectedBucket?: string;
  readonly withinOneBucket: boolean;
}

export interface VoiceRecovery {
  readonly documents: number;
  readonly aspects: PrecisionRecall & { readonly perAspect: Readonly<Record<string, PrecisionRecall>> };
  readonly aspectPolarity: { readonly accuracy: number; readonly pairs: number };
  readonly competitors: PrecisionRecall;
  readonly sentiment: { readonly accuracy: number; readonly macroF1: number; readonly documents: number };
  readonly spikes: readonly SpikeRecovery[];
  readonly spikeBucket: Bucket;
  readonly shareOfVoice: readonly { brand: string; planted: number; realized: number; measured: number }[];
}

interface DocumentLabel {
  readonly sentiment: string;
  readonly aspects: readonly { aspect: string; polarity: string }[];
  readonly competitors: readonly string[];
  readonly brand: string | null;
}

/** How many driving aspects of an alert count as "naming" the aspect. */
const TOP_ASPECTS = 3;
const parse = (value: unknown): Record<string, unknown> =>
  (typeof value === 'string' ? JSON.parse(value) : (value ?? {})) as Record<string, unknown>;

class Tally {
  tp = 0;
  fp = 0;
  fn = 0;
  result(): PrecisionRecall {
    const precision = this.tp + this.fp > 0 ? this.tp / (this.tp + this.fp) : 0;
    const recall = this.tp + this.fn > 0 ? this.tp / (this.tp + this.fn) : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return { precision, recall, f1, support: this.tp + this.fn };
  }
  /** Counts a predicted set against a true set. */
  add(predicted: ReadonlySet<string>, truth: ReadonlySet<string>, per?: (key: string) => Tally): void {
    for (const key of predicted) {
      const hit = truth.has(key);
      if (hit) this.tp++;
      else this.fp++;
      if (per) per(key)[hit ? 'tp' : 'fp']++;
    }
    for (const key of truth)
      if (!predicted.has(key)) {
        this.fn++;
        if (per) per(key).fn++;
      }
  }
}

/** Brand name (en or zh) or key → key, through the insights' brand names. */
function brandResolver(insights: VoiceInsights): (name: string | null) => string | undefined {
  const keys = new Map<string, string>();
  for (const [key, names] of Object.entries(insights.brandNames)) {
    keys.set(key.toLowerCase(), key);
    keys.set(names.en.toLowerCase(), key);
    keys.set(names.zh.toLowerCase(), key);
  }
  return (name) => (name ? keys.get(name.toLowerCase()) : undefined);
}

function spikeRecovery(insights: VoiceInsights, value: Record<string, unknown>): SpikeRecovery {
  const bucket = insights.spikes.bucket;
  const aspect = String(value.aspect);
  const firstDay = String(value.firstDay);
  const lastDay = String(value.lastDay);
  const first = bucketOf(new Date(`${firstDay}T00:00:00Z`), bucket);
  const last = bucketOf(new Date(`${lastDay}T00:00:00Z`), bucket);
  const distance = (label: string) =>
    label < first
      ? bucketsBetween(label, first, bucket)
      : label > last
        ? bucketsBetween(last, label, bucket)
        : 0;
  const naming = insights.spikes.alerts
    .filter((a) => a.drivingAspects.slice(0, TOP_ASPECTS).some((d) => d.aspect === aspect))
    .map((a) => ({ bucket: a.bucket, distance: distance(a.bucket) }))
    .filter((a) => a.distance <= 2)
    .sort((a, b) => a.distance - b.distance || (a.bucket < b.bucket ? -1 : 1));
  const best = naming[0];
  return {
    id: String(value.id),
    aspect,
    plantedFirstDay: firstDay,
    plantedLastDay: lastDay,
    extraDocuments: Number(value.extraDocuments ?? 0),
    detected: best !== undefined,
    ...(best ? { detectedBucket: best.bucket } : {}),
    withinOneBucket: best !== undefined && best.distance <= 1,
  };
}

/** Whole buckets from label `from` to the later label `to`. */
function bucketsBetween(from: string, to: string, bucket: Bucket): number {
  let n = 0;
  for (let label = from; label < to && n < 10_000; label = shiftBucket(label, bucket, 1)) n++;
  return n;
}

/** Recovery of the planted text truth; null when the store holds no `document_label` truth. */
export async function plantedVoiceRecovery(
  store: Store,
  insights: VoiceInsights,
): Promise<VoiceRecovery | null> {
  const truthRows = await store.query(
    "SELECT kind, key, value FROM ground_truth WHERE kind IN ('document_label', 'sentiment_spike', 'share_of_voice') ORDER BY kind, key",
  );
  const labels = truthRows.filter((r) => r.kind === 'document_label');
  if (labels.length === 0) return null;
  const byDoc = await loadDocInsights(store);
  const keyOf = brandResolver(insights);
  const aspects = new Tally();
  const perAspect = new Map<string, Tally>();
  const perTally = (key: string) => perAspect.get(key) ?? (perAspect.set(key, new Tally()).get(key) as Tally);
  const competitors = new Tally();
  const classes = ['positive', 'negative', 'neutral'] as const;
  const confusion = new Map<string, number>();
  let polarityHits = 0;
  let polarityPairs = 0;
  let documents = 0;
  for (const row of labels) {
    const found = byDoc.get(String(row.key));
    if (!found?.sentiment) continue;
    documents++;
    const truth = parse(row.value) as unknown as DocumentLabel;
    const cell = `${truth.sentiment}|${found.sentiment.label}`;
    confusion.set(cell, (confusion.get(cell) ?? 0) + 1);
    const planted = new Map(truth.aspects.map((a) => [a.aspect, a.polarity]));
    const detected = new Set(found.aspects.map((a) => a.aspect));
    aspects.add(detected, new Set(planted.keys()), perTally);
    for (const aspect of detected) {
      const polarity = planted.get(aspect);
      if (polarity === undefined) continue;
      polarityPairs++;
      const sign = aspectPolarity(found, aspect);
      if ((sign === 1 ? 'positive' : sign === -1 ? 'negative' : 'neutral') === polarity) polarityHits++;
    }
    const own = keyOf(truth.brand);
    const named = new Set(found.mentions.filter((b) => b !== own));
    const plantedCompetitors = new Set(truth.competitors.map((name) => keyOf(name) ?? `unknown:${name}`));
    competitors.add(named, plantedCompetitors);
  }
  const count = (t: string, p: string) => confusion.get(`${t}|${p}`) ?? 0;
  const f1s = classes.map((c) => {
    let predicted = 0;
    let actual = 0;
    for (const other of [...classes, 'unknown']) {
      predicted += count(other, c);
      if (other !== 'unknown') actual += count(c, other);
    }
    actual += count(c, 'unknown');
    const tp = count(c, c);
    return predicted + actual > 0 ? (2 * tp) / (predicted + actual) : 0;
  });
  const correct = classes.reduce((s, c) => s + count(c, c), 0);

  const sov = parse(truthRows.find((r) => r.kind === 'share_of_voice')?.value);
  const plantedShares = (sov.planted ?? {}) as Record<string, number>;
  const realizedCounts = (sov.realizedSocialAndNewsCounts ?? {}) as Record<string, number>;
  const realizedTotal = Object.values(realizedCounts).reduce((s, n) => s + n, 0);
  const measured = new Map(insights.shareOfVoice.total.map((t) => [t.brand, t.share]));
  return {
    documents,
    aspects: {
      ...aspects.result(),
      perAspect: Object.fromEntries(
        [...perAspect].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([key, t]) => [key, t.result()]),
      ),
    },
    aspectPolarity: { accuracy: polarityPairs > 0 ? polarityHits / polarityPairs : 0, pairs: polarityPairs },
    competitors: competitors.result(),
    sentiment: {
      accuracy: documents > 0 ? correct / documents : 0,
      macroF1: f1s.reduce((s, x) => s + x, 0) / classes.length,
      documents,
    },
    spikes: truthRows
      .filter((r) => r.kind === 'sentiment_spike')
      .map((r) => spikeRecovery(insights, parse(r.value))),
    spikeBucket: insights.spikes.bucket,
    shareOfVoice: Object.entries(plantedShares).map(([name, planted]) => ({
      brand: keyOf(name) ?? name,
      planted,
      realized: realizedTotal > 0 ? (realizedCounts[name] ?? 0) / realizedTotal : 0,
      measured: measured.get(keyOf(name) ?? name) ?? 0,
    })),
  };
}
