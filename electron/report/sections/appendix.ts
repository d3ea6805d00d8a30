/**
 * Appendix A: the original records behind every finding, exactly as they stand in the evidence
 * files (monospace, wrapped to the page, never reformatted). Each record is printed once, under
 * the first finding that cites it; later findings refer back to it by event number.
 */
import { ruleById } from '../../../shared/rules/index.js';
import { clipped, html, type Html } from '../html.js';
import type { AppendixRecord } from '../model-appendix.js';
import type { ReportModel } from '../model.js';
import { baseName } from '../../../shared/format/path.js';
import { count, num } from '../../../shared/format/count.js';
import { at } from '../text.js';

/** Longest verbatim record printed whole (real records are 1-10 KB; the case keeps every byte of longer ones). */
const RAW_MAX_CHARS = 64 * 1024;

export function recordAnchor(eventId: number): string {
  return `rec-${eventId}`;
}

function record(r: AppendixRecord, zone: string): Html {
  const { event, evidence, raw } = r.detail;
  // One line per record: the file's full path and SHA-256 are in the Evidence section under its number.
  const where = [`file #${evidence.id} ${baseName(evidence.path)}`, evidence.line === null ? null : `line ${num(evidence.line)}`, `record ${num(evidence.record)}`]
    .filter((p): p is string => p !== null)
    .join(', ');
  return html`<div class="record" id="${recordAnchor(event.id)}">
<p class="record-head"><strong>Event ${event.id}</strong> · ${at(event.time, zone)} · ${event.user === '' ? 'no user' : event.user} · ${event.vendorEvent} · <span class="small">${where}</span></p>
<pre class="raw">${clipped(raw, RAW_MAX_CHARS)}</pre>
</div>`;
}

export function appendixSection(model: ReportModel, letter: string): Html {
  const { findings, records } = model.appendix;
  const printed = new Set<number>();
  const total = findings.reduce((n, f) => n + f.omitted, 0);
  const blocks = findings.map((af, i) => {
    const f = af.finding;
    const fresh: AppendixRecord[] = [];
    const earlier: number[] = [];
    for (const id of af.shown) {
      const r = records.get(id);
      if (r === undefined) continue;
      if (printed.has(id)) earlier.push(id);
      else {
        printed.add(id);
        fresh.push(r);
      }
    }
    const refs =
      earlier.length === 0
        ? ''
        : html`<p class="small">Also cites ${count(earlier.length, 'record')} printed earlier in this appendix: ${earlier.map((id, j) => html`${j > 0 ? ', ' : ''}<a href="#${recordAnchor(id)}">event ${id}</a>`)}.</p>`;
    const omitted =
      af.omitted === 0
        ? ''
        : html`<p class="note">${count(af.omitted, 'further record')} of this finding ${af.omitted === 1 ? 'is' : 'are'} not printed (at most ${model.appendix.limits.recordsPerFinding} per finding and ${num(model.appendix.limits.recordsTotal)} per report); every record stays in the case and each event is in the CSV and OCSF exports.</p>`;
    return html`<section class="finding-records" id="appendix-${i + 1}">
<h3><span class="no">${letter}.${i + 1}</span> ${ruleById(f.rule).title} · ${f.severity} · ${f.user ?? f.source ?? ''}</h3>
<p class="small">Finding <span class="mono">${f.id}</span>, ${count(f.eventIds.length, 'evidence event')}${f.eventIds.length > 0 ? `: ${f.eventIds.slice(0, 16).join(', ')}${f.eventIds.length > 16 ? ', …' : ''}` : ''}.</p>
${refs}
${fresh.map((r) => record(r, model.zone))}
${omitted}
</section>`;
  });
  return html`<section class="major appendix" id="appendix">
<h2><span class="no">Appendix ${letter}</span> Original records</h2>
<p>The ${count(records.size, 'record')} behind the ${count(findings.length, 'finding')} of this report, printed exactly as they stand in the evidence files: no character changed, long lines wrapped to the page. Each names its event, its evidence file (by the number under which the Evidence section gives its path and SHA-256) and its line and record number, so it can be found in the original file.${
    total > 0 ? ` ${count(total, 'citation')} of records beyond the limits ${total === 1 ? 'is' : 'are'} not printed; the findings say where.` : ''
  }</p>
${blocks}
</section>`;
}
