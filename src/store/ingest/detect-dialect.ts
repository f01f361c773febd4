/**
 * CSV dialect detection from a decoded text sample: which of `,` `;` `\t` `|` separates fields.
 *
 * For each candidate the sample's first records (quote-aware, `"` as quote) are split and scored
 * by consistency: score = (number of records whose field count equals the header's) × (header
 * field count − 1), so a delimiter that never occurs scores 0 and one that splits every record
 * into the same number of fields wins. Ties go to the order `,` `\t` `;` `|`. The last sample
 * line is ignored because the sample may cut it. Cost O(sample length × 4).
 */

export interface CsvDialect {
  readonly delimiter: string;
  readonly quote: string;
}

export const candidateDelimiters = [',', '\t', ';', '|'] as const;

const maxSampleRecords = 200;

export function detectDialect(sample: string, truncated = true): CsvDialect {
  const text = sample.charCodeAt(0) === 0xfeff ? sample.slice(1) : sample;
  let best: string = ',';
  let bestScore = 0;
  for (const delimiter of candidateDelimiters) {
    const counts = fieldCounts(text, delimiter, truncated);
    const header = counts[0];
    if (header === undefined || header < 2) continue;
    let consistent = 0;
    for (const count of counts) if (count === header) consistent += 1;
    const score = consistent * (header - 1);
    if (score > bestScore) {
      bestScore = score;
      best = delimiter;
    }
  }
  return { delimiter: best, quote: '"' };
}

/** Field counts of the sample's non-blank records (quote-aware; a cut final line is dropped). */
function fieldCounts(text: string, delimiter: string, truncated: boolean): number[] {
  const counts: number[] = [];
  let fields = 1;
  let inQuotes = false;
  let atFieldStart = true;
  let recordHasContent = false;
  const n = text.length;
  for (let i = 0; i < n && counts.length < maxSampleRecords; i += 1) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') i += 1;
        else inQuotes = false;
      }
      continue;
    }
    if (c === '"' && atFieldStart) {
      inQuotes = true;
      atFieldStart = false;
      recordHasContent = true;
    } else if (c === delimiter) {
      fields += 1;
      atFieldStart = true;
      recordHasContent = true;
    } else if (c === '\n') {
      if (recordHasContent) counts.push(fields);
      fields = 1;
      atFieldStart = true;
      recordHasContent = false;
    } else if (c !== '\r') {
      atFieldStart = false;
      recordHasContent = true;
    }
  }
  if (!truncated && recordHasContent && counts.length < maxSampleRecords) counts.push(fields);
  return counts;
}

/** Parses a `--delimiter` value: one character, or the names `tab`, `\t`, `comma`, `semicolon`, `pipe`. */
export function parseDelimiterOption(value: string): string {
  const named: Record<string, string> = {
    tab: '\t',
    '\\t': '\t',
    comma: ',',
    semicolon: ';',
    pipe: '|',
  };
  return named[value.toLowerCase()] ?? value;
}
