/**
 * Synthetic, deterministic push-bombing case for the sequence demo page and e2e tests.
 * All addresses are documentation ranges (RFC 5737) and all networks private-use ASNs
 * (RFC 5398); the people and devices are invented. Records are Okta System Log shaped.
 *
 * Story: dana.whitfield@example.com signs in from London for three and a half weeks; on the
 * night of 2026-02-12 someone holding her password sends 15 pushes in 26 minutes from
 * Amsterdam: 10 denied, 4 unanswered, the 15th approved at 02:31:07 UTC. The attacker starts
 * a session and enrols a device; next morning she reports the prompts as fraud.
 */
import type { Factor, Network, Outcome, StoredEvent } from '../../../shared/model/event.js';
import { formatTime } from '../../../shared/format/time.js';
import type { Finding, RuleId } from '../../../shared/model/finding.js';
import type { Severity } from '../../../shared/model/case.js';
import type { RawRecord } from './useRawRecord.js';

export interface Demo {
  user: string;
  events: StoredEvent[];
  /** The stored Finding model, as the detection engine writes it. */
  findings: Finding[];
  loadRaw: (eventId: number) => Promise<RawRecord>;
}

/** Small seeded PRNG (mulberry32) so every run draws the same case. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const USER = 'dana.whitfield@example.com';

const S = 1000;
const MIN = 60 * S;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

interface Place {
  city: string;
  region: string;
  country: string;
  lat: number;
  lon: number;
}

const LONDON: Place = { city: 'London', region: 'England', country: 'GB', lat: 51.5072, lon: -0.1276 };
const AMSTERDAM: Place = { city: 'Amsterdam', region: 'North Holland', country: 'NL', lat: 52.3676, lon: 4.9041 };
const CITIES: readonly Place[] = [
  LONDON,
  { city: 'Manchester', region: 'England', country: 'GB', lat: 53.4808, lon: -2.2426 },
  { city: 'Edinburgh', region: 'Scotland', country: 'GB', lat: 55.9533, lon: -3.1883 },
  { city: 'Dublin', region: 'Leinster', country: 'IE', lat: 53.3498, lon: -6.2603 },
  { city: 'Paris', region: 'Île-de-France', country: 'FR', lat: 48.8566, lon: 2.3522 },
  { city: 'Frankfurt', region: 'Hesse', country: 'DE', lat: 50.1109, lon: 8.6821 },
  { city: 'Madrid', region: 'Madrid', country: 'ES', lat: 40.4168, lon: -3.7038 },
  { city: 'New York', region: 'New York', country: 'US', lat: 40.7128, lon: -74.006 },
  { city: 'Toronto', region: 'Ontario', country: 'CA', lat: 43.6532, lon: -79.3832 },
  { city: 'Singapore', region: 'Singapore', country: 'SG', lat: 1.3521, lon: 103.8198 },
];

function net(ip: string, place: Place, asn: number, asOrg: string, source: 'vendor' | 'lookup' = 'vendor'): Network {
  return { ip, geo: { ...place, source }, asn, asOrg };
}

const HOME = net('198.51.100.23', LONDON, 64501, 'Example Broadband Ltd');
const OFFICE = net('192.0.2.10', LONDON, 64502, 'Example Corp Network');
const MOBILE = net('198.51.100.200', LONDON, 64503, 'Example Mobile UK');
const ATTACKER = net('203.0.113.45', AMSTERDAM, 64496, 'Example Hosting B.V.', 'lookup');
const PHONE = { ...net('198.51.100.77', LONDON, 64503, 'Example Mobile UK'), name: 'iPhone 15 (Okta Verify)' };

const BROWSER_UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';
// Attacker-controlled text: the UI must show it verbatim, never interpret it.
const ATTACKER_UA = 'python-requests/2.31.0 <img src=x onerror=alert(document.domain)>';

const VENDOR_EVENT: Readonly<Record<Outcome, string>> = {
  mfa_required: 'policy.evaluate_sign_on',
  challenge_sent: 'system.push.send_factor_verify_push',
  approved: 'user.authentication.auth_via_mfa',
  denied: 'user.mfa.okta_verify.deny_push',
  timeout: 'user.authentication.auth_via_mfa',
  fraud_reported: 'user.account.report_suspicious_activity_by_enduser',
  failed_other: 'user.authentication.auth_via_mfa',
  factor_change: 'user.mfa.factor.activate',
  auth_success: 'user.authentication.sso',
  auth_failure: 'user.session.start',
  session_start: 'user.session.start',
  other: 'user.account.update_profile',
};

const REASON: Partial<Record<Outcome, string>> = {
  mfa_required: 'Sign-on policy requires Okta Verify push',
  denied: 'User rejected Okta push verify',
  timeout: 'Okta Verify push timed out',
  auth_failure: 'INVALID_CREDENTIALS',
  fraud_reported: 'User reported suspicious activity',
};

class Builder {
  readonly events: StoredEvent[] = [];
  constructor(readonly user: string) {}
  add(time: number, outcome: Outcome, extra: { source?: Network; responder?: Network & { name?: string }; factor?: Factor; session?: string; ua?: string; app?: string; device?: string } = {}): StoredEvent {
    const id = this.events.length + 1;
    const e: StoredEvent = {
      id,
      time: Math.round(time),
      vendor: 'okta',
      user: this.user,
      userDisplay: 'Dana Whitfield',
      userVendorId: '00u1a2b3c4d5e6f7g8h9',
      outcome,
      vendorEvent: VENDOR_EVENT[outcome],
      ref: { evidenceId: 1, line: id, record: id },
    };
    if (extra.factor !== undefined) e.factor = extra.factor;
    if (extra.source !== undefined) e.source = extra.source;
    if (extra.responder !== undefined) e.responder = extra.responder;
    if (extra.session !== undefined) e.sessionId = extra.session;
    if (extra.device !== undefined) e.device = extra.device;
    e.userAgent = extra.ua ?? BROWSER_UA;
    e.app = extra.app ?? 'Microsoft Office 365';
    const reason = REASON[outcome];
    if (reason !== undefined) e.reason = reason;
    this.events.push(e);
    return e;
  }
}

/** One ordinary sign-in: policy asks for MFA, a push, a quick approval, a session. */
function normalLogin(b: Builder, t: number, source: Network, rand: () => number): void {
  const session = `idx${Math.floor(rand() * 36 ** 8).toString(36)}`;
  const common = { source, session };
  b.add(t, 'mfa_required', common);
  if (rand() < 0.04) {
    // Now and then she uses a code from the app instead of the push.
    b.add(t + 20 * S + rand() * 20 * S, 'approved', { ...common, factor: 'totp', responder: PHONE });
    b.add(t + 45 * S, 'session_start', common);
    return;
  }
  let at = t + 1.5 * S + rand() * 2 * S;
  b.add(at, 'challenge_sent', { ...common, factor: 'push' });
  if (rand() < 0.05) {
    // Phone in another room: the push times out and she asks for another.
    at += 60 * S;
    b.add(at, 'timeout', { ...common, factor: 'push' });
    at += 8 * S + rand() * 20 * S;
    b.add(at, 'challenge_sent', { ...common, factor: 'push' });
  } else if (rand() < 0.01) {
    // A mis-tap.
    at += 3 * S + rand() * 4 * S;
    b.add(at, 'denied', { ...common, factor: 'push', responder: PHONE });
    at += 6 * S;
    b.add(at, 'challenge_sent', { ...common, factor: 'push' });
  }
  at += 3 * S + rand() * 12 * S;
  b.add(at, 'approved', { ...common, factor: 'push', responder: PHONE });
  b.add(at + 1.2 * S, 'session_start', common);
}

const ATTACK_START = Date.UTC(2026, 1, 12, 2, 5, 2);
/** 14 unsuccessful prompts, then the approval: D = denied, T = no answer. */
const ATTACK_PATTERN = 'DDTDDTDDDTDTDD';

interface Attack {
  recon: StoredEvent[];
  pushes: StoredEvent[];
  responses: StoredEvent[];
  approval: StoredEvent;
  session: StoredEvent;
  enrol: StoredEvent;
  report: StoredEvent;
}

function attack(b: Builder, rand: () => number): Attack {
  const s = 'idxATK' + Math.floor(rand() * 1e6).toString(36);
  const from = { source: ATTACKER, ua: ATTACKER_UA, session: s, app: 'Okta Dashboard' };
  const recon = [b.add(ATTACK_START - 13 * MIN + 9 * S, 'auth_failure', from), b.add(ATTACK_START - 11 * MIN - 22 * S, 'auth_failure', from)];
  const pushes: StoredEvent[] = [];
  const responses: StoredEvent[] = [];
  // Prompt times across 26 minutes; the attacker speeds up as denials pile up.
  const gaps = [0, 150, 140, 135, 120, 118, 110, 100, 95, 90, 88, 80, 74, 65, 41].map((g) => g * S);
  let t = ATTACK_START;
  gaps.forEach((gap, k) => {
    t += gap;
    b.add(t - 1.1 * S, 'mfa_required', from);
    pushes.push(b.add(t, 'challenge_sent', { ...from, factor: 'push' }));
    const r = ATTACK_PATTERN[k];
    if (r === 'D') responses.push(b.add(t + (6 + rand() * 14) * S, 'denied', { ...from, factor: 'push', responder: PHONE }));
    else if (r === 'T') responses.push(b.add(t + 60 * S, 'timeout', { ...from, factor: 'push' }));
  });
  const approval = b.add(Date.UTC(2026, 1, 12, 2, 31, 7), 'approved', { ...from, factor: 'push', responder: PHONE });
  const session = b.add(approval.time + 2 * S, 'session_start', from);
  const enrol = b.add(approval.time + 8 * MIN + 37 * S, 'factor_change', { ...from, factor: 'push', device: 'Pixel 8 (Okta Verify)' });
  const report = b.add(Date.UTC(2026, 1, 12, 8, 12, 40), 'fraud_reported', { source: HOME, factor: 'push', responder: PHONE, session: 'idxmorning' });
  return { recon, pushes, responses, approval, session, enrol, report };
}

function finding(id: string, rule: RuleId, severity: Severity, events: readonly StoredEvent[], summary: string, approvals = 0): Finding {
  const times = events.map((e) => e.time);
  return {
    id,
    rule,
    severity,
    user: USER,
    source: null,
    users: [USER],
    start: Math.min(...times),
    end: Math.max(...times),
    eventIds: events.map((e) => e.id).sort((x, y) => x - y),
    summary,
    detail: { approvals },
  };
}

function attackFindings(a: Attack): Finding[] {
  const first = a.pushes[0] ?? a.approval;
  const burst = [...a.pushes, ...a.responses, a.approval];
  const denied = a.responses.filter((e) => e.outcome === 'denied').length;
  const timedOut = a.responses.length - denied;
  const minutes = Math.round((a.approval.time - first.time) / MIN);
  return [
    finding('9c1e5a7b', 'push-burst', 'high', burst, `${a.pushes.length} push prompts in ${minutes} min from 203.0.113.45 (Amsterdam, NL): ${denied} denied, ${timedOut} unanswered.`, 1),
    finding(
      '4f02d8e1',
      'fatigue-approval',
      'critical',
      [...a.responses.slice(-3), a.approval, a.session],
      `Push approved at ${formatTime(a.approval.time, 'UTC')} after ${denied} denials in ${minutes} min; a session from the same source followed 2 s later. MFA fatigue likely succeeded.`,
      1,
    ),
    finding(
      'b7d3aa90',
      'new-location',
      'medium',
      [...a.recon, first],
      'First activity from NL and from AS64496 Example Hosting B.V. (hosting provider); never seen in this user\u2019s history. Two wrong passwords preceded the first prompt.',
    ),
    finding(
      '0e6b4c12',
      'post-approval-persistence',
      'high',
      [a.enrol],
      `New Okta Verify device "Pixel 8" enrolled from 203.0.113.45 at ${formatTime(a.enrol.time, 'UTC')}, 9 min after the fatigue approval.`,
    ),
    finding('d51f9e03', 'fraud-report', 'high', [a.report], 'The user reported the overnight prompts as suspicious the next morning.'),
  ];
}

function rawRecord(e: StoredEvent): string {
  const geo = e.source?.geo;
  const failed = ['denied', 'timeout', 'auth_failure', 'failed_other'].includes(e.outcome);
  return JSON.stringify({
    uuid: `7f1c${e.id.toString(16).padStart(8, '0')}-2b4e-11f0-9a3c-${(e.id * 7919).toString(16).padStart(12, '0').slice(-12)}`,
    published: new Date(e.time).toISOString(),
    eventType: e.vendorEvent,
    version: '0',
    severity: failed ? 'WARN' : 'INFO',
    displayMessage: e.reason ?? e.vendorEvent,
    actor: { id: e.userVendorId, type: 'User', alternateId: e.user, displayName: e.userDisplay },
    client: {
      userAgent: { rawUserAgent: e.userAgent },
      zone: 'null',
      device: e.device ?? 'Computer',
      ipAddress: e.source?.ip,
      geographicalContext: geo === undefined ? null : { city: geo.city, state: geo.region, country: geo.country, geolocation: { lat: geo.lat, lon: geo.lon } },
    },
    outcome: { result: failed ? 'FAILURE' : e.outcome === 'mfa_required' ? 'CHALLENGE' : 'SUCCESS', reason: e.reason ?? null },
    target: e.factor === undefined ? [] : [{ type: 'AuthenticatorEnrollment', alternateId: e.responder?.name ?? 'Okta Verify', displayName: e.factor }],
    authenticationContext: { externalSessionId: e.sessionId, authenticationStep: 0 },
    securityContext: { asNumber: e.source?.asn, asOrg: e.source?.asOrg },
  });
}

function loader(events: readonly StoredEvent[], path: string): (eventId: number) => Promise<RawRecord> {
  const byId = new Map(events.map((e) => [e.id, e]));
  return (eventId) =>
    new Promise((resolve, reject) => {
      // A little latency, as over IPC or HTTP.
      window.setTimeout(() => {
        const e = byId.get(eventId);
        if (e === undefined) reject(new Error(`event ${eventId} is not in this case`));
        else resolve({ raw: rawRecord(e), evidencePath: path, line: e.ref.line });
      }, 40);
    });
}

/** The realistic case: a few weeks of habit, then the attack. */
export function normalDemo(): Demo {
  const rand = prng(20260212);
  const b = new Builder(USER);
  const start = Date.UTC(2026, 0, 19);
  for (let day = start; day < Date.UTC(2026, 1, 12); day += DAY) {
    const weekday = new Date(day).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    if (weekend && rand() < 0.6) continue;
    const logins = weekend ? 1 : 2 + Math.floor(rand() * 3);
    for (let k = 0; k < logins; k++) {
      const hour = weekend ? 10 + rand() * 8 : 7.5 + (k * 10) / logins + rand() * 2;
      const source = weekend || hour < 8.5 ? HOME : rand() < 0.85 ? OFFICE : MOBILE;
      normalLogin(b, day + hour * HOUR, source, rand);
    }
  }
  const a = attack(b, rand);
  normalLogin(b, Date.UTC(2026, 1, 12, 8, 4, 13), HOME, rand);
  const events = renumber(b.events);
  return { user: b.user, events, findings: attackFindings(a), loadRaw: loader(events, 'evidence/okta/system-log-2026-01-19_2026-02-12.jsonl') };
}

/**
 * Sorts by time and gives ids and lines in that order, as importing a time-ordered export
 * would. Renumbers in place, so the attack's event objects (used for findings) follow.
 */
function renumber(events: StoredEvent[]): StoredEvent[] {
  events.sort((x, y) => x.time - y.time);
  events.forEach((e, i) => {
    e.id = i + 1;
    e.ref = { ...e.ref, line: i + 1, record: i + 1 };
  });
  return events;
}

/**
 * The dense case: a year of a very busy account (100,000 events, 40 source addresses in ten
 * cities, occasional denials and timeouts) ending in the same attack.
 */
export function denseDemo(total = 100_000): Demo {
  const rand = prng(7);
  const b = new Builder(USER);
  const sources: Network[] = [HOME, OFFICE, MOBILE];
  for (let i = 0; sources.length < 40; i++) {
    const place = CITIES[i % CITIES.length] ?? LONDON;
    sources.push(net(`198.51.100.${100 + i}`, place, 64510 + (i % 7), `Example Transit ${String.fromCharCode(65 + (i % 7))}`));
  }
  const weights = sources.map((_, i) => 1 / (i + 1) ** 1.3);
  const sum = weights.reduce((x, y) => x + y, 0);
  const pick = (): Network => {
    let r = rand() * sum;
    for (let i = 0; i < sources.length; i++) {
      r -= weights[i] ?? 0;
      if (r <= 0) return sources[i] ?? HOME;
    }
    return HOME;
  };
  const attackEvents = 2 + 15 * 2 + 14 + 1 + 1 + 1 + 1;
  const start = ATTACK_START - 365 * DAY;
  const budget = total - attackEvents;
  // Spread logins evenly over the year, each with a few hours of jitter.
  const perLogin = 4.05;
  const logins = Math.floor(budget / perLogin);
  for (let k = 0; k < logins && b.events.length < budget - 8; k++) {
    const t = start + (k / logins) * (364 * DAY) + rand() * 3 * HOUR;
    normalLogin(b, t, pick(), rand);
  }
  while (b.events.length < budget) b.add(ATTACK_START - DAY + b.events.length * S, 'other', { source: HOME });
  const a = attack(b, rand);
  const events = renumber(b.events);
  // A sprinkle of low-severity findings across the year, for finding-to-finding stepping.
  const noise: Finding[] = [];
  for (let n = 0; n < 12; n++) {
    const e = events[Math.floor(((n + 0.5) / 13) * (events.length - 200))];
    if (e === undefined) continue;
    noise.push(finding(`0dd${n.toString(16).padStart(5, '0')}`, 'odd-hours', n % 3 === 0 ? 'low' : 'info', [e], `Sign-in at ${formatTime(e.time, 'UTC')}, outside this user's usual hours.`));
  }
  return { user: b.user, events, findings: [...noise, ...attackFindings(a)], loadRaw: loader(events, 'evidence/okta/system-log-2025-02_2026-02.jsonl') };
}
