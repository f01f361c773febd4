/**
 * Interned term ids: every analysis at 10⁵ documents hashes each token once, here, and then works on
 * integers and typed arrays (a string Map lookup costs ~10× an array read).
 */
export interface InternedDocs {
  /** Term of each id; with bigrams, pairs are "a b" and take ids after the single terms. */
  readonly vocabulary: string[];
  /** Term ids of all documents, concatenated; document d is ids[offsets[d] … offsets[d+1] − 1]. */
  readonly ids: Int32Array;
  readonly offsets: Int32Array;
}

/**
 * Interns the terms of the documents, in first-seen order (so ids are deterministic). With
 * `bigrams`, each document's adjacent pairs follow its single terms, as ids of "a b" strings (a
 * pair is keyed by its two ids, so its string is built once per distinct pair). O(T) time.
 */
export function internDocs(docs: readonly (readonly string[])[], bigrams = false): InternedDocs {
  const vocabulary: string[] = [];
  const index = new Map<string, number>();
  let singles = 0;
  for (const doc of docs) singles += doc.length;
  const singleIds = new Int32Array(singles);
  const singleOffsets = new Int32Array(docs.length + 1);
  let position = 0;
  for (let d = 0; d < docs.length; d++) {
    for (const term of docs[d] as readonly string[]) {
      let id = index.get(term);
      if (id === undefined) {
        id = vocabulary.length;
        index.set(term, id);
        vocabulary.push(term);
      }
      singleIds[position++] = id;
    }
    singleOffsets[d + 1] = position;
  }
  if (!bigrams) return { vocabulary, ids: singleIds, offsets: singleOffsets };

  // Pairs keyed a·V + b: small integers (fast Map keys) while V² < 2^30, exact doubles beyond.
  const size = vocabulary.length;
  const ids = new Int32Array(2 * singles);
  const offsets = new Int32Array(docs.length + 1);
  const pairIndex = new Map<number, number>();
  position = 0;
  for (let d = 0; d < docs.length; d++) {
    const from = singleOffsets[d] as number;
    const to = singleOffsets[d + 1] as number;
    ids.set(singleIds.subarray(from, to), position);
    position += to - from;
    for (let i = from; i + 1 < to; i++) {
      const first = singleIds[i] as number;
      const second = singleIds[i + 1] as number;
      const key = first * size + second;
      let pair = pairIndex.get(key);
      if (pair === undefined) {
        pair = vocabulary.length;
        pairIndex.set(key, pair);
        vocabulary.push(`${vocabulary[first]} ${vocabulary[second]}`);
      }
      ids[position++] = pair;
    }
    offsets[d + 1] = position;
  }
  return { vocabulary, ids: ids.slice(0, position), offsets };
}

/** Number of documents containing each term id (each document counted once per term). O(T). */
export function documentFrequencies(interned: InternedDocs): Int32Array {
  const terms = interned.vocabulary.length;
  const df = new Int32Array(terms);
  const lastSeen = new Int32Array(terms).fill(-1);
  const documents = interned.offsets.length - 1;
  for (let d = 0; d < documents; d++) {
    for (let i = interned.offsets[d] as number; i < (interned.offsets[d + 1] as number); i++) {
      const id = interned.ids[i] as number;
      if (lastSeen[id] === d) continue;
      lastSeen[id] = d;
      df[id] = (df[id] as number) + 1;
    }
  }
  return df;
}
