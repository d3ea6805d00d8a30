/**
 * The executive summary: sentences written from the findings and their numbers (who was
 * attacked, who was compromised, when, from where), then the users at risk. The same sentences
 * go into the JSON export, so both say exactly the same thing.
 */
import { ATTACK_RULES } from '../../../shared/detect/assess.js';
import type { Severity } from '../../../shared/model/case.js';
import type { Network, Vendor } from '../../../shared/model/event.js';
import { burstOutcomes, type Finding } from '../../../shared/model/finding.js';
import { html, type Html } from '../html.js';
import type { ReportModel, UserReport } from '../model.js';
import { count, num } from '../../../shared/format/count.js';
import { at, describeNet, list, span, verdictBadge } from '../text.js';

export const VENDOR_NAME: Readonly<Record<Vendor, string>> = {
  okta: 'Okta',
  entra: 'Microsoft Entra ID',
  m365: 'Microsoft 365',
  duo: 'Cisco Duo',
  google: 'Google Workspace',
  cloudtrail: 'AWS CloudTrail',
  pingone: 'PingOne / PingID',
  syslog: 'Linux syslog',
  analyst: 'analyst entries',
};

const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

function vendorName(v: string): string {
  return (VENDOR_NAME as Readonly<Record<string, string>>)[v] ?? v;
}

/** The user's display name in brackets, when the logs give one. */
function named(u: UserReport): string {
  const name = u.displayNames[0];
  return name === undefined ? u.assessment.user : `${u.assessment.user} (${name})`;
}

/** Detail keys in which attack rules name the addresses the prompts came from. */
const SOURCE_KEYS = ['sourceIps', 'fromIp'] as const;

/**
 * Where the attack came from: the source addresses the attack findings name (the user's own
 * answering device, e.g. in a fraud report, is not an attack source), with a place and network
 * taken from an event that carries the address.
 */
function attackSources(users: readonly UserReport[]): { ip: string; net: Network | undefined; users: Set<string> }[] {
  const bySource = new Map<string, { ip: string; net: Network | undefined; users: Set<string> }>();
  for (const u of users) {
    for (const f of u.findings) {
      if (!ATTACK_RULES.has(f.rule) || f.rule === 'fraud-report') continue;
      const ips = SOURCE_KEYS.flatMap((k) => {
        const v = f.detail[k];
        return typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
      });
      for (const ip of ips) {
        let s = bySource.get(ip);
        if (s === undefined) bySource.set(ip, (s = { ip, net: undefined, users: new Set() }));
        s.users.add(u.assessment.user);
        s.net ??= [...u.keyEvents, ...u.events].find((e) => e.source?.ip === ip)?.source;
      }
    }
  }
  return [...bySource.values()].sort((a, b) => b.users.size - a.users.size || (a.ip < b.ip ? -1 : 1));
}

function topFinding(u: UserReport): Finding | undefined {
  return u.findings.find((f) => ATTACK_RULES.has(f.rule)) ?? u.findings[0];
}

/** Plain sentences with the case's numbers. */
export function summarySentences(model: ReportModel): string[] {
  const out: string[] = [];
  const zone = model.zone;
  const vendors = model.vendors.map((v) => `${vendorName(v.vendor)} ${num(v.events)}`);
  const period = model.span === null ? '' : `, from ${at(model.span.first, zone)} to ${at(model.span.last, zone)}`;
  const chosen = model.scope.users;
  if (chosen === null) {
    out.push(
      `The case holds ${count(model.counts.events, 'authentication event')} of ${count(model.assessments.length, 'user')} read from ${count(model.evidence.length, 'evidence file')}` +
        `${vendors.length > 0 ? ` (${list(vendors)} events)` : ''}${period}.`,
    );
  } else {
    out.push(
      chosen.length === 1
        ? `This report covers one user, ${chosen[0] ?? ''}: ${count(model.span?.events ?? 0, 'authentication event')}${period}.`
        : `This report covers ${count(chosen.length, 'chosen user')} (${list(chosen)}) of a case of ${count(model.counts.events, 'authentication event')}${period}.`,
    );
  }

  const run = model.detection;
  if (run === null) {
    out.push('Detection has not been run on this case, so there are no findings yet; run "pushtrail detect" and report again.');
    return out;
  }
  const bySeverity = SEVERITIES.map((s) => [s, model.findings.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
  out.push(
    `Detection (engine ${run.engineVersion}, run ${at(run.finishedAt, zone)}) produced ${count(model.findings.length, 'finding')}` +
      `${bySeverity.length > 0 ? `: ${list(bySeverity.map(([s, n]) => `${num(n)} ${s}`))}` : ''}.`,
  );

  const sections = model.users.filter((u) => u.assessment.verdict === 'compromised' || u.assessment.verdict === 'attacked');
  const compromised = sections.filter((u) => u.assessment.verdict === 'compromised');
  const attacked = sections.filter((u) => u.assessment.verdict === 'attacked');
  if (sections.length === 0) {
    out.push(chosen === null ? 'No user was found to be attacked or compromised.' : `${list(chosen, 'or')} ${chosen.length === 1 ? 'was' : 'were'} not found to be attacked or compromised.`);
  } else {
    out.push(
      `${count(sections.length, 'user was', 'users were')} targeted by MFA request generation (push bombing, MITRE ATT&CK T1621): ` +
        `${count(compromised.length, 'user appears', 'users appear')} compromised${compromised.length > 0 ? ` (${list(compromised.map(named))})` : ''} and ` +
        `${count(attacked.length, 'user was', 'users were')} attacked without a sign that the attack succeeded${attacked.length > 0 ? ` (${list(attacked.map(named))})` : ''}.`,
    );
    const attackFindings = sections.flatMap((u) => u.findings.filter((f) => ATTACK_RULES.has(f.rule)));
    if (attackFindings.length > 0) {
      const start = Math.min(...attackFindings.map((f) => f.start));
      const end = Math.max(...attackFindings.map((f) => f.end));
      out.push(`The attack findings span ${span(start, end, zone)}.`);
    }
    const sources = attackSources(sections);
    if (sources.length > 0) {
      const top = sources.slice(0, 3).map((s) => `${s.net === undefined ? s.ip : describeNet(s.net)} (against ${s.users.size === sections.length && sections.length > 1 ? `all ${sections.length} users` : count(s.users.size, 'user')})`);
      out.push(
        `The attack findings name ${count(sources.length, 'source address', 'source addresses')} of the prompts: ${list(top)}${sources.length > 3 ? ` and ${num(sources.length - 3)} more` : ''}.`,
      );
    }
    for (const u of [...compromised, ...attacked]) {
      const f = topFinding(u);
      if (f === undefined) continue;
      out.push(`${u.assessment.user} (${u.assessment.verdict}, risk ${u.assessment.risk}): ${f.summary}`);
    }
    const reporters = [...new Set(model.findings.filter((f) => f.rule === 'fraud-report').flatMap((f) => f.users))];
    out.push(
      reporters.length > 0
        ? `${count(reporters.length, 'user')} reported prompts as fraud: ${list(reporters)}.`
        : `None of the attacked users reported the prompts as fraud.`,
    );
  }
  if (chosen === null) {
    const suspicious = model.assessments.filter((a) => a.verdict === 'suspicious').length;
    const clear = model.assessments.filter((a) => a.verdict === 'clear').length;
    out.push(
      `${count(suspicious, 'further user shows', 'further users show')} only weaker signals (suspicious) and ${count(clear, 'user is', 'users are')} clear; ` +
        `${count(model.otherFindings.length, 'finding')} outside the user sections ${model.otherFindings.length === 1 ? 'is' : 'are'} listed under "Other findings".`,
    );
  }
  return out;
}

/** The analyst's own words, paragraph by paragraph, as text. */
function narrative(model: ReportModel): Html {
  const paragraphs = model.text.narrative
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (paragraphs.length === 0) return html``;
  const by = model.text.updatedBy === null || model.text.updatedAt === null ? '' : ` (${model.text.updatedBy}, ${at(model.text.updatedAt, model.zone)})`;
  return html`<div class="narrative"><h3>The analyst's account</h3>${paragraphs.map((p) => html`<p>${p}</p>`)}<p class="small">Written by the analyst${by}. The findings below are PushTrail's, from the case data.</p></div><h3>What the evidence shows</h3>`;
}

/** "denied, approved": how each prompt campaign against the user ended, or a dash. */
function campaigns(model: ReportModel, user: string): string {
  const outcomes = burstOutcomes(model.findings.filter((f) => f.user === user));
  return outcomes.length === 0 ? '–' : outcomes.join(', ');
}

export function summarySection(model: ReportModel, number: string): Html {
  const sentences = summarySentences(model);
  const atRisk = model.assessments.filter((a) => a.verdict !== 'clear');
  const table =
    atRisk.length === 0
      ? html`<p>No user has findings of low severity or above.</p>`
      : html`<table class="data users">
<caption>Users with findings, by risk (${count(atRisk.length, 'user')}). Prompts: MFA push, SMS and voice challenges in the whole case.</caption>
<thead><tr><th scope="col">User</th><th scope="col">Verdict</th><th scope="col">Prompt campaigns</th><th scope="col" class="num">Risk</th><th scope="col" class="num">Events</th><th scope="col" class="num">Prompts</th><th scope="col" class="num">Denied</th><th scope="col" class="num">Timed out</th><th scope="col" class="num">Approved</th><th scope="col" class="num">Findings</th></tr></thead>
<tbody>${atRisk.map(
          (a) =>
            html`<tr><td class="wrap">${a.user}</td><td>${verdictBadge(a.verdict)}</td><td class="wrap">${campaigns(model, a.user)}</td><td class="num">${a.risk}</td><td class="num">${num(a.counts.events)}</td><td class="num">${num(a.counts.challenges)}</td><td class="num">${num(a.counts.denied)}</td><td class="num">${num(a.counts.timeouts)}</td><td class="num">${num(a.counts.approved)}</td><td class="num">${a.findingIds.length}</td></tr>`,
        )}</tbody>
</table>`;
  return html`<section class="major" id="summary">
<h2><span class="no">${number}</span> Executive summary</h2>
${narrative(model)}
<div class="sentences">${sentences.map((s, i) => (i === 0 ? html`<p class="lead">${s}</p>` : html`<p>${s}</p>`))}</div>
${table}
</section>`;
}
