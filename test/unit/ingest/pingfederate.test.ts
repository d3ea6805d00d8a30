/**
 * PingFederate audit log: real CEF lines (Elastic), real pipe-layout lines (Datadog), and the
 * PingID adapter's events built from Ping's documentation (test/fixtures/pingfederate/SOURCES.md).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RecordError } from '../../../electron/ingest/parser.js';
import { PARSER_LIST } from '../../../electron/ingest/recognition/formats.js';
import { keyValues } from '../../../electron/ingest/vendors/pingfederate-lines.js';
import { pingFederateParser as parser } from '../../../electron/ingest/vendors/pingfederate.js';
import { syslogParser } from '../../../electron/ingest/vendors/syslog.js';
import { fixturePath } from '../../support/corpus.js';
import { corpusFiles, parseAll, readTextRecords, textRecords } from './records.js';

const lines = (name: string): ReturnType<typeof readTextRecords> => readTextRecords(fixturePath('pingfederate', name));

test('real CEF lines: user, bracketed IPv6 source, tracking id, event, escapes and time', () => {
  const { events, rejected } = parseAll(parser, lines('elastic-test-audit.log'));
  assert.deepEqual(rejected, []);
  assert.deepEqual(
    events.map((e) => [e.vendorEvent, e.outcome, e.user, e.source?.ip, e.sessionId]),
    [
      ['AUTHN_SESSION_DELETED', 'other', 'joe', '192.168.6.130', 'ae14b5ce8'],
      ['AUTHN_SESSION_DELETED', 'other', 'larry', '192.168.6.130', 'ae14b5ce8'],
      ['AUTHN_SESSION_DELETED', 'other', 'curly', '192.168.6.130', 'ae14b5ce8'],
      ['AUTHN_ATTEMPT', 'other', '', '2a01:599:110:e652:5c23:d793:1e62:8aa9', 'h9wE_LPjisS3-EpV4D4u9uH3yCA'],
    ],
  );
  assert.equal(events[0]?.time, Date.UTC(2012, 4, 18, 11, 41, 48, 452));
  assert.equal(events[0]?.app, 'http://www.google.ca&landingpage=pageA', 'CEF escapes undone');
  assert.equal(events[3]?.app, 'https://fleetmanagement.wuerth.com', 'no application URL: the connection');
  assert.equal(events[3]?.reason, 'inprogress; adapter IdentifierFirst', 'an identifier-first step is no MFA prompt');
  assert.equal(events[3]?.vendor, 'pingone');
  assert.equal(events[3]?.vendorUid, undefined, 'PingFederate has no unique id: keyed by content');
});

test('real pipe lines, default and extended layouts', () => {
  const { events, rejected } = parseAll(parser, lines('datadog-audit-pipe.log'));
  assert.deepEqual(rejected, []);
  assert.equal(events.length, 2);
  for (const e of events) {
    assert.deepEqual([e.vendorEvent, e.outcome, e.factor, e.user, e.source?.ip, e.app, e.sessionId], ['AUTHN_ATTEMPT', 'auth_success', 'password', 'analyst', '185.64.148.0', 'PingApp', 'LFcUz_Kyuqp4RcRrdnB2YS72Z3g']);
    assert.equal(e.reason, 'success; adapter OpenLDAP; Authentication successful');
  }
  assert.equal(events[0]?.time, Date.UTC(2024, 5, 17, 11, 4, 19, 342));
});

test('the PingID adapter: prompt, time-out, refusal, approval, session; key=value and syslog-wrapped CEF', () => {
  const { events, rejected } = parseAll(parser, lines('pingid-adapter-documented.log'));
  assert.deepEqual(rejected, []);
  assert.deepEqual(
    events.map((e) => [e.outcome, e.factor, e.user, e.source?.ip]),
    [
      ['auth_success', 'password', 'ivan@contoso.example', '203.0.113.45'],
      ['challenge_sent', undefined, 'ivan@contoso.example', '203.0.113.45'],
      ['timeout', undefined, 'ivan@contoso.example', '203.0.113.45'],
      ['denied', undefined, 'ivan@contoso.example', '203.0.113.45'],
      ['approved', 'push', 'ivan@contoso.example', '203.0.113.45'],
      ['session_start', undefined, 'ivan@contoso.example', '2001:db8::45'],
      ['failed_other', undefined, 'mallory@contoso.example', undefined],
      ['denied', 'push', 'mallory@contoso.example', '198.51.100.77'],
    ],
  );
  assert.equal(new Set(events.slice(0, 6).map((e) => e.sessionId)).size, 1, 'one tracking id across pipe and key=value lines');
  assert.match(events[3]?.userAgent ?? '', /^Mozilla\/5\.0 \(Windows NT 10\.0/);
  assert.equal(events[3]?.reason, 'failure; adapter PingIDAdapter; Authentication denied by user');
  assert.equal(events[3]?.time, Date.UTC(2025, 2, 4, 9, 16, 40, 5));
  assert.equal(events[6]?.time, Date.UTC(2025, 2, 4, 9, 17, 12, 10));
});

test('pipe and key=value lines behind a syslog relay\'s header read as without it', () => {
  const all = lines('pingid-adapter-documented.log');
  const plain = [all[2], all[4]].map((r) => r?.text ?? '');
  const relayed = textRecords([`Mar  4 09:16:03 pf01 pingfederate: ${plain[0] ?? ''}`, `<134>Mar  4 09:17:12 pf01 pingfederate[2117]: ${plain[1] ?? ''}`]);
  for (const record of relayed) assert.equal(PARSER_LIST.find((p) => p.input === 'text' && p.sniff([record]))?.id, 'pingfederate', record.text);
  assert.deepEqual(parseAll(parser, relayed).events, parseAll(parser, textRecords(plain)).events);
  assert.equal(parseAll(syslogParser, relayed).rejected.length, 2, 'the syslog parser hands them over');
});

test('zone-less times are read in the --tz zone', () => {
  const all = lines('pingid-adapter-documented.log');
  const timeOf = (index: number): number | undefined => {
    const record = all[index];
    assert.ok(record);
    return parser.parse(record, { fileName: 'x', time: { zone: 'Europe/Berlin' } })[0]?.time;
  };
  assert.deepEqual(
    [timeOf(0), timeOf(3), timeOf(6)],
    [Date.UTC(2025, 2, 4, 8, 15, 2, 114), Date.UTC(2025, 2, 4, 8, 16, 40, 5), Date.UTC(2025, 2, 4, 8, 17, 12, 10)],
    'pipe, key=value and CEF',
  );
});

test('recognised line by line before syslog, and never claiming plain syslog or another vendor', () => {
  for (const name of ['elastic-test-audit.log', 'datadog-audit-pipe.log', 'pingid-adapter-documented.log']) {
    for (const record of lines(name)) assert.equal(PARSER_LIST.find((p) => p.input === 'text' && p.sniff([record]))?.id, 'pingfederate', `${name} #${record.record}`);
  }
  const syslog = textRecords([
    'Mar  1 10:00:00 bastion sshd[1]: Accepted publickey for alice from 192.0.2.10 port 1 ssh2',
    '2025-03-01 10:00:01 bastion CRON[2]: (root) CMD (true)',
    '2025-03-01T10:00:02.120Z bastion app[3]: status=ok event=x | a | b',
  ]);
  for (const record of syslog) assert.equal(parser.sniff([record]), false, record.text);
  assert.equal(syslogParser.sniff(syslog), true);
  for (const path of corpusFiles('pingone')) for (const record of readTextRecords(path).slice(0, 50)) assert.equal(parser.sniff([record]), false, path);
});

test('key=value values: quoted with escapes, or running to the next key with blanks inside', () => {
  assert.deepEqual(
    [...keyValues('event=SSO subject="a \\"b\\" c" app=My App name ip=10.0.0.1:443 description="x=1 y=2" empty=')],
    [
      ['event', 'SSO'],
      ['subject', 'a "b" c'],
      ['app', 'My App name'],
      ['ip', '10.0.0.1:443'],
      ['description', 'x=1 y=2'],
      ['empty', ''],
    ],
  );
});

test('malformed lines are rejected with a reason', () => {
  const bad = textRecords([
    'CEF:0|Ping Identity|PingFederate|12.1|AUTHN_ATTEMPT|AUTHN_ATTEMPT|0|duid=a msg=success',
    'CEF:0|Ping Identity|PingFederate|12.1|AUTHN_ATTEMPT|AUTHN_ATTEMPT|0|rt=Feb 30 2025 10:00:00.000 duid=a',
    '2025-02-30 10:00:00,000| tid:x| AUTHN_ATTEMPT| a| 203.0.113.1 | app| c| SAML20| h| IdP| success| A| | 1',
    'CEF:0|Ping Identity|PingFederate|12.1',
    'hello',
  ]);
  const { events, rejected } = parseAll(parser, bad);
  assert.equal(events.length, 0);
  assert.equal(rejected.length, 5);
  for (const r of rejected) assert.ok(r.error instanceof RecordError, String(r.error));
  assert.match(String(rejected[0]?.error), /no rt/);
  assert.match(String(rejected[1]?.error), /impossible time/);
  assert.match(String(rejected[2]?.error), /not a valid date/);
  assert.match(String(rejected[3]?.error), /7 header fields/);
  assert.match(String(rejected[4]?.error), /not a PingFederate audit line/);
});
