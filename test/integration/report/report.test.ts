/**
 * The case report end to end, through the real CLI on a real case: `pushtrail demo` leaves a
 * PDF; a second case of the same incident, in a non-UTC zone and with hostile strings planted
 * in a display name, a user agent, a vendor reason, an analyst note and the narrative, is
 * reported in every format. The PDF is read back with pdftotext and rendered with pdftoppm.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { OCSF_FIELDS } from '../../../shared/export/ocsf.js';
import { reportOutline } from '../../../electron/report/outline.js';
import { insertAnalystEvent } from '../../../electron/store/analyst-events.js';
import { applyAnnotation } from '../../../electron/store/annotations.js';
import { CaseStore } from '../../../electron/store/case-store.js';
import { writeReportText } from '../../../electron/store/report-text.js';
import { RESULTS_DIR, openBrowser } from '../../support/browser.js';
import { CASE_NAME_PAYLOAD, NAME_PAYLOAD, REASON_PAYLOAD, UA_PAYLOAD, hostileCase } from '../../support/hostile-case.js';
import { CLI } from '../../support/serve.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

const ZONE = 'America/New_York';
const NOTE_PAYLOAD = '<iframe src="https://evil.invalid/"></iframe> approved to stop the noise';
const NARRATIVE_PAYLOAD = 'Client called at 09:00. <b>bold</b><script>alert(5)</script>';
const ANALYST_ENTRY = 'Dana says she tapped Approve to stop the prompts <script>alert(7)</script>';

function cli(...args: string[]): string {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, PUSHTRAIL_ANALYST: 'report-test' } });
  assert.equal(r.status, 0, `pushtrail ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** Text with every run of whitespace removed: PDF text breaks lines wherever the layout did. */
const squash = (s: string): string => s.replace(/\s+/g, '');

let dir = '';
let demoDir = '';
let casePath = '';
let events = 0;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'pushtrail-report-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  demoDir = join(dir, 'demo');
  cli('demo', '--out', demoDir);

  casePath = hostileCase(demoDir, dir, ZONE, 'report-test');
  const store = CaseStore.open(casePath, 'report-test');
  try {
    const dana = store.db.prepare("SELECT id FROM events WHERE user LIKE 'dana.whitfield%' AND outcome = 'approved' ORDER BY time LIMIT 1").pluck().get() as number;
    store.change('report-test', 'annotations/set', {}, () => {
      applyAnnotation(store.db, [{ kind: 'event', target: String(dana) }], { starred: true, tags: ['approval'], note: NOTE_PAYLOAD }, 'Ana Lyst');
      applyAnnotation(store.db, [{ kind: 'entity', target: '146.70.117.86' }], { tags: ['attacker'], note: 'M247 VPN exit' }, 'Ana Lyst');
    });
    // Inside the main incident, so the chart draws it too.
    const approvedAt = store.db
      .prepare("SELECT MIN(time) FROM events WHERE user LIKE 'dana.whitfield%' AND outcome = 'approved' AND time > (SELECT MIN(time) FROM events WHERE user LIKE 'dana.whitfield%' AND outcome = 'denied')")
      .pluck()
      .get() as number;
    store.change('report-test', 'analyst/add', {}, () =>
      insertAnalystEvent(store.db, { user: 'dana.whitfield@kestrelfreight.example', time: approvedAt + 40_000, outcome: 'approved', factor: 'push', description: ANALYST_ENTRY }, 'Ana Lyst'),
    );
    store.change('report-test', 'report/text', {}, () =>
      writeReportText(store.db, { client: 'Kestrel Freight Ltd', reference: 'KF-2025-031', narrative: `${NARRATIVE_PAYLOAD}\n\nSecond paragraph.` }, 'Ana Lyst', Date.now()),
    );
    events = store.info().counts.events;
  } finally {
    store.close();
  }
});

interface ReportJson {
  findings: { id: string; user: string | null; summary: string; severity: string }[];
  users: { user: string; verdict: string; displayNames?: string[] }[];
  evidence: { sha256: string; path: string }[];
  method: { engineVersion: string; rules: { id: string; params: Record<string, unknown> }[]; displayTimeZone: string };
  summary: string[];
  records: { eventId: number; raw: string }[];
  analystEvents: { user: string; description: string; evidence: boolean; time: string }[];
}

function reportJson(): ReportJson {
  const out = join(dir, 'report.json');
  cli('report', casePath, '--out', out);
  return JSON.parse(readFileSync(out, 'utf8')) as ReportJson;
}

test('pushtrail demo leaves a PDF report of the recorded incident beside the case', () => {
  const files = readdirSync(demoDir);
  assert.ok(files.includes('demo-incident.pushtrail'));
  const pdf = readFileSync(join(demoDir, 'demo-report.pdf'));
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const text = execFileSync('pdftotext', [join(demoDir, 'demo-report.pdf'), '-'], { encoding: 'utf8' });
  assert.match(text, /dana\.whitfield@kestrelfreight\.example/);
  assert.match(text, /Demo incident: MFA push bombing at Kestrel/);
});

test('the PDF holds the attacked users, the findings with their numbers, every evidence hash and the zone; every page renders', () => {
  const data = reportJson();
  const pdfPath = join(dir, 'report.pdf');
  const line = cli('report', casePath, '--out', pdfPath);
  assert.match(line, /Wrote PDF report \(6 user sections, \d+ findings, \d+ original records, A4, \d+ pages\)/);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8' });
  const flat = squash(text);

  const attacked = data.users.filter((u) => u.verdict === 'attacked' || u.verdict === 'compromised');
  assert.equal(attacked.length, 6);
  for (const u of attacked) assert.ok(text.includes(u.user), u.user);
  // Every finding of a user section is printed with its summary, numbers and all.
  const sectioned = new Set(attacked.map((u) => u.user));
  const inSections = data.findings.filter((f) => f.user !== null && sectioned.has(f.user));
  assert.ok(inSections.length >= 20, `${inSections.length} findings in user sections`);
  for (const f of inSections) assert.ok(flat.includes(squash(f.summary)), `finding ${f.id}: ${f.summary}`);
  for (const s of data.summary) assert.ok(flat.includes(squash(s)), `summary sentence: ${s}`);
  for (const e of data.evidence) assert.ok(flat.includes(e.sha256), `hash of ${e.path}`);
  assert.match(text, /America\/New_York/);
  assert.ok(flat.includes(squash('2025-03-13 22:05:02 EDT')) || flat.includes('EDT'), 'times are shown in the zone');
  assert.ok(flat.includes('KF-2025-031') && flat.includes('KestrelFreightLtd'), 'cover: reference and client');
  assert.ok(flat.includes(squash(data.method.engineVersion)));
  for (const r of data.method.rules) assert.ok(text.includes(r.id), `rule ${r.id} in the method`);

  // Contents carry page numbers that match where the sections begin.
  const pages = text.split('\f');
  const contents = execFileSync('pdftotext', ['-layout', '-f', '1', '-l', '2', pdfPath, '-'], { encoding: 'utf8' });
  for (const [title, opening] of [
    ['Evidence', 'were imported into the case. Each file was hashed'],
    ['Chain of custody', "The case's custody log:"],
  ] as const) {
    const m = new RegExp(`^\\s*\\d+\\s+${title}\\s+(\\d+)\\s*$`, 'm').exec(contents);
    assert.ok(m !== null, `contents entry ${title}`);
    const at = pages.findIndex((p, i) => i > 0 && squash(p).includes(squash(opening)));
    assert.equal(Number(m[1]), at + 1, `page of ${title}`);
  }

  const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
  const count = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  assert.match(info, /Page size:.*\(A4\)/);
  assert.ok(count > 10 && count < 120, `${count} pages`);
  const rendered = join(dir, 'pages');
  mkdirSync(rendered);
  execFileSync('pdftoppm', ['-png', '-r', '30', pdfPath, join(rendered, 'p')]);
  assert.equal(readdirSync(rendered).filter((f) => f.endsWith('.png')).length, count);
  // A few pages at a readable size for a person to look at.
  mkdirSync(RESULTS_DIR, { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '6', pdfPath, join(RESULTS_DIR, 'report-page')]);
});

test('hostile strings from the logs and from the analyst print as text in the PDF', () => {
  const pdfPath = join(dir, 'report.pdf');
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8' });
  const flat = squash(text);
  for (const payload of [NAME_PAYLOAD, UA_PAYLOAD, REASON_PAYLOAD, NARRATIVE_PAYLOAD, CASE_NAME_PAYLOAD]) {
    assert.ok(flat.includes(squash(payload)), `payload printed as text: ${payload}`);
  }
  // A note sits in a table cell beside others, whose lines pdftotext interleaves: word by word.
  for (const word of NOTE_PAYLOAD.split(' ')) assert.ok(text.includes(word), `note word ${word}`);
});

test('Letter paper prints on Letter pages', () => {
  const pdfPath = join(dir, 'letter.pdf');
  cli('report', casePath, '--out', pdfPath, '--paper', 'Letter', '--user', 'mei.chen@kestrelfreight.example');
  const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
  assert.match(info, /Page size:\s+612 x 792/);
  const text = execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' });
  assert.match(text, /mei\.chen@kestrelfreight\.example/);
  assert.doesNotMatch(text, /2\.\d\s+dana\.whitfield/, 'no section for another user');
});

test('the HTML report is one file with no script and no remote reference, and its payloads stay text in a browser', async (t) => {
  const out = join(dir, 'report.html');
  cli('report', casePath, '--out', out);
  const page = readFileSync(out, 'utf8');
  assert.doesNotMatch(page, /<script/i);
  assert.doesNotMatch(page, /<(img|iframe|object|embed|link|base|form)\b/i);
  assert.doesNotMatch(page, /\b(src|href)\s*=\s*"(?!#)/i, 'only in-page links');
  assert.doesNotMatch(page, /url\(\s*['"]?(?!#)/i, 'no external url() in CSS or SVG');
  assert.doesNotMatch(page, /@import/i);
  assert.doesNotMatch(page, /<svg\b(?![^>]*class="(seq|map|sym)")/, 'only PushTrail drawings');
  assert.ok(page.includes('&lt;img src=x onerror=alert(1)&gt;'));

  const { page: tab, errors } = await openBrowser(t);
  const dialogs: string[] = [];
  tab.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const requests: string[] = [];
  tab.on('request', (r) => {
    if (!r.url().startsWith('file:')) requests.push(r.url());
  });
  await tab.goto(`file://${out}`);
  const seen = await tab.evaluate(() => ({
    scripts: document.scripts.length,
    images: document.images.length,
    iframes: document.querySelectorAll('iframe').length,
    text: document.body.innerText,
  }));
  assert.deepEqual(dialogs, []);
  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);
  assert.equal(seen.scripts, 0);
  assert.equal(seen.images, 0);
  assert.equal(seen.iframes, 0);
  for (const payload of [NAME_PAYLOAD, REASON_PAYLOAD, NOTE_PAYLOAD, CASE_NAME_PAYLOAD]) assert.ok(seen.text.includes(payload), payload);
});

test('the JSON export parses and carries findings, users, evidence and method', () => {
  const data = reportJson();
  const store = CaseStore.open(casePath, 'report-test', { readOnly: true });
  try {
    const info = store.info();
    assert.equal(data.findings.length, info.counts.findings);
    assert.deepEqual(
      data.evidence.map((e) => e.sha256),
      store.evidence().map((e) => e.sha256),
    );
  } finally {
    store.close();
  }
  assert.equal(data.method.displayTimeZone, ZONE);
  assert.equal(data.method.rules.length, 11);
  const dana = data.users.find((u) => u.user.startsWith('dana.whitfield'));
  assert.ok(dana?.displayNames?.some((n) => n.includes(NAME_PAYLOAD)), 'display name kept verbatim');
  assert.ok(data.records.some((r) => r.raw.includes(UA_PAYLOAD)), 'verbatim record with the user agent');
});

/** RFC 4180 rows (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  assert.equal(cell, '', 'file ends with a line break');
  return rows;
}

test('the CSV has one row per event, and a selection of users gives only their events', () => {
  const out = join(dir, 'events.csv');
  cli('report', casePath, '--out', out);
  const [header, ...rows] = parseCsv(readFileSync(out, 'utf8'));
  assert.equal(rows.length, events);
  assert.ok(header !== undefined);
  for (const r of rows) assert.equal(r.length, header.length);
  const col = (name: string): number => header.indexOf(name);
  assert.equal(new Set(rows.map((r) => r[col('event_id')])).size, events);
  assert.ok(rows.some((r) => (r[col('reason')] ?? '').includes(REASON_PAYLOAD)));
  assert.ok(rows.some((r) => (r[col('user_agent')] ?? '').endsWith(UA_PAYLOAD)));
  assert.ok(rows.some((r) => (r[col('finding_ids')] ?? '') !== ''), 'finding ids on evidence events');

  const some = join(dir, 'two.csv');
  cli('report', casePath, '--out', some, '--user', 'mei.chen@kestrelfreight.example', '--user', 'sofia.rossi@kestrelfreight.example');
  const [, ...mine] = parseCsv(readFileSync(some, 'utf8'));
  assert.ok(mine.length > 0);
  assert.deepEqual(new Set(mine.map((r) => r[col('user')])), new Set(['mei.chen@kestrelfreight.example', 'sofia.rossi@kestrelfreight.example']));
});

test('OCSF lines validate against the Authentication fields PushTrail claims to fill', () => {
  const out = join(dir, 'events.ndjson');
  cli('report', casePath, '--out', out);
  const lines = readFileSync(out, 'utf8').split('\n');
  assert.equal(lines.pop(), '');
  assert.equal(lines.length, events);
  const allowed = new Set<string>(OCSF_FIELDS);
  const ids = new Set<number>();
  for (const line of lines) {
    const o = JSON.parse(line) as Record<string, unknown>;
    for (const k of Object.keys(o)) assert.ok(allowed.has(k), `unclaimed field ${k}`);
    assert.equal(o['class_uid'], 3002);
    assert.equal(o['category_uid'], 3);
    assert.ok([0, 1, 6, 99].includes(o['activity_id'] as number));
    assert.equal(o['type_uid'], 300200 + (o['activity_id'] as number));
    assert.ok([0, 1, 2, 99].includes(o['status_id'] as number));
    assert.equal(typeof o['time'], 'number');
    assert.equal(o['severity_id'], 1);
    const meta = o['metadata'] as { version: string; product: { name: string; vendor_name: string } };
    assert.equal(meta.version, '1.3.0');
    assert.equal(typeof meta.product.name, 'string');
    const unmapped = o['unmapped'] as { pushtrail_event_id: number };
    ids.add(unmapped.pushtrail_event_id);
    const user = o['user'] as { name?: unknown } | undefined;
    if (user?.name !== undefined) assert.equal(typeof user.name, 'string');
    const src = o['src_endpoint'] as { ip?: unknown } | undefined;
    if (src !== undefined) assert.equal(typeof src.ip, 'string');
  }
  assert.equal(ids.size, events);
  assert.ok(lines.some((l) => ((JSON.parse(l) as { status_detail?: string }).status_detail ?? '').includes(REASON_PAYLOAD)));
});

test("the analyst's own entries are printed in their user's section, marked, and kept out of every evidence list and count", () => {
  const pdfPath = join(dir, 'report.pdf');
  const raw = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8' });
  const pdfText = squash(raw);
  // A table row's cells come out of pdftotext interleaved line by line: word by word.
  for (const word of ANALYST_ENTRY.split(' ')) assert.ok(raw.includes(word), `entry word ${word}`);
  assert.ok(pdfText.includes(squash('Analyst-entered, not evidence:')));
  // The page of the entry, for a person to look at.
  const at = raw.split('\f').findIndex((p) => p.includes('Analyst-entered, not evidence'));
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', String(at + 1), '-l', String(at + 1), pdfPath, join(RESULTS_DIR, 'report-analyst-entry')]);
  assert.ok(pdfText.includes(squash("the analyst's 1 entry for this user (rows marked A")));
  assert.ok(pdfText.includes(squash('Framed and marked A: the analyst\'s 1 entry, drawn for context, not evidence and not counted.')));

  const page = readFileSync(join(dir, 'report.html'), 'utf8');
  assert.equal(page.match(/<tr class="analyst">/g)?.length, 1, 'one key-events row');
  assert.equal(page.match(/<g class="analyst">/g)?.length, 1, 'one framed mark on the chart');
  const danaSection = page.slice(page.indexOf('<section class="user" id="user-1">'), page.indexOf('<section class="user" id="user-2">'));
  assert.ok(danaSection.includes('dana.whitfield@kestrelfreight.example') && danaSection.includes('&lt;script&gt;alert(7)'), "in Dana's section");
  assert.ok(!page.slice(page.indexOf('id="appendix"')).includes('alert(7)'), 'not in the appendix of records');
  assert.ok(page.includes(`${events.toLocaleString('en-US')} events`), 'the cover counts the evidence only');

  const data = reportJson();
  assert.deepEqual(
    data.analystEvents.map((a) => [a.user, a.description, a.evidence]),
    [['dana.whitfield@kestrelfreight.example', ANALYST_ENTRY, false]],
  );
  assert.ok(data.records.every((r) => r.eventId > 0));
  assert.ok(!JSON.stringify(data.users).includes('alert(7)'), 'not among the key events');
  assert.ok(!readFileSync(join(dir, 'events.csv'), 'utf8').includes('alert(7)'), 'not in the CSV');
  assert.ok(!readFileSync(join(dir, 'events.ndjson'), 'utf8').includes('alert(7)'), 'not in OCSF');
  // The report screen's list of sections says so too.
  const store = CaseStore.open(casePath, 'report-test', { readOnly: true });
  try {
    assert.match(reportOutline(store, {}).sections.find((s) => s.id === 'users')?.detail ?? '', /, 1 analyst's entry \(marked, not evidence\)$/);
  } finally {
    store.close();
  }
});

test('a report export is recorded in the custody log with its hash; a bad user leaves no file', () => {
  const store = CaseStore.open(casePath, 'report-test', { readOnly: true });
  try {
    const exports = store.custody(0, 100000).filter((c) => c.action === 'report/export');
    assert.ok(exports.length >= 5);
    const pdf = exports.find((c) => c.detail['format'] === 'pdf');
    assert.match(String(pdf?.detail['sha256']), /^[0-9a-f]{64}$/);
  } finally {
    store.close();
  }
  const r = spawnSync(process.execPath, [CLI, 'report', casePath, '--out', join(dir, 'nobody.pdf'), '--user', 'nobody@example.com'], { encoding: 'utf8' });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /No user "nobody@example.com"/);
  assert.ok(!readdirSync(dir).some((f) => f.startsWith('nobody') || f.includes('.partial')));
});

test('a file cut off part-way and gaps in the logs are named among the evidence limitations', () => {
  const cut = join(dir, 'cut');
  mkdirSync(cut);
  const okta = readFileSync(join(demoDir, 'bundle', 'okta-system-log.ndjson'), 'utf8');
  writeFileSync(join(cut, 'okta-cut.ndjson'), okta.slice(0, okta.length - 300));
  const cutCase = join(dir, 'cut.pushtrail');
  cli('import', cutCase, cut);
  const out = join(dir, 'cut.html');
  cli('report', cutCase, '--out', out);
  const page = readFileSync(out, 'utf8');
  assert.match(page, /okta-cut\.ndjson<\/span> may have been cut off: its last record \(line [\d,]+\) could not be read \(not valid JSON/);
  assert.match(page, /Stretches of 1 d or more without a single event/);
});

