/**
 * Prompt pressure: how many prompts a person did not approve, over sliding windows from minutes
 * to a night, and the campaigns it reveals.
 *
 * Public burst rules count prompts in one fixed window (5 in 10 minutes, docs/log-sources.md §9), so an attacker
 * who pushes every 15 minutes through the night never fires them. Here unapproved prompts form a
 * chain while each follows the previous within `gapMinutes`; the chain becomes a campaign as soon
 * as any of three windows holds its threshold: a burst (5 in 10 minutes), sustained pressure
 * (8 in 4 hours) or a night (10 in 12 hours). The campaign then runs until the chain breaks, and
 * an approval soon after its last prompt ends it as approved.
 *
 * Ordinary life is kept out by what the person did themselves: before a chain is a campaign, an
 * approval (or a code typed) from the address or sign-in session of earlier failures shows those
 * were the person's own retries (a phone that timed out, a push missed in a meeting), and they are
 * taken out of the chain. During a campaign, an approval from an address the person has used for
 * days that none of the campaign's prompts came from is their own sign-in, not the campaign's end.
 *
 * Memory: a chain that is not (yet) a campaign holds fewer prompts than the largest threshold
 * (older ones are dropped once out of every window); a campaign holds its own prompts.
 */
import type { ParamDoc, RuleEvent } from '../rule.js';
import { FamiliarNetworks } from './familiar.js';
import { DAY, HOUR, MINUTE } from './format.js';
import { isFailedAttempt, type Attempt, type Ordered } from './prompts.js';

/** The parameters every rule built on prompt pressure declares (push-burst, fatigue-approval). */
export type PressureParams = {
  threshold: number;
  windowMinutes: number;
  sustainedThreshold: number;
  sustainedHours: number;
  nightThreshold: number;
  nightHours: number;
  gapMinutes: number;
  approvalWithinMinutes: number;
};

export const PRESSURE_DEFAULTS: PressureParams = {
  threshold: 5,
  windowMinutes: 10,
  sustainedThreshold: 8,
  sustainedHours: 4,
  nightThreshold: 10,
  nightHours: 12,
  gapMinutes: 90,
  approvalWithinMinutes: 10,
};

const count = (min: number, why: string): ParamDoc => ({ why, kind: 'number', min, max: 1000, integer: true, unit: 'prompts' });
const span = (unit: 'minutes' | 'hours', max: number, why: string): ParamDoc => ({ why, kind: 'number', min: unit === 'minutes' ? 0 : 0.1, max, integer: false, unit });

export const PRESSURE_DOCS: { readonly [K in keyof PressureParams]: ParamDoc } = {
  threshold: count(
    2,
    'Elastic "Potential Okta MFA Bombing via Push Notifications" fires on 5 denials per user in 10 minutes (docs/log-sources.md §9); Panther Auth0 ' +
      'push fatigue also uses 5. Splunk uses 10 in 5 minutes (Okta, AWS, GCP) or more than 9 in 10 minutes: raise it to 10 to match those.',
  ),
  windowMinutes: span('minutes', 1440, 'Elastic maxspan 10m and the Splunk Entra/O365/PingID 10-minute buckets (docs/log-sources.md §9); Splunk Okta/AWS/GCP use 5.'),
  sustainedThreshold: count(
    2,
    'No public rule counts slow pressure (docs/log-sources.md §9 rules all use minutes). 8 unapproved prompts in 4 hours is twice a prompt every half hour: ' +
      'no phone or person fails that often by accident, and a campaign pacing one prompt every 10–20 minutes reaches it within 3 hours.',
  ),
  sustainedHours: span('hours', 72, 'Long enough for a campaign paced to stay under 5-in-10-minutes rules, short enough that a day of flaky pushes (each retried and approved) does not add up.'),
  nightThreshold: count(2, 'A whole night of prompts (one an hour or slower) adds up to 10 in 12 hours; the person\'s own failed pushes are taken out when they get in.'),
  nightHours: span('hours', 72, 'A night: from the end of one working day to the start of the next.'),
  gapMinutes: span(
    'minutes',
    10_080,
    'Prompts at most this far apart belong to one campaign; an approval this long after the last prompt of a slow campaign still ends it ' +
      '(the approval at dawn after prompts every 10–20 minutes).',
  ),
  approvalWithinMinutes: span('minutes', 1440, 'An approval within 10 minutes of the last prompt of a burst ends it (Elastic "Potentially Successful Okta MFA Bombing", maxspan 10m, docs/log-sources.md §9).'),
};

export type PressureScale = 'burst' | 'sustained' | 'night';

export interface Campaign {
  /** The unapproved prompts, in time order. */
  failed: Attempt[];
  /** Start of the first and of the last unapproved prompt. */
  start: number;
  end: number;
  /** The first window whose threshold the campaign reached. */
  scale: PressureScale;
  /** Approvals that ended the campaign (the first, and any within `approvalWithinMinutes` of it). */
  approvals: Attempt[];
  /** Fraud reports logged after the campaign's prompts (Okta's report is a record of its own). */
  reports: RuleEvent[];
  /**
   * Password steps (see `isPasswordStep`) from `PASSWORD_LOOKBACK_MS` before the first prompt to
   * the campaign's end, from any address: `passwordElsewhere` picks those that tell the story.
   */
  passwordSteps: RuleEvent[];
}

/** How long before a campaign's first prompt a password accepted from its address is part of its story. */
export const PASSWORD_LOOKBACK_MS = 30 * MINUTE;

/** A sign-in that got past the password: the identity provider then asks for the second factor. */
export function isPasswordStep(e: RuleEvent): boolean {
  return e.outcome === 'mfa_required' || (e.outcome === 'auth_success' && e.factor === 'password');
}

/**
 * The password accepted for another identity of the person, from an address the campaign's prompts
 * came from: the password typed at one identity provider (Okta's login) and the prompts sent by
 * another (Duo's bare name). Only a person whose identities are linked has such steps; on one
 * identity the prompts' own sign-ins already tell it.
 */
export function passwordElsewhere(c: Campaign): RuleEvent[] {
  const sources = new Set(c.failed.map((a) => a.first.source?.ip));
  const promptedAs = new Set(c.failed.map((a) => a.first.user));
  return c.passwordSteps.filter((p) => p.source?.ip !== undefined && sources.has(p.source.ip) && !promptedAs.has(p.user));
}

interface Scale {
  name: PressureScale;
  windowMs: number;
  threshold: number;
}

/** Time after which an address the person got in from counts as theirs. */
export const FAMILIAR_AFTER_MS = DAY;

export class PressureTracker {
  private readonly scales: readonly Scale[];
  private readonly maxWindowMs: number;
  private readonly gapMs: number;
  private readonly approvalWithinMs: number;
  private readonly familiar = new FamiliarNetworks(FAMILIAR_AFTER_MS);
  /** Unapproved prompts not (yet) a campaign. */
  private chain: Attempt[] = [];
  private campaign: Campaign | null = null;
  /** Password steps recent enough to open a campaign's story (`PASSWORD_LOOKBACK_MS` before its oldest possible prompt). */
  private passwords: RuleEvent[] = [];
  /** The person's last own success outside a campaign: a prompt it answers may be released after it (pairing). */
  private own: RuleEvent | null = null;
  private ownAt = Number.NEGATIVE_INFINITY;

  constructor(
    params: PressureParams,
    private readonly onCampaign: (c: Campaign) => void,
  ) {
    this.scales = [
      { name: 'burst', windowMs: params.windowMinutes * MINUTE, threshold: params.threshold },
      { name: 'sustained', windowMs: params.sustainedHours * HOUR, threshold: params.sustainedThreshold },
      { name: 'night', windowMs: params.nightHours * HOUR, threshold: params.nightThreshold },
    ];
    this.maxWindowMs = Math.max(...this.scales.map((s) => s.windowMs));
    this.gapMs = params.gapMinutes * MINUTE;
    this.approvalWithinMs = params.approvalWithinMinutes * MINUTE;
  }

  /** The campaign still open (it may grow or end in an approval), or null. */
  get open(): Campaign | null {
    return this.campaign;
  }

  take(item: Ordered): void {
    if (item.kind === 'event') {
      this.onEvent(item.event);
      return;
    }
    const a = item.attempt;
    if (isFailedAttempt(a)) this.onFailed(a);
    else {
      this.onApproval(a);
      this.familiar.learn(a.first.source, a.end);
    }
  }

  /** End of input: the open campaign, if any, is complete. */
  finish(): void {
    this.close();
  }

  private onFailed(a: Attempt): void {
    const c = this.campaign;
    if (c !== null) {
      if (a.start - c.end <= this.gapMs && c.approvals.length === 0) {
        c.failed.push(a);
        c.end = a.start;
        return;
      }
      this.close();
    }
    if (this.own !== null && a.start <= this.ownAt && sameSignIn(a.first, this.own)) return;
    const last = this.chain[this.chain.length - 1];
    if (last !== undefined && a.start - last.start > this.gapMs) this.chain.length = 0;
    this.chain.push(a);
    // Prompts older than every window can no longer make the chain a campaign.
    while (this.chain.length > 0 && a.start - (this.chain[0]?.start ?? a.start) > this.maxWindowMs) this.chain.shift();
    const scale = this.reached(a.start);
    if (scale === null) return;
    const failed = this.chain;
    this.chain = [];
    const start = failed[0]?.start ?? a.start;
    const passwordSteps = this.passwords.filter((p) => p.time >= start - PASSWORD_LOOKBACK_MS);
    this.passwords = [];
    this.campaign = { failed, start, end: a.start, scale, approvals: [], reports: [], passwordSteps };
  }

  /** The first window that holds its threshold of chain prompts ending at `now`. Scans at most a threshold per window. */
  private reached(now: number): PressureScale | null {
    for (const s of this.scales) {
      let n = 0;
      for (let i = this.chain.length - 1; i >= 0 && n < s.threshold; i--) {
        const item = this.chain[i];
        if (item === undefined || now - item.start > s.windowMs) break;
        n++;
      }
      if (n >= s.threshold) return s.name;
    }
    return null;
  }

  private onApproval(a: Attempt): void {
    const c = this.campaign;
    if (c === null) {
      this.discount(a.first, a.end);
      return;
    }
    const first = c.approvals[0];
    if (first !== undefined) {
      if (a.end - first.end <= this.approvalWithinMs) c.approvals.push(a);
      return;
    }
    // A slow campaign's approval comes as late as its next prompt would have.
    const within = c.scale === 'burst' ? this.approvalWithinMs : Math.max(this.approvalWithinMs, this.gapMs);
    if (a.end >= c.start && a.end - c.end <= within && this.fromCampaign(c, a)) c.approvals.push(a);
  }

  /** Whether an approval belongs to the campaign: from one of its addresses, or from one the person does not use. */
  private fromCampaign(c: Campaign, a: Attempt): boolean {
    const ip = a.first.source?.ip;
    if (ip !== undefined && c.failed.some((f) => f.first.source?.ip === ip)) return true;
    return this.familiar.knows(a.first.source, a.end) === null;
  }

  private onEvent(e: RuleEvent): void {
    this.familiar.observe(e);
    const c = this.campaign;
    if (isPasswordStep(e)) this.notePassword(e, c);
    if (e.outcome === 'fraud_reported' && c !== null && e.time >= c.start && e.time - c.end <= this.gapMs) c.reports.push(e);
    // A code typed or a key touched from where the prompts came: the person got in themselves.
    else if (e.outcome === 'approved' && c === null) this.discount(e, e.time);
  }

  private notePassword(e: RuleEvent, c: Campaign | null): void {
    if (c !== null && c.approvals.length === 0) {
      c.passwordSteps.push(e);
      return;
    }
    this.passwords.push(e);
    // A chain spans at most the longest window: older steps can no longer precede a campaign's first prompt.
    const oldest = e.time - this.maxWindowMs - PASSWORD_LOOKBACK_MS;
    while ((this.passwords[0]?.time ?? oldest) < oldest) this.passwords.shift();
  }

  /** Take out of the chain the prompts the person's own success answers: same address or same sign-in session. */
  private discount(e: RuleEvent, at: number): void {
    this.own = e;
    this.ownAt = at;
    if (this.chain.length > 0) this.chain = this.chain.filter((f) => !sameSignIn(f.first, e));
  }

  private close(): void {
    const c = this.campaign;
    this.campaign = null;
    if (c !== null) this.onCampaign(c);
  }
}

/** Same address or same sign-in session. */
function sameSignIn(a: RuleEvent, b: RuleEvent): boolean {
  const ip = b.source?.ip;
  if (ip !== undefined && a.source?.ip === ip) return true;
  return b.sessionId !== undefined && b.sessionId !== '' && a.sessionId === b.sessionId;
}

/** The most prompts of the campaign inside any window of `windowMs` (two pointers over the ordered prompts). */
export function peakIn(failed: readonly Attempt[], windowMs: number): number {
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < failed.length; hi++) {
    const t = failed[hi]?.start ?? 0;
    while (lo < hi && t - (failed[lo]?.start ?? t) > windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}
