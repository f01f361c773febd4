/**
 * Sentence × term TF-IDF matrix in compressed sparse row form, rows L2-normalised so that the dot
 * product of two rows is their cosine similarity. Weights (scikit-learn's smooth, sublinear form):
 *   w(t, s) = (1 + ln tf(t, s)) · idf(t),  idf(t) = ln((1 + N) / (1 + df(t))) + 1,
 * with N sentences and df(t) the sentences containing t. Columns are in first-seen order, so the
 * result is deterministic. Reference: Manning, Raghavan & Schütze (2008), Introduction to
 * Information Retrieval, §6.2–6.4.
 */
export interface TfIdfMatrix {
  readonly rows: number;
  readonly columns: number;
  /** Row i's entries are `columnIndex[rowStart[i] .. rowStart[i + 1])`, ascending. */
  readonly rowStart: Int32Array;
  readonly columnIndex: Int32Array;
  readonly values: Float64Array;
  readonly vocabulary: ReadonlyMap<string, number>;
  readonly idf: Float64Array;
}

/** Build the matrix from each sentence's term list. Cost: O(total terms · log terms per sentence). */
export function buildTfIdf(termLists: readonly (readonly string[])[]): TfIdfMatrix {
  const vocabulary = new Map<string, number>();
  const counts: Map<number, number>[] = [];
  const df: number[] = [];
  for (const terms of termLists) {
    const row = new Map<number, number>();
    for (const term of terms) {
      let column = vocabulary.get(term);
      if (column === undefined) {
        column = vocabulary.size;
        vocabulary.set(term, column);
        df.push(0);
      }
      row.set(column, (row.get(column) ?? 0) + 1);
    }
    for (const column of row.keys()) df[column] = (df[column] as number) + 1;
    counts.push(row);
  }
  const n = termLists.length;
  const idf = Float64Array.from(df, (d) => Math.log((1 + n) / (1 + d)) + 1);
  const rowStart = new Int32Array(n + 1);
  let nonZeros = 0;
  counts.forEach((row, i) => {
    nonZeros += row.size;
    rowStart[i + 1] = nonZeros;
  });
  const columnIndex = new Int32Array(nonZeros);
  const values = new Float64Array(nonZeros);
  counts.forEach((row, i) => {
    const entries = [...row.entries()].sort((a, b) => a[0] - b[0]);
    const offset = rowStart[i] as number;
    let norm = 0;
    entries.forEach(([column, tf], k) => {
      const w = (1 + Math.log(tf)) * (idf[column] as number);
      columnIndex[offset + k] = column;
      values[offset + k] = w;
      norm += w * w;
    });
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let k = 0; k < entries.length; k++) values[offset + k] = (values[offset + k] as number) * scale;
  });
  return { rows: n, columns: vocabulary.size, rowStart, columnIndex, values, vocabulary, idf };
}

/** Cosine of rows a and b (a merge of two sorted sparse rows). */
export function rowCosine(m: TfIdfMatrix, a: number, b: number): number {
  let i = m.rowStart[a] as number;
  let j = m.rowStart[b] as number;
  const iEnd = m.rowStart[a + 1] as number;
  const jEnd = m.rowStart[b + 1] as number;
  let sum = 0;
  while (i < iEnd && j < jEnd) {
    const ci = m.columnIndex[i] as number;
    const cj = m.columnIndex[j] as number;
    if (ci === cj) sum += (m.values[i++] as number) * (m.values[j++] as number);
    else if (ci < cj) i++;
    else j++;
  }
  return sum;
}

/** y = M · x for a dense column-space vector x. O(non-zeros). */
export function multiply(m: TfIdfMatrix, x: Float64Array): Float64Array {
  const y = new Float64Array(m.rows);
  for (let r = 0; r < m.rows; r++) {
    let sum = 0;
    for (let k = m.rowStart[r] as number; k < (m.rowStart[r + 1] as number); k++)
      sum += (m.values[k] as number) * (x[m.columnIndex[k] as number] as number);
    y[r] = sum;
  }
  return y;
}

/** y = Mᵀ · x for a dense row-space vector x. O(non-zeros). */
export function multiplyTransposed(m: TfIdfMatrix, x: Float64Array): Float64Array {
  const y = new Float64Array(m.columns);
  for (let r = 0; r < m.rows; r++) {
    const xr = x[r] as number;
    if (xr === 0) continue;
    for (let k = m.rowStart[r] as number; k < (m.rowStart[r + 1] as number); k++) {
      const c = m.columnIndex[k] as number;
      y[c] = (y[c] as number) + (m.values[k] as number) * xr;
    }
  }
  return y;
}

/** Row r as a dense column-space vector. */
export function denseRow(m: TfIdfMatrix, r: number): Float64Array {
  const x = new Float64Array(m.columns);
  for (let k = m.rowStart[r] as number; k < (m.rowStart[r + 1] as number); k++)
    x[m.columnIndex[k] as number] = m.values[k] as number;
  return x;
}
