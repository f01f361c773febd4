import { assertNever, InputError } from '../core/errors.js';
import { isChartEmpty } from './charts.js';
import { escapeHtml } from './escape.js';
import { formatDate, formatNumber, localize, missingValue } from './format.js';
import { t } from './messages.js';
import { renderChartSvg } from './render-chart.js';
import type {
  Block,
  CalloutBlock,
  ChartBlock,
  ColumnFormat,
  KpisBlock,
  Locale,
  Localized,
  ParagraphBlock,
  TableBlock,
  TableCell,
  TableColumn,
} from './report-model.js';

/** What block renderers need besides the block: locale, default currency, a unique chart id source. */
export interface BlockContext {
  readonly locale: Locale;
  readonly currency?: string;
  /** Returns a document-unique, deterministic id prefix for the next chart. */
  readonly nextChartId: () => string;
}

/** Paragraphs separated by blank lines become separate `<p>`s; single newlines become `<br>`. */
function renderParagraph(block: ParagraphBlock, context: BlockContext): string {
  return block.text[context.locale]
    .split(/\n\s*\n/)
    .filter((paragraph) => paragraph.trim() !== '')
    .map((paragraph) => `<p>${escapeHtml(paragraph.trim()).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

function renderKpis(block: KpisBlock, context: BlockContext): string {
  const { locale } = context;
  const items = block.items.map((item) => {
    const hint =
      item.hint === undefined ? '' : `<div class="kpi-hint">${escapeHtml(item.hint[locale])}</div>`;
    return (
      `<div class="kpi"><div class="kpi-label">${escapeHtml(item.label[locale])}</div>` +
      `<div class="kpi-value">${escapeHtml(localize(item.value, locale))}</div>${hint}</div>`
    );
  });
  return `<div class="kpis">${items.join('')}</div>`;
}

const numericFormats: ReadonlySet<ColumnFormat> = new Set(['int', 'number', 'percent', 'currency']);

function isLocalized(cell: TableCell): cell is Localized {
  return typeof cell === 'object' && cell !== null;
}

/** A column's effective format: explicit, else `number` when every present cell is a number. */
function columnFormat(column: TableColumn, rows: TableBlock['rows']): ColumnFormat {
  if (column.format !== undefined) return column.format;
  const present = rows.map((row) => row[column.key]).filter((cell) => cell !== null && cell !== undefined);
  return present.length > 0 && present.every((cell) => typeof cell === 'number') ? 'number' : 'text';
}

function formatCell(
  cell: TableCell | undefined,
  format: ColumnFormat,
  column: TableColumn,
  context: BlockContext,
): string {
  if (cell === null || cell === undefined) return missingValue;
  if (isLocalized(cell)) return cell[context.locale];
  if (format === 'date') return formatDate(cell, `table column "${column.key}"`);
  if (typeof cell === 'string') return cell;
  if (format === 'text') return String(cell);
  return formatNumber(cell, format, context.locale, column.currency ?? context.currency);
}

function renderTable(block: TableBlock, context: BlockContext): string {
  const { locale } = context;
  const { maxRows } = block;
  if (maxRows !== undefined && (!Number.isInteger(maxRows) || maxRows < 1)) {
    throw new InputError('invalid_max_rows', `table maxRows must be a positive integer, got ${maxRows}`);
  }
  if (block.columns.length === 0) {
    throw new InputError('table_without_columns', 'A table block needs at least one column');
  }
  const shown = maxRows === undefined ? block.rows : block.rows.slice(0, maxRows);
  const columns = block.columns.map((column) => {
    const format = columnFormat(column, block.rows);
    const align = column.align ?? (numericFormats.has(format) ? 'right' : 'left');
    return { column, format, cellClass: align === 'right' ? ' class="num"' : '' };
  });
  const caption =
    block.caption === undefined ? '' : `<caption>${escapeHtml(block.caption[locale])}</caption>`;
  const head = columns
    .map(({ column, cellClass }) => `<th scope="col"${cellClass}>${escapeHtml(column.label[locale])}</th>`)
    .join('');
  const body =
    shown.length === 0
      ? `<tr><td colspan="${columns.length}" class="empty">${escapeHtml(t(locale, 'table.empty'))}</td></tr>`
      : shown
          .map((row) => {
            const cells = columns.map(
              ({ column, format, cellClass }) =>
                `<td${cellClass}>${escapeHtml(formatCell(row[column.key], format, column, context))}</td>`,
            );
            return `<tr>${cells.join('')}</tr>`;
          })
          .join('\n');
  const note =
    shown.length < block.rows.length
      ? `<p class="note">${escapeHtml(
          t(locale, 'table.showing', {
            shown: formatNumber(shown.length, 'int', locale),
            total: formatNumber(block.rows.length, 'int', locale),
          }),
        )}</p>`
      : '';
  return (
    `<div class="table-wrap"><table>${caption}<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table></div>` +
    note
  );
}

function renderChart(block: ChartBlock, context: BlockContext): string {
  const caption = block.caption === undefined ? undefined : block.caption[context.locale];
  const figcaption = caption === undefined ? '' : `<figcaption>${escapeHtml(caption)}</figcaption>`;
  if (isChartEmpty(block.chart)) {
    return `<figure class="chart">${figcaption}<p class="empty">${escapeHtml(t(context.locale, 'chart.noData'))}</p></figure>`;
  }
  const svg = renderChartSvg(block.chart, {
    locale: context.locale,
    idPrefix: context.nextChartId(),
    ...(context.currency === undefined ? {} : { currency: context.currency }),
    ...(caption === undefined ? {} : { ariaLabel: caption }),
  });
  return `<figure class="chart">${figcaption}\n${svg}\n</figure>`;
}

function renderCallout(block: CalloutBlock, context: BlockContext): string {
  const { locale } = context;
  const label = t(locale, `callout.${block.tone}`);
  return (
    `<div class="callout callout-${block.tone}" role="note"><strong>${escapeHtml(label)}</strong>` +
    `${escapeHtml(block.text[locale])}</div>`
  );
}

/** Render one block as an HTML fragment wrapped in `<div class="block block-{kind}">`. */
export function renderBlock(block: Block, context: BlockContext): string {
  let inner: string;
  switch (block.kind) {
    case 'paragraph':
      inner = renderParagraph(block, context);
      break;
    case 'kpis':
      inner = renderKpis(block, context);
      break;
    case 'table':
      inner = renderTable(block, context);
      break;
    case 'chart':
      inner = renderChart(block, context);
      break;
    case 'callout':
      inner = renderCallout(block, context);
      break;
    default:
      return assertNever(block, 'block kind');
  }
  return `<div class="block block-${block.kind}">\n${inner}\n</div>`;
}
