/**
 * fatigue-approval (spec §10 P4): a burst of unapproved prompts followed by an approval for the
 * same user. The attacker got in: the most severe finding (critical).
 */
import type { FindingDraft } from '../model/finding.js';
import { burstDetail, burstFacts, userFinding } from './lib/draft.js';
import { count } from '../format/count.js';
import { duration, HOUR, MINUTE, utcClock } from './lib/format.js';
import { describeNetwork } from './lib/geo.js';
import { isFailedAttempt, type Attempt, type Ordered } from './lib/prompts.js';
import { EpisodeDetector, type Episode } from './lib/window.js';
import type { RuleEvent, UserRule } from './rule.js';

export type FatigueApprovalParams = {
  threshold: number;
  windowMinutes: number;
  approvalWithinMinutes: number;
  followUpHours: number;
};

interface Hit {
  burst: Episode<Attempt>;
  approvals: Attempt[];
  followUp: RuleEvent | null;
}

export const fatigueApproval: UserRule<FatigueApprovalParams> = {
  id: 'fatigue-approval',
  scope: 'user',
  title: 'Prompt approved after a burst',
  description:
    'A burst of denied, ignored or timed-out prompts (as in the prompt-burst rule) followed by an approved ' +
    'prompt for the same user soon after. The user most likely gave in to MFA fatigue and let the attacker in.',
  attack: { technique: 'T1621', related: ['T1078'] },
  params: { threshold: 5, windowMinutes: 10, approvalWithinMinutes: 10, followUpHours: 24 },
  paramDocs: {
    threshold: {
      why: 'Elastic "Potentially Successful Okta MFA Bombing via Push Notifications": 5 denials then a success (spec §9).',
      kind: 'number',
      min: 2,
      max: 1000,
      integer: true,
      unit: 'prompts',
    },
    windowMinutes: {
      why: 'Same Elastic rule: the denials and the success fall within maxspan 10m (spec §9).',
      kind: 'number',
      min: 1,
      max: 1440,
      integer: false,
      unit: 'minutes',
    },
    approvalWithinMinutes: {
      why: 'The approval must come within 10 minutes of the last unapproved prompt, the Elastic maxspan (spec §9, P4).',
      kind: 'number',
      min: 0,
      max: 1440,
      integer: false,
      unit: 'minutes',
    },
    followUpHours: {
      why:
        'Only for the summary: a factor change this long after the approval is named in it (the same 24 h as ' +
        'post-approval-persistence, which reports it as its own finding).',
      kind: 'number',
      min: 0,
      max: 720,
      integer: false,
      unit: 'hours',
    },
  },
  evaluate(params, user) {
    const detector = new EpisodeDetector<Attempt>(params.windowMinutes * MINUTE, params.threshold);
    const approvalWithin = params.approvalWithinMinutes * MINUTE;
    const followUp = params.followUpHours * HOUR;
    let recent: Episode<Attempt> | null = null;
    const hits: Hit[] = [];
    const byBurst = new Map<Episode<Attempt>, Hit>();

    const onApproval = (a: Attempt): void => {
      const burst = detector.open ?? recent;
      if (burst === null) return;
      if (a.end < burst.start || a.end - burst.end > approvalWithin) return;
      let hit = byBurst.get(burst);
      if (hit === undefined) {
        hit = { burst, approvals: [], followUp: null };
        byBurst.set(burst, hit);
        hits.push(hit);
      }
      hit.approvals.push(a);
    };

    const onEvent = (e: RuleEvent): void => {
      if (e.outcome !== 'factor_change') return;
      for (const hit of hits) {
        const approvedAt = hit.approvals[0]?.end;
        if (hit.followUp === null && approvedAt !== undefined && e.time >= approvedAt && e.time - approvedAt <= followUp) hit.followUp = e;
      }
    };

    const take = (item: Ordered): void => {
      if (item.kind === 'event') onEvent(item.event);
      else if (isFailedAttempt(item.attempt)) {
        const closed = detector.push(item.attempt, item.attempt.start, String(item.attempt.first.id));
        if (closed !== null) recent = closed;
      } else onApproval(item.attempt);
    };

    return {
      take,
      finish(): FindingDraft[] {
        detector.finish();
        return hits.map((hit) => draftOf(hit, user));
      },
    };
  },
};

function draftOf(hit: Hit, user: string): FindingDraft {
  const facts = burstFacts(hit.burst.items);
  const first = hit.approvals[0];
  const approvedAt = first?.end ?? facts.end;
  let lastFailedBefore = facts.start;
  for (const a of hit.burst.items) if (a.start <= approvedAt && a.start > lastFailedBefore) lastFailedBefore = a.start;
  const answer = first?.answer ?? null;
  const where = answer?.responder !== undefined ? ` on a device at ${describeNetwork(answer.responder)}` : '';
  const parts = [
    facts.text,
    `approved at ${utcClock(approvedAt)}${where}, ${duration(approvedAt - lastFailedBefore)} after the last unapproved prompt`,
  ];
  if (hit.approvals.length > 1) parts.push(`${count(hit.approvals.length, 'approval')} in all`);
  if (hit.followUp !== null) {
    parts.push(`a factor change (${hit.followUp.vendorEvent}) followed ${duration(hit.followUp.time - approvedAt)} later`);
  }
  const eventIds = [...facts.eventIds, ...hit.approvals.flatMap((a) => a.eventIds)];
  if (hit.followUp !== null) eventIds.push(hit.followUp.id);
  const lastApproval = hit.approvals[hit.approvals.length - 1]?.end ?? approvedAt;
  return userFinding({
    rule: 'fatigue-approval',
    severity: 'critical',
    user,
    start: facts.start,
    end: Math.max(facts.end, lastApproval, hit.followUp?.time ?? 0),
    eventIds,
    summary: `${parts.join('; ')}.`,
    detail: {
      approvals: hit.approvals.length,
      ...burstDetail(facts),
      approvedAt,
      minutesFromLastPromptToApproval: Math.round((approvedAt - lastFailedBefore) / MINUTE),
      factorChangeAt: hit.followUp?.time ?? null,
      factorChangeEvent: hit.followUp?.vendorEvent ?? null,
    },
  });
}
