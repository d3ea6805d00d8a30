/**
 * mfa-weakened (spec §10 P9): a factor was removed, reset, suspended or unpaired, or MFA was
 * switched off, for the user. Only factor_change events are looked at; the vendor event name and
 * reason decide (case-insensitive):
 *
 *   MFA off or all factors gone (medium): Entra "Disable Strong Authentication" (Elastic Entra ID
 *   MFA Disabled, medium/47), Google `2sv_disable`, AWS `DeactivateMFADevice` /
 *   `DeleteVirtualMFADevice` (Elastic high/73, Splunk MFA disabled), Okta `user.mfa.factor.reset_all`
 *   and org-level `system.mfa.factor.deactivate` (Sigma Okta MFA Reset or Deactivated, medium).
 *   One factor removed or suspended (low): Okta `user.mfa.factor.deactivate` / `.suspend`, Entra
 *   "User/Admin deleted security info", PingID "Device Unpaired", and any other factor_change whose
 *   name has a word starting deactivat/disabl/delet/remov/reset/suspend/unpair/unenrol
 *   (`unsuspend` does not match). Helpdesk resets for a new phone are routine, hence low.
 *
 * A removal right after a suspicious approval is reported by post-approval-persistence instead
 * (`suppressedBy`), so one act is not two findings.
 */
import type { FindingDraft } from '../model/finding.js';
import { GapGrouper, userFinding, groupMinutesDoc } from './lib/draft.js';
import { count } from '../format/count.js';
import { MINUTE, utcSpan } from './lib/format.js';
import type { RuleEvent, UserRule } from './rule.js';

export type MfaWeakenedParams = { groupMinutes: number };

const MFA_OFF: readonly RegExp[] = [
  /disable strong authentication/,
  /(^|[^a-z0-9])2sv_disable([^a-z]|$)/,
  /deactivatemfadevice/,
  /deletevirtualmfadevice/,
  /user\.mfa\.factor\.reset_all/,
  /system\.mfa\.factor\.deactivate/,
];
const FACTOR_REMOVED = /(^|[^a-z])(deactivat|disabl|delet|remov|reset|suspend|unpair|unenrol)/;

/** 'off', 'removed', or null when the factor change is not a weakening (an enrolment, an update). */
export function weakeningKind(e: RuleEvent): 'off' | 'removed' | null {
  if (e.outcome !== 'factor_change') return null;
  const text = `${e.vendorEvent} ${e.reason ?? ''}`.toLowerCase();
  if (MFA_OFF.some((re) => re.test(text))) return 'off';
  return FACTOR_REMOVED.test(text) ? 'removed' : null;
}

export const mfaWeakened: UserRule<MfaWeakenedParams> = {
  id: 'mfa-weakened',
  scope: 'user',
  title: 'MFA removed or disabled',
  description:
    'A factor of the user was removed, reset, suspended or unpaired, or MFA was switched off for them. ' +
    'Switching MFA off is medium; removing one factor is low (helpdesk resets are common). Not reported ' +
    'when it follows a suspicious approval: post-approval-persistence covers that.',
  attack: { technique: 'T1621', related: ['T1556.006'] },
  params: { groupMinutes: 60 },
  paramDocs: {
    groupMinutes: groupMinutesDoc(
      'A reset usually removes several factors in one go; changes less than an hour apart are one finding (Panther dedup up to 60 minutes, spec §9).',
    ),
  },
  suppressedBy: ['post-approval-persistence'],
  evaluate(params, user) {
    const groups = new GapGrouper<{ e: RuleEvent; kind: 'off' | 'removed' }>(params.groupMinutes * MINUTE);
    return {
      push(e: RuleEvent): void {
        const kind = weakeningKind(e);
        if (kind !== null) groups.push({ e, kind }, e.time);
      },
      finish(): FindingDraft[] {
        return groups.finish().map((g) => {
          const off = g.items.filter((i) => i.kind === 'off').length;
          const names = [...new Set(g.items.map((i) => i.e.vendorEvent))].sort();
          const what = off > 0 ? 'MFA was switched off or all factors removed' : 'a factor was removed or suspended';
          return userFinding({
            rule: 'mfa-weakened',
            severity: off > 0 ? 'medium' : 'low',
            user,
            start: g.start,
            end: g.end,
            eventIds: g.items.map((i) => i.e.id),
            summary: `For this user ${what}: ${count(g.items.length, 'change')} (${utcSpan(g.start, g.end)}): ${names.join(', ')}.`,
            detail: { approvals: 0, changes: g.items.length, mfaOff: off, vendorEvents: names },
          });
        });
      },
    };
  },
};
