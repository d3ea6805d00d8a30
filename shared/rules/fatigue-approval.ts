/**
 * fatigue-approval (docs/log-sources.md §10 P4): a campaign of unapproved prompts (a burst, or slower pressure
 * over hours or a night: lib/pressure.ts) that ended in an approval for the same person. The
 * attacker got in: the most severe finding (critical). What followed is named: a factor change
 * (the attacker's own authenticator) and sign-ins from the campaign's addresses.
 */
import type { FindingDraft } from '../model/finding.js';
import { count } from '../format/count.js';
import { describeCampaign } from './lib/campaign.js';
import { userFinding } from './lib/draft.js';
import { duration, HOUR, MINUTE, utcClock } from './lib/format.js';
import { describeNetwork } from './lib/geo.js';
import { PRESSURE_DEFAULTS, PRESSURE_DOCS, PressureTracker, type Campaign, type PressureParams } from './lib/pressure.js';
import type { RuleEvent, UserRule } from './rule.js';

export type FatigueApprovalParams = PressureParams & { followUpHours: number };

interface Hit {
  campaign: Campaign;
  followUp: RuleEvent | null;
  /** First sign-in from one of the campaign's addresses after the approval. */
  session: RuleEvent | null;
}

export const fatigueApproval: UserRule<FatigueApprovalParams> = {
  id: 'fatigue-approval',
  scope: 'user',
  title: 'Prompt approved after a burst',
  description:
    'A campaign of denied, ignored or timed-out prompts (a burst within minutes, or slower pressure over hours or a night, ' +
    'as in the prompt-burst rule) that ended in an approved prompt for the same user. The user most likely gave in to MFA ' +
    'fatigue and let the attacker in. A factor enrolled and sign-ins from the prompting addresses afterwards are named.',
  attack: { technique: 'T1621', related: ['T1078'] },
  params: { ...PRESSURE_DEFAULTS, followUpHours: 24 },
  paramDocs: {
    ...PRESSURE_DOCS,
    followUpHours: {
      why:
        'Only for the summary: a factor change or a sign-in from the campaign\'s addresses this long after the approval is named in it ' +
        '(the same 24 h as post-approval-persistence, which reports the factor change as its own finding).',
      kind: 'number',
      min: 0,
      max: 720,
      integer: false,
      unit: 'hours',
    },
  },
  evaluate(params, user) {
    const followUp = params.followUpHours * HOUR;
    const hits: Hit[] = [];
    const track = (c: Campaign): void => {
      if (c.approvals.length > 0 && !hits.some((h) => h.campaign === c)) hits.push({ campaign: c, followUp: null, session: null });
    };
    const tracker = new PressureTracker(params, track);
    const onEvent = (e: RuleEvent): void => {
      const factor = e.outcome === 'factor_change';
      const signIn = e.outcome === 'auth_success' || e.outcome === 'session_start';
      if (!factor && !signIn) return;
      // Follow-ups are looked for from the approval on, while the campaign may still be open.
      if (tracker.open !== null) track(tracker.open);
      for (const hit of hits) {
        const approvedAt = hit.campaign.approvals[0]?.end;
        if (approvedAt === undefined || e.time < approvedAt || e.time - approvedAt > followUp) continue;
        if (factor && hit.followUp === null) hit.followUp = e;
        const ip = e.source?.ip;
        if (signIn && hit.session === null && ip !== undefined && hit.campaign.failed.some((f) => f.first.source?.ip === ip)) hit.session = e;
      }
    };
    return {
      take(item): void {
        tracker.take(item);
        if (item.kind === 'event') onEvent(item.event);
      },
      finish(): FindingDraft[] {
        tracker.finish();
        return hits.map((hit) => draftOf(hit, user, params));
      },
    };
  },
};

function draftOf(hit: Hit, user: string, params: PressureParams): FindingDraft {
  const c = hit.campaign;
  const { facts, pressureText, detail, passwordSteps, passwordText } = describeCampaign(c, params);
  const first = c.approvals[0];
  const approvedAt = first?.end ?? facts.end;
  let lastFailedBefore = facts.start;
  for (const a of c.failed) if (a.start <= approvedAt && a.start > lastFailedBefore) lastFailedBefore = a.start;
  const answer = first?.answer ?? null;
  const where = answer?.responder !== undefined ? ` on a device at ${describeNetwork(answer.responder)}` : '';
  const parts = [facts.text, `approved at ${utcClock(approvedAt)}${where}, ${duration(approvedAt - lastFailedBefore)} after the last unapproved prompt`];
  if (c.approvals.length > 1) parts.push(`${count(c.approvals.length, 'approval')} in all`);
  if (hit.session !== null && hit.session.source !== undefined) {
    parts.push(`a sign-in from the prompting address ${describeNetwork(hit.session.source)} followed ${duration(hit.session.time - approvedAt)} later`);
  }
  if (hit.followUp !== null) parts.push(`a factor change (${hit.followUp.vendorEvent}) followed ${duration(hit.followUp.time - approvedAt)} later`);
  const eventIds = [...facts.eventIds, ...c.approvals.flatMap((a) => a.eventIds), ...passwordSteps.map((e) => e.id)];
  if (hit.followUp !== null) eventIds.push(hit.followUp.id);
  const lastApproval = c.approvals[c.approvals.length - 1]?.end ?? approvedAt;
  return userFinding({
    rule: 'fatigue-approval',
    severity: 'critical',
    user,
    start: facts.start,
    end: Math.max(facts.end, lastApproval, hit.followUp?.time ?? 0),
    eventIds,
    summary: `${parts.join('; ')}. ${pressureText}.${passwordText}`,
    detail: {
      approvals: c.approvals.length,
      ...detail,
      approvedAt,
      minutesFromLastPromptToApproval: Math.round((approvedAt - lastFailedBefore) / MINUTE),
      factorChangeAt: hit.followUp?.time ?? null,
      factorChangeEvent: hit.followUp?.vendorEvent ?? null,
      sessionFromPromptingSource: hit.session !== null,
    },
  });
}
