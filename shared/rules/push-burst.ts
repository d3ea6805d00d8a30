/**
 * push-burst (docs/log-sources.md §10 P1–P3): a campaign of MFA prompts the person did not approve: a burst
 * within minutes, or slower pressure over hours or a night (lib/pressure.ts). Whoever sends them
 * already holds the password, so a campaign is high even when every prompt was refused. A campaign
 * that ended in an approval is reported by fatigue-approval instead (`suppressedBy`), so one story
 * is one finding; with that rule off, this one still reports it, outcome "approved".
 */
import type { FindingDraft } from '../model/finding.js';
import { describeCampaign } from './lib/campaign.js';
import { userFinding } from './lib/draft.js';
import { PRESSURE_DEFAULTS, PRESSURE_DOCS, PressureTracker, type Campaign, type PressureParams } from './lib/pressure.js';
import type { UserRule } from './rule.js';

export type PushBurstParams = PressureParams;

export const pushBurst: UserRule<PushBurstParams> = {
  id: 'push-burst',
  scope: 'user',
  title: 'MFA prompt burst',
  description:
    'Many push, SMS or voice prompts for one user that were denied, timed out, ignored or blocked: at least 5 within ' +
    '10 minutes, or slower pressure (8 in 4 hours, 10 in a 12-hour night). A send and its answer count as one prompt; ' +
    'prompts the user answered themselves by getting in from the same address are not counted. Each finding says how ' +
    'the campaign ended: denied, ignored, reported as fraud, blocked or approved. Someone else is trying the password.',
  attack: { technique: 'T1621', related: [] },
  params: PRESSURE_DEFAULTS,
  paramDocs: PRESSURE_DOCS,
  suppressedBy: ['fatigue-approval'],
  evaluate(params, user) {
    const campaigns: Campaign[] = [];
    const tracker = new PressureTracker(params, (c) => campaigns.push(c));
    return {
      take: (item) => tracker.take(item),
      finish(): FindingDraft[] {
        tracker.finish();
        return campaigns.map((c) => {
          const { facts, pressureText, detail, passwordSteps, passwordText } = describeCampaign(c, params);
          const approvalIds = c.approvals.flatMap((a) => a.eventIds);
          return userFinding({
            rule: 'push-burst',
            severity: 'high',
            user,
            start: facts.start,
            end: facts.end,
            eventIds: [...facts.eventIds, ...approvalIds, ...passwordSteps.map((e) => e.id)],
            summary: `${facts.text}. ${pressureText}: someone with the password kept triggering prompts.${passwordText}`,
            detail: { approvals: c.approvals.length, ...detail, threshold: params.threshold, windowMinutes: params.windowMinutes },
          });
        });
      },
    };
  },
};
