/**
 * Evidence: every file with its SHA-256, size, format and counts, then the limitations of the
 * evidence: records an import rejected (with line and message) and files no importer could read.
 */
import { html, type Html } from '../html.js';
import { REPORT_LIMITS } from '../limits.js';
import type { ReportModel, ReportEvidence } from '../model.js';
import { formatDuration } from '../../../shared/view/time-axis.js';
import { count, num } from '../../../shared/format/count.js';
import { at, bytes, list, span } from '../text.js';

const ORDER_WORDS: Readonly<Record<string, string>> = { dmy: 'day first', mdy: 'month first' };

/** How the file's times and records were read, where that was anything but the vendor's own file in UTC. */
function readingOf(e: ReportEvidence): string {
  const parts: string[] = [];
  if (e.reexport !== null) parts.push(`read out of a ${e.reexport}`);
  if (e.timeZone !== null) parts.push(`times without a zone read in ${e.timeZone}`);
  if (e.dateOrder !== null) parts.push(`numeric dates read ${ORDER_WORDS[e.dateOrder] ?? e.dateOrder}`);
  return parts.map((p) => ` · ${p}`).join('');
}

function fileRows(e: ReportEvidence, zone: string): Html {
  const how = [e.format ?? 'format not recognised', e.container, e.compression].filter((p): p is string => p !== null && p !== '').join(' · ');
  return html`<tbody class="file">
<tr><td class="num">${e.id}</td><td class="path">${e.path}${e.archive === null ? '' : html`<br><span class="small">inside ${e.archive}</span>`}</td><td>${how}</td><td class="num">${num(e.records)}</td><td class="num">${num(e.events)}</td><td class="num">${num(e.duplicates)}</td><td class="num">${num(e.rejected)}</td></tr>
<tr class="hash"><td></td><td colspan="6"><span class="label">SHA-256</span> <span class="sha">${e.sha256}</span><br><span class="small">${bytes(e.size)} · imported ${at(e.importedAt, zone)}${
    e.period === null ? '' : ` · events from ${span(e.period.first, e.period.last, zone)}`
  }${readingOf(e)}</span></td></tr>
</tbody>`;
}

function rejectedList(e: ReportEvidence): Html {
  const more = e.rejected - e.errors.length;
  return html`<div class="rejected">
<p><strong>File ${e.id}</strong> <span class="path">${e.path}</span>: ${count(e.rejected, 'record')} rejected${more > 0 ? ` (the first ${num(e.errors.length)} are listed; all are kept in the case, up to 10,000 per file)` : ''}.</p>
<table class="data errors">
<thead><tr><th scope="col" class="num">Line</th><th scope="col" class="num">Record</th><th scope="col">Why it was rejected</th></tr></thead>
<tbody>${e.errors.map((r) => html`<tr><td class="num">${r.line ?? '–'}</td><td class="num">${r.record ?? '–'}</td><td class="wrap">${r.message}</td></tr>`)}</tbody>
</table>
</div>`;
}

export function evidenceSection(model: ReportModel, number: string): Html {
  const zone = model.zone;
  const files = model.evidence;
  const totals = files.reduce(
    (t, e) => ({ records: t.records + e.records, events: t.events + e.events, duplicates: t.duplicates + e.duplicates, rejected: t.rejected + e.rejected }),
    { records: 0, events: 0, duplicates: 0, rejected: 0 },
  );
  const withRejects = files.filter((e) => e.rejected > 0);
  const unrecognised = files.filter((e) => e.format === null && e.container !== 'zip');
  const limitations: Html[] = [];
  if (withRejects.length > 0) {
    limitations.push(
      html`<p>${count(totals.rejected, 'record')} in ${count(withRejects.length, 'file')} could not be read or normalised and are not in the analysis. Each is listed with its line (at most ${REPORT_LIMITS.errorsPerFile} per file here).</p>${withRejects.map(rejectedList)}`,
    );
  }
  if (unrecognised.length > 0) {
    limitations.push(html`<p>${count(unrecognised.length, 'file')} in the case had no recognised format: ${unrecognised.map((e) => e.path).join('; ')}.</p>`);
  }
  for (const p of model.importProblems) {
    limitations.push(
      html`<p>The import recorded as custody entry #${p.seq} (${at(p.at, zone)}, by ${p.actor}) met ${count(p.unrecognised, 'file')} that no importer recognised and ${count(p.unreadable, 'file')} that could not be read; such files are not in the case, so their names are not kept in it (the import's own output lists them). The import was given: ${p.paths.join('; ')}.</p>`,
    );
  }
  for (const e of files) {
    if (e.truncated === null) continue;
    limitations.push(
      html`<p><strong>File ${e.id}</strong> <span class="path">${e.path}</span> may have been cut off: its last record${
        e.truncated.line === null ? '' : ` (line ${num(e.truncated.line)})`
      } could not be read (${e.truncated.message}). Events after it, if the export had any, are not in the case.</p>`,
    );
  }
  const duplicated = files.filter((e) => e.duplicates > 0);
  if (duplicated.length > 0) {
    limitations.push(
      html`<p>${count(totals.duplicates, 'record')} in ${count(duplicated.length, 'file')} repeated events already in the case (overlapping exports) and were counted once.</p>`,
    );
  }
  const gapped = files.filter((e) => e.gaps.length > 0);
  if (gapped.length > 0) {
    limitations.push(
      html`<p>Stretches of ${formatDuration(REPORT_LIMITS.gapMs)} or more without a single event, the longest ${REPORT_LIMITS.gapsPerFile} per file. A gap may be a quiet night or weekend, or a part of the log that was not exported; the analyst should rule out the second.</p>
<ul class="gaps">${gapped.map(
        (e) =>
          html`<li><strong>File ${e.id}</strong> <span class="path">${e.path}</span>: ${list(e.gaps.map((g) => `${span(g.start, g.end, zone)} (${formatDuration(g.end - g.start)})`))}</li>`,
      )}</ul>`,
    );
  }
  const periods = files.filter((e) => e.period !== null);
  const starts = periods.map((e) => e.period?.first ?? 0);
  const ends = periods.map((e) => e.period?.last ?? 0);
  if (periods.length > 1 && (Math.max(...starts) - Math.min(...starts) > REPORT_LIMITS.gapMs || Math.max(...ends) - Math.min(...ends) > REPORT_LIMITS.gapMs)) {
    limitations.push(
      html`<p>The files cover different periods (see each file's events above): outside a file's period, the absence of its events says nothing.</p>`,
    );
  }
  if (limitations.length === 0) {
    limitations.push(html`<p>Every record of every file was read: no record was rejected and every file was recognised.</p>`);
  }
  return html`<section class="major" id="evidence">
<h2><span class="no">${number}</span> Evidence</h2>
<p>${count(files.length, 'file')} ${files.length === 1 ? 'was' : 'were'} imported into the case. Each file was hashed with SHA-256 as it was read; the hash identifies the exact bytes the analysis is based on (for a .gz file, the compressed bytes). Records: read from the file; events: added to the case; duplicates: events already in the case, not added again; rejected: records that could not be read.</p>
<table class="data evidence">
<thead><tr><th scope="col" class="num">#</th><th scope="col">File</th><th scope="col">Format</th><th scope="col" class="num">Records</th><th scope="col" class="num">Events</th><th scope="col" class="num">Duplicates</th><th scope="col" class="num">Rejected</th></tr></thead>
${files.map((e) => fileRows(e, zone))}
<tbody class="total"><tr><td></td><td><strong>Total</strong></td><td></td><td class="num">${num(totals.records)}</td><td class="num">${num(totals.events)}</td><td class="num">${num(totals.duplicates)}</td><td class="num">${num(totals.rejected)}</td></tr></tbody>
</table>
<h3 id="limitations">Limitations</h3>
${limitations}
<p>PushTrail sees only what the exported logs contain: events the vendors did not log, or that fall outside the exported period${
    model.caseSpan === null ? '' : ` (${at(model.caseSpan.first, zone)} to ${at(model.caseSpan.last, zone)})`
  }, are not in this analysis.</p>
</section>`;
}
