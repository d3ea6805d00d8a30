/**
 * The engine on a hand-built sequence shaped like the PingID corpus file described in
 * ../shared/corpus/SOURCES.md (splunk/attack_data T1621 pingid.log): a device paired, then 25
 * "VPN Auth. Timed Out, Unresponsive User" push time-outs in three runs, then swipe approvals.
 * Each time-out follows a POLICY record of the same web session (taken here as an MFA interrupt).
 * The PingID parser is written elsewhere; the lead adds the real-file test once it lands.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StoredEvent } from '../../../shared/model/event.js';
import { detectInMemory } from '../../../shared/detect/engine-core.js';
import { EventFactory } from './events.js';

const USER = 'victim_user';
const DAY = '2023-05-10T';
const VPN_IP = { ip: '74.208.236.210' };
const PAIR_IP = { ip: '174.235.80.142' };
const SSO_IP = { ip: '144.172.122.200' };

/** UTC clock times of the 25 time-outs, in three runs (about 14:18, 14:39–14:45, 14:52–15:01). */
const TIMEOUTS = [
  '14:17:50', '14:18:16', '14:18:36', '14:18:56', '14:19:25', '14:19:55',
  '14:38:37', '14:38:59', '14:40:07', '14:41:47', '14:42:24', '14:43:17', '14:43:53', '14:45:23',
  '14:51:48', '14:52:13', '14:52:30', '14:53:18', '14:53:37', '14:53:54', '14:54:17', '14:54:41', '14:55:07', '14:56:11',
  '15:01:34',
];

const at = (clock: string): number => Date.parse(`${DAY}${clock}Z`);

function sequence(): StoredEvent[] {
  const f = new EventFactory(USER);
  const out: StoredEvent[] = [
    f.ev({ at: at('14:04:53'), vendor: 'pingone', outcome: 'factor_change', vendorEvent: 'SUCCESS', reason: 'Device Paired "Android "samsung SM-S901U""', source: PAIR_IP }),
    f.ev({ at: at('14:10:53'), vendor: 'pingone', outcome: 'factor_change', vendorEvent: 'SUCCESS', reason: 'Device Paired SMS "Mobile 1"', source: PAIR_IP, sessionId: 'webs_pair' }),
  ];
  TIMEOUTS.forEach((clock, i) => {
    const t = at(clock);
    out.push(f.ev({ at: t - 8, vendor: 'pingone', outcome: 'mfa_required', vendorEvent: 'POLICY', reason: 'Action: Authenticate', source: VPN_IP, sessionId: `webs_t${i}` }));
    out.push(f.ev({ at: t, vendor: 'pingone', outcome: 'timeout', vendorEvent: 'FAILURE,authFail', reason: 'VPN Auth. Timed Out, Unresponsive User "samsung SM-S901U"', source: VPN_IP, sessionId: `webs_t${i}` }));
  });
  const approvals: [string, string, { ip: string }][] = [
    ['15:02:03', 'VPN Banner "samsung SM-S901U"', VPN_IP],
    ['15:50:49', 'SSO Swipe "iPhone 6S"', SSO_IP],
    ['16:05:16', 'VPN Swipe "iPhone 6S"', VPN_IP],
    ['16:07:27', 'VPN Swipe "iPhone 6S"', VPN_IP],
  ];
  approvals.forEach(([clock, message, source], i) => {
    out.push(f.ev({ at: at(clock) - 30, vendor: 'pingone', outcome: 'mfa_required', vendorEvent: 'POLICY', source, sessionId: `webs_a${i}` }));
    out.push(f.ev({ at: at(clock), vendor: 'pingone', outcome: 'approved', vendorEvent: 'SUCCESS', reason: message, source, sessionId: `webs_a${i}` }));
  });
  return out;
}

describe('PingID-shaped sequence (25 unresponsive-user time-outs, then swipe approvals)', () => {
  it('finds one campaign of 25 time-outs in three runs and the approval that ended it, and calls the user compromised', async () => {
    const r = await detectInMemory(sequence());
    // The runs are 19 and 6 minutes apart: one campaign against one person, ended by an approval,
    // so one fatigue-approval finding tells it and no separate burst findings stand beside it.
    assert.deepEqual(r.findings.filter((x) => x.rule === 'push-burst'), []);

    const fatigue = r.findings.filter((x) => x.rule === 'fatigue-approval');
    assert.equal(fatigue.length, 1);
    assert.equal(fatigue[0]?.severity, 'critical');
    assert.equal(fatigue[0]?.detail['approvedAt'], at('15:02:03'));
    assert.equal(fatigue[0]?.detail.approvals, 1);
    assert.equal(fatigue[0]?.detail['prompts'], 25);
    assert.equal(fatigue[0]?.detail['timedOut'], 25);
    assert.equal(fatigue[0]?.detail['burstOutcome'], 'approved');
    assert.match(fatigue[0]?.summary ?? '', /^25 MFA prompts in 44 minutes \(2023-05-10 14:17–15:01 UTC\) from 74\.208\.236\.210; 25 timed out;/);
    assert.match(fatigue[0]?.summary ?? '', /approved at 15:02 UTC, 29 seconds after the last unapproved prompt/);

    // The devices were paired before the bursts, so nothing counts as persistence after the approval.
    assert.ok(!r.findings.some((x) => x.rule === 'post-approval-persistence'));
    // Too little history for baselines; no geography in this sequence.
    assert.ok(!r.findings.some((x) => ['new-location', 'odd-hours', 'location-mismatch', 'impossible-travel'].includes(x.rule)));

    const [assessment] = r.assessments;
    assert.equal(assessment?.user, USER);
    assert.equal(assessment?.verdict, 'compromised');
    assert.equal(assessment?.risk, 95);
    assert.deepEqual(assessment?.counts, { events: 2 + 50 + 8, challenges: 29, denied: 0, timeouts: 25, approved: 4, fraud: 0 });
  });
});
