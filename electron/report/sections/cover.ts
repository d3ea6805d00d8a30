/** The cover: what the report is about, who made it, when, with what, and in which time zone. */
import { html, type Html } from '../html.js';
import type { ReportModel } from '../model.js';
import { count } from '../../../shared/format/count.js';
import { at, span } from '../text.js';
import { fingerprintText, sealLine } from '../../integrity/report-check.js';

/**
 * The content digest the case's last custody entry sealed, and the keys that signed its log:
 * \`pushtrail verify <case> --report <this file>\` reads them back from here (report-check.ts).
 */
function sealRows(model: ReportModel): Html {
  const seal = model.seal;
  if (seal === null) return html``;
  return html`<tr><th scope="row">Integrity</th><td class="mono small">${sealLine(seal.entry)}</td></tr>
${seal.keys.map((k) => html`<tr><th scope="row">Signed by</th><td class="mono small">Signing key ${fingerprintText(k.fingerprint)} (${k.analyst})</td></tr>`)}`;
}

export function coverSection(model: ReportModel, contents: Html): Html {
  const { meta, zone } = model;
  const chosen = model.scope.users;
  const scope = chosen === null ? 'The whole case' : `${chosen.length === 1 ? 'One user' : `${chosen.length} users`}: ${chosen.join(', ')}`;
  const { client, reference } = model.text;
  const period = model.caseSpan === null ? 'no events' : span(model.caseSpan.first, model.caseSpan.last, zone);
  return html`<section class="cover" id="cover">
<p class="kicker">PushTrail case report · MFA request generation (MITRE ATT&amp;CK T1621)</p>
<h1>${meta.name}</h1>
<table class="meta">
<tbody>
${reference === '' ? '' : html`<tr><th scope="row">Case number</th><td>${reference}</td></tr>`}
<tr><th scope="row">Case id</th><td class="mono">${meta.caseId}</td></tr>
${client === '' ? '' : html`<tr><th scope="row">Client</th><td>${client}</td></tr>`}
<tr><th scope="row">Analyst</th><td>${meta.analyst}</td></tr>
<tr><th scope="row">Case created</th><td>${at(meta.createdAt, zone)}</td></tr>
<tr><th scope="row">Report date</th><td>${at(model.generatedAt, zone)}</td></tr>
<tr><th scope="row">PushTrail version</th><td>${model.toolVersion} (case schema ${model.schemaVersion})</td></tr>
<tr><th scope="row">Display time zone</th><td><strong>${zone}</strong>: every time in this report is shown in ${zone} and names its zone; the case stores all times in UTC.</td></tr>
<tr><th scope="row">Scope</th><td>${scope}</td></tr>
<tr><th scope="row">Evidence</th><td>${count(model.evidence.length, 'file')}, ${count(model.counts.events, 'event')}; ${period}</td></tr>
<tr><th scope="row">Case file</th><td class="path">${model.casePath}</td></tr>
${sealRows(model)}
</tbody>
</table>
${contents}
</section>`;
}
