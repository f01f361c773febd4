import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { InputError } from '../../core/errors.js';
import { openSource } from '../../store/ingest/index.js';
import { cellText, columnIndex, RowProblems } from '../files/row-file.js';

/**
 * A labelled text file for `text train-sentiment` and `text eval`: any CSV/TSV/JSONL/Parquet with a
 * text column and a label column. Empty texts or labels are named by row; the whole file is
 * checked before anything is trained. The file's sha256 is kept so an evaluation can tell that it
 * is looking at the model's own training data.
 */

export interface LabelledTexts {
  readonly path: string;
  readonly sha256: string;
  readonly texts: string[];
  readonly labels: string[];
}

/**
 * A .tsv file is read as IANA text/tab-separated-values: no quoting, so a bare `"` in a review is
 * just a character (the CSV reader, rightly strict about quotes, would reject such rows).
 */
async function readTsv(
  path: string,
  columns: { readonly text: string; readonly label: string },
  problems: RowProblems,
): Promise<{ texts: string[]; labels: string[] }> {
  let content: string;
  try {
    content = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(path));
  } catch (error) {
    throw new InputError('unreadable_file', `Cannot read ${path} as UTF-8 text`, { cause: error });
  }
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headers = (lines[0] ?? '').split('\t');
  const textAt = columnIndex(headers, columns.text, '--text-col', path);
  const labelAt = columnIndex(headers, columns.label, '--label-col', path);
  const texts: string[] = [];
  const labels: string[] = [];
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === '') return;
    const fields = line.split('\t');
    const text = (fields[textAt] ?? '').trim();
    const label = (fields[labelAt] ?? '').trim();
    if (text === '') problems.add(i + 2, `${columns.text} is empty`);
    else if (label === '') problems.add(i + 2, `${columns.label} is empty`);
    else {
      texts.push(text);
      labels.push(label);
    }
  });
  return { texts, labels };
}

export async function readLabelledFile(
  path: string,
  columns: { readonly text: string; readonly label: string },
): Promise<LabelledTexts> {
  if (/\.tsv$/i.test(path)) {
    const problems = new RowProblems();
    const { texts, labels } = await readTsv(path, columns, problems);
    return finish(path, texts, labels, problems);
  }
  const source = await openSource(path);
  const texts: string[] = [];
  const labels: string[] = [];
  const problems = new RowProblems();
  try {
    const textAt = columnIndex(source.headers, columns.text, '--text-col', path);
    const labelAt = columnIndex(source.headers, columns.label, '--label-col', path);
    for await (const batch of source.records())
      for (const record of batch) {
        if (record.error) {
          problems.add(record.rowNumber, record.error.message);
          continue;
        }
        const text = cellText(record.fields[textAt]);
        const label = cellText(record.fields[labelAt]);
        if (text === '') problems.add(record.rowNumber, `${columns.text} is empty`);
        else if (label === '') problems.add(record.rowNumber, `${columns.label} is empty`);
        else {
          texts.push(text);
          labels.push(label);
        }
      }
  } finally {
    source.close();
  }
  return finish(path, texts, labels, problems);
}

async function finish(
  path: string,
  texts: string[],
  labels: string[],
  problems: RowProblems,
): Promise<LabelledTexts> {
  problems.throwIfAny(
    'bad_labelled_rows',
    `${path}: {count} row(s) cannot be used`,
    'Every row needs a text and a label; remove or fix the rows listed.',
  );
  if (texts.length === 0) throw new InputError('empty_file', `${path} has no labelled rows`);
  const sha256 = createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
  return { path, sha256, texts, labels };
}
