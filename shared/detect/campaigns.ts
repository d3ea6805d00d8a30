/**
 * Campaigns from findings (see shared/model/campaign.ts). Only attack findings take part: a new
 * place or odd hours is not an attacker's act. Two attack findings belong together when
 *   - they name the same source address and lie within `ipGapMs` of each other (one address,
 *     one attacker: a spray at midnight and a bombing at two are one campaign), or
 *   - they name the same autonomous system and lie within `asnGapMs` (a network is shared by
 *     many, so only findings close in time are joined by it), or
 *   - they concern the same user within `asnGapMs` (a fraud report or a factor change names no
 *     source, but belongs to the bombing it answered or followed), or
 *   - one is a cross-user finding (many users from one source) and the other concerns one of its
 *     users within `asnGapMs`.
 * A group of joined findings is a campaign when it concerns at least two users. Pure and
 * deterministic: the same findings, in any order, give the same campaigns.
 */
import { SEVERITY_RANK, type Severity } from '../model/case.js';
import type { Campaign, CampaignStep, CampaignTarget } from '../model/campaign.js';
import { burstOutcomeOf, stableId, type BurstOutcome, type Finding } from '../model/finding.js';
import { ATTACK_RULES } from './assess.js';

export interface CampaignLinks {
  ipGapMs: number;
  asnGapMs: number;
}

export const CAMPAIGN_LINKS: Readonly<CampaignLinks> = { ipGapMs: 24 * 3_600_000, asnGapMs: 3_600_000 };

/** The outcome that says most about a target: an approval outweighs a report, a report a denial. */
const OUTCOME_RANK: Readonly<Record<BurstOutcome, number>> = { approved: 4, 'reported-fraud': 3, denied: 2, ignored: 1, blocked: 0 };

function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function numbers(v: unknown): number[] {
  if (typeof v === 'number') return [v];
  return Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : [];
}

/** The attacker's addresses a finding names. A fraud report names the user's own device: not a source. */
function sourceIps(f: Finding): string[] {
  if (f.rule === 'fraud-report') return [];
  const ips = [...strings(f.detail['sourceIps']), ...strings(f.detail['fromIp'])];
  if (f.source !== null && f.detail['groupBy'] === 'ip') ips.push(f.source);
  return ips;
}

function sourceAsns(f: Finding): number[] {
  if (f.rule === 'fraud-report') return [];
  const asns = numbers(f.detail['asns']);
  const m = f.source !== null && f.detail['groupBy'] === 'asn' ? /^AS(\d+)$/i.exec(f.source) : null;
  if (m?.[1] !== undefined) asns.push(Number(m[1]));
  return asns;
}

/** Keys a finding can be joined on, each with the time gap allowed between joined findings. */
function linkKeys(f: Finding, links: CampaignLinks): { key: string; gap: number }[] {
  return [
    ...sourceIps(f).map((ip) => ({ key: `ip:${ip}`, gap: links.ipGapMs })),
    ...sourceAsns(f).map((asn) => ({ key: `as:${asn}`, gap: links.asnGapMs })),
    ...f.users.map((u) => ({ key: `user:${u}`, gap: links.asnGapMs })),
  ];
}

class DisjointSets {
  private readonly parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r] ?? r;
    // Path compression keeps later finds short.
    for (let j = i; this.parent[j] !== r; ) {
      const next = this.parent[j] ?? r;
      this.parent[j] = r;
      j = next;
    }
    return r;
  }
  union(a: number, b: number): void {
    const x = this.find(a);
    const y = this.find(b);
    if (x !== y) this.parent[Math.max(x, y)] = Math.min(x, y);
  }
}

/** Groups of finding indexes joined by a shared key within its gap (a sweep per key, no pairwise scan). */
function groups(findings: readonly Finding[], links: CampaignLinks): number[][] {
  const byKey = new Map<string, { gap: number; members: number[] }>();
  findings.forEach((f, i) => {
    for (const { key, gap } of linkKeys(f, links)) {
      let entry = byKey.get(key);
      if (entry === undefined) byKey.set(key, (entry = { gap, members: [] }));
      entry.members.push(i);
    }
  });
  const sets = new DisjointSets(findings.length);
  for (const { gap, members } of byKey.values()) {
    const sorted = [...new Set(members)].sort((a, b) => (findings[a]?.start ?? 0) - (findings[b]?.start ?? 0));
    // `reach`: the latest end of the chain so far; a finding starting within `gap` of it joins the chain.
    let reach = -Infinity;
    let last = -1;
    for (const i of sorted) {
      const f = findings[i];
      if (f === undefined) continue;
      if (last >= 0 && f.start <= reach + gap) {
        sets.union(last, i);
        reach = Math.max(reach, f.end);
      } else reach = f.end;
      last = i;
    }
  }
  const out = new Map<number, number[]>();
  findings.forEach((_, i) => {
    const root = sets.find(i);
    const list = out.get(root);
    if (list === undefined) out.set(root, [i]);
    else list.push(i);
  });
  return [...out.values()];
}

function worst(severities: Iterable<Severity>): Severity {
  let w: Severity = 'info';
  for (const s of severities) if (SEVERITY_RANK[s] > SEVERITY_RANK[w]) w = s;
  return w;
}

function targetOf(user: string, mine: readonly Finding[]): CampaignTarget {
  let outcome: BurstOutcome | null = null;
  let prompts = 0;
  let approvedAt: number | null = null;
  for (const f of mine) {
    const o = burstOutcomeOf(f);
    if (o !== null) {
      prompts += numbers(f.detail['prompts'])[0] ?? 0;
      if (outcome === null || OUTCOME_RANK[o] > OUTCOME_RANK[outcome]) outcome = o;
    }
    const approved = numbers(f.detail['approvedAt'])[0];
    if (approved !== undefined && (approvedAt === null || approved < approvedAt)) approvedAt = approved;
  }
  return {
    user,
    start: Math.min(...mine.map((f) => f.start)),
    end: Math.max(...mine.map((f) => f.end)),
    outcome,
    prompts,
    approvedAt,
    reportedFraud: mine.some((f) => f.rule === 'fraud-report' || burstOutcomeOf(f) === 'reported-fraud'),
    severity: worst(mine.map((f) => f.severity)),
    findingIds: mine.map((f) => f.id).sort(),
  };
}

/** What the findings say the attacker did after an approval. */
function stepsOf(f: Finding): CampaignStep[] {
  const user = f.user;
  if (user === null) return [];
  const steps: CampaignStep[] = [];
  if (f.rule === 'fatigue-approval' && f.detail['sessionFromPromptingSource'] === true) {
    const at = numbers(f.detail['approvedAt'])[0] ?? f.start;
    steps.push({ user, at, kind: 'session', what: 'signed in from the prompting address', findingId: f.id });
  }
  if (f.rule === 'post-approval-persistence') {
    const changes = strings(f.detail['vendorEvents']);
    const n = numbers(f.detail['factorChanges'])[0] ?? changes.length;
    const minutes = numbers(f.detail['minutesToFirstChange'])[0];
    const approvedAt = numbers(f.detail['approvedAt'])[0];
    // The detail keeps whole minutes: never place the change after the finding's last event.
    const at = approvedAt !== undefined && minutes !== undefined ? Math.min(f.end, approvedAt + minutes * 60_000) : f.start;
    const what = `changed the MFA factors (${n === 1 ? 'one change' : `${n} changes`}${changes.length > 0 ? `: ${changes.join(', ')}` : ''})`;
    steps.push({ user, at, kind: 'factor-change', what, findingId: f.id });
  }
  return steps;
}

function tally<T>(values: Iterable<T>): T[] {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (String(a[0]) < String(b[0]) ? -1 : 1)).map(([v]) => v);
}

function campaignOf(members: readonly Finding[]): Campaign {
  const byUser = new Map<string, Finding[]>();
  for (const f of members) for (const u of f.users) (byUser.get(u) ?? byUser.set(u, []).get(u))?.push(f);
  const targets = [...byUser].map(([user, mine]) => {
    // A cross-user finding alone says the user was touched; their own findings say how.
    const own = mine.filter((f) => f.user === user);
    return targetOf(user, own.length > 0 ? own : mine);
  });
  targets.sort((a, b) => a.start - b.start || (a.user < b.user ? -1 : 1));
  const approved = targets.filter((t) => t.approvedAt !== null || t.outcome === 'approved');
  approved.sort((a, b) => (a.approvedAt ?? a.end) - (b.approvedAt ?? b.end));
  const findingIds = members.map((f) => f.id).sort();
  return {
    id: stableId('campaign', findingIds.join(',')),
    ips: tally(members.flatMap(sourceIps)),
    asns: [...new Set(members.flatMap(sourceAsns))].sort((a, b) => a - b),
    countries: tally(members.flatMap((f) => (f.rule === 'fraud-report' ? [] : strings(f.detail['countries'])))),
    start: Math.min(...members.map((f) => f.start)),
    end: Math.max(...members.map((f) => f.end)),
    severity: worst(members.map((f) => f.severity)),
    targets,
    approvedBy: approved.map((t) => t.user),
    reportedBy: targets.filter((t) => t.reportedFraud).map((t) => t.user),
    after: members.flatMap(stepsOf).sort((a, b) => a.at - b.at || (a.user < b.user ? -1 : 1)),
    findingIds,
  };
}

/** The campaigns among these findings, earliest first. */
export function campaignsOf(findings: readonly Finding[], links: CampaignLinks = CAMPAIGN_LINKS): Campaign[] {
  const attack = findings.filter((f) => ATTACK_RULES.has(f.rule)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return groups(attack, links)
    .map((g) => g.map((i) => attack[i]).filter((f): f is Finding => f !== undefined))
    .filter((members) => new Set(members.flatMap((f) => f.users)).size >= 2)
    .map(campaignOf)
    .sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1));
}

/** The campaign a finding belongs to, by finding id. */
export function campaignByFinding(campaigns: readonly Campaign[]): Map<string, Campaign> {
  return new Map(campaigns.flatMap((c) => c.findingIds.map((id) => [id, c] as const)));
}
