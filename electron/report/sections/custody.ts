/** The chain-of-custody log: every change to the case, who made it, when, with which version. */
import type { CustodyEntry } from '../../../shared/model/case.js';
import { html, type Html } from '../html.js';
import type { ReportModel } from '../model.js';
import { count } from '../../../shared/format/count.js';
import { at } from '../text.js';

const MAX_DETAIL_CHARS = 700;

/** "key: value; key: value" with nested values as compact JSON, cut at a length a table can hold. */
export function detailText(detail: Record<string, unknown>): string {
  const text = Object.entries(detail)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('; ');
  return text.length > MAX_DETAIL_CHARS ? `${text.slice(0, MAX_DETAIL_CHARS - 1)}… (${text.length} characters; in full in the JSON export)` : text;
}

function row(e: CustodyEntry, zone: string): Html {
  return html`<tr><td class="num">${e.seq}</td><td class="when">${at(e.at, zone)}</td><td class="wrap">${e.actor}</td><td class="mono small">${e.action}</td><td class="detail">${detailText(e.detail)}</td><td class="small">${e.toolVersion}</td></tr>`;
}

export function custodySection(model: ReportModel, number: string): Html {
  return html`<section class="major" id="custody">
<h2><span class="no">${number}</span> Chain of custody</h2>
<p>The case's custody log: ${count(model.custody.length, 'entry', 'entries')}. Every change to the case is written in the same transaction as the change itself; entries can only be appended, and each carries the SHA-256 of the one before it, so a removed or altered entry breaks the chain. Each entry also seals a SHA-256 digest of the case's content (evidence hashes, every event and verbatim record, findings, annotations, settings) and is signed with the analyst's Ed25519 key; <span class="mono">pushtrail verify</span> recomputes the digest, checks the signatures and names whatever differs. Writing this report is recorded as the next entry, <span class="mono">report/export</span>, with the SHA-256 of the report file.</p>
<table class="data custody">
<thead><tr><th scope="col" class="num">#</th><th scope="col" class="when">Time (${model.zone})</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">Details</th><th scope="col">Version</th></tr></thead>
<tbody>${model.custody.map((e) => row(e, model.zone))}</tbody>
</table>
</section>`;
}
