import { basename } from 'node:path';
import { InputError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { Queryable, Store } from '../../store/store.js';
import {
  type ClassificationReport,
  deserializeModel,
  type FeatureSpec,
  type SentimentEngine,
  serializeModel,
  topFeatures,
  trainedSentimentEngine,
  trainSentimentModel,
} from '../../text/index.js';
import { insertModelRun, listModelRuns } from '../model-runs.js';
import { readLabelledFile } from './labelled-file.js';

/**
 * The trainable sentiment engine's lifecycle: `text train-sentiment` fits a word + character n-gram
 * (exact vocabulary, NB-weighted) logistic regression on the user's labelled file (C chosen on a stratified validation
 * split), reports accuracy, macro-F1 and the confusion matrix, and stores the model in a
 * `text.sentiment_model` run; `text analyze` and `text eval` use the newest one.
 */

export const sentimentModelRunKind = 'text.sentiment_model';

export interface TrainFromFileOptions {
  readonly textColumn: string;
  readonly labelColumn: string;
  readonly c?: number;
  readonly validationShare?: number;
  readonly seed?: number;
  /** Feature options (n-gram orders, exact vocabulary or hashing, min_df); defaults: DEFAULT_FEATURES. */
  readonly features?: FeatureSpec;
  /** 'nb-tfidf' (default for two labels) or 'tfidf'. */
  readonly weighting?: 'tfidf' | 'nb-tfidf';
}

export interface TrainedModelRun {
  readonly modelRunId: string;
  readonly engine: string;
  readonly file: string;
  readonly trainedOn: number;
  readonly labels: readonly string[];
  readonly c: number;
  readonly validation: ClassificationReport;
  readonly cGrid: readonly { c: number; accuracy: number }[] | null;
  readonly seconds: number;
  readonly features: Required<FeatureSpec>;
  readonly weighting: 'tfidf' | 'nb-tfidf';
  /** Number of model columns: vocabulary n-grams, or hash buckets. */
  readonly columns: number;
  /** The n-grams weighing most towards each label (exact-vocabulary models only). */
  readonly topFeatures: ReturnType<typeof topFeatures>;
}

export async function trainSentimentFromFile(
  store: Store,
  path: string,
  options: TrainFromFileOptions,
): Promise<TrainedModelRun> {
  const data = await readLabelledFile(path, { text: options.textColumn, label: options.labelColumn });
  const started = performance.now();
  const startedAt = new Date();
  const result = trainSentimentModel(data.texts, data.labels, {
    ...(options.c === undefined ? {} : { c: options.c }),
    ...(options.validationShare === undefined ? {} : { validationShare: options.validationShare }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.features ? { features: options.features } : {}),
    ...(options.weighting ? { weighting: options.weighting } : {}),
  });
  // the engine must be usable for sentiment before anything is stored
  const runId = newId('run');
  trainedSentimentEngine(result.model, runId);
  const seconds = (performance.now() - started) / 1000;
  await store.transaction((tx) =>
    insertModelRun(tx, {
      id: runId,
      kind: sentimentModelRunKind,
      engine: `trained:${runId}`,
      params: {
        file: basename(path),
        sha256: data.sha256,
        textColumn: options.textColumn,
        labelColumn: options.labelColumn,
        c: result.model.c,
        features: result.model.features,
        weighting: result.model.weighting ?? 'tfidf',
        model: serializeModel(result.model),
      },
      metrics: {
        trainedOn: result.model.trainedOn,
        validation: result.validation,
        cGrid: result.cGrid ?? null,
        seconds,
      },
      startedAt,
    }),
  );
  return {
    modelRunId: runId,
    engine: `trained:${runId}`,
    file: path,
    trainedOn: result.model.trainedOn,
    labels: result.model.labels,
    c: result.model.c,
    validation: result.validation,
    cGrid: result.cGrid ?? null,
    seconds,
    features: result.model.features,
    weighting: result.model.weighting ?? 'tfidf',
    columns: result.model.idf.length,
    topFeatures: topFeatures(result.model, 10),
  };
}

/** The newest trained model as an engine, with the sha256 of the file it was trained on; null when none. */
export async function loadTrainedModel(
  db: Queryable,
): Promise<{ engine: SentimentEngine; modelRunId: string; sha256: string | null } | null> {
  const [run] = await listModelRuns(db, sentimentModelRunKind, 1);
  if (!run) return null;
  const payload = run.params.model;
  if (typeof payload !== 'string')
    throw new InputError('bad_model_run', `Model run ${run.id} holds no sentiment model`, {
      hint: 'Train again: marketmind text train-sentiment …',
    });
  return {
    engine: trainedSentimentEngine(deserializeModel(payload), run.id),
    modelRunId: run.id,
    sha256: typeof run.params.sha256 === 'string' ? run.params.sha256 : null,
  };
}

export async function loadTrainedEngine(db: Queryable): Promise<SentimentEngine | null> {
  return (await loadTrainedModel(db))?.engine ?? null;
}
