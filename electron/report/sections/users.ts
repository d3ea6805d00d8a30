/**
 * One section per attacked or compromised user (or the one user of a --user report): verdict,
 * risk and reasons, the findings with their summaries, the sequence chart, the map and the key
 * events; then the findings no user section shows.
 */
import type { AnalystEvent } from '../../../shared/model/analyst-event.js';
import type { Annotation } from '../../../shared/model/annotation.js';
import type { Severity } from '../../../shared/model/case.js';
import type { StoredEvent } from '../../../shared/model/event.js';
import type { Finding } from '../../../shared/model/finding.js';
import { ruleById } from '../../../shared/rules/index.js';
import { ANALYST_MARK } from '../../../shared/view/chart-layout.js';
import { analystAsEvent } from '../../../shared/view/entries.js';
import { networkOf, placeOf } from '../../../shared/view/labels.js';
import { mapChart } from '../charts/map-svg.js';
import { sequenceChart } from '../charts/sequence-svg.js';
import { html, type Html } from '../html.js';
import type { ReportModel, UserReport } from '../model.js';
import { baseName } from '../../../shared/format/path.js';
import { count, num } from '../../../shared/format/count.js';
import { at, list, outcomeSymbol, outcomeText, severityBadge, span, verdictBadge } from '../text.js';

/**
 * A person the events name by several identities: each, with the vendors that name it (an id no
 * event names is "id only"). A person whose only other identity is its own vendor id gets no line.
 */
function identitiesLine(u: UserReport): Html | string {
  if (u.identities.filter((i) => i.events > 0).length < 2) return '';
  const each = u.identities.map((i) => `${i.identity} (${i.vendors.length === 0 ? 'id only' : `${i.vendors.join(', ')}: ${count(i.events, 'event')}`})`);
  return html`<p class="aka">One person, ${count(u.identities.length, 'identity', 'identities')}: ${list(each)}.</p>`;
}

export function userAnchor(index: number): string {
  return `user-${index + 1}`;
}

export function findingsTable(findings: readonly Finding[], zone: string, showUser: boolean): Html {
  return html`<table class="data findings">
<thead><tr><th scope="col" class="sev-col">Severity</th><th scope="col">Finding</th>${showUser ? html`<th scope="col">User or source</th>` : ''}<th scope="col" class="when">When (${zone})</th><th scope="col">Summary</th></tr></thead>
<tbody>${findings.map(
    (f) =>
      html`<tr><td>${severityBadge(f.severity)}</td><td><strong>${ruleById(f.rule).title}</strong><br><span class="mono small">${f.id}</span></td>${
        showUser ? html`<td class="wrap">${f.user ?? f.source ?? ''}${f.user === null && f.users.length > 0 ? html`<br><span class="small">${count(f.users.length, 'user')}</span>` : ''}</td>` : ''
      }<td class="when">${span(f.start, f.end, zone)}</td><td class="summary">${f.summary}</td></tr>`,
  )}</tbody>
</table>`;
}

function place(net: StoredEvent['source']): Html {
  if (net === undefined) return html``;
  const where = [placeOf(net), networkOf(net)].filter((p): p is string => p !== undefined && p !== '');
  return html`<span class="mono">${net.ip}</span>${where.length > 0 ? html`<br><span class="small">${where.join(', ')}</span>` : ''}`;
}

/** A row for an analyst's entry: marked, in the analyst's words, naming who entered it and no evidence. */
function analystRow(model: ReportModel, a: AnalystEvent): Html {
  const e = analystAsEvent(a);
  return html`<tr class="analyst">
<td class="when"><span class="analyst-mark" title="${ANALYST_MARK.title}">${ANALYST_MARK.letter}</span> ${at(a.time, model.zone)}</td>
<td>${outcomeSymbol(a.outcome)} ${outcomeText(e)}</td>
<td colspan="3" class="wrap"><span class="label">Analyst-entered, not evidence:</span> ${a.description}</td>
<td class="small wrap">entered by ${a.analyst}<br>${at(a.createdAt, model.zone)}</td>
</tr>`;
}

function keyEventsTable(model: ReportModel, u: UserReport): Html {
  const files = new Map(model.evidence.map((e) => [e.id, e]));
  const evidenceRows = u.keyEvents.map((e) => {
    const file = files.get(e.ref.evidenceId);
    const where = `${file === undefined ? `evidence ${e.ref.evidenceId}` : baseName(file.path)}${e.ref.line === undefined ? `, record ${e.ref.record}` : `, line ${e.ref.line}`}`;
    const responder = e.responder === undefined ? html`` : html`${e.responder.name === undefined ? '' : html`${e.responder.name}<br>`}${place(e.responder)}`;
    return html`<tr>
<td class="when">${at(e.time, model.zone)}</td>
<td>${outcomeSymbol(e.outcome)} ${outcomeText(e)}</td>
<td>${place(e.source)}</td>
<td>${responder}</td>
<td class="wrap">${e.vendorEvent}${e.reason === undefined ? '' : html`<br><span class="small">${e.reason}</span>`}</td>
<td class="small wrap">#${e.id}<br>${where}</td>
</tr>`;
  });
  // The analyst's entries join the table in time order; they are few, so all of them are shown.
  const rows = [...u.keyEvents.map((e, i) => ({ time: e.time, row: evidenceRows[i] ?? html`` })), ...u.analystEvents.map((a) => ({ time: a.time, row: analystRow(model, a) }))]
    .sort((a, b) => a.time - b.time)
    .map((r) => r.row);
  const more = u.keyEventsTotal - u.keyEvents.length;
  const entries = u.analystEvents.length;
  return html`<table class="data events">
<caption>Key events: the evidence events of the findings above${
    more > 0 ? `, the first ${num(u.keyEvents.length)} of ${num(u.keyEventsTotal)} by severity of finding (all are in the CSV export)` : ''
  }, in time order${
    entries > 0
      ? `, with the analyst's ${count(entries, 'entry', 'entries')} for this user (rows marked ${ANALYST_MARK.letter}: what a witness or the analyst reported, entered in PushTrail; not evidence, not counted in any figure of this report and cited by no finding)`
      : ''
  }. Times in ${model.zone}.</caption>
<thead><tr><th scope="col" class="when">Time (${model.zone})</th><th scope="col">Outcome (factor)</th><th scope="col">Source (IP, place)</th><th scope="col">Responder</th><th scope="col">Vendor event / reason</th><th scope="col">Event</th></tr></thead>
<tbody>${rows}</tbody>
</table>`;
}

function userSection(model: ReportModel, u: UserReport, index: number, number: string): Html {
  const a = u.assessment;
  const zone = model.zone;
  const c = a.counts;
  const [verdictReason, ...findingReasons] = a.reasons;
  const key = userAnchor(index);
  let figures: Html = html`<p class="note">No findings concern this user, so there is no incident to chart.</p>`;
  if (u.window !== null) {
    const chart = sequenceChart(key, u.events, u.analystEvents, u.findings, u.window, zone);
    const map = mapChart(u.events);
    const notDrawn = u.eventsInWindow - u.events.length;
    const sources = map.model.sources.slice(0, 4).map((p) => `${p.label} (${num(p.count)})`);
    const devices = map.model.responders.slice(0, 4).map((p) => `${p.label} (${num(p.count)})`);
    figures = html`<figure class="chart">
<figcaption><strong>Figure ${number}a.</strong> Authentication sequence of ${a.user}, ${span(u.window.start, u.window.end, zone)}: the main incident of this user's findings.
Lanes from top: sign-in attempts by source IP, MFA challenges by factor, responses. Shaded boxes and bars: findings (${count(chart.spans, 'span')}).
${count(u.events.length, 'event')} shown${notDrawn > 0 ? `, ${num(notDrawn)} more in this window not drawn` : ''}; the user has ${num(u.eventsTotal)} events in the case.${
      chart.analyst > 0 ? ` Framed and marked ${ANALYST_MARK.letter}: the analyst's ${count(chart.analyst, 'entry', 'entries')}, drawn for context, not evidence and not counted.` : ''
    }</figcaption>
${chart.svg}
${chart.legend}
</figure>
<figure class="chart">
<figcaption><strong>Figure ${number}b.</strong> Where the sign-ins of the same window came from and where the prompts were answered (offline map, Natural Earth 1:110m).
Attempts from: ${sources.length > 0 ? list(sources) : 'no located source'}. Answered in: ${devices.length > 0 ? list(devices) : 'no located device'}.</figcaption>
${map.svg}
${map.legend}
</figure>`;
  }
  const names = u.displayNames.length > 0 ? html`<p class="aka">Named in the logs as ${list(u.displayNames.map((n) => `"${n}"`))}.</p>` : '';
  return html`<section class="user" id="${key}">
<h3><span class="no">${number}</span> ${a.user}</h3>
${names}
${identitiesLine(u)}
<div class="verdict">
<p>${verdictBadge(a.verdict)} <strong>Risk ${a.risk} / 100.</strong> ${verdictReason ?? 'No findings.'}</p>
<p class="small">In the whole case: ${count(c.events, 'event')}, ${count(c.challenges, 'MFA prompt')} (${num(c.denied)} denied, ${num(c.timeouts)} timed out or unanswered, ${num(c.approved)} approved, ${num(c.fraud)} reported as fraud).</p>
${findingReasons.length > 0 ? html`<ul class="reasons">${findingReasons.map((r) => html`<li>${r}</li>`)}</ul>` : ''}
</div>
<h4>Findings (${u.findings.length})</h4>
${u.findings.length > 0 ? findingsTable(u.findings, zone, false) : html`<p>None.</p>`}
${figures}
${u.keyEvents.length + u.analystEvents.length > 0 ? html`<h4>Key events</h4>${keyEventsTable(model, u)}` : ''}
${notesPart(model, u)}
</section>`;
}

/** "Starred · tags: a, b" and the note, as text. */
function annotationText(a: Annotation): Html {
  const marks = [a.starred ? 'Starred' : '', a.tags.length > 0 ? `tags: ${a.tags.join(', ')}` : ''].filter((m) => m !== '').join(' · ');
  return html`${marks === '' ? '' : html`<span class="label">${marks}</span> `}${a.note === '' ? '' : html`<span class="wrap">${a.note}</span>`}`;
}

function noteRows(model: ReportModel, rows: readonly { what: Html; a: Annotation }[]): Html {
  return html`<table class="data notes">
<thead><tr><th scope="col">On</th><th scope="col">Analyst's marks and note</th><th scope="col">By</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><td class="wrap">${r.what}</td><td class="note-text">${annotationText(r.a)}</td><td class="small">${r.a.analyst}<br>${at(r.a.updatedAt, model.zone)}</td></tr>`)}</tbody>
</table>`;
}

function notesPart(model: ReportModel, u: UserReport): Html {
  const n = u.notes;
  const rows: { what: Html; a: Annotation }[] = [];
  if (n.user !== null) rows.push({ what: html`The user`, a: n.user });
  for (const { finding, annotation } of n.findings) rows.push({ what: html`Finding ${ruleById(finding.rule).title}<br><span class="mono small">${finding.id}</span>`, a: annotation });
  for (const { event, annotation } of n.events) rows.push({ what: html`Event #${event.id}, ${at(event.time, model.zone)}<br><span class="small">${outcomeText(event)}${event.source === undefined ? '' : ` from ${event.source.ip}`}</span>`, a: annotation });
  for (const a of n.entities) rows.push({ what: html`<span class="mono">${a.target}</span>`, a });
  if (rows.length === 0) return html``;
  return html`<h4>Tagged items and notes (${rows.length})</h4>${noteRows(model, rows)}`;
}

const MINOR: ReadonlySet<Severity> = new Set<Severity>(['low', 'info']);

/** Low and info findings of users without a section: one row per user, not one per finding. */
function minorTable(model: ReportModel, minor: readonly Finding[]): Html {
  const byUser = new Map<string, Finding[]>();
  for (const f of minor) {
    const key = f.user ?? f.source ?? '';
    const list = byUser.get(key);
    if (list === undefined) byUser.set(key, [f]);
    else list.push(f);
  }
  const rows = [...byUser].map(([who, fs]) => {
    const rules = new Map<string, number>();
    for (const f of fs) rules.set(ruleById(f.rule).title, (rules.get(ruleById(f.rule).title) ?? 0) + 1);
    const start = Math.min(...fs.map((f) => f.start));
    const end = Math.max(...fs.map((f) => f.end));
    return html`<tr><td class="wrap">${who}</td><td>${[...rules].map(([t, n]) => `${t}${n > 1 ? ` ×${n}` : ''}`).join('; ')}</td><td class="when">${span(start, end, model.zone)}</td></tr>`;
  });
  return html`<table class="data minor">
<caption>Low-severity signals, one row per user (${count(minor.length, 'finding')} of ${count(byUser.size, 'user')}); each finding's summary is in the JSON export and its records in Appendix A.</caption>
<thead><tr><th scope="col">User or source</th><th scope="col">Findings</th><th scope="col" class="when">When (${model.zone})</th></tr></thead>
<tbody>${rows}</tbody>
</table>`;
}

function otherNotesPart(model: ReportModel): Html {
  if (model.otherNotes.length === 0) return html``;
  const what = (a: Annotation): Html => html`${a.kind === 'event' ? `Event #${a.target}` : a.kind === 'finding' ? `Finding ${a.target}` : a.kind === 'user' ? `User ${a.target}` : a.target}`;
  return html`<h4>Other tagged items and notes (${model.otherNotes.length})</h4>${noteRows(
    model,
    model.otherNotes.map((a) => ({ what: what(a), a })),
  )}`;
}

export interface UsersSection {
  html: Html;
  /** Table of contents entries for the sub-sections. */
  entries: { id: string; number: string; title: string }[];
}

export function usersSection(model: ReportModel, number: string): UsersSection {
  const entries: UsersSection['entries'] = [];
  const parts = model.users.map((u, i) => {
    const sub = `${number}.${i + 1}`;
    entries.push({ id: userAnchor(i), number: sub, title: `${u.assessment.user} (${u.assessment.verdict})` });
    return userSection(model, u, i, sub);
  });
  const otherNo = `${number}.${model.users.length + 1}`;
  if (model.otherFindings.length > 0 || model.otherNotes.length > 0) entries.push({ id: 'other-findings', number: otherNo, title: 'Other findings' });
  const title = usersTitle(model);
  const intro =
    model.users.length === 0
      ? html`<p>No user was assessed as attacked or compromised.</p>`
      : html`<p>${count(model.users.length, 'user')} ${model.scope.users === null ? 'assessed as attacked or compromised, most at risk first' : 'chosen for this report'}. Each section gives the verdict and its reasons, the findings with their numbers, a chart of the authentication sequence around the main incident, a map, and the key events. The verbatim records behind every finding are in Appendix A.</p>`;
  const major = model.otherFindings.filter((f) => !MINOR.has(f.severity));
  const minor = model.otherFindings.filter((f) => MINOR.has(f.severity));
  const others =
    model.otherFindings.length === 0 && model.otherNotes.length === 0
      ? ''
      : html`<section class="other" id="other-findings">
<h3><span class="no">${otherNo}</span> Other findings</h3>
<p>Findings of users not assessed as attacked or compromised, and cross-user findings not shown above: ${count(model.otherFindings.length, 'finding')}${
          minor.length > 0 ? `, of which ${num(minor.length)} of low severity are summarised per user` : ''
        }. Their records are in Appendix A.</p>
${major.length > 0 ? findingsTable(major, model.zone, true) : ''}
${minor.length > 0 ? minorTable(model, minor) : ''}
${otherNotesPart(model)}
</section>`;
  return {
    html: html`<section class="major" id="users">
<h2><span class="no">${number}</span> ${title}</h2>
${intro}
${parts}
${others}
</section>`,
    entries,
  };
}

export function usersTitle(model: ReportModel): string {
  if (model.scope.users === null) return 'Attacked and compromised users';
  return model.scope.users.length === 1 ? 'The user' : 'The users';
}
