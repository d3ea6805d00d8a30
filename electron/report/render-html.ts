/**
 * The report as one self-contained HTML document: inline CSS (this is a standalone file, not
 * the app, so a <style> element is fine here), inline SVG charts, no scripts and no remote
 * references; a Content-Security-Policy meta tag says so to any browser that opens it. The
 * same document is printed to PDF, so the CSS carries the print rules: repeated table headers,
 * rows that never split, a page break before each major section.
 */
import type { Paper } from '../../shared/api/report.js';
import { html, trusted, type Html } from './html.js';
import { REPORT_LIMITS } from './limits.js';
import { PDF_MARGINS_MM } from './print-report.js';
import { count, num } from '../../shared/format/count.js';
import type { ReportModel } from './model.js';
import { appendixSection } from './sections/appendix.js';
import { coverSection } from './sections/cover.js';
import { custodySection } from './sections/custody.js';
import { evidenceSection } from './sections/evidence.js';
import { methodSection } from './sections/method.js';
import { summarySection } from './sections/summary.js';
import { usersSection, usersTitle } from './sections/users.js';

const CSS = `
:root { --fg: #1d1f21; --muted: #555b63; --border: #c9ced6; --soft: #f2f4f6; }
* { box-sizing: border-box; }
html { font-family: "Liberation Sans", "DejaVu Sans", Arial, Helvetica, sans-serif; font-size: 9.5pt; line-height: 1.38; color: var(--fg); background: #fff; }
body { margin: 0; }
@media screen { body { max-width: 200mm; margin: 10mm auto; padding: 0 8mm; } }
h1 { font-size: 21pt; line-height: 1.15; margin: 2mm 0 7mm; overflow-wrap: anywhere; }
h2 { font-size: 15pt; margin: 0 0 3mm; padding-bottom: 1.2mm; border-bottom: 1.2pt solid var(--fg); }
h3 { font-size: 12pt; margin: 5mm 0 1.5mm; overflow-wrap: anywhere; }
h4 { font-size: 10pt; margin: 4mm 0 1.5mm; }
h2, h3, h4, caption, figcaption, .record-head { break-after: avoid; page-break-after: avoid; }
.no { color: var(--muted); margin-right: 1.2mm; }
p { margin: 0 0 2mm; }
ul { margin: 0 0 2mm; padding-left: 5mm; }
li { margin-bottom: 0.8mm; }
a { color: inherit; }
section.major { break-before: page; page-break-before: always; }
section.user + section.user, section.other { break-before: page; page-break-before: always; }
.mono, .sha, pre { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; }
.small { font-size: 7.6pt; color: var(--muted); }
.note { font-size: 8pt; color: var(--muted); font-style: italic; }
.path, .wrap, .summary, .detail { overflow-wrap: anywhere; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.when { white-space: nowrap; }
.sha { font-size: 7.5pt; white-space: nowrap; letter-spacing: -0.01em; }
.label { font-size: 7.5pt; color: var(--muted); font-weight: 700; }

/* Tables: header rows repeat on every page, a row never splits across pages. */
table { border-collapse: collapse; width: 100%; }
thead { display: table-header-group; }
tfoot { display: table-footer-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
table.data { font-size: 8pt; margin: 1mm 0 4mm; }
table.data th, table.data td { padding: 0.9mm 1.4mm; vertical-align: top; text-align: left; border-bottom: 0.5pt solid var(--border); }
table.data thead th { background: var(--soft); border-bottom: 0.9pt solid var(--fg); font-weight: 700; }
table.data th.num, table.data td.num { text-align: right; }
caption { caption-side: top; text-align: left; font-size: 8pt; color: var(--muted); padding-bottom: 1mm; }
table.evidence tbody.file { break-inside: avoid; page-break-inside: avoid; }
table.evidence tr.hash td { border-bottom: 0.9pt solid var(--border); padding-top: 0; }
table.evidence tr:first-child td { border-bottom: none; }
table.evidence tbody.total td { border-bottom: none; border-top: 0.9pt solid var(--fg); }
table.findings .sev-col { width: 15mm; }
table.findings td:nth-child(2) { width: 34mm; }
table.findings .when { white-space: normal; width: 27mm; }
table.events td:nth-child(1) { width: 21mm; white-space: normal; }
table.events td:nth-child(2) { width: 27mm; }
table.custody td.when { white-space: normal; width: 21mm; }
table.custody td:nth-child(3) { width: 24mm; overflow-wrap: normal; word-break: normal; }
table.custody td.detail { font-size: 7.2pt; font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; }
table.params td:first-child { width: 36mm; }
table.params td.num { width: 24mm; white-space: normal; }
table.params tr.changed td { background: #fff6de; }
table.params td.small { color: var(--fg); }
table.users td:first-child { width: 64mm; }

/* Badges: the word is always written; colour only repeats it. */
.badge { display: inline-block; padding: 0 1.5mm; border-radius: 1.2mm; border: 0.8pt solid; font-size: 7.4pt; font-weight: 700; white-space: nowrap; line-height: 1.5; }
.sev { text-transform: uppercase; letter-spacing: 0.03em; }
.v-compromised, .sev-critical { background: #d55e00; border-color: #d55e00; color: #fff; }
.v-attacked, .sev-high { background: #fbe6c4; border-color: #e69f00; color: #5e3d00; }
.v-suspicious, .sev-medium { background: #fbf6c8; border-color: #c2b52a; color: #4f4800; }
.sev-low { background: #dff0fa; border-color: #56b4e9; color: #0b4a6f; }
.v-clear, .sev-info { background: #eef0f2; border-color: var(--border); color: #3d3d3d; }
.on { background: #dcf2e9; border-color: #009e73; color: #00513b; }
.off { background: #eef0f2; border-color: var(--border); color: var(--muted); }
svg.sym { vertical-align: -1px; flex: none; }

/* Cover and contents. */
.cover .kicker { margin-top: 14mm; text-transform: uppercase; letter-spacing: 0.08em; font-size: 8.5pt; color: var(--muted); }
table.meta { margin-bottom: 8mm; font-size: 9.5pt; }
table.meta th { width: 38mm; text-align: left; vertical-align: top; font-weight: 600; color: var(--muted); padding: 1.3mm 3mm 1.3mm 0; }
table.meta td { padding: 1.3mm 0; overflow-wrap: anywhere; }
table.meta tr { border-bottom: 0.5pt solid var(--border); }
nav.toc h2 { font-size: 12pt; border-bottom: none; margin-bottom: 1mm; }
nav.toc ol { list-style: none; padding: 0; margin: 0; }
nav.toc ol ol { padding-left: 8mm; font-size: 8.8pt; }
nav.toc li { margin: 0.9mm 0; }
nav.toc a { text-decoration: none; display: flex; align-items: baseline; gap: 1mm; }
nav.toc .toc-title { flex: 1 1 auto; overflow-wrap: anywhere; }
nav.toc .toc-page { flex: none; min-width: 10mm; text-align: right; font-variant-numeric: tabular-nums; }

/* Summary and user sections. */
.sentences p.lead { font-size: 10.5pt; }
/* A summary sentence is read as one: never split across pages (a user, their verdict and what happened). */
.sentences p { overflow-wrap: anywhere; break-inside: avoid; page-break-inside: avoid; }
.verdict { background: var(--soft); border-left: 1.2mm solid var(--border); padding: 2mm 3mm 1mm; margin: 2mm 0 3mm; break-inside: avoid; }
.verdict p { margin-bottom: 1.2mm; }
ul.reasons { font-size: 8pt; margin: 1mm 0 1mm; padding-left: 4mm; overflow-wrap: anywhere; }
.aka { color: var(--muted); margin-top: -1mm; overflow-wrap: anywhere; }
figure { margin: 2mm 0 4mm; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-size: 8pt; color: var(--muted); margin-bottom: 1.2mm; }
figure svg.seq, figure svg.map { display: block; width: 100%; height: auto; border: 0.5pt solid var(--border); }
svg.sym { width: 10px; height: 10px; }
ul.legend { list-style: none; padding: 0; margin: 1.2mm 0 0; display: flex; flex-wrap: wrap; gap: 0.6mm 4mm; font-size: 7.6pt; }
ul.legend li { margin: 0; white-space: nowrap; }
.legend-span { display: inline-block; width: 5mm; height: 2.6mm; border: 0.8pt dashed #d55e00; background: rgba(213, 94, 0, 0.16); vertical-align: -0.3mm; }
.legend-link { display: inline-block; width: 6mm; border-top: 1.2pt solid rgba(61, 61, 61, 0.6); vertical-align: 0.6mm; }
svg.seq text { font-family: "Liberation Sans", "DejaVu Sans", Arial, sans-serif; }
svg.seq .group { font-size: 7.6px; font-weight: 700; letter-spacing: 0.06em; text-transform: uppercase; fill: #555b63; }
svg.seq .lane { font-size: 9.2px; fill: #1d1f21; }
svg.seq .count { font-size: 8.5px; fill: #555b63; }
svg.seq .tick { font-size: 8.5px; fill: #1d1f21; }
svg.seq .axis { stroke: #8a9099; stroke-width: 0.8; }
svg.seq .grid { stroke: #dde1e6; stroke-width: 0.6; }
svg.seq .sep { stroke: #c9ced6; stroke-width: 0.6; }
svg.seq .zebra { fill: #000; fill-opacity: 0.035; }
svg.seq .span-box { fill-opacity: 0.07; stroke-width: 0.9; stroke-dasharray: 4 2.5; }
svg.seq .span-bar { fill-opacity: 0.38; }
svg.seq .span-label { font-size: 8.4px; font-weight: 700; fill: #1d1f21; }
svg.seq g.analyst rect { fill: none; stroke: #1d1f21; stroke-width: 1.1; stroke-dasharray: 2.4 1.6; }
svg.seq g.analyst text { font-size: 8px; font-weight: 700; fill: #1d1f21; dominant-baseline: hanging; }
.legend-analyst, .analyst-mark { display: inline-block; width: 3.4mm; height: 3.4mm; line-height: 3mm; text-align: center; border: 0.8pt dashed #1d1f21; border-radius: 0.5mm; font-size: 6.8pt; font-weight: 700; vertical-align: -0.5mm; }
table.events tr.analyst td { background: #f1eef8; border-bottom-style: dashed; }
svg.map text { font-family: "Liberation Sans", "DejaVu Sans", Arial, sans-serif; }
svg.map .sea { fill: #f3f6f9; }
svg.map .graticule { fill: none; stroke: #dfe5eb; stroke-width: 0.5; }
svg.map .land { fill: #e1e4e8; stroke: none; }
svg.map .borders { fill: none; stroke: #fff; stroke-width: 0.7; }
svg.map .link { fill: none; stroke: #3d3d3d; stroke-opacity: 0.55; }
svg.map .place { font-size: 9px; fill: #1d1f21; paint-order: stroke; stroke: #fff; stroke-width: 2.6px; stroke-linejoin: round; }

/* Evidence, method, appendix. */
.rejected { margin: 2mm 0; }
.rule { break-inside: avoid; page-break-inside: avoid; margin-bottom: 2mm; }
.rule h4 { margin-top: 3mm; }
.rule p { margin-bottom: 1mm; }
.record { margin-bottom: 1.8mm; }
table.notes td:first-child { width: 52mm; }
table.notes td:last-child { width: 30mm; }
.narrative { margin-bottom: 3mm; }
.narrative p { overflow-wrap: anywhere; white-space: pre-line; }
table.minor td:first-child { width: 62mm; }
table.minor td.when { white-space: normal; width: 58mm; }
.record-head { font-size: 8pt; margin-bottom: 0.8mm; overflow-wrap: anywhere; }
pre.raw { font-size: 6.2pt; line-height: 1.22; white-space: pre-wrap; overflow-wrap: anywhere; word-break: break-all; margin: 0; padding: 1.2mm 2mm; background: var(--soft); border-left: 0.6mm solid var(--border); }
section.finding-records h3 { font-size: 10.5pt; margin-top: 4mm; }
`;

/** Paper sizes in mm, for the preview's sheets (the PDF printer sizes its own pages). */
const PAPER_MM: Readonly<Record<Paper, { width: number; height: number }>> = {
  A4: { width: 210, height: 297 },
  Letter: { width: 215.9, height: 279.4 },
};

/**
 * The report screen's preview, on screen only: grey desk, each part that starts a printed page
 * on a sheet of the paper's width with the PDF's margins, so lines wrap where they will print.
 */
function previewCss(paper: Paper): string {
  const { width, height } = PAPER_MM[paper];
  const m = PDF_MARGINS_MM;
  return `
@media screen {
  html { background: #8a9099; }
  body { max-width: none; width: ${width}mm; margin: 0 auto; padding: 4mm 0 8mm; }
  body > section { background: #fff; margin: 0 0 5mm; padding: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm; min-height: ${height}mm; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.35); }
  section.user + section.user, section.other { border-top: 1px dashed #8a9099; margin-top: 8mm; padding-top: 6mm; }
  .preview-note { width: ${width}mm; margin: 0 auto 3mm; padding: 2mm 3mm; background: #fff6de; border: 1px solid #e69f00; font-size: 8.5pt; }
}
`;
}

export interface RenderOptions {
  /** Render for the report screen's preview frame, on sheets of this paper. */
  preview?: { paper: Paper };
}

interface TocEntry {
  id: string;
  number: string;
  title: string;
  children?: TocEntry[];
}

function contents(entries: readonly TocEntry[]): Html {
  const item = (e: TocEntry): Html => {
    return html`<li><a href="#${e.id}"><span class="no">${e.number}</span> <span class="toc-title">${e.title}</span><span class="toc-page" data-toc="${e.id}"></span></a>${
      e.children !== undefined && e.children.length > 0 ? html`<ol>${e.children.map(item)}</ol>` : ''
    }</li>`;
  };
  return html`<nav class="toc" aria-label="Contents"><h2>Contents</h2><ol>${entries.map(item)}</ol></nav>`;
}

/** The whole report as an HTML document (a string ready to write or to print). */
export function renderReportHtml(model: ReportModel, options: RenderOptions = {}): string {
  const entries: TocEntry[] = [];
  const parts: Html[] = [];
  let n = 0;
  for (const section of model.sections) {
    if (section === 'appendix') {
      entries.push({ id: 'appendix', number: 'Appendix A', title: 'Original records' });
      parts.push(appendixSection(model, 'A'));
      continue;
    }
    const number = String(++n);
    switch (section) {
      case 'summary':
        entries.push({ id: 'summary', number, title: 'Executive summary' });
        parts.push(summarySection(model, number));
        break;
      case 'users': {
        const users = usersSection(model, number);
        entries.push({ id: 'users', number, title: usersTitle(model), children: users.entries });
        parts.push(users.html);
        break;
      }
      case 'evidence':
        entries.push({ id: 'evidence', number, title: 'Evidence' });
        parts.push(evidenceSection(model, number));
        break;
      case 'method':
        entries.push({ id: 'method', number, title: 'Method' });
        parts.push(methodSection(model, number));
        break;
      case 'custody':
        entries.push({ id: 'custody', number, title: 'Chain of custody' });
        parts.push(custodySection(model, number));
        break;
    }
  }
  const title = `PushTrail report: ${model.meta.name}`;
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="PushTrail ${model.toolVersion}">
<title>${title}</title>
<style>${trusted(CSS)}${options.preview === undefined ? '' : trusted(previewCss(options.preview.paper))}</style>
</head>
<body>
${options.preview === undefined ? '' : previewNote(model, options.preview.paper)}
${coverSection(model, contents(entries))}
${parts}
</body>
</html>
`;
  return page.value;
}

/** What the preview shows differently from the PDF, said in the frame itself. */
function previewNote(model: ReportModel, paper: Paper): Html {
  const { limits, records } = model.appendix;
  const cut = model.sections.includes('appendix') && (limits.recordsTotal < REPORT_LIMITS.recordsTotal || limits.recordsPerFinding < REPORT_LIMITS.recordsPerFinding);
  return html`<p class="preview-note"><strong>Preview</strong> of the report on ${paper} paper. The PDF adds the page header with the case id, page numbers and the contents' page numbers${
    cut
      ? html`; this preview's appendix prints ${count(records.size, 'original record')} (at most ${limits.recordsPerFinding} per finding and ${num(limits.recordsTotal)} in all), the exported report up to ${REPORT_LIMITS.recordsPerFinding} per finding and ${num(REPORT_LIMITS.recordsTotal)} in all`
      : ''
  }.</p>`;
}

/** The text every PDF page header carries. */
export function pdfHeader(model: ReportModel): string {
  const users = model.scope.users;
  return `${model.meta.name} · case ${model.text.reference === '' ? model.meta.caseId : `${model.text.reference} (${model.meta.caseId})`}${users === null ? '' : ` · ${users.join(', ')}`}`;
}
