/**
 * mfa-weakened (docs/log-sources.md §10 P9): a factor was removed, reset, suspended or unpaired, or MFA was
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
import type { Severity } from '../model/case.js';
import type { FindingDraft } from '../model/finding.js';
import { userFinding, groupMinutesDoc } from './lib/draft.js';
import { count } from '../format/count.js';
import { FamiliarNetworks, type Familiarity } from './lib/familiar.js';
import { duration, HOUR, MINUTE, utcSpan } from './lib/format.js';
import { describeNetwork } from './lib/geo.js';
import { FAMILIAR_AFTER_MS } from './lib/pressure.js';
import type { RuleEvent, UserRule } from './rule.js';

export type MfaWeakenedParams = { groupMinutes: number; reenrolHours: number };

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

/** A factor added: Okta `user.mfa.factor.activate`, Entra "User registered security info", PingID "Device Paired". */
const FACTOR_ADDED = /(^|[^a-z])(activat|enrol|regist|paired|add)/;

function isEnrolment(e: RuleEvent): boolean {
  return e.outcome === 'factor_change' && weakeningKind(e) === null && FACTOR_ADDED.test(`${e.vendorEvent} ${e.reason ?? ''}`.toLowerCase());
}

interface Weakening {
  e: RuleEvent;
  kind: 'off' | 'removed';
}

interface Group {
  start: number;
  end: number;
  items: Weakening[];
  /** The first enrolment within `reenrolHours` after the group, and how familiar its address was then. */
  enrolment: { e: RuleEvent; familiar: Familiarity } | null;
}

export const mfaWeakened: UserRule<MfaWeakenedParams> = {
  id: 'mfa-weakened',
  scope: 'user',
  title: 'MFA removed or disabled',
  description:
    'A factor of the user was removed, reset, suspended or unpaired, or MFA was switched off for them. ' +
    'Switching MFA off is medium; removing one factor is low (helpdesk resets are common). What followed decides: a new ' +
    'factor enrolled from an address or network the user has used for days lowers it (info/low, with the reason); one ' +
    'enrolled from somewhere the user never signed in from raises it to high (a help-desk reset obtained by an impostor). ' +
    'Not reported when it follows a suspicious approval: post-approval-persistence covers that.',
  attack: { technique: 'T1621', related: ['T1556.006', 'T1098.005'] },
  params: { groupMinutes: 60, reenrolHours: 24 },
  paramDocs: {
    groupMinutes: groupMinutesDoc(
      'A reset usually removes several factors in one go; changes less than an hour apart are one finding (Panther dedup up to 60 minutes, docs/log-sources.md §9).',
    ),
    reenrolHours: {
      why:
        'Splunk "PingID New MFA Method After Credential Reset" links a reset and a new device within 1 hour (docs/log-sources.md §9); a user may wait for ' +
        'the next working day to enrol their new phone, hence 24 hours.',
      kind: 'number',
      min: 0,
      max: 720,
      integer: false,
      unit: 'hours',
    },
  },
  suppressedBy: ['post-approval-persistence'],
  evaluate(params, user) {
    const gapMs = params.groupMinutes * MINUTE;
    const reenrolMs = params.reenrolHours * HOUR;
    const familiar = new FamiliarNetworks(FAMILIAR_AFTER_MS);
    const groups: Group[] = [];
    return {
      push(e: RuleEvent): void {
        const kind = weakeningKind(e);
        const last = groups[groups.length - 1];
        if (kind !== null) {
          if (last !== undefined && last.enrolment === null && e.time - last.end <= gapMs) {
            last.items.push({ e, kind });
            last.end = e.time;
          } else groups.push({ start: e.time, end: e.time, items: [{ e, kind }], enrolment: null });
        } else if (last !== undefined && last.enrolment === null && isEnrolment(e) && e.time - last.end <= reenrolMs) {
          last.enrolment = { e, familiar: familiar.knows(e.source, e.time) };
        }
        familiar.observe(e);
      },
      finish(): FindingDraft[] {
        return groups.map((g) => draftOf(g, user));
      },
    };
  },
};

const LOWER: Readonly<Record<'medium' | 'low', 'low' | 'info'>> = { medium: 'low', low: 'info' };

function draftOf(g: Group, user: string): FindingDraft {
  const off = g.items.filter((i) => i.kind === 'off').length;
  const names = [...new Set(g.items.map((i) => i.e.vendorEvent))].sort();
  const what = off > 0 ? 'MFA was switched off or all factors removed' : 'a factor was removed or suspended';
  const by = g.items[0]?.e.source;
  const from = by === undefined ? '' : ` from ${describeNetwork(by)}`;
  const base: Severity = off > 0 ? 'medium' : 'low';
  let severity: Severity = base;
  let then = '';
  const enrol = g.enrolment;
  if (enrol !== null) {
    const where = enrol.e.source === undefined ? 'an unknown address' : describeNetwork(enrol.e.source);
    const later = duration(enrol.e.time - g.end);
    if (enrol.familiar !== null) {
      severity = LOWER[base];
      then = ` A new factor was enrolled ${later} later from ${where}, ${enrol.familiar === 'address' ? 'an address' : 'a network'} this user has signed in from for days: the user re-enrolling after a reset (severity lowered).`;
    } else if (enrol.e.source !== undefined) {
      severity = 'high';
      then = ` Then a new factor was enrolled ${later} later from ${where}, where this user had never signed in: whoever asked for the reset registered their own factor.`;
    }
  }
  return userFinding({
    rule: 'mfa-weakened',
    severity,
    user,
    start: g.start,
    end: enrol?.e.time ?? g.end,
    eventIds: [...g.items.map((i) => i.e.id), ...(enrol === null ? [] : [enrol.e.id])],
    summary: `For this user ${what}${from}: ${count(g.items.length, 'change')} (${utcSpan(g.start, g.end)}): ${names.join(', ')}.${then}`,
    detail: {
      approvals: 0,
      changes: g.items.length,
      mfaOff: off,
      vendorEvents: names,
      enrolledAt: enrol?.e.time ?? null,
      enrolmentFrom: enrol?.e.source?.ip ?? null,
      enrolmentFamiliar: enrol === null ? null : (enrol.familiar ?? 'never seen'),
      lowered: severity !== base && severity !== 'high',
    },
  });
}
