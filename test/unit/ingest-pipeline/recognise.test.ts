import assert from 'node:assert/strict';
import { test } from 'node:test';
import { containerCandidates, recognise, type Recognition } from '../../../electron/ingest/recognition/recognise.js';
import { parserFor } from '../../../electron/ingest/recognition/formats.js';
import { cloudTrailLogin, duoAuth, entraSignIn, m365Csv, oktaEvent, syslogLines } from './samples.js';

function recognised(head: string, forced?: Parameters<typeof parserFor>[0]): Recognition {
  return recognise({ head, complete: true, maxRecordChars: 1024 * 1024, ...(forced === undefined ? {} : { forced: parserFor(forced) }) });
}

function formatOf(head: string): string {
  const d = recognised(head);
  return d.ok ? `${d.container}/${d.parser.id}` : `unrecognised: ${d.reason}`;
}

const ndjson = (values: unknown[]): string => values.map((v) => JSON.stringify(v)).join('\n');

test('the container is chosen from the first characters, never the name', () => {
  assert.deepEqual(containerCandidates('  [\n{"a":1}]', true), ['json', 'text']);
  assert.deepEqual(containerCandidates('{"a":1}\n{"a":2}', true), ['ndjson', 'text']);
  assert.deepEqual(containerCandidates('{"value":[{"a":1}]}', true), ['json', 'text']);
  assert.deepEqual(containerCandidates('{\n  "a": 1\n}', true), ['json', 'text']);
  assert.deepEqual(containerCandidates('a,b,c\n1,2,3', true), ['csv', 'text']);
  assert.deepEqual(containerCandidates('Mar  1 09:00:00 host sshd[1]: hello', true), ['text']);
});

test('each vendor format is recognised from its records', () => {
  const okta = [0, 1, 2].map((i) => oktaEvent(i));
  assert.equal(formatOf(ndjson(okta)), 'ndjson/okta');
  assert.equal(formatOf(JSON.stringify(okta, null, 2)), 'json/okta');
  assert.equal(formatOf(JSON.stringify({ value: [0, 1].map(entraSignIn) })), 'json/entra-signin');
  assert.equal(formatOf(JSON.stringify({ Records: [0, 1].map(cloudTrailLogin) })), 'json/cloudtrail');
  assert.equal(formatOf(JSON.stringify({ stat: 'OK', response: { authlogs: [0, 1].map((i) => duoAuth(i)), metadata: {} } })), 'json/duo-auth');
  assert.equal(formatOf(m365Csv(2)), 'csv/m365-audit');
  assert.equal(formatOf(syslogLines(3)), 'text/syslog');
});

test('StreamAlert fixtures ({data, log}) are read as the records they wrap', () => {
  const fixture = [{ data: { Records: [cloudTrailLogin(1)] }, description: 'x', log: 'cloudtrail:events', service: 's3', source: 'b', trigger_rules: [] }];
  assert.equal(formatOf(JSON.stringify(fixture, null, 2)), 'json/cloudtrail');
});

test('content no importer knows is reported with what it looked like and the supported formats', () => {
  const d = recognised(ndjson([{ foo: 1, bar: 2 }, { foo: 3, bar: 4 }]));
  assert.equal(d.ok, false);
  const reason = d.ok ? '' : d.reason;
  assert.match(reason, /no importer recognises this content/);
  assert.match(reason, /"foo", "bar"/);
  assert.match(reason, /okta \(Okta System Log\)/);
  assert.match(reason, /syslog/);
  assert.match(reason, /--format/);
});

test('empty and binary content is reported as such', () => {
  const empty = recognised('  \n\n');
  assert.match(empty.ok ? '' : empty.reason, /holds no records/);
  const binary = recognised('abc\u0000\u0001def');
  assert.match(binary.ok ? '' : binary.reason, /binary/);
});

test('--format skips the sniffing but still reads the container from content', () => {
  const unknown = ndjson([{ foo: 1 }]);
  const forced = recognised(unknown, 'okta');
  assert.ok(forced.ok);
  assert.equal(forced.ok && forced.container, 'ndjson');
  assert.equal(forced.ok && forced.parser.id, 'okta');
  const text = recognised(unknown, 'syslog');
  assert.ok(text.ok && text.container === 'text');
  const plain = recognised('just some words\nand more', 'okta');
  assert.match(plain.ok ? '' : plain.reason, /reads JSON or CSV records, but this file is plain text/);
});
