import { InputError } from '../core/errors.js';

/**
 * Forecast hierarchies: tree (SKU → category → total) and grouped (channel × category) structures of
 * series, their summing matrix and bottom-up aggregation. Reconciling forecasts over them is in
 * reconcile.ts.
 *
 * A hierarchy has n nodes: k aggregates (the total first, then the aggregate levels) and m bottom series.
 * Its summing matrix S (n × m) is S = [A; I_m], where row a of the aggregation matrix A marks the bottom
 * series under aggregate a (Hyndman & Athanasopoulos, "Forecasting: Principles and Practice", 3rd ed.,
 * ch. 11.1). S is stored sparsely as member lists: O(m · depth) memory for a tree.
 *
 * Example:
 *   const h = buildHierarchy([{ key: 'a1', path: ['a'] }, { key: 'a2', path: ['a'] }, { key: 'b1', path: ['b'] }]);
 *   h.nodes keys → total, a, b, a1, a2, b1; aggregateBottom(h, [[3], [2], [3]]) → [[8], [5], [3], [3], [2], [3]]
 */

/** One node: the total, an aggregate, or a bottom series. */
export interface HierarchyNode {
  readonly key: string;
  /** Level name: 'total', a path level or grouping name, or the bottom level name. */
  readonly level: string;
  /** 0 for the total; bottom nodes of a tree sit one below their parent. */
  readonly depth: number;
  /** Parent node index in a tree hierarchy (−1 for the total and for every node of a grouped structure). */
  readonly parent: number;
  readonly isBottom: boolean;
}

/**
 * Nodes in order: aggregates 0 … k−1 (total first), then bottom series k … n−1 in input order. The bottom
 * members of aggregate a are memberIndices[memberStart[a] … memberStart[a + 1]) as bottom positions 0 … m−1.
 */
export interface Hierarchy {
  readonly kind: 'tree' | 'grouped';
  readonly nodes: readonly HierarchyNode[];
  readonly aggregateCount: number;
  readonly bottomCount: number;
  readonly memberStart: Int32Array;
  readonly memberIndices: Int32Array;
  readonly indexByKey: ReadonlyMap<string, number>;
}

export interface TreeSeries {
  /** Bottom series key, e.g. a SKU. */
  readonly key: string;
  /** Ancestors from the top level down to the direct parent, e.g. ['electronics', 'phones'] (total implied). */
  readonly path: readonly string[];
}

export interface TreeOptions {
  /** Default 'total'. */
  readonly totalKey?: string;
  /** Names of the path levels (default 'level1', 'level2', …). */
  readonly levelNames?: readonly string[];
  /** Default 'bottom'. */
  readonly bottomLevelName?: string;
  /** Joins path parts into aggregate keys (default '/': 'electronics/phones'). */
  readonly separator?: string;
}

export interface GroupedSeries {
  readonly key: string;
  /** Attribute values, e.g. { channel: 'web', category: 'shoes' }. */
  readonly attributes: Readonly<Record<string, string>>;
}

export interface GroupedOptions {
  /** Aggregations to form, e.g. [['channel'], ['category'], ['channel', 'category']]. */
  readonly groupings: readonly (readonly string[])[];
  readonly totalKey?: string;
  readonly bottomLevelName?: string;
}

function fail(message: string, hint?: string): never {
  throw new InputError('invalid_argument', message, hint === undefined ? {} : { hint });
}

interface AggregateDraft {
  readonly key: string;
  readonly level: string;
  readonly depth: number;
  readonly parent: number;
  readonly members: number[];
}

function assemble(
  kind: 'tree' | 'grouped',
  aggregates: readonly AggregateDraft[],
  bottomKeys: readonly string[],
  bottomParents: readonly number[],
  bottomDepths: readonly number[],
  bottomLevelName: string,
): Hierarchy {
  const k = aggregates.length;
  const nodes: HierarchyNode[] = [];
  const indexByKey = new Map<string, number>();
  const memberStart = new Int32Array(k + 1);
  let total = 0;
  for (let a = 0; a < k; a++) {
    const draft = aggregates[a] as AggregateDraft;
    nodes.push({
      key: draft.key,
      level: draft.level,
      depth: draft.depth,
      parent: draft.parent,
      isBottom: false,
    });
    indexByKey.set(draft.key, a);
    total += draft.members.length;
    memberStart[a + 1] = total;
  }
  const memberIndices = new Int32Array(total);
  for (let a = 0; a < k; a++)
    memberIndices.set((aggregates[a] as AggregateDraft).members, memberStart[a] as number);
  for (let b = 0; b < bottomKeys.length; b++) {
    const key = bottomKeys[b] as string;
    if (indexByKey.has(key))
      fail(
        `Series key '${key}' is used twice (as a bottom series and as another node)`,
        'Keys must be unique',
      );
    indexByKey.set(key, k + b);
    nodes.push({
      key,
      level: bottomLevelName,
      depth: bottomDepths[b] as number,
      parent: bottomParents[b] as number,
      isBottom: true,
    });
  }
  return {
    kind,
    nodes,
    aggregateCount: k,
    bottomCount: bottomKeys.length,
    memberStart,
    memberIndices,
    indexByKey,
  };
}

/**
 * A tree hierarchy (SKU → category → total) from bottom keys and their ancestor paths. Paths may differ in
 * depth. Cost O(m · depth).
 */
export function buildHierarchy(series: readonly TreeSeries[], options: TreeOptions = {}): Hierarchy {
  if (series.length === 0) fail('buildHierarchy needs at least one bottom series');
  const totalKey = options.totalKey ?? 'total';
  const separator = options.separator ?? '/';
  const aggregates: AggregateDraft[] = [{ key: totalKey, level: 'total', depth: 0, parent: -1, members: [] }];
  const byKey = new Map<string, number>([[totalKey, 0]]);
  const bottomParents: number[] = [];
  const bottomDepths: number[] = [];
  series.forEach((s, b) => {
    if (typeof s.key !== 'string' || s.key === '') fail(`Bottom series ${b} has an empty key`);
    (aggregates[0] as AggregateDraft).members.push(b);
    let parent = 0;
    for (let d = 0; d < s.path.length; d++) {
      const part = s.path[d];
      if (typeof part !== 'string' || part === '')
        fail(`Series '${s.key}' has an empty path part at level ${d + 1}`);
      const key = s.path.slice(0, d + 1).join(separator);
      let index = byKey.get(key);
      if (index === undefined) {
        index = aggregates.length;
        byKey.set(key, index);
        aggregates.push({
          key,
          level: options.levelNames?.[d] ?? `level${d + 1}`,
          depth: d + 1,
          parent,
          members: [],
        });
      } else if ((aggregates[index] as AggregateDraft).parent !== parent) {
        fail(
          `Aggregate key '${key}' is reached from two different parents`,
          `Path parts must not contain the separator '${separator}', and the total key must differ from path parts`,
        );
      }
      (aggregates[index] as AggregateDraft).members.push(b);
      parent = index;
    }
    bottomParents.push(parent);
    bottomDepths.push(s.path.length + 1);
  });
  // Order aggregates by depth (stable), remapping parents.
  const order = aggregates
    .map((_, i) => i)
    .sort(
      (x, y) => (aggregates[x] as AggregateDraft).depth - (aggregates[y] as AggregateDraft).depth || x - y,
    );
  const newIndex = new Int32Array(aggregates.length);
  order.forEach((old, position) => {
    newIndex[old] = position;
  });
  const sorted = order.map((old) => {
    const a = aggregates[old] as AggregateDraft;
    return { ...a, parent: a.parent < 0 ? -1 : (newIndex[a.parent] as number) };
  });
  return assemble(
    'tree',
    sorted,
    series.map((s) => s.key),
    bottomParents.map((p) => newIndex[p] as number),
    bottomDepths,
    options.bottomLevelName ?? 'bottom',
  );
}

/**
 * A grouped structure (e.g. channel × category): the total, one aggregate per distinct value combination
 * of each grouping, and the bottom series. Aggregate keys read 'channel=web' or 'channel=web/category=shoes'.
 * Cost O(m · Σ grouping sizes).
 */
export function buildGroupedHierarchy(series: readonly GroupedSeries[], options: GroupedOptions): Hierarchy {
  if (series.length === 0) fail('buildGroupedHierarchy needs at least one bottom series');
  if (options.groupings.length === 0) fail('buildGroupedHierarchy needs at least one grouping');
  const totalKey = options.totalKey ?? 'total';
  const aggregates: AggregateDraft[] = [
    { key: totalKey, level: 'total', depth: 0, parent: -1, members: series.map((_, b) => b) },
  ];
  const byKey = new Map<string, number>([[totalKey, 0]]);
  for (const grouping of options.groupings) {
    if (grouping.length === 0) fail('A grouping must name at least one attribute');
    const level = grouping.join(' × ');
    series.forEach((s, b) => {
      const parts = grouping.map((attribute) => {
        const value = s.attributes[attribute];
        if (typeof value !== 'string' || value === '')
          fail(
            `Series '${s.key}' has no value for attribute '${attribute}'`,
            'Every series needs every grouping attribute',
          );
        return `${attribute}=${value}`;
      });
      const key = parts.join('/');
      let index = byKey.get(key);
      if (index === undefined) {
        index = aggregates.length;
        byKey.set(key, index);
        aggregates.push({ key, level, depth: grouping.length, parent: -1, members: [] });
      }
      (aggregates[index] as AggregateDraft).members.push(b);
    });
  }
  return assemble(
    'grouped',
    aggregates,
    series.map((s) => s.key),
    series.map(() => -1),
    series.map(() => options.groupings.length + 1),
    options.bottomLevelName ?? 'bottom',
  );
}

/** The dense summing matrix S (n × m, row-major) — for inspection and small hierarchies only (O(n·m) memory). */
export function summingMatrix(hierarchy: Hierarchy): {
  readonly rows: number;
  readonly columns: number;
  readonly values: Float64Array;
} {
  const { aggregateCount: k, bottomCount: m, memberStart, memberIndices } = hierarchy;
  const values = new Float64Array((k + m) * m);
  for (let a = 0; a < k; a++)
    for (let p = memberStart[a] as number; p < (memberStart[a + 1] as number); p++)
      values[a * m + (memberIndices[p] as number)] = 1;
  for (let b = 0; b < m; b++) values[(k + b) * m + b] = 1;
  return { rows: k + m, columns: m, values };
}

/** Every node's values from bottom-level values (bottom[b][step]): S times the bottom series. O(n · steps · depth). */
export function aggregateBottom(hierarchy: Hierarchy, bottom: readonly (readonly number[])[]): number[][] {
  const { aggregateCount: k, bottomCount: m, memberStart, memberIndices } = hierarchy;
  if (bottom.length !== m) fail(`aggregateBottom expects ${m} bottom series, got ${bottom.length}`);
  const steps = bottom[0]?.length ?? 0;
  const out: number[][] = [];
  for (let a = 0; a < k; a++) {
    const row = new Array<number>(steps).fill(0);
    for (let p = memberStart[a] as number; p < (memberStart[a + 1] as number); p++) {
      const series = bottom[memberIndices[p] as number] as readonly number[];
      for (let s = 0; s < steps; s++) row[s] = (row[s] as number) + (series[s] as number);
    }
    out.push(row);
  }
  for (const series of bottom) {
    if (series.length !== steps) fail('aggregateBottom: bottom series must all have the same length');
    out.push([...series]);
  }
  return out;
}
