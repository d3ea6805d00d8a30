/**
 * pam_unix, sudo and sshd pre-authentication lines, on real lines from Elastic's system
 * integration (test/fixtures/linux/SOURCES.md), and the systemd journal's JSON export.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuthEvent } from '../../../shared/model/event.js';
import type { ParseContext } from '../../../electron/ingest/parser.js';
import { journaldParser } from '../../../electron/ingest/vendors/journald.js';
import { syslogParser } from '../../../electron/ingest/vendors/syslog.js';
import { fixturePath } from '../../support/corpus.js';
import { parseAll, readRecords, readTextRecords, sniffSample, textRecords } from './records.js';

const ctx: ParseContext = { fileName: 'auth.log', year: 2017 };

function byMessage(): Map<string, AuthEvent> {
  const records = readTextRecords(fixturePath('linux', 'elastic-system-auth.log'));
  const events = new Map<string, AuthEvent>();
  for (const r of records) {
    const [e] = syslogParser.parse(r, ctx);
    assert.ok(e, r.text);
    events.set(r.text.replace(/^.*?\]?: /, ''), e);
  }
  return events;
}

function eventOf(events: Map<string, AuthEvent>, start: string): AuthEvent {
  const found = [...events].find(([message]) => message.startsWith(start));
  assert.ok(found, start);
  return found[1];
}

test('real pam_unix authentication failures name the user and the remote address', () => {
  const events = byMessage();
  const sshd = eventOf(events, 'pam_unix(sshd:auth): authentication failure');
  assert.equal(sshd.outcome, 'auth_failure');
  assert.equal(sshd.factor, 'password');
  assert.equal(sshd.user, 'root');
  assert.deepEqual(sshd.source, { ip: '202.109.143.106' });
  assert.equal(sshd.app, 'sshd');

  const sudo = eventOf(events, 'pam_unix(sudo:auth): authentication failure; logname=vagrant');
  assert.equal(sudo.outcome, 'auth_failure');
  assert.equal(sudo.user, 'tsg');
  assert.equal(sudo.source, undefined, 'an empty rhost is no address');
  assert.equal(sudo.reason, 'service sudo; ruser tsg');

  const summary = eventOf(events, 'PAM 4 more authentication failures');
  assert.equal(summary.outcome, 'other', 'a count of failures already logged one by one is not counted again');
  assert.equal(summary.user, '');
});

test('real sshd invalid-user and sudo lines', () => {
  const events = byMessage();
  const invalid = eventOf(events, 'Invalid user test from');
  assert.equal(invalid.outcome, 'auth_failure');
  assert.equal(invalid.user, 'test');
  assert.equal(invalid.reason, 'invalid user');
  assert.deepEqual(invalid.source, { ip: '10.0.2.2' });

  const wrong = eventOf(events, '     tsg : 3 incorrect password attempts');
  assert.equal(wrong.outcome, 'auth_failure');
  assert.equal(wrong.factor, 'password');
  assert.equal(wrong.user, 'tsg');
  assert.equal(wrong.reason, '3 incorrect password attempts; target root');

  const refused = eventOf(events, '     tsg : user NOT in sudoers');
  assert.equal(refused.outcome, 'other');
  assert.equal(refused.vendorEvent, 'sudo refused');
  assert.equal(refused.user, 'tsg');

  const command = eventOf(events, 'vagrant : TTY=pts/0');
  assert.equal(command.vendorEvent, 'sudo command');
  assert.equal(command.user, 'vagrant');

  const su = eventOf(events, 'pam_unix(su:session): session opened for user tsg');
  assert.equal(su.outcome, 'session_start');
  assert.equal(su.user, 'tsg');
});

test('no real authentication line is left nameless', () => {
  const events = byMessage();
  const nameless = [...events].filter(([message, e]) => e.user === '' && /authentication failure|Invalid user|incorrect password|Accepted|Failed/.test(message) && !/more authentication failures/.test(message));
  assert.deepEqual(nameless.map(([m]) => m), []);
});

test('the older <service>(pam_unix)[pid] form and sshd connection ends', () => {
  const lines = textRecords([
    'Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=192.0.2.4  user=root',
    'Jun 14 15:16:02 combo sshd(pam_unix)[19937]: check pass; user unknown',
    'Jun 15 04:06:18 combo su(pam_unix)[21416]: session opened for user cyrus by (uid=0)',
    'Jun 15 04:06:19 combo sshd(pam_unix)[19940]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=host.example.net',
    'Mar  1 10:00:01 bastion sshd[11]: Invalid user admin from 2001:db8::7 port 40000',
    'Mar  1 10:00:02 bastion sshd[11]: Connection closed by invalid user admin 2001:db8::7 port 40000 [preauth]',
    'Mar  1 10:00:03 bastion sshd[12]: Disconnected from authenticating user root 198.51.100.9 port 5022 [preauth]',
  ]);
  const [old, unknown, session, hostOnly, invalid, closed, disconnected] = lines.flatMap((r) => syslogParser.parse(r, ctx));
  assert.deepEqual([old?.outcome, old?.user, old?.source?.ip, old?.app], ['auth_failure', 'root', '192.0.2.4', 'sshd']);
  assert.deepEqual([unknown?.outcome, unknown?.user, unknown?.vendorEvent], ['auth_failure', '', 'pam_unix user unknown']);
  assert.deepEqual([session?.outcome, session?.user], ['session_start', 'cyrus']);
  assert.deepEqual([hostOnly?.outcome, hostOnly?.user, hostOnly?.source], ['auth_failure', '', undefined]);
  assert.deepEqual([invalid?.outcome, invalid?.user, invalid?.source?.ip], ['auth_failure', 'admin', '2001:db8::7']);
  assert.deepEqual([closed?.outcome, closed?.user, closed?.source?.ip, closed?.reason], ['other', 'admin', '2001:db8::7', 'invalid user']);
  assert.deepEqual([disconnected?.outcome, disconnected?.user, disconnected?.source?.ip], ['other', 'root', '198.51.100.9']);
});

test('journalctl -o json: records read like the same syslog lines, bytes decoded, cursor as id', () => {
  const records = readRecords(fixturePath('linux', 'journal.ndjson'));
  assert.equal(journaldParser.sniff(sniffSample(records)), true);
  assert.equal(syslogParser.sniff(sniffSample(readTextRecords(fixturePath('linux', 'journal.ndjson')))), false);
  const { events, rejected } = parseAll(journaldParser, records);
  assert.deepEqual(rejected, []);
  const [accepted, failure, invalid] = events;
  assert.equal(accepted?.time, Date.UTC(2024, 8, 30, 2, 54, 37, 863));
  assert.deepEqual([accepted?.outcome, accepted?.user, accepted?.source?.ip, accepted?.sessionId], ['auth_success', 'vagrant', '10.0.2.2', 'vagrant-debian-12 sshd[26538]']);
  assert.match(accepted?.vendorUid ?? '', /^s=6a1f/);
  assert.deepEqual([failure?.outcome, failure?.user, failure?.source?.ip], ['auth_failure', 'root', '202.109.143.106']);
  assert.deepEqual([invalid?.outcome, invalid?.user, invalid?.sessionId], ['auth_failure', 'test', 'localhost sshd[3430]'], 'MESSAGE given as bytes');
  assert.throws(() => journaldParser.parse({ record: 1, text: '{}', value: { __REALTIME_TIMESTAMP: 'soon', MESSAGE: 'x' } }, ctx), /__REALTIME_TIMESTAMP/);
});
