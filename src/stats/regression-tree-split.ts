/**
 * The inner loops of the regression-tree grower (regression-tree-grower.ts): the best-cut scan of one
 * feature's sorted segment, as scikit-learn's BestSplitter.node_split, and the stable partition of a node's
 * segments into its children. Cost O(segment length) each, no allocation.
 */

const FEATURE_THRESHOLD = 1e-7;

/**
 * Scans one feature's sorted segment [start, end) of a node; when a cut beats `bestProxy`, writes
 * (proxy, threshold) into `cut` and returns true. Kept small and separate so V8 optimises it early.
 */
export function scanFeature(
  base: number,
  start: number,
  end: number,
  weight: number,
  sum: number,
  minSamplesLeaf: number,
  bestProxy: number,
  order: Int32Array,
  orderValues: Float64Array,
  weightedPairs: Float64Array,
  cut: Float64Array,
): boolean {
  const count = end - start;
  let found = false;
  let best = bestProxy;
  let wl = 0;
  let sl = 0;
  let c = 0;
  let previous = 0;
  for (let r = start; r < end; r++) {
    const v = orderValues[base + r] as number;
    if (c > 0 && v > previous + FEATURE_THRESHOLD && c >= minSamplesLeaf && count - c >= minSamplesLeaf) {
      const wr = weight - wl;
      if (wl > 0 && wr > 0) {
        const sr = sum - sl;
        const proxy = (sl * sl) / wl + (sr * sr) / wr;
        if (proxy > best) {
          best = proxy;
          found = true;
          let threshold = previous / 2 + v / 2;
          if (threshold === v || !Number.isFinite(threshold)) threshold = previous;
          cut[0] = proxy;
          cut[1] = threshold;
        }
      }
    }
    const pair = 2 * (order[base + r] as number);
    wl += weightedPairs[pair] as number;
    sl += weightedPairs[pair + 1] as number;
    c++;
    previous = v;
  }
  return found;
}

/** Stable partition of order[from, to) (and its values, when given): rows with goesLeft first. */
export function partitionSegment(
  from: number,
  to: number,
  goesLeft: Uint8Array,
  order: Int32Array,
  values: Float64Array | undefined,
  scratch: Int32Array,
  scratchValues: Float64Array,
): void {
  let write = from;
  let spilled = 0;
  if (values !== undefined) {
    for (let r = from; r < to; r++) {
      const i = order[r] as number;
      const v = values[r] as number;
      if (goesLeft[i] === 1) {
        values[write] = v;
        order[write++] = i;
      } else {
        scratchValues[spilled] = v;
        scratch[spilled++] = i;
      }
    }
    for (let k = 0; k < spilled; k++) {
      values[write] = scratchValues[k] as number;
      order[write++] = scratch[k] as number;
    }
    return;
  }
  for (let r = from; r < to; r++) {
    const i = order[r] as number;
    if (goesLeft[i] === 1) order[write++] = i;
    else scratch[spilled++] = i;
  }
  for (let k = 0; k < spilled; k++) order[write++] = scratch[k] as number;
}
