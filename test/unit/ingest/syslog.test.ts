/**
 * There are no public Linux auth-log samples in the corpus: every line below is HAND-MADE
 * from the formats in docs/log-sources.md §8 (OpenSSH auth.c, duo_unix lib/util.c + pam_duo.c,
 * google-authenticator-libpam), with documentation addresses (RFC 5737 / RFC 3849).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuthEvent } from '../../../shared/model/event.js';
import { RecordError, type ParseContext } from '../../../electron/ingest/parser.js';
import { syslogParser as parser } from '../../../electron/ingest/vendors/syslog.js';
import { CORPUS_VENDOR_DIRS, corpusFiles, readTextRecords, sniffSample, textRecords } from './records.js';

const withYear: ParseContext = { fileName: 'auth.log', year: 2024 };
const noYear: ParseContext = { fileName: 'auth.log' };

function parseLine(text: string, ctx: ParseContext = withYear): AuthEvent {
  const events = parser.parse({ record: 1, line: 1, text }, ctx);
  assert.equal(events.length, 1);
  const [e] = events;
  assert.ok(e);
  return e;
}

test('a classic line without a known year is rejected with a clear message', () => {
  const line = 'Mar  1 10:00:00 bastion sshd[4242]: Accepted publickey for alice from 192.0.2.10 port 50022 ssh2';
  assert.throws(
    () => parser.parse({ record: 1, text: line }, noYear),
    (err: unknown) => err instanceof RecordError && /no year/.test(err.message) && /--year/.test(err.message),
  );
  const e = parseLine(line);
  assert.equal(e.time, Date.UTC(2024, 2, 1, 10, 0, 0), 'classic timestamps are read as UTC');
  assert.equal(e.vendor, 'syslog');
  assert.equal(e.outcome, 'auth_success');
  assert.equal(e.vendorEvent, 'Accepted publickey');
  assert.equal(e.user, 'alice');
  assert.deepEqual(e.source, { ip: '192.0.2.10' });
  assert.equal(e.app, 'sshd');
  assert.equal(e.sessionId, 'bastion sshd[4242]');
  assert.equal(e.vendorUid, undefined);
});

test('without --year a classic line takes the latest year that does not put it after the file was modified', () => {
  // A log written across New Year, last modified on 2 January 2025.
  const ctx: ParseContext = { fileName: 'auth.log', fileTime: Date.UTC(2025, 0, 2, 10, 0, 0) };
  const at = (stamp: string): number => parseLine(`${stamp} bastion sshd[1]: Accepted password for alice from 192.0.2.10 port 1 ssh2`, ctx).time;
  assert.equal(at('Dec 31 23:59:58'), Date.UTC(2024, 11, 31, 23, 59, 58));
  assert.equal(at('Jan  1 00:00:05'), Date.UTC(2025, 0, 1, 0, 0, 5));
  // The line's zone is unknown: up to a day "after" the modification time is the same day's line.
  assert.equal(at('Jan  2 23:30:00'), Date.UTC(2025, 0, 2, 23, 30, 0));
  assert.equal(at('Jan  4 12:00:00'), Date.UTC(2024, 0, 4, 12, 0, 0));
  assert.equal(at('Mar  1 10:00:00'), Date.UTC(2024, 2, 1, 10, 0, 0));
  // A leap day is taken from the year the rule gives, and refused where that year has none.
  assert.equal(parseLine('Feb 29 10:00:00 h sshd[1]: x', { fileName: 'a', fileTime: Date.UTC(2024, 5, 1) }).time, Date.UTC(2024, 1, 29, 10));
  assert.throws(() => parseLine('Feb 29 10:00:00 h sshd[1]: x', { fileName: 'a', fileTime: Date.UTC(2025, 5, 1) }), /no such date in 2025/);
  // --year wins over the file's time.
  assert.equal(parseLine('Dec 31 23:59:58 h sshd[1]: x', { ...ctx, year: 2019 }).time, Date.UTC(2019, 11, 31, 23, 59, 58));
});

test('ISO-8601 and RFC 5424 lines carry their own year and zone', () => {
  const iso = parseLine('2024-03-01T10:00:00+01:00 bastion sshd[7]: Failed password for bob from 2001:db8::5 port 2222 ssh2', noYear);
  assert.equal(iso.time, Date.UTC(2024, 2, 1, 9, 0, 0));
  assert.equal(iso.outcome, 'auth_failure');
  assert.equal(iso.factor, 'password');
  assert.deepEqual(iso.source, { ip: '2001:db8::5' });

  const r5424 = parseLine(
    '<38>1 2024-03-01T10:00:00.250Z bastion sshd 7 - [meta sequenceId="1"] Partial publickey for bob from 192.0.2.11 port 2222 ssh2: ED25519 SHA256:abc',
    noYear,
  );
  assert.equal(r5424.time, Date.UTC(2024, 2, 1, 10, 0, 0, 250));
  assert.equal(r5424.outcome, 'mfa_required');
  assert.equal(r5424.reason, 'ED25519 SHA256:abc');
});

test('impossible dates are rejected rather than rolled over', () => {
  assert.throws(() => parseLine('Feb 30 10:00:00 h sshd[1]: x'), /no such date/);
});

test('sshd lines: invalid users, Postponed prompts and [preauth]', () => {
  const invalid = parseLine('Mar  1 10:00:01 bastion sshd[11]: Failed password for invalid user admin from 198.51.100.23 port 40000 ssh2');
  assert.equal(invalid.outcome, 'auth_failure');
  assert.equal(invalid.user, 'admin');
  assert.equal(invalid.reason, 'invalid user');

  const postponed = parseLine('Mar  1 10:00:02 bastion sshd[12]: Postponed keyboard-interactive/pam for alice from 192.0.2.10 port 50022 ssh2 [preauth]');
  assert.equal(postponed.outcome, 'other');
  assert.equal(postponed.vendorEvent, 'Postponed keyboard-interactive/pam');
  assert.equal(postponed.user, 'alice');

  const session = parseLine('Mar  1 10:00:09 bastion sshd[12]: pam_unix(sshd:session): session opened for user alice(uid=1000) by (uid=0)');
  assert.equal(session.outcome, 'session_start');
  assert.equal(session.user, 'alice');
});

test('pam_duo lines map to the canonical outcomes', () => {
  const cases: Array<[string, string, string | undefined, string | undefined]> = [
    ["Successful Duo login for 'alice' from 192.0.2.10", 'approved', 'push', undefined],
    ["Failed Duo login for 'alice' from 192.0.2.10", 'denied', 'push', undefined],
    ["Failed Duo login for 'alice' from 192.0.2.10: Authentication timed out", 'timeout', 'push', 'Authentication timed out'],
    ["Skipped Duo login for 'alice' from 192.0.2.10: Bypass user", 'approved', 'bypass', 'Bypass user'],
    ["Skipped Duo login for 'alice' from 192.0.2.10: Remembered device", 'approved', 'remembered', 'Remembered device'],
    ["Aborted Duo login for 'alice' from 192.0.2.10: User enrollment required", 'failed_other', 'push', 'User enrollment required'],
    ["Failsafe Duo login for 'alice' from 192.0.2.10: Couldn't connect to api-x.duosecurity.com: timeout", 'approved', 'bypass', "Couldn't connect to api-x.duosecurity.com: timeout"],
    ["Failsecure Duo login for 'alice' from 192.0.2.10: HTTP 500", 'failed_other', 'unknown', 'HTTP 500'],
    ["Error in Duo login for 'alice' from 192.0.2.10: JSON invalid 'result': x", 'failed_other', 'unknown', "JSON invalid 'result': x"],
  ];
  for (const [message, outcome, factor, reason] of cases) {
    const e = parseLine(`Mar  1 10:00:03 bastion sshd[12]: ${message}`);
    assert.equal(e.outcome, outcome, message);
    assert.equal(e.factor, factor, message);
    assert.equal(e.reason, reason, message);
    assert.equal(e.user, 'alice', message);
    assert.deepEqual(e.source, { ip: '192.0.2.10' }, message);
    assert.equal(e.vendorEvent, message.replace(/ for .*$/, ''), message);
  }
});

test('pam_duo: IPv6 and host names, group bypass, and login_duo', () => {
  const v6 = parseLine("Mar  1 10:00:04 bastion sshd[13]: Failed Duo login for 'bob' from ::1: Authentication timed out");
  assert.equal(v6.outcome, 'timeout');
  assert.deepEqual(v6.source, { ip: '::1' });

  const host = parseLine("Mar  1 10:00:05 bastion sudo: Successful Duo login for 'bob' from jump.example.net");
  assert.equal(host.outcome, 'approved');
  assert.equal(host.source, undefined, 'a host name is not an IP');
  assert.equal(host.app, 'sudo');
  assert.equal(host.sessionId, undefined);

  const group = parseLine("Mar  1 10:00:06 bastion sshd[14]: User carol bypassed Duo 2FA due to user's UNIX group");
  assert.equal(group.outcome, 'other');
  assert.equal(group.factor, 'bypass');
  assert.equal(group.user, 'carol');

  const login = parseLine("Mar  1 10:00:07 bastion login_duo[99]: Successful Duo login for 'dave'");
  assert.equal(login.outcome, 'approved');
  assert.equal(login.app, 'login_duo');
});

test('the steps of one ssh sign-in share a session id (host + program + pid)', () => {
  const lines = [
    'Mar  1 10:00:00 bastion sshd[500]: Partial publickey for alice from 192.0.2.10 port 50022 ssh2: ED25519 SHA256:abc',
    'Mar  1 10:00:01 bastion sshd[500]: Postponed keyboard-interactive/pam for alice from 192.0.2.10 port 50022 ssh2 [preauth]',
    "Mar  1 10:00:20 bastion sshd[500]: Failed Duo login for 'alice' from 192.0.2.10",
    "Mar  1 10:00:40 bastion sshd[500]: Successful Duo login for 'alice' from 192.0.2.10",
    'Mar  1 10:00:40 bastion sshd[500]: Accepted keyboard-interactive/pam for alice from 192.0.2.10 port 50022 ssh2',
  ];
  const events = textRecords(lines).flatMap((r) => parser.parse(r, withYear));
  assert.deepEqual(
    events.map((e) => e.outcome),
    ['mfa_required', 'other', 'denied', 'approved', 'auth_success'],
  );
  assert.equal(new Set(events.map((e) => e.sessionId)).size, 1);
});

test('google-authenticator PAM lines', () => {
  const tag = 'Mar  1 10:01:00 bastion sshd(pam_google_authenticator)[600]:';
  const invalid = parseLine(`${tag} Invalid verification code for alice`);
  assert.equal(invalid.outcome, 'failed_other');
  assert.equal(invalid.factor, 'totp');
  assert.equal(invalid.user, 'alice');
  assert.equal(invalid.app, 'sshd');

  const ok = parseLine(`${tag} Accepted google_authenticator for alice`);
  assert.equal(ok.outcome, 'approved');
  assert.equal(ok.factor, 'totp');

  const none = parseLine(`${tag} Did not receive verification code from user`);
  assert.equal(none.outcome, 'failed_other');
  assert.equal(none.user, '');

  const secret = parseLine(`${tag} No secret configured for user bob, asking for code anyway.`);
  assert.equal(secret.outcome, 'other');
  assert.equal(secret.user, 'bob');

  const busy = parseLine(`${tag} Too many concurrent login attempts ("/home/bob/.google_authenticator"). Please try again.`);
  assert.equal(busy.outcome, 'failed_other');
});

test('other lines of the file are kept as other under their tag', () => {
  const cron = parseLine('Mar  1 10:02:01 bastion CRON[777]: (root) CMD (run-parts /etc/cron.hourly)');
  assert.equal(cron.outcome, 'other');
  assert.equal(cron.vendorEvent, 'CRON');
  assert.equal(cron.user, '');
  assert.equal(cron.reason, '(root) CMD (run-parts /etc/cron.hourly)');

  const kernel = parseLine('Mar  1 10:02:02 bastion kernel: [ 12.345678] usb 1-1: new device');
  assert.equal(kernel.vendorEvent, 'kernel');

  assert.throws(() => parser.parse({ record: 1, text: 'not a syslog line' }, withYear), RecordError);
});

test('sniff claims syslog text, tolerates one odd line, and never claims JSON or CSV', () => {
  const lines = textRecords([
    'Mar  1 10:00:00 bastion sshd[1]: Accepted publickey for alice from 192.0.2.10 port 1 ssh2',
    'Mar  1 10:00:01 bastion CRON[2]: (root) CMD (true)',
    '2024-03-01T10:00:02+00:00 bastion sshd[3]: Failed password for bob from 192.0.2.11 port 2 ssh2',
    '    continuation of a wrapped line',
  ]);
  assert.equal(parser.sniff(lines), true);
  assert.equal(parser.sniff(textRecords(['garbage', 'more garbage', 'Mar  1 10:00:00 h x: y'])), false);
  assert.equal(parser.sniff(textRecords(['time,host,message', '2024-03-01T10:00:00Z,bastion,"sshd: Accepted"'])), false);
  assert.equal(parser.sniff(textRecords(['{"message":"Mar  1 10:00:00 bastion sshd[1]: x"}'])), false);
  for (const dir of CORPUS_VENDOR_DIRS) {
    for (const file of corpusFiles(dir)) assert.equal(parser.sniff(sniffSample(readTextRecords(file))), false, file);
  }
});

test('hostile user names and messages are stored verbatim', () => {
  const user = "<script>x</script>\u001b[31mROOT";
  const e = parseLine(`Mar  1 10:03:00 bastion sshd[800]: Failed Duo login for '${user}' from 192.0.2.66`);
  assert.equal(e.user, user.toLowerCase());
  assert.equal(e.userDisplay, user);

  const sneaky = parseLine('Mar  1 10:03:01 bastion sshd[801]: Failed password for invalid user x from 6.6.6.6 port 1 from 192.0.2.67 port 4444 ssh2');
  assert.equal(sneaky.user, 'x from 6.6.6.6 port 1', 'the last " from … port …" is the real one');
  assert.deepEqual(sneaky.source, { ip: '192.0.2.67' });
});

test('a byte-order mark before the first line and CRLF endings are tolerated', () => {
  const e = parseLine('\uFEFFMar  1 10:04:00 bastion sshd[900]: Accepted password for alice from 192.0.2.10 port 1 ssh2\r');
  assert.equal(e.outcome, 'auth_success');
  assert.equal(e.sessionId, 'bastion sshd[900]');
});

test('hostile multi-megabyte lines are handled in linear time and kept as other', () => {
  const flood = ' from 192.0.2.1 port 1:'.repeat(50_000);
  const started = Date.now();
  const sshd = parseLine(`Mar  1 10:05:00 bastion sshd[901]: Failed password for x${flood}`);
  const duo = parseLine(`Mar  1 10:05:01 bastion sshd[902]: Failed Duo login for '${flood}`);
  assert.ok(Date.now() - started < 2000, 'no catastrophic backtracking');
  assert.equal(sshd.outcome, 'other');
  assert.equal(duo.outcome, 'other');
  assert.equal(duo.reason?.length, `Failed Duo login for '${flood}`.length, 'kept whole, verbatim');
});
