/**
 * SIEM re-exports through the real import job: Log Analytics / Sentinel tables mapped back to
 * the vendor's shape, Splunk and Elasticsearch exports read through to the original record,
 * and locale times read in the day/month order the file itself shows. Fixtures:
 * test/fixtures/reexport (SOURCES.md there); Splunk and Elastic files wrap real public records
 * of the corpus as those tools write them.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ImportFileReport } from '../../../shared/api/jobs.js';
import { buildReportModel } from '../../../electron/report/model.js';
import { evidenceFacts } from '../../../electron/report/model-evidence.js';
import { renderReportHtml } from '../../../electron/report/render-html.js';
import { corpusPath, REPO_ROOT } from '../../support/corpus.js';
import { tempDir } from '../../support/temp.js';
import { entry, importPaths, inCase, newCase } from './helpers.js';

const fixture = (name: string): string => join(REPO_ROOT, 'test', 'fixtures', 'reexport', name);

interface Row {
  time: number;
  user: string;
  outcome: string;
  factor: string | null;
  vendor: string;
  vendor_event: string;
  src_ip: string | null;
  vendor_uid: string | null;
  line: number | null;
  raw: string;
}

function events(casePath: string, file: ImportFileReport): Row[] {
  return inCase(casePath, (s) =>
    s.db
      .prepare(
        `SELECT e.time, e.user, e.outcome, e.factor, e.vendor, e.vendor_event, e.src_ip, e.vendor_uid, e.line, r.raw
           FROM events e JOIN event_raw r ON r.event_id = e.id WHERE e.evidence_id = ? ORDER BY e.time`,
      )
      .all(file.evidenceId) as Row[],
  );
}

function imported(file: ImportFileReport, format: string, records: number): void {
  assert.equal(file.status, 'imported', JSON.stringify(file));
  assert.equal(file.format, format);
  assert.equal(file.rejected, 0, JSON.stringify(file.errors));
  assert.equal(file.records, records);
}

test('Sentinel OktaV2_CL CSV: the columns are mapped back to Okta LogEvents; US-locale [UTC] times read month first', async (t) => {
  const casePath = newCase(t);
  const report = await importPaths(casePath, [fixture('sentinel-oktav2.csv')]);
  const file = entry(report, 'sentinel-oktav2.csv');
  imported(file, 'okta', 3);
  assert.equal(file.reexport, 'Log Analytics / Sentinel query results');
  assert.equal(file.dateOrder, 'mdy');
  assert.match(file.note ?? '', /line 2 has "6\/19\/2025 2:06" \(19 cannot be a month\)/);
  const rows = events(casePath, file);
  assert.deepEqual(
    rows.map((r) => [new Date(r.time).toISOString(), r.user, r.outcome, r.factor, r.src_ip, r.vendor_uid]),
    [
      ['2025-06-19T02:06:05.123Z', 'alice@example.com', 'challenge_sent', 'push', '198.51.100.23', '7c1f2a40-4cd1-11f0-9c4e-0b1d1e1f2a01'],
      ['2025-06-19T02:06:41.900Z', 'alice@example.com', 'denied', 'push', '203.0.113.77', '7c1f2a40-4cd1-11f0-9c4e-0b1d1e1f2a02'],
      ['2025-06-19T14:08:13.004Z', 'alice@example.com', 'approved', 'push', '198.51.100.23', '7c1f2a40-4cd1-11f0-9c4e-0b1d1e1f2a03'],
    ],
  );
  // The case keeps the exported row itself, at its line.
  assert.ok(rows[0]?.raw.startsWith('"6/19/2025 2:06:05.123 AM",7c1f2a40'));
  assert.equal(rows[0]?.line, 2);
});

test('Sentinel Okta_CL (legacy, type-suffixed columns): day-first times, decided by a day over 12 elsewhere in the file', async (t) => {
  const casePath = newCase(t);
  const file = entry(await importPaths(casePath, [fixture('sentinel-okta-cl.csv')]), 'sentinel-okta-cl.csv');
  imported(file, 'okta', 2);
  assert.equal(file.dateOrder, 'dmy');
  const rows = events(casePath, file);
  assert.deepEqual(
    rows.map((r) => [new Date(r.time).toISOString(), r.user, r.outcome, r.factor, r.src_ip]),
    [
      ['2025-04-21T09:45:54.000Z', 'bob@example.com', 'challenge_sent', 'push', '192.0.2.44'],
      // 03/05 is the 3rd of May in this file, not the 5th of March.
      ['2025-05-03T10:00:01.000Z', 'bob@example.com', 'denied', 'push', '192.0.2.44'],
    ],
  );
});

test('an ambiguous day/month order is never guessed: rejected with the line, or read as --date-order says', async (t) => {
  const dir = tempDir(t);
  const csv = join(dir, 'okta-cl-ambiguous.csv');
  // Only the second row of the fixture: 03/05/2025 reads both ways, and nothing in the file decides.
  const [header, , second] = readFileSync(fixture('sentinel-okta-cl.csv'), 'utf8').split('\n');
  writeFileSync(csv, `${header}\n${second}\n`);
  const undecided = entry(await importPaths(newCase(t, tempDir(t)), [csv]), 'okta-cl-ambiguous.csv');
  assert.equal(undecided.format, 'okta');
  assert.equal(undecided.rejected, 1);
  assert.equal(undecided.errors[0]?.line, 2);
  assert.match(undecided.errors[0]?.message ?? '', /could be 3\/5 as day\/month or as month\/day.*--date-order/);
  assert.match(undecided.note ?? '', /day\/month order is unknown/);
  const casePath = newCase(t, tempDir(t));
  const given = entry(await importPaths(casePath, [csv], { dateOrder: 'mdy' }), 'okta-cl-ambiguous.csv');
  assert.equal(given.rejected, 0);
  assert.match(given.note ?? '', /as given \(--date-order mdy\)/);
  assert.equal(new Date(events(casePath, given)[0]?.time ?? 0).toISOString(), '2025-03-05T10:00:01.000Z');
});

test('Sentinel GoogleWorkspaceReports CSV: rows become Reports API activities (original events where kept)', async (t) => {
  const casePath = newCase(t);
  const file = entry(await importPaths(casePath, [fixture('sentinel-googleworkspacereports.csv')]), 'sentinel-googleworkspacereports.csv');
  imported(file, 'google-workspace', 3);
  const rows = events(casePath, file);
  assert.deepEqual(
    rows.map((r) => [new Date(r.time).toISOString(), r.user, r.vendor_event, r.outcome, r.src_ip]),
    [
      ['2025-06-03T20:15:02.000Z', 'carol@example.com', 'login_failure', 'auth_failure', '203.0.113.9'],
      ['2025-06-03T20:16:40.000Z', 'carol@example.com', 'login_challenge', rows[1]?.outcome, '203.0.113.9'],
      ['2025-06-13T20:20:11.000Z', 'carol@example.com', 'login_success', 'auth_success', '203.0.113.9'],
    ],
  );
  assert.notEqual(rows[1]?.outcome, 'other', 'the 2SV challenge kept its meaning');
});

test('Sentinel AWSCloudTrail CSV: ConsoleLogin rows with JSON text in cells', async (t) => {
  const casePath = newCase(t);
  const file = entry(await importPaths(casePath, [fixture('sentinel-awscloudtrail.csv')]), 'sentinel-awscloudtrail.csv');
  imported(file, 'cloudtrail', 2);
  const rows = events(casePath, file);
  assert.deepEqual(
    rows.map((r) => [new Date(r.time).toISOString(), r.user, r.outcome, r.factor, r.vendor_uid]),
    [
      ['2025-06-19T02:06:05.000Z', 'dave', 'auth_success', 'password', '3f6a1b2c-0000-4000-8000-00000000a001'],
      ['2025-06-19T02:07:44.000Z', 'dave', 'failed_other', rows[1]?.factor, '3f6a1b2c-0000-4000-8000-00000000a002'],
    ],
  );
});

test('CloudTrail event history (LookupEvents): each record is read from its CloudTrailEvent JSON text', async (t) => {
  const casePath = newCase(t);
  const file = entry(await importPaths(casePath, [fixture('cloudtrail-lookup-events.json')]), 'cloudtrail-lookup-events.json');
  imported(file, 'cloudtrail', 2);
  assert.deepEqual(
    events(casePath, file).map((r) => [new Date(r.time).toISOString(), r.user, r.outcome, r.src_ip, r.vendor_uid]),
    [
      ['2025-06-19T03:10:00.000Z', 'frank', 'auth_failure', '203.0.113.50', '9a1b2c3d-0000-4000-8000-00000000b001'],
      ['2025-06-19T03:11:30.000Z', 'frank', 'auth_success', '203.0.113.50', '9a1b2c3d-0000-4000-8000-00000000b002'],
    ],
  );
});

test('Log Analytics SigninLogs CSV: [UTC] headers, day-first times, Status and AuthenticationDetails as JSON text', async (t) => {
  const casePath = newCase(t);
  const file = entry(await importPaths(casePath, [fixture('la-signinlogs.csv')]), 'la-signinlogs.csv');
  imported(file, 'entra-signin', 2);
  assert.equal(file.dateOrder, 'dmy');
  const rows = events(casePath, file);
  assert.deepEqual(
    rows.map((r) => [new Date(r.time).toISOString(), r.user, r.outcome, r.factor]),
    [
      ['2025-06-03T11:29:59.120Z', 'erin@example.com', 'approved', 'push'],
      ['2025-06-19T02:06:04.512Z', 'erin@example.com', 'denied', 'push'],
    ],
  );
});

/** Real Okta System Log records (Elastic's pipeline test file, see corpus SOURCES.md). */
function oktaRecords(): string[] {
  return readFileSync(corpusPath('okta', 'elastic-integrations', 'test-okta-system-events.log'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
}

/** How many distinct events (uuids) the records hold: the test file repeats some. */
/** Events the records make: one per uuid, except that a uuid reused for another time or event is another event. */
function distinctEvents(records: readonly string[]): number {
  return new Set(
    records.map((r) => {
      const o = JSON.parse(r) as { uuid: string; published: string; eventType: string };
      return `${o.uuid} ${o.published} ${o.eventType}`;
    }),
  ).size;
}

test('Splunk search export (REST / Web JSON): _raw of final rows is the Okta record; preview and message rows give nothing', async (t) => {
  const dir = tempDir(t);
  const records = oktaRecords();
  const lines = [
    JSON.stringify({ preview: true, offset: 0, result: { _raw: records[0], _time: 'x', sourcetype: 'OktaIM2:log' } }),
    ...records.map((raw, i) => JSON.stringify({ preview: false, offset: i, result: { _raw: raw, _time: '2020-02-14T20:18:57.000+00:00', sourcetype: 'OktaIM2:log', host: 'okta' } })),
    JSON.stringify({ preview: false, lastrow: true }),
  ];
  const path = join(dir, 'splunk-export.json');
  writeFileSync(path, `${lines.join('\n')}\n`);
  const casePath = newCase(t);
  const file = entry(await importPaths(casePath, [path]), 'splunk-export.json');
  assert.equal(file.status, 'imported');
  assert.equal(file.format, 'okta');
  assert.equal(file.reexport, 'Splunk search export');
  assert.equal(file.records, records.length + 2);
  assert.equal(file.events + file.duplicates, records.length);
  const rows = events(casePath, file);
  const uuids = new Set(records.map((r) => (JSON.parse(r) as { uuid: string }).uuid));
  assert.deepEqual(new Set(rows.map((r) => r.vendor_uid)), uuids);
  assert.ok(rows.every((r) => r.raw.startsWith('{"preview":false')), 'each event keeps the Splunk row');
});

test('Splunk CSV with _raw syslog lines, and Elasticsearch hits (search response and one hit per line)', async (t) => {
  const dir = tempDir(t);
  const csv = join(dir, 'splunk.csv');
  const sshd = [
    'Jun 19 02:06:05 bastion sshd[4242]: Failed password for alice from 198.51.100.23 port 50522 ssh2',
    'Jun 19 02:06:09 bastion sshd[4242]: Accepted password for alice from 198.51.100.23 port 50522 ssh2',
  ];
  writeFileSync(csv, `_time,host,sourcetype,_raw\n${sshd.map((l) => `2025-06-19T02:06:05.000+00:00,bastion,linux_secure,"${l}"`).join('\n')}\n`);
  const records = oktaRecords();
  const hits = records.map((raw, i) => ({ _index: 'logs-okta.system-default', _id: `es-${i}`, _score: 1, _source: { '@timestamp': 'x', event: { original: raw, dataset: 'okta.system' } } }));
  const search = join(dir, 'search.json');
  writeFileSync(search, JSON.stringify({ took: 3, timed_out: false, hits: { total: { value: hits.length, relation: 'eq' }, hits } }, null, 2));
  const dump = join(dir, 'elasticdump.ndjson');
  writeFileSync(dump, hits.map((h) => JSON.stringify(h)).join('\n'));
  const casePath = newCase(t);
  const report = await importPaths(casePath, [csv, search, dump], { year: 2025 });
  const lines = entry(report, 'splunk.csv');
  assert.equal(lines.format, 'syslog');
  assert.equal(lines.events, 2);
  assert.deepEqual(events(casePath, lines).map((r) => [r.user, r.outcome, r.src_ip]), [
    ['alice', 'auth_failure', '198.51.100.23'],
    ['alice', 'auth_success', '198.51.100.23'],
  ]);
  for (const name of ['search.json', 'elasticdump.ndjson']) {
    const file = entry(report, name);
    assert.equal(file.format, 'okta', name);
    assert.equal(file.reexport, 'Elasticsearch / OpenSearch hits');
    assert.equal(file.rejected, 0);
  }
  assert.equal(entry(report, 'search.json').events, distinctEvents(records));
  // The same Okta events arrived twice: the second file's are duplicates by uuid.
  assert.equal(entry(report, 'elasticdump.ndjson').events, 0);
  assert.equal(entry(report, 'elasticdump.ndjson').duplicates, records.length);
});

test('--tz places classic syslog times in the zone, recorded in the summary', async (t) => {
  const dir = tempDir(t);
  const log = join(dir, 'auth.log');
  writeFileSync(log, 'Jan 19 02:06:05 bastion sshd[1]: Failed password for alice from 198.51.100.23 port 1 ssh2\n');
  const casePath = newCase(t);
  const file = entry(await importPaths(casePath, [log], { year: 2025, timeZone: 'America/New_York' }), 'auth.log');
  assert.equal(file.timeZone, 'America/New_York');
  assert.match(file.note ?? '', /read in America\/New_York \(--tz\)/);
  assert.equal(new Date(events(casePath, file)[0]?.time ?? 0).toISOString(), '2025-01-19T07:06:05.000Z');
  // Recorded with the evidence, and stated in the report's evidence section.
  const [evidence] = inCase(casePath, (store) => evidenceFacts(store).evidence);
  assert.deepEqual([evidence?.timeZone, evidence?.dateOrder, evidence?.reexport], ['America/New_York', null, null]);
  const html = inCase(casePath, (store) => renderReportHtml(buildReportModel(store)));
  assert.match(html, /times without a zone read in America\/New_York/);
});

test('the re-export and the day/month order are recorded with the evidence and stated in the report', async (t) => {
  const casePath = newCase(t);
  await importPaths(casePath, [fixture('sentinel-okta-cl.csv')]);
  const [evidence] = inCase(casePath, (store) => evidenceFacts(store).evidence);
  assert.deepEqual([evidence?.timeZone, evidence?.dateOrder, evidence?.reexport], [null, 'dmy', 'Log Analytics / Sentinel query results']);
  const html = inCase(casePath, (store) => renderReportHtml(buildReportModel(store)));
  assert.match(html, /read out of a Log Analytics \/ Sentinel query results · numeric dates read day first/);
});
