/**
 * vendor-anomaly (docs/log-sources.md §10 P7): the identity provider itself judged the MFA traffic hostile.
 * The parsers keep the vendor's reason/code in `reason` and the event name in `vendorEvent`;
 * matching is case-insensitive and tolerant of how the value is embedded. What is matched:
 *
 *   - Duo: reason `anomalous_push` (also written "anomalous push"): Duo's push-fatigue protection
 *     refused to send (docs/log-sources.md §4; Panther DUO.User.Denied.AnomalousPush).
 *   - Okta: event `security.threat.detected` (ThreatInsight), `user.risk.detect` (risk engine),
 *     `user.mfa.attempt_bypass` (Elastic "Attempted Bypass of Okta MFA") (docs/log-sources.md §1, §9).
 *   - Entra: error 50088, "telecom MFA call limit reached", as a whole number anywhere in reason or
 *     event name (the SMS/voice flood indicator, docs/log-sources.md §2).
 *   - Google Workspace: account_warning events `suspicious_login`, `suspicious_login_less_secure_app`,
 *     `suspicious_programmatic_login`, `gov_attack_warning` (docs/log-sources.md §5).
 */
import type { FindingDraft } from '../model/finding.js';
import { GapGrouper, userFinding, groupMinutesDoc } from './lib/draft.js';
import { count } from '../format/count.js';
import { MINUTE, utcSpan } from './lib/format.js';
import { describeSources } from './lib/geo.js';
import type { RuleEvent, UserRule } from './rule.js';

export type VendorAnomalyParams = { groupMinutes: number };

interface Matcher {
  kind: string;
  /** What the verdict means, in a sentence fragment. */
  says: string;
  /**
   * `name` is the vendor event name, trimmed and lower-cased; `text` is that name and the reason,
   * lower-cased. Nothing else of the event is given: verdicts are remembered by name and reason.
   */
  test(name: string, text: string): boolean;
}

/** Exported so tests and the UI can list exactly what is matched. */
export const VENDOR_ANOMALY_MATCHERS: readonly Matcher[] = [
  {
    kind: 'duo-anomalous-push',
    says: 'Duo refused to send pushes it judged anomalous (reason anomalous_push)',
    test: (_name, text) => /anomalous[ _-]?push/.test(text),
  },
  {
    kind: 'okta-threat',
    says: 'Okta ThreatInsight flagged the requests (security.threat.detected)',
    test: (name) => name === 'security.threat.detected',
  },
  {
    kind: 'okta-risk',
    says: 'Okta risk detection flagged the user (user.risk.detect)',
    test: (name) => name === 'user.risk.detect',
  },
  {
    kind: 'okta-mfa-bypass',
    says: 'Okta logged attempts to bypass MFA (user.mfa.attempt_bypass)',
    test: (name) => name === 'user.mfa.attempt_bypass',
  },
  {
    kind: 'entra-50088',
    says: 'Entra stopped sending SMS/voice prompts: telecom MFA limit reached (error 50088)',
    test: (_name, text) => /(^|[^0-9])50088([^0-9]|$)/.test(text),
  },
  {
    kind: 'google-suspicious-login',
    says: 'Google flagged the sign-ins as suspicious (account_warning)',
    test: (name) => /^(suspicious_login|suspicious_login_less_secure_app|suspicious_programmatic_login|gov_attack_warning)$/.test(name),
  },
];

/**
 * Verdicts by vendor event, then reason: this runs for every event of a case, which holds only a
 * few dozen distinct pairs. Bounded, since both strings come from the logs.
 */
const verdicts = new Map<string, Map<string, Matcher | null>>();
let remembered = 0;
const REMEMBER_AT_MOST = 10_000;

export function vendorAnomalyKind(e: RuleEvent): Matcher | null {
  // No reason reads as an empty one.
  const reason = e.reason ?? '';
  let byReason = verdicts.get(e.vendorEvent);
  const known = byReason?.get(reason);
  if (known !== undefined) return known;
  const text = `${e.vendorEvent} ${reason}`.toLowerCase();
  const name = e.vendorEvent.trim().toLowerCase();
  const verdict = VENDOR_ANOMALY_MATCHERS.find((m) => m.test(name, text)) ?? null;
  if (remembered >= REMEMBER_AT_MOST) {
    verdicts.clear();
    remembered = 0;
    byReason = undefined;
  }
  if (byReason === undefined) verdicts.set(e.vendorEvent, (byReason = new Map<string, Matcher | null>()));
  byReason.set(reason, verdict);
  remembered++;
  return verdict;
}

export const vendorAnomaly: UserRule<VendorAnomalyParams> = {
  id: 'vendor-anomaly',
  scope: 'user',
  title: 'Vendor flagged MFA abuse',
  description:
    "The identity provider's own protection flagged the MFA traffic: Duo anomalous push, Okta threat/risk " +
    'detections and MFA-bypass attempts, Entra telecom limit 50088, Google suspicious-login warnings.',
  attack: { technique: 'T1621', related: [] },
  params: { groupMinutes: 60 },
  paramDocs: {
    groupMinutes: groupMinutesDoc(
      'Panther DUO.User.Denied.AnomalousPush deduplicates over 15 minutes (docs/log-sources.md §9); an hour keeps one attack in one finding.',
    ),
  },
  evaluate(params, user) {
    const groups = new Map<string, GapGrouper<RuleEvent>>();
    const says = new Map<string, string>();
    return {
      push(e: RuleEvent): void {
        const m = vendorAnomalyKind(e);
        if (m === null) return;
        let g = groups.get(m.kind);
        if (g === undefined) {
          g = new GapGrouper<RuleEvent>(params.groupMinutes * MINUTE);
          groups.set(m.kind, g);
          says.set(m.kind, m.says);
        }
        g.push(e, e.time);
      },
      finish(): FindingDraft[] {
        const out: FindingDraft[] = [];
        for (const [kind, grouper] of groups) {
          for (const g of grouper.finish()) {
            const sources = describeSources(g.items);
            const approvals = g.items.filter((e) => e.outcome === 'approved').length;
            out.push(
              userFinding({
                rule: 'vendor-anomaly',
                severity: 'medium',
                user,
                start: g.start,
                end: g.end,
                eventIds: g.items.map((e) => e.id),
                summary: `${says.get(kind) ?? kind}: ${count(g.items.length, 'event')} (${utcSpan(g.start, g.end)})${sources.text === '' ? '' : ` ${sources.text}`}.`,
                detail: { approvals, events: g.items.length, kind, sourceIps: sources.ips },
              }),
            );
          }
        }
        return out.sort((a, b) => a.start - b.start);
      },
    };
  },
};
