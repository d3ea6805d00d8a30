/**
 * post-approval-persistence (docs/log-sources.md §10 P8): after a suspicious approval, the user's factors
 * changed: a new factor or device enrolled (T1098.005), factors reset, MFA disabled. The usual
 * end of an MFA-fatigue attack: the attacker, now signed in, registers their own authenticator.
 *
 * An approval is suspicious when (each check is self-contained so the rule needs no other rule):
 *   - it came within `approvalWithinMinutes` of a burst of unapproved prompts (as fatigue-approval);
 *   - its sign-in came from a country first seen for the user within `newCountryHours` (as new-location);
 *   - it was answered far from where the sign-in came from (as location-mismatch: responder, or
 *     another event of the same session / the prompt's own send).
 */
import type { Network } from '../model/event.js';
import type { FindingDraft } from '../model/finding.js';
import { burstFacts, userFinding } from './lib/draft.js';
import { count } from '../format/count.js';
import { duration, grouped, HOUR, MINUTE, utcClock, utcStamp } from './lib/format.js';
import { comparePlaces, describeNetwork } from './lib/geo.js';
import { LocationHistory, SessionLocations } from './lib/location.js';
import { isFailedAttempt, type Attempt, type Ordered } from './lib/prompts.js';
import { EpisodeDetector, type Episode } from './lib/window.js';
import type { RuleEvent, UserRule } from './rule.js';

export type PostApprovalPersistenceParams = {
  withinHours: number;
  burstThreshold: number;
  burstWindowMinutes: number;
  approvalWithinMinutes: number;
  newCountryHours: number;
  minBaselineEvents: number;
  minBaselineHours: number;
  minDistanceKm: number;
};

interface SuspiciousApproval {
  attempt: Attempt;
  reasons: string[];
  codes: string[];
  changes: RuleEvent[];
}

export const postApprovalPersistence: UserRule<PostApprovalPersistenceParams> = {
  id: 'post-approval-persistence',
  scope: 'user',
  title: 'Factor change after a suspicious approval',
  description:
    'Within hours of an approval that followed a prompt burst, came from a new country, or was answered far ' +
    'from the sign-in, the user’s MFA changed: a new factor or device was enrolled, factors were reset, or MFA ' +
    'was disabled. The attacker is keeping their access.',
  attack: { technique: 'T1621', related: ['T1098.005', 'T1556.006'] },
  params: {
    withinHours: 24,
    burstThreshold: 5,
    burstWindowMinutes: 10,
    approvalWithinMinutes: 10,
    newCountryHours: 24,
    minBaselineEvents: 10,
    minBaselineHours: 48,
    minDistanceKm: 500,
  },
  paramDocs: {
    withinHours: {
      why:
        'Splunk "PingID New MFA Method After Credential Reset" allows 1 hour between reset and Device Paired (docs/log-sources.md §9). ' +
        'Widened to 24 h because an attacker who approved a prompt may register their device on a later visit, ' +
        'and this is for investigation, not real-time alerting; narrow it to 1 to match Splunk.',
      kind: 'number',
      min: 0,
      max: 720,
      integer: false,
      unit: 'hours',
    },
    burstThreshold: {
      why: 'Same as fatigue-approval: Elastic "Potentially Successful Okta MFA Bombing", 5 prompts (docs/log-sources.md §9).',
      kind: 'number',
      min: 2,
      max: 1000,
      integer: true,
      unit: 'prompts',
    },
    burstWindowMinutes: {
      why: 'Same as fatigue-approval: Elastic maxspan 10m (docs/log-sources.md §9).',
      kind: 'number',
      min: 1,
      max: 1440,
      integer: false,
      unit: 'minutes',
    },
    approvalWithinMinutes: {
      why: 'Same as fatigue-approval: the approval comes within 10 minutes of the burst (docs/log-sources.md §9, P4).',
      kind: 'number',
      min: 0,
      max: 1440,
      integer: false,
      unit: 'minutes',
    },
    newCountryHours: {
      why: 'Same as new-location groupHours: a country counts as new for a day after its first sighting.',
      kind: 'number',
      min: 0,
      max: 720,
      integer: false,
      unit: 'hours',
    },
    minBaselineEvents: {
      why: 'Same as new-location: 10 located events before a country can be called new.',
      kind: 'number',
      min: 1,
      max: 100_000,
      integer: true,
      unit: 'events',
    },
    minBaselineHours: {
      why: 'Same as new-location: the baseline must span 48 hours.',
      kind: 'number',
      min: 0,
      max: 8760,
      integer: false,
      unit: 'hours',
    },
    minDistanceKm: {
      why: 'Same as location-mismatch: 500 km ignores geo-IP noise (docs/log-sources.md §4).',
      kind: 'number',
      min: 0,
      max: 20_000,
      integer: false,
      unit: 'km',
    },
  },
  evaluate(params, user) {
    const detector = new EpisodeDetector<Attempt>(params.burstWindowMinutes * MINUTE, params.burstThreshold);
    const history = new LocationHistory(params.minBaselineEvents, params.minBaselineHours * HOUR);
    const sessions = new SessionLocations(30 * MINUTE);
    const within = params.withinHours * HOUR;
    let recentBurst: Episode<Attempt> | null = null;
    const suspicious: SuspiciousApproval[] = [];

    const mismatch = (from: Network | undefined, to: Network | undefined): string | null => {
      if (from === undefined || to === undefined) return null;
      const cmp = comparePlaces(from, to, params.minDistanceKm);
      if (cmp.verdict !== 'differ') return null;
      const apart = cmp.km === null ? 'in another country' : `${grouped(cmp.km)} km away`;
      return `answered from ${describeNetwork(to)} while the sign-in came from ${describeNetwork(from)}, ${apart}`;
    };

    const judge = (a: Attempt, earlierInSession: RuleEvent | null): void => {
      const reasons: string[] = [];
      const codes: string[] = [];
      const burst = detector.open ?? recentBurst;
      if (burst !== null && a.end >= burst.start && a.end - burst.end <= params.approvalWithinMinutes * MINUTE) {
        const facts = burstFacts(burst.items);
        reasons.push(`after a burst of ${count(facts.tally.attempts, 'unapproved prompt')} (${duration(facts.end - facts.start)})`);
        codes.push('burst');
      }
      const fresh = history.recentlyNewCountry(a.first.source, a.end, params.newCountryHours * HOUR);
      if (fresh !== null) {
        reasons.push(`from ${fresh.country}, a country first seen for this user at ${utcStamp(fresh.since)}`);
        codes.push('new-country');
      }
      const answer = a.answer;
      const viaResponder = answer?.responder !== undefined ? mismatch(answer.source ?? a.first.source, answer.responder) : null;
      const viaSend = answer !== null && answer !== a.first ? mismatch(a.first.source, answer.source) : null;
      const viaSession = earlierInSession === null || answer === null ? null : mismatch(earlierInSession.source, answer.source);
      const where = viaResponder ?? viaSend ?? viaSession;
      if (where !== null) {
        reasons.push(where);
        codes.push('mismatch');
      }
      if (reasons.length > 0) suspicious.push({ attempt: a, reasons, codes, changes: [] });
    };

    const onFactorChange = (e: RuleEvent): void => {
      for (let i = suspicious.length - 1; i >= 0; i--) {
        const s = suspicious[i];
        if (s === undefined) continue;
        if (e.time >= s.attempt.end && e.time - s.attempt.end <= within) {
          s.changes.push(e);
          return;
        }
      }
    };

    const take = (item: Ordered): void => {
      if (item.kind === 'event') {
        history.observe(item.event);
        sessions.observe(item.event);
        if (item.event.outcome === 'factor_change') onFactorChange(item.event);
        return;
      }
      const a = item.attempt;
      history.observe(a.first);
      let earlier = sessions.observe(a.first);
      if (a.answer !== null && a.answer !== a.first) {
        history.observe(a.answer);
        earlier = sessions.observe(a.answer) ?? earlier;
      }
      if (isFailedAttempt(a)) {
        const closed = detector.push(a, a.start, String(a.first.id));
        if (closed !== null) recentBurst = closed;
      } else {
        judge(a, earlier);
      }
    };

    return {
      take,
      finish(): FindingDraft[] {
        return suspicious.filter((s) => s.changes.length > 0).map((s) => draftOf(s, user));
      },
    };
  },
};

function draftOf(s: SuspiciousApproval, user: string): FindingDraft {
  const approvedAt = s.attempt.end;
  const first = s.changes[0];
  const last = s.changes[s.changes.length - 1];
  const changes = s.changes.map((c) => `${c.vendorEvent} at ${utcClock(c.time)} (${duration(c.time - approvedAt)} later)`);
  const summary =
    `A prompt was approved at ${utcStamp(approvedAt)} ${s.reasons.join('; ')}. ` +
    `Then ${count(s.changes.length, 'factor change')} followed: ${changes.join(', ')}. The attacker may have registered their own factor.`;
  return userFinding({
    rule: 'post-approval-persistence',
    severity: 'high',
    user,
    start: s.attempt.start,
    end: last?.time ?? approvedAt,
    eventIds: [...s.attempt.eventIds, ...s.changes.map((c) => c.id)],
    summary,
    detail: {
      approvals: 1,
      approvedAt,
      why: s.codes,
      factorChanges: s.changes.length,
      minutesToFirstChange: first === undefined ? null : Math.round((first.time - approvedAt) / MINUTE),
      vendorEvents: [...new Set(s.changes.map((c) => c.vendorEvent))].sort(),
    },
  });
}
