import { InputError } from '../core/errors.js';
import { escapeHtml } from './escape.js';
import { formatDate, formatDateTime, intlLocale, localize } from './format.js';
import { t, tHtml } from './messages.js';
import { type BlockContext, renderBlock } from './render-blocks.js';
import type { Locale, Provenance, Report, Section } from './report-model.js';
import { reportCss } from './styles.js';

/**
 * Render a report as one self-contained HTML document: inline CSS, charts as inline SVG (ECharts SSR), no
 * scripts, fonts or network references. All model text is HTML-escaped. The output depends only on
 * `report` and `locale` (no clock, no random ids), so the same input gives byte-identical HTML.
 *
 * @throws InputError for an invalid or duplicate section id, an invalid date, or invalid chart/table data.
 */
export function renderReport(report: Report, locale: Locale): string {
  if (locale !== 'en' && locale !== 'zh') {
    throw new InputError('invalid_locale', `Report locale must be "en" or "zh", got "${String(locale)}"`);
  }
  checkSectionIds(report.sections);
  let chartCount = 0;
  const context: BlockContext = {
    locale,
    ...(report.currency === undefined ? {} : { currency: report.currency }),
    nextChartId: () => {
      chartCount += 1;
      return `mmc${chartCount}`;
    },
  };
  const title = report.title[locale];
  const sections =
    report.sections.length === 0
      ? `<p class="empty">${escapeHtml(t(locale, 'report.noSections'))}</p>`
      : report.sections.map((section, index) => renderSection(section, index + 1, context)).join('\n');
  return `<!doctype html>
<html lang="${intlLocale(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Marketmind">
<title>${escapeHtml(title)}</title>
<style>${reportCss}</style>
</head>
<body>
${renderHeader(report, locale)}
<main class="wrap">
${renderToc(report.sections, locale)}
${sections}
</main>
<footer class="report-footer"><div class="wrap">${escapeHtml(t(locale, 'report.footer'))}</div></footer>
</body>
</html>
`;
}

const sectionIdPattern = /^[A-Za-z][\w-]*$/;

function checkSectionIds(sections: readonly Section[]): void {
  const seen = new Set<string>();
  for (const section of sections) {
    if (!sectionIdPattern.test(section.id)) {
      throw new InputError(
        'invalid_section_id',
        `Section id "${section.id}" must start with a letter and contain only letters, digits, - and _`,
      );
    }
    // Chart ids are `mmc<n>`; keep section anchors out of that namespace.
    if (/^mmc\d+/.test(section.id) || seen.has(section.id)) {
      throw new InputError('duplicate_section_id', `Section id "${section.id}" is used twice or is reserved`);
    }
    seen.add(section.id);
  }
}

function renderHeader(report: Report, locale: Locale): string {
  const meta = [
    `<span>${escapeHtml(t(locale, 'report.generatedAt', { date: formatDateTime(report.generatedAt) }))}</span>`,
  ];
  if (report.workspace !== undefined) {
    meta.push(`<span>${escapeHtml(t(locale, 'report.workspace', { name: report.workspace }))}</span>`);
  }
  const subtitle =
    report.subtitle === undefined ? '' : `\n<p class="subtitle">${escapeHtml(report.subtitle[locale])}</p>`;
  return `<header class="report-header"><div class="wrap">
<p class="brand">Marketmind</p>
<h1>${escapeHtml(report.title[locale])}</h1>${subtitle}
<p class="meta">${meta.join('')}</p>
</div></header>`;
}

function renderToc(sections: readonly Section[], locale: Locale): string {
  if (sections.length === 0) return '';
  const heading = escapeHtml(t(locale, 'report.toc'));
  const items = sections
    .map(
      (section) => `<li><a href="#${escapeHtml(section.id)}">${escapeHtml(section.title[locale])}</a></li>`,
    )
    .join('\n');
  return `<nav class="toc" aria-label="${heading}"><h2>${heading}</h2><ol>\n${items}\n</ol></nav>`;
}

/** "How this was made: engine classic · model run run_… · data 2023-01-01 – 2024-12-31 · 95% interval". */
export function renderProvenance(provenance: Provenance, locale: Locale): string {
  if (provenance.engine.trim() === '') {
    throw new InputError('missing_engine', 'Provenance engine must name the engine (e.g. "classic")');
  }
  const code = (value: string) => `<code>${escapeHtml(value)}</code>`;
  const parts = [tHtml(locale, 'provenance.engine', { engine: code(provenance.engine) })];
  if (provenance.modelRunId !== undefined) {
    parts.push(tHtml(locale, 'provenance.modelRun', { id: code(provenance.modelRunId) }));
  }
  if (provenance.dataWindow !== undefined) {
    parts.push(
      tHtml(locale, 'provenance.dataWindow', {
        start: formatDate(provenance.dataWindow.start, 'provenance dataWindow.start'),
        end: formatDate(provenance.dataWindow.end, 'provenance dataWindow.end'),
      }),
    );
  }
  if (provenance.interval !== undefined) {
    parts.push(
      tHtml(locale, 'provenance.interval', { interval: escapeHtml(localize(provenance.interval, locale)) }),
    );
  }
  const line = parts.map((part) => `<span class="item">${part}</span>`).join(' <span class="sep">·</span> ');
  const note =
    provenance.note === undefined ? '' : `<span class="note">${escapeHtml(provenance.note[locale])}</span>`;
  return `<p class="provenance"><strong>${escapeHtml(t(locale, 'provenance.heading'))}</strong> ${line}${note}</p>`;
}

function renderSection(section: Section, number: number, context: BlockContext): string {
  const { locale } = context;
  const summary =
    section.summary === undefined ? '' : `<p class="summary">${escapeHtml(section.summary[locale])}</p>\n`;
  const blocks =
    section.blocks.length === 0
      ? `<p class="empty">${escapeHtml(t(locale, 'section.noData'))}</p>`
      : section.blocks.map((block) => renderBlock(block, context)).join('\n');
  return `<section id="${escapeHtml(section.id)}" class="section">
<h2><span class="num">${number}</span>${escapeHtml(section.title[locale])}</h2>
${summary}${renderProvenance(section.provenance, locale)}
${blocks}
</section>`;
}
