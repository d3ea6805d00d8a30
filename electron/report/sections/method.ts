/**
 * Method: the engine version, every rule with whether it ran and its parameters (from the
 * settings stored with the last run, so a reviewer can repeat it), how times and places were
 * handled, and how users were assessed.
 */
import type { ParamDoc, ParamValue } from '../../../shared/rules/rule.js';
import { RULES } from '../../../shared/rules/index.js';
import { html, type Html } from '../html.js';
import type { ReportModel } from '../model.js';
import { count, num } from '../../../shared/format/count.js';
import { at } from '../text.js';

function valueText(value: ParamValue | undefined, doc: ParamDoc): string {
  if (value === undefined) return '–';
  if (doc.kind === 'number') return `${String(value)} ${doc.unit}`;
  return String(value);
}

function ruleBlock(model: ReportModel, index: number, number: string): Html {
  const rule = RULES[index];
  if (rule === undefined) return html``;
  const setting = model.settings[rule.id];
  const docs: Readonly<Record<string, ParamDoc>> = rule.paramDocs;
  const defaults: Readonly<Record<string, ParamValue>> = rule.params;
  const byRule = model.detection?.stats['findingsByRule'];
  const found = typeof byRule === 'object' && byRule !== null ? (byRule as Record<string, unknown>)[rule.id] : undefined;
  const findings = model.detection === null ? '' : ` · ${count(typeof found === 'number' ? found : 0, 'finding')} in the last run`;
  const related = rule.attack.related.length > 0 ? ` (related: ${rule.attack.related.join(', ')})` : '';
  const rows = Object.entries(docs).map(([name, doc]) => {
    const value = setting.params[name];
    const changed = value !== defaults[name];
    return html`<tr${changed ? html` class="changed"` : ''}><td class="mono">${name}</td><td class="num">${valueText(value, doc)}${changed ? html`<br><span class="small">default ${valueText(defaults[name], doc)}</span>` : ''}</td><td class="small">${doc.why}</td></tr>`;
  });
  return html`<div class="rule">
<h4><span class="no">${number}</span> ${rule.title} <span class="mono small">${rule.id}</span> ${
    setting.enabled ? html`<span class="badge on">enabled</span>` : html`<span class="badge off">disabled</span>`
  }</h4>
<p class="small">${rule.scope === 'user' ? 'Per user' : 'Across users'} · MITRE ATT&amp;CK ${rule.attack.technique}${related}${findings}</p>
<p>${rule.description}</p>
<table class="data params">
<thead><tr><th scope="col">Parameter</th><th scope="col" class="num">Value</th><th scope="col">Why this value</th></tr></thead>
<tbody>${rows}</tbody>
</table>
</div>`;
}

export function methodSection(model: ReportModel, number: string): Html {
  const run = model.detection;
  const zone = model.zone;
  const stats = run?.stats ?? {};
  const events = typeof stats['events'] === 'number' ? stats['events'] : null;
  const users = typeof stats['users'] === 'number' ? stats['users'] : null;
  const unattributed = typeof stats['unattributed'] === 'number' ? stats['unattributed'] : 0;
  const changed = RULES.filter((r) => {
    const s = model.settings[r.id];
    return !s.enabled || Object.entries(r.params).some(([k, v]) => s.params[k] !== v);
  });
  const runText =
    run === null
      ? html`<p><strong>Detection has not been run on this case.</strong> The rules and parameters below are the settings stored in the case, which the next run will use.</p>`
      : html`<p>Detection ran with PushTrail engine <strong>${run.engineVersion}</strong> from ${at(run.startedAt, zone)} to ${at(run.finishedAt, zone)}${
          events === null ? '' : `, over ${count(events, 'event')}${users === null ? '' : ` of ${count(users, 'user')}`}`
        }${unattributed > 0 ? ` (${count(unattributed, 'event')} named no user and counted only for cross-user rules)` : ''}. The same events with the same settings always give the same findings: rules use no clock and no randomness.</p>`;
  return html`<section class="major" id="method">
<h2><span class="no">${number}</span> Method</h2>
${runText}
<ul>
<li><strong>Times.</strong> Every vendor time is converted to UTC at import and stored in UTC milliseconds; this report shows them in the case's display zone, <strong>${zone}</strong>, naming the zone with every time. Finding summaries write their times in UTC.</li>
<li><strong>Normalisation.</strong> Each vendor's records (Okta, Entra ID, Microsoft 365, Duo, Google Workspace, AWS CloudTrail, PingOne, syslog) are mapped to one authentication-event model: time, user, outcome, factor, source address and place, answering device, vendor event and reason. The original record is kept verbatim beside each event (Appendix A prints those behind the findings).</li>
<li><strong>Places.</strong> Locations come from the vendor's own record where it has one, otherwise from the bundled offline DB-IP Lite database (IP Geolocation by DB-IP, CC BY 4.0). Geo-IP places an address at city level at best; mobile carriers are often hundreds of kilometres off.</li>
<li><strong>Assessment.</strong> Each user's findings give a verdict: <em>compromised</em> when an attack succeeded (a prompt approved after a burst, a factor change after a suspicious approval, an approved prompt answered from a distant device, or an approval from a source that attacked many users); <em>attacked</em> when an attack finding of medium or higher severity shows no success; <em>suspicious</em> with weaker signals only; <em>clear</em> otherwise. Risk 0–100: the most severe finding gives the base, each further rule adds 5, held in the verdict's band.</li>
<li><strong>Settings.</strong> ${
    changed.length === 0
      ? 'Every rule ran with its default parameters.'
      : `Changed from the defaults: ${changed.map((r) => r.id).join(', ')} (changed values are marked below).`
  }</li>
</ul>
<h3>Rules (${num(RULES.length)})</h3>
${RULES.map((_, i) => ruleBlock(model, i, `${number}.${i + 1}`))}
</section>`;
}
