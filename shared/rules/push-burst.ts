/**
 * push-burst (spec §10 P1–P3): many MFA prompts that the user did not approve, for one user,
 * in a short window. Whoever sends them already holds the password, so a burst is high even
 * when every prompt was refused.
 */
import type { FindingDraft } from '../model/finding.js';
import { burstDetail, burstFacts, userFinding } from './lib/draft.js';
import { MINUTE } from './lib/format.js';
import { isFailedAttempt, type Attempt, type Ordered } from './lib/prompts.js';
import { EpisodeDetector, type Episode } from './lib/window.js';
import type { UserRule } from './rule.js';

export type PushBurstParams = {
  threshold: number;
  windowMinutes: number;
};

export const pushBurst: UserRule<PushBurstParams> = {
  id: 'push-burst',
  scope: 'user',
  title: 'MFA prompt burst',
  description:
    'Many push, SMS or voice prompts for one user within minutes that were denied, timed out, ' +
    'ignored or blocked. A send and its answer count as one prompt; Duo, which logs no separate ' +
    'send, counts each authentication record as one prompt. Someone else is trying the password.',
  attack: { technique: 'T1621', related: [] },
  params: { threshold: 5, windowMinutes: 10 },
  paramDocs: {
    threshold: {
      why:
        'Elastic "Potential Okta MFA Bombing via Push Notifications" and its hunting query fire on 5 denials ' +
        'per user in 10 minutes (spec §9); Panther Auth0 push fatigue also uses 5. Splunk uses 10 in 5 minutes ' +
        '(Okta, AWS, GCP) or more than 9 in 10 minutes (Entra, O365, PingID): raise it to 10 to match those.',
      kind: 'number',
      min: 2,
      max: 1000,
      integer: true,
      unit: 'prompts',
    },
    windowMinutes: {
      why: 'Elastic maxspan 10m and the Splunk Entra/O365/PingID 10-minute buckets (spec §9); Splunk Okta/AWS/GCP use 5.',
      kind: 'number',
      min: 1,
      max: 1440,
      integer: false,
      unit: 'minutes',
    },
  },
  evaluate(params, user) {
    const detector = new EpisodeDetector<Attempt>(params.windowMinutes * MINUTE, params.threshold);
    const episodes: Episode<Attempt>[] = [];

    const take = (item: Ordered): void => {
      if (item.kind !== 'attempt' || !isFailedAttempt(item.attempt)) return;
      const closed = detector.push(item.attempt, item.attempt.start, String(item.attempt.first.id));
      if (closed !== null) episodes.push(closed);
    };

    return {
      take,
      finish(): FindingDraft[] {
        const last = detector.finish();
        if (last !== null) episodes.push(last);
        return episodes.map((episode) => {
          const facts = burstFacts(episode.items);
          return userFinding({
            rule: 'push-burst',
            severity: 'high',
            user,
            start: facts.start,
            end: facts.end,
            eventIds: facts.eventIds,
            summary: `${facts.text}. At least ${params.threshold} within ${params.windowMinutes} minutes: someone with the password kept triggering prompts.`,
            detail: { approvals: 0, ...burstDetail(facts), threshold: params.threshold, windowMinutes: params.windowMinutes },
          });
        });
      },
    };
  },
};
