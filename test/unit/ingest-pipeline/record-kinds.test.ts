import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { KindFinder } from '../../../electron/ingest/recognition/classify.js';
import { familyKind } from '../../../electron/ingest/recognition/families.js';
import { PARSER_LIST } from '../../../electron/ingest/recognition/formats.js';
import { recognise } from '../../../electron/ingest/recognition/recognise.js';
import { nearestShape, resemblance } from '../../../electron/ingest/recognition/shapes.js';
import { decodeText, type DecodeReport } from '../../../electron/ingest/source/decode.js';
import { corpusPath } from '../../support/corpus.js';
import { duoOfflineRecord, graphActivityRecord, userRiskEventRecord } from '../../support/documented-records.js';
import { oktaEvent } from './samples.js';

const firstRecord = (...parts: string[]): Record<string, unknown> => JSON.parse(readFileSync(corpusPath(...parts), 'utf8').split('\n')[0] ?? '') as Record<string, unknown>;

test('a family field names the kind: Azure Monitor categories, Log Analytics tables, Duo eventtypes', () => {
  const signIn = firstRecord('entra', 'elastic-integrations', 'test-non-interactive-user.log');
  assert.deepEqual(familyKind(signIn), { name: 'NonInteractiveUserSignInLogs (Azure Monitor)', format: 'entra-signin' });
  assert.deepEqual(familyKind(graphActivityRecord(0)), { name: 'MicrosoftGraphActivityLogs (Azure Monitor)', format: null });
  assert.deepEqual(familyKind(userRiskEventRecord(0)), { name: 'UserRiskEvents (Azure Monitor)', format: null });
  // A directory audit's own category in the envelope is left to the parsers.
  assert.equal(familyKind(firstRecord('entra', 'panther-analysis', 'azure_auth_methods_policy_oidc_change.tests.ndjson'))?.format, undefined);
  const la = firstRecord('entra', 'otrf-security-datasets', 'AADAuditEvents.json');
  assert.deepEqual(familyKind(la), { name: 'AuditLogs (Log Analytics)', format: 'entra-audit' });
  for (const [eventtype, format] of [
    ['authentication', 'duo-auth'],
    ['auth_log', 'duo-auth'],
    ['administrator', 'duo-admin'],
    ['admin_log', 'duo-admin'],
    ['telephony_log', 'duo-telephony'],
    ['activity', 'duo-activity'],
    ['offline_log', null],
  ] as const) {
    assert.equal(familyKind(duoOfflineRecord(0, eventtype))?.format, format, eventtype);
  }
  // Okta records with Panther's lower-cased keys carry an `eventtype` that names no Duo log.
  assert.equal(familyKind({ eventtype: 'user.session.start', published: '2025-03-14T01:00:00Z' }), undefined);
});

test('a risk event has the time and user fields of an audit and a sign-in, yet is classified by its category, not by them', () => {
  const finder = new KindFinder(PARSER_LIST.filter((p) => p.input === 'object'));
  const record = { record: 1, text: '', value: userRiskEventRecord(0) };
  assert.deepEqual(finder.classify(record), { name: 'UserRiskEvents (Azure Monitor)', parser: null });
  // Without its category, the audit parser would claim it: the family decides first for that reason.
  const bare = userRiskEventRecord(0);
  delete bare['category'];
  assert.equal(finder.classify({ record: 1, text: '', value: bare })?.parser?.id, 'entra-audit');
});

test('an unrecognised record or file names the nearest known shape and the fields it lacks', () => {
  // Okta System Log flattened into Log Analytics columns, without the event type column.
  const row = {
    'TimeGenerated [UTC]': '6/19/2025 2:06:05 AM',
    TimeGenerated: '2025-06-19T02:06:05Z',
    published_t: '2025-06-19T02:06:05Z',
    uuid_g: '0e6b1c2a-0000-4000-8000-000000000001',
    actor_alternateId_s: 'ivan@contoso.example',
    outcome_result_s: 'SUCCESS',
    client_ipAddress_s: '203.0.113.7',
    displayMessage_s: 'User login to Okta',
    severity_s: 'INFO',
  };
  assert.deepEqual(nearestShape(row), { title: 'Okta System Log', format: 'okta', lacking: ['the event type (eventType)'], shared: 7 });
  assert.equal(
    resemblance(row, 'column'),
    'looks like Okta System Log via Log Analytics / Sentinel (--format okta); it has no column for the event type (eventType)',
  );
  const csv = `${Object.keys(row).join(',')}\n${Object.values(row).join(',')}\n`;
  const found = recognise({ head: csv, complete: true, maxRecordChars: 1 << 20 });
  assert.equal(found.ok, false);
  assert.match(found.ok ? '' : found.reason, /no importer recognises this content \(read as CSV, .*it looks like Okta System Log via Log Analytics \/ Sentinel \(--format okta\); it has no column for the event type \(eventType\)/);
  // Nothing alike: no resemblance is claimed.
  assert.equal(nearestShape({ hostname: 'a', os: 'b', disk: 'c' }), undefined);
  // A whole Okta record resembles Okta and lacks nothing.
  assert.deepEqual(nearestShape(oktaEvent(0))?.lacking, []);
});

async function decoded(chunks: readonly number[][]): Promise<{ text: string; report: DecodeReport }> {
  const report: DecodeReport = { invalidUtf8: false };
  async function* source(): AsyncGenerator<Uint8Array> {
    for (const c of chunks) yield Uint8Array.from(c);
  }
  let text = '';
  for await (const piece of decodeText(source(), report)) text += piece;
  return { text, report };
}

test('bytes that are not UTF-8 are reported; a character cut by a chunk boundary is not', async () => {
  const ascii = Array.from(Buffer.from('x'.repeat(600)));
  // "ü" in UTF-8 is C3 BC: split across two chunks, it is still valid.
  const split = await decoded([[...ascii, 0xc3], [0xbc, 0x0a]]);
  assert.deepEqual([split.report.invalidUtf8, split.text.endsWith('ü\n')], [false, true]);
  // A three-byte character split 1+2 and 2+1.
  const euro = Array.from(Buffer.from('€'));
  assert.equal((await decoded([[...ascii, euro[0] ?? 0], [euro[1] ?? 0, euro[2] ?? 0]])).report.invalidUtf8, false);
  assert.equal((await decoded([[...ascii, euro[0] ?? 0, euro[1] ?? 0], [euro[2] ?? 0]])).report.invalidUtf8, false);
  // "ü" in Latin-1 is FC alone.
  const latin1 = await decoded([[...ascii, 0xfc, 0x0a]]);
  assert.deepEqual([latin1.report.invalidUtf8, latin1.text.endsWith('\ufffd\n')], [true, true]);
  // A character cut off by the end of the file.
  assert.equal((await decoded([[...ascii, 0xe2, 0x82]])).report.invalidUtf8, true);
});
