import { findFunnelPainPoints, type PainPointResult } from '../../experiments/index.js';
import type { Store } from '../../store/store.js';
import { insertModelRun } from '../model-runs.js';
import {
  type FunnelBreakdown,
  type FunnelResult,
  type FunnelUnit,
  type FunnelWindow,
  loadFunnel,
} from './funnel-sql.js';
import { loadTopPaths, type PathResult } from './paths-sql.js';

/**
 * Funnel analysis as a use case: the ordered funnel (SQL, either engine), pain points — steps
 * where a device or channel loses significantly more units than the rest (one-sided z-tests,
 * Holm-corrected) — and the top paths to conversion and to abandonment, recorded as one
 * `funnel` run.
 */

export const defaultFunnelSteps = ['page_view', 'product_view', 'add_to_cart', 'checkout', 'purchase'];

export interface FunnelRunOptions {
  readonly steps?: readonly string[];
  readonly window?: FunnelWindow;
  readonly unit?: FunnelUnit;
  readonly by?: FunnelBreakdown;
  readonly from?: Date;
  readonly to?: Date;
  readonly alpha?: number;
  /**
   * A pain point must also matter: its drop-off at least this many points above the rest's
   * (default 0.05) and this much higher relatively (default 0.25). With hundreds of thousands of
   * sessions, tiny differences are "significant"; these keep the list to what a team would fix.
   */
  readonly minimumDifference?: number;
  readonly minimumRelativeDifference?: number;
}

export interface FunnelRun {
  readonly modelRunId: string;
  readonly engine: 'classic';
  readonly dataWindow: { readonly start: Date; readonly end: Date } | null;
  readonly funnel: FunnelResult;
  /** The tests, with `painPoints` kept to the significant and material ones. */
  readonly painPoints: PainPointResult | null;
  readonly materiality: { readonly minimumDifference: number; readonly minimumRelativeDifference: number };
  readonly paths: PathResult;
}

export async function runFunnel(store: Store, options: FunnelRunOptions = {}): Promise<FunnelRun> {
  const started = new Date();
  const steps = options.steps ?? defaultFunnelSteps;
  const by = options.by ?? 'device';
  const funnel = await loadFunnel(store, {
    steps,
    window: options.window ?? { hours: 1 },
    unit: options.unit ?? 'session',
    by,
    from: options.from,
    to: options.to,
  });
  const groups = funnel.groups.filter((g) => g.group !== null && (g.steps[0]?.entered ?? 0) > 0);
  const minimumDifference = options.minimumDifference ?? 0.05;
  const minimumRelativeDifference = options.minimumRelativeDifference ?? 0.25;
  const tested =
    groups.length > 1
      ? findFunnelPainPoints(
          { entered: funnel.total.steps.map((s) => s.entered) },
          groups.map((g) => ({ segment: String(g.group), entered: g.steps.map((s) => s.entered) })),
          { alpha: options.alpha ?? 0.05, baselineIncludesSegments: true, stepNames: steps },
        )
      : null;
  const painPoints = tested && {
    ...tested,
    painPoints: tested.painPoints.filter(
      (p) =>
        p.difference >= minimumDifference &&
        p.difference >= minimumRelativeDifference * Math.max(p.baselineDropOffRate, Number.EPSILON),
    ),
  };
  const conversion = steps[steps.length - 1] as string;
  const paths = await loadTopPaths(store, {
    conversionEvent: conversion,
    from: options.from,
    to: options.to,
  });
  const [window] = await store.query('SELECT min(ts) AS start, max(ts) AS "end" FROM events');
  const dataWindow =
    window?.start instanceof Date && window.end instanceof Date
      ? { start: window.start, end: window.end }
      : null;
  const modelRunId = await store.transaction((tx) =>
    insertModelRun(tx, {
      kind: 'funnel',
      engine: 'classic',
      params: {
        steps,
        window: options.window ?? { hours: 1 },
        unit: funnel.unit,
        by,
        minimumDifference,
        minimumRelativeDifference,
      },
      metrics: { total: funnel.total, groups: funnel.groups, painPoints: painPoints?.painPoints ?? [] },
      dataWindow,
      startedAt: started,
    }),
  );
  return {
    modelRunId,
    engine: 'classic',
    dataWindow,
    funnel,
    painPoints,
    materiality: { minimumDifference, minimumRelativeDifference },
    paths,
  };
}
