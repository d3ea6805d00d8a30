/**
 * fraud-report (docs/log-sources.md §10 P6): the user reported a prompt as not theirs: Okta "report suspicious
 * activity", Duo result fraud / user_marked_fraud, Entra fraud code / "Suspicious activity
 * reported" (all normalised to outcome fraud_reported by the parsers). The user is telling us
 * someone else has their password: high.
 */
import type { FindingDraft } from '../model/finding.js';
import { GapGrouper, userFinding, groupMinutesDoc } from './lib/draft.js';
import { count } from '../format/count.js';
import { MINUTE, utcSpan, utcStamp } from './lib/format.js';
import { describeSources } from './lib/geo.js';
import type { RuleEvent, UserRule } from './rule.js';

export type FraudReportParams = { groupMinutes: number };

export const fraudReport: UserRule<FraudReportParams> = {
  id: 'fraud-report',
  scope: 'user',
  title: 'User reported a prompt as fraud',
  description:
    'The user pressed "report" / "this wasn\'t me" on an MFA prompt or entered the fraud code. ' +
    'Someone else holds the password and is generating prompts.',
  attack: { technique: 'T1621', related: [] },
  params: { groupMinutes: 60 },
  paramDocs: {
    groupMinutes: groupMinutesDoc(
      'Panther Okta.User.Reported.Suspicious.Activity deduplicates over 60 minutes (docs/log-sources.md §9); reports closer than that are one finding.',
    ),
  },
  evaluate(params, user) {
    const groups = new GapGrouper<RuleEvent>(params.groupMinutes * MINUTE);
    return {
      push(e: RuleEvent): void {
        if (e.outcome === 'fraud_reported') groups.push(e, e.time);
      },
      finish(): FindingDraft[] {
        return groups.finish().map((g) => {
          const first = g.items[0];
          const how = first === undefined ? '' : ` (${[first.vendorEvent, first.reason].filter((x) => x !== undefined && x !== '').join(', ')})`;
          const sources = describeSources(g.items).text;
          const when = g.items.length === 1 ? `at ${utcStamp(g.start)}` : `between ${utcSpan(g.start, g.end)}`;
          const summary =
            `The user reported ${count(g.items.length, 'MFA prompt')} as fraud ${when}${how}` +
            (sources === '' ? '' : `; the prompt came ${sources}`) +
            '. Someone else is using their password.';
          return userFinding({
            rule: 'fraud-report',
            severity: 'high',
            user,
            start: g.start,
            end: g.end,
            eventIds: g.items.map((e) => e.id),
            summary,
            detail: { approvals: 0, reports: g.items.length, vendorEvent: first?.vendorEvent ?? null, sourceIps: describeSources(g.items).ips },
          });
        });
      },
    };
  },
};
