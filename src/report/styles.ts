import { fontStack, mutedColor, palette, textColor } from './chart-theme.js';

/**
 * The report's inline stylesheet: system fonts only (CJK-capable stack shared with the charts), a single
 * readable column, responsive KPI grid and tables, and print rules (no backgrounds, no page breaks inside
 * figures, tables and KPI rows). No `url(…)`, no `@import`, no web fonts.
 */
export const reportCss = `
:root {
  --font: ${fontStack};
  --mono: ui-monospace, 'SF Mono', Menlo, Consolas, 'Liberation Mono', monospace;
  --text: ${textColor};
  --muted: ${mutedColor};
  --heading: #0f172a;
  --accent: ${palette[0]};
  --line: #e2e8f0;
  --soft: #f8fafc;
  --info: #2f6fde; --info-bg: #eef4fd;
  --warn: #b45309; --warn-bg: #fff7e6;
  --good: #15803d; --good-bg: #ecfdf3;
  color-scheme: light;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; font-family: var(--font); font-size: 16px; line-height: 1.65; color: var(--text);
  background: #ffffff; font-variant-numeric: tabular-nums;
}
.wrap { max-width: 1040px; margin: 0 auto; padding: 0 40px; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
code { font-family: var(--mono); font-size: 0.92em; }

.report-header { background: linear-gradient(180deg, #f1f5fb 0%, #ffffff 100%); border-bottom: 1px solid var(--line); }
.report-header .wrap { padding-top: 40px; padding-bottom: 28px; }
.brand { margin: 0 0 6px; font-size: 13px; font-weight: 600; letter-spacing: 0.08em; text-transform: uppercase; color: var(--accent); }
h1 { margin: 0; font-size: 34px; line-height: 1.25; color: var(--heading); font-weight: 700; }
.subtitle { margin: 8px 0 0; font-size: 18px; color: var(--muted); }
.meta { margin: 14px 0 0; font-size: 14px; color: var(--muted); }
.meta span + span::before { content: '·'; margin: 0 8px; }

.toc { margin: 32px 0 8px; padding: 18px 24px; background: var(--soft); border: 1px solid var(--line); border-radius: 10px; }
.toc h2 { margin: 0 0 8px; font-size: 15px; font-weight: 600; color: var(--muted); border: 0; padding: 0; }
.toc ol { margin: 0; padding-left: 22px; columns: 2 280px; column-gap: 32px; }
.toc li { margin: 2px 0; break-inside: avoid; }

.section { padding: 36px 0 12px; border-bottom: 1px solid var(--line); }
.section:last-of-type { border-bottom: 0; }
.section > h2 { margin: 0; font-size: 25px; line-height: 1.3; color: var(--heading); }
.section > h2 .num { color: var(--accent); margin-right: 10px; font-variant-numeric: tabular-nums; }
.summary { margin: 10px 0 0; font-size: 17px; }
.provenance {
  margin: 12px 0 20px; padding: 8px 12px; font-size: 13px; line-height: 1.5; color: var(--muted);
  background: var(--soft); border-left: 3px solid var(--line); border-radius: 4px;
}
.provenance strong { color: var(--text); font-weight: 600; margin-right: 2px; white-space: nowrap; }
.provenance code { color: var(--text); }
.provenance .sep { margin: 0 2px; }
.provenance .item { white-space: nowrap; }
.provenance .item code { white-space: normal; overflow-wrap: anywhere; }
.provenance .note { display: block; margin-top: 2px; }
.block { margin: 20px 0; }
.block > p { margin: 0 0 10px; }
.empty { color: var(--muted); font-style: italic; }

.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(190px, 1fr)); gap: 14px; }
.kpi { padding: 14px 16px; border: 1px solid var(--line); border-radius: 10px; background: #ffffff; break-inside: avoid; }
.kpi-label { font-size: 13px; color: var(--muted); }
.kpi-value { margin-top: 2px; font-size: 26px; font-weight: 650; line-height: 1.3; color: var(--heading); overflow-wrap: anywhere; }
.kpi-hint { margin-top: 4px; font-size: 12.5px; line-height: 1.45; color: var(--muted); }

figure { margin: 0; }
figcaption, caption { font-size: 14px; font-weight: 600; color: var(--heading); text-align: left; padding: 0 0 8px; }
.chart { break-inside: avoid; }
.chart { overflow-x: auto; }
.chart svg { display: block; width: 100%; height: auto; }

.table-wrap { overflow-x: auto; }
table { width: 100%; border-collapse: collapse; font-size: 14px; line-height: 1.45; }
th, td { padding: 7px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { font-weight: 600; color: var(--muted); font-size: 13px; border-bottom: 2px solid var(--line); white-space: nowrap; }
tbody tr:nth-child(even) td { background: #fbfcfe; }
.num { text-align: right; white-space: nowrap; }
.note { margin: 6px 0 0; font-size: 13px; color: var(--muted); }

.callout { padding: 12px 16px; border-radius: 8px; border-left: 4px solid; break-inside: avoid; }
.callout strong { margin-right: 8px; }
.callout-info { background: var(--info-bg); border-color: var(--info); }
.callout-info strong { color: var(--info); }
.callout-warn { background: var(--warn-bg); border-color: var(--warn); }
.callout-warn strong { color: var(--warn); }
.callout-good { background: var(--good-bg); border-color: var(--good); }
.callout-good strong { color: var(--good); }

.report-footer { margin-top: 24px; padding: 20px 0 40px; font-size: 13px; color: var(--muted); border-top: 1px solid var(--line); }

@media screen and (max-width: 720px) {
  .wrap { padding: 0 18px; }
  h1 { font-size: 27px; }
  .section > h2 { font-size: 21px; }
  .kpis { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 10px; }
  .kpi-value { font-size: 21px; }
  .toc ol { columns: 1; }
  /* Keep chart text legible on phones: scroll sideways rather than shrink 960 px drawings to a third. */
  .chart svg { min-width: 620px; }
}

@media print {
  @page { margin: 15mm 14mm; }
  body { font-size: 11pt; }
  .wrap { max-width: none; padding: 0; }
  .report-header { background: none; }
  .report-header .wrap { padding-top: 0; }
  .toc { background: none; }
  .section { break-before: page; border-bottom: 0; }
  .section:first-of-type { break-before: auto; }
  .section > h2, figcaption, caption { break-after: avoid; }
  .kpis, tr, .provenance { break-inside: avoid; }
  tbody tr:nth-child(even) td { background: none; }
  a { color: inherit; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
