/**
 * Tampering with a case outside PushTrail, as someone with the sqlite3 shell would: each edit
 * is found by `pushtrail verify` (the real CLI, its worker job), which names what differs.
 * The case is the recorded demo incident, built once and copied for each edit.
 */
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import Database from 'better-sqlite3';
import type { VerifyReport } from '../../../shared/api/jobs.js';
import { runCli } from '../import/helpers.js';
import { CLI } from '../../support/serve.js';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

const root = mkdtempSync(join(tmpdir(), 'pushtrail-tamper-'));
let pristine = '';
let bundle = '';
let copies = 0;

before(() => {
  const demo = spawnSync(process.execPath, [CLI, 'demo', '--out', root, '--no-report'], { encoding: 'utf8' });
  assert.equal(demo.status, 0, demo.stderr);
  pristine = join(root, 'demo-incident.pushtrail');
  bundle = join(root, 'bundle');
  process.on('exit', () => rmSync(root, { recursive: true, force: true }));
});

/** A copy of the demo case, edited by `edit` through a plain SQLite connection. */
function tampered(edit: (db: Database.Database) => void): string {
  copies += 1;
  const dir = join(root, `copy-${copies}`);
  mkdirSync(dir);
  const path = join(dir, 'case.pushtrail');
  copyFileSync(pristine, path);
  const db = new Database(path);
  try {
    edit(db);
  } finally {
    db.close();
  }
  return path;
}

function verify(path: string, ...extra: string[]): { code: number | null; report: VerifyReport } {
  const r = runCli('verify', path, '--json', ...extra);
  assert.ok(r.stdout.startsWith('{'), `verify printed no report: ${r.stderr}`);
  return { code: r.code, report: JSON.parse(r.stdout) as VerifyReport };
}

function ids(db: Database.Database, sql: string): number[] {
  return (db.prepare(sql).all() as { id: number }[]).map((r) => r.id);
}

function problem(report: VerifyReport, pattern: RegExp): string {
  const found = report.problems.find((p) => pattern.test(p));
  assert.ok(found !== undefined, `no problem matches ${pattern}: ${JSON.stringify(report.problems, null, 1).slice(0, 3000)}`);
  return found;
}

function difference(report: VerifyReport, table: string): VerifyReport['content']['differences'][number] {
  const d = report.content.differences.find((x) => x.table === table);
  assert.ok(d !== undefined, `table ${table} is not named: ${report.content.differences.map((x) => x.table).join(', ')}`);
  return d;
}

const VICTIM = 'dana.whitfield@kestrelfreight.example';

test('the untouched case verifies, with its evidence, detection run again and its report', () => {
  const json = join(root, 'report.json');
  const html = join(root, 'report.html');
  for (const out of [json, html]) assert.equal(runCli('report', pristine, '--out', out).code, 0);
  const { code, report } = verify(pristine, '--evidence', bundle, '--report', json);
  assert.deepEqual(report.problems, []);
  assert.equal(code, 0);
  assert.equal(report.ok, true);
  assert.equal(report.content.matches, true);
  assert.ok(report.evidence !== null && report.evidence.matched.length === 3 && report.evidence.changed.length === 0);
  assert.ok(report.detection !== null && report.detection.findings > 0 && report.detection.findings === report.detection.rerunFindings);
  assert.ok(report.report?.matches === true);
  // The HTML report, written after the JSON one, printed the seal of the JSON one's export entry.
  const fromHtml = verify(pristine, '--report', html, '--no-detection').report;
  assert.ok(fromHtml.report?.matches === true);
  assert.equal(fromHtml.report.seq, report.report.seq + 1);
  assert.notEqual(fromHtml.report.digest, report.report.digest);
  assert.ok(fromHtml.keys.every((k) => k.thisInstallation));
});

test('approved changed to denied on the victim\'s events is named by table and row, and detection disagrees', () => {
  let changed: number[] = [];
  const path = tampered((db) => {
    changed = ids(db, `SELECT id FROM events WHERE user = '${VICTIM}' AND outcome = 'approved' ORDER BY id`);
    db.prepare("UPDATE events SET outcome = 'denied' WHERE user = ? AND outcome = 'approved'").run(VICTIM);
  });
  assert.ok(changed.length > 0);
  const { code, report } = verify(path);
  assert.equal(code, 1);
  assert.deepEqual(difference(report, 'events').changed, changed);
  problem(report, new RegExp(`table events differs .* rows changed: ${changed.join(', ')}`));
  problem(report, new RegExp(`detection: user ${VICTIM.replaceAll('.', '\\.')} is compromised`));
});

test('events reassigned to another user are named', () => {
  let moved: number[] = [];
  const path = tampered((db) => {
    moved = ids(db, `SELECT id FROM events WHERE user = '${VICTIM}' ORDER BY id LIMIT 40`);
    db.prepare(`UPDATE events SET user = 'someone.else@kestrelfreight.example' WHERE id IN (${moved.join(',')})`).run();
  });
  const { report } = verify(path, '--no-detection');
  assert.deepEqual(difference(report, 'events').changed, moved);
});

test('a zeroed evidence SHA-256 is named, and the evidence folder shows the real one', () => {
  const path = tampered((db) => db.prepare("UPDATE evidence SET sha256 = ? WHERE id = 2").run('0'.repeat(64)));
  const { report } = verify(path, '--no-detection', '--evidence', bundle);
  assert.deepEqual(difference(report, 'evidence').changed, [2]);
  problem(report, /evidence #2 .*: the case records SHA-256 0{64}, .* has [0-9a-f]{64}/);
});

test('150 edited verbatim records are named and counted', () => {
  let edited: number[] = [];
  const path = tampered((db) => {
    edited = ids(db, 'SELECT event_id AS id FROM event_raw ORDER BY event_id LIMIT 150 OFFSET 1000');
    db.prepare(`UPDATE event_raw SET raw = replace(raw, '"', '''') WHERE event_id IN (${edited.join(',')})`).run();
  });
  const { report } = verify(path, '--no-detection');
  const d = difference(report, 'event_raw');
  assert.equal(d.counts.changed, 150);
  assert.deepEqual(d.changed, edited);
});

test('a finding\'s severity lowered is named, and detection run again disagrees', () => {
  let finding = 0;
  const path = tampered((db) => {
    finding = ids(db, "SELECT id FROM findings WHERE severity = 'critical' ORDER BY id LIMIT 1")[0] ?? 0;
    db.prepare("UPDATE findings SET severity = 'low' WHERE id = ?").run(finding);
  });
  const { report } = verify(path);
  assert.deepEqual(difference(report, 'findings').changed, [finding]);
  problem(report, /detection: finding .*severity is "low" in the case, "critical" when detection runs again/);
});

test('an identity moved to another person outside PushTrail is named by its row', () => {
  let moved = '';
  const path = tampered((db) => {
    moved = (db.prepare('SELECT identity FROM person_identities WHERE person = ? AND identity <> person ORDER BY identity LIMIT 1').pluck().get(VICTIM) as string | undefined) ?? '';
    db.prepare("UPDATE person_identities SET person = 'priya.raman@kestrelfreight.example' WHERE identity = ?").run(moved);
  });
  assert.notEqual(moved, '', 'the demo links the victim\'s vendor ids to her');
  const { code, report } = verify(path, '--no-detection');
  assert.equal(code, 1);
  assert.deepEqual(difference(report, 'person_identities').changed, [moved]);
});

test('a link decision forged outside PushTrail is named, and detection run again disagrees', () => {
  const path = tampered((db) => {
    const [a, b] = [VICTIM, 'priya.raman@kestrelfreight.example'].sort();
    db.prepare("INSERT INTO identity_decisions (a, b, decision, analyst, decided_at) VALUES (?, ?, 'link', 'mallory', 0)").run(a, b);
  });
  const { code, report } = verify(path);
  assert.equal(code, 1);
  assert.equal(difference(report, 'identity_decisions').counts.added, 1);
  // Run again, the forged link joins the two into one person, named by one of them: the other has no assessment of her own.
  problem(report, /detection: user (dana\.whitfield|priya\.raman)@kestrelfreight\.example is assessed \w+ in the case but has no assessment when detection runs again/);
});

test('the last custody entry deleted: the content no longer matches the entry before it', () => {
  let last = 0;
  const path = tampered((db) => {
    last = (db.prepare('SELECT max(seq) AS n FROM custody_log').get() as { n: number }).n;
    db.exec(`DROP TRIGGER custody_log_no_delete; DELETE FROM custody_log WHERE seq = ${last};`);
  });
  const { report } = verify(path, '--no-detection');
  assert.equal(report.content.sealedSeq, last - 1);
  problem(report, new RegExp(`custody log: the content was sealed by custody entry #${last}, but the log ends at entry #${last - 1}: entries #${last}–#${last} were removed`));
  problem(report, new RegExp(`table custody_head differs from what custody entry #${last - 1} sealed`));
});

/** The hash of a sealed custody entry, as anyone can compute it from the published format. */
function entryHash(r: Record<string, unknown>): string {
  return createHash('sha256')
    .update(JSON.stringify([r['prev_hash'], r['seq'], r['at'], r['actor'], r['action'], r['detail'], r['tool_version'], r['digest'], r['tables'], r['key_id']]))
    .digest('hex');
}

/** Rewrite every entry from `from` on with recomputed hashes; `resign` signs them with a key of the forger's. */
function rechain(db: Database.Database, from: number, edit: (row: Record<string, unknown>) => void, resign?: (hash: string) => string): void {
  db.exec('DROP TRIGGER custody_log_no_update;');
  const rows = db.prepare('SELECT * FROM custody_log ORDER BY seq').all() as Record<string, unknown>[];
  let prev = '';
  for (const row of rows) {
    if ((row['seq'] as number) >= from) {
      edit(row);
      row['prev_hash'] = prev;
      row['hash'] = entryHash(row);
      if (resign !== undefined) row['signature'] = resign(row['hash'] as string);
      db.prepare('UPDATE custody_log SET actor = @actor, key_id = @key_id, prev_hash = @prev_hash, hash = @hash, signature = @signature WHERE seq = @seq').run(row);
    }
    prev = row['hash'] as string;
  }
}

test('an edited actor with the hash chain recomputed fails the signatures of the rewritten entries', () => {
  const path = tampered((db) => rechain(db, 2, (row) => {
    if (row['seq'] === 2) row['actor'] = 'someone-else';
  }));
  const { report } = verify(path, '--no-detection');
  problem(report, /custody log: entry #2 \(.*\) its signature does not verify against key/);
  assert.ok(report.custodyBroken.includes(2));
});

test('a chain forged with another key verifies only if that key is trusted, and is named', () => {
  const forger = generateKeyPairSync('ed25519');
  const publicKey = forger.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const fingerprint = createHash('sha256').update(Buffer.from(publicKey, 'base64')).digest('hex');
  const path = tampered((db) => {
    db.prepare('INSERT INTO analyst_keys (fingerprint, public_key, analyst, added_at) VALUES (?, ?, ?, 0)').run(fingerprint, publicKey, 'forger');
    rechain(db, 1, (row) => {
      row['key_id'] = fingerprint;
    }, (hash) => sign(null, Buffer.from(hash, 'utf8'), forger.privateKey).toString('base64'));
  });
  const { report } = verify(path, '--no-detection');
  assert.equal(report.ok, false);
  problem(report, new RegExp(`signed by key ${fingerprint} \\(forger\\), which is not this installation's`));
  // The forger's key row changed the content too: the digest no longer matches the seal.
  assert.deepEqual(difference(report, 'analyst_keys').added, [fingerprint]);
});

test('a case whose SQLite user_version was bumped is refused like a newer case, untouched', () => {
  const path = tampered((db) => db.pragma('user_version = 999'));
  const r = runCli('verify', path, '--json');
  assert.equal(r.code, 1);
  const { error } = JSON.parse(r.stderr) as { error: { kind: string; message: string } };
  assert.equal(error.kind, 'case_version');
  assert.match(error.message, /newer PushTrail .*schema 999/);
});

test('a write to a case changed outside PushTrail is refused, naming the tables', () => {
  const path = tampered((db) => db.prepare("UPDATE findings SET severity = 'low' WHERE id = 1").run());
  const r = runCli('detect', path);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /was changed outside PushTrail since its last custody entry \(findings\)/);
});
