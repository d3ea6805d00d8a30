/**
 * Kill -9 in the middle of an import, in WAL mode and in bulk mode (a rollback journal): the
 * case holds whole files only, passes SQLite's integrity check, and running the same import
 * again completes it without duplicates.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { oktaEvent } from '../../unit/ingest-pipeline/samples.js';
import { DEFAULT_LIMITS } from '../../../electron/ingest/pipeline/thread-messages.js';
import { CLI } from '../../support/serve.js';
import { tempDir } from '../../support/temp.js';
import { count, inCase, runCli } from './helpers.js';

/** Records of the big file in WAL mode: it must stay under the bulk threshold (about 65 MB). */
const WAL_RECORDS = 100_000;
/** Records of the big file written in bulk, with a rollback journal (about 78 MB). */
const BULK_RECORDS = 120_000;

async function writeBig(path: string, records: number): Promise<void> {
  const out = createWriteStream(path);
  for (let i = 0; i < records; i += 1) {
    if (!out.write(`${JSON.stringify(oktaEvent(1000 + i))}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
}

function committedFiles(casePath: string): number {
  if (!existsSync(casePath)) return 0;
  try {
    const db = new Database(casePath, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM evidence').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0; // created but not yet migrated, or busy
  }
}

function wholeFilesOnly(casePath: string): void {
  inCase(casePath, (store) => {
    assert.deepEqual(store.db.pragma('integrity_check', { simple: true }), 'ok');
    for (const e of store.evidence()) {
      const stored = count(casePath, 'SELECT count(*) AS n FROM events WHERE evidence_id = ?', e.id);
      assert.equal(stored, e.events, `evidence ${e.path}: its row says ${e.events} events, the case holds ${stored}`);
    }
    assert.equal(count(casePath, 'SELECT count(*) AS n FROM events WHERE evidence_id NOT IN (SELECT id FROM evidence)'), 0);
  });
}

/** Running the killed import again adds the big file whole and nothing twice. */
function rerunCompletes(casePath: string, small: string, big: string, bigRecords: number): void {
  const rerun = runCli('import', casePath, small, big, '--json');
  assert.equal(rerun.code, 0, rerun.stderr);
  const report = JSON.parse(rerun.stdout) as { files: { status: string; events: number; duplicates: number }[] };
  assert.deepEqual(report.files.map((f) => [f.status, f.events, f.duplicates]), [
    ['already_imported', 0, 0],
    ['imported', bigRecords, 0],
  ]);
  wholeFilesOnly(casePath);
}

test('SIGKILL during an import leaves whole files only; the re-run completes it with no duplicates', async (t) => {
  const dir = tempDir(t);
  const small = join(dir, 'a-small.ndjson');
  writeFileSync(small, [0, 1, 2, 3, 4].map((i) => JSON.stringify(oktaEvent(i))).join('\n'));
  const big = join(dir, 'b-big.ndjson');
  await writeBig(big, WAL_RECORDS);
  assert.ok(statSync(big).size < DEFAULT_LIMITS.bulkMinBytes, 'the big file is written event by event, in WAL mode');
  const casePath = join(dir, 'killed.pushtrail');

  const child = spawn(process.execPath, [CLI, 'import', casePath, small, big], { stdio: 'ignore' });
  const exited = once(child, 'exit');
  // Wait until the small file is committed: the big one is then being read.
  const deadline = Date.now() + 60_000;
  while (committedFiles(casePath) < 1 && Date.now() < deadline && child.exitCode === null) await sleep(20);
  await sleep(150);
  const killedMidway = child.exitCode === null;
  child.kill('SIGKILL');
  await exited;
  assert.ok(killedMidway, 'the import finished before it could be killed; make the big file bigger');

  wholeFilesOnly(casePath);
  const before = inCase(casePath, (s) => s.evidence().map((e) => e.path));
  assert.deepEqual(before, [small], 'the small file is whole and the big one absent');
  assert.equal(count(casePath, 'SELECT count(*) AS n FROM events'), 5);

  rerunCompletes(casePath, small, big, WAL_RECORDS);
  assert.equal(count(casePath, 'SELECT count(*) AS n FROM events'), 5 + WAL_RECORDS);
});

test('SIGKILL while a large file is written with a rollback journal: the next open, even read-only, rolls it back', async (t) => {
  const dir = tempDir(t);
  const small = join(dir, 'a-small.ndjson');
  writeFileSync(small, [0, 1, 2].map((i) => JSON.stringify(oktaEvent(i))).join('\n'));
  const big = join(dir, 'b-big.ndjson');
  await writeBig(big, BULK_RECORDS);
  assert.ok(statSync(big).size >= DEFAULT_LIMITS.bulkMinBytes);
  const casePath = join(dir, 'killed.pushtrail');
  const journal = `${casePath}-journal`;

  const child = spawn(process.execPath, [CLI, 'import', casePath, small, big], { stdio: 'ignore' });
  const exited = once(child, 'exit');
  // The big file is larger than the case and than the bulk threshold: the CLI writes it with a
  // rollback journal, which exists only while its transaction is open. Nothing here opens the
  // case meanwhile (a reader would be told the case is busy).
  const deadline = Date.now() + 60_000;
  while (!existsSync(journal) && Date.now() < deadline && child.exitCode === null) await sleep(10);
  await sleep(200);
  // Another process wanting the case meanwhile is told why it cannot have it.
  const reader = runCli('users', casePath);
  assert.notEqual(reader.code, 0);
  assert.match(reader.stderr, /being written by another PushTrail process/);
  const killedMidway = child.exitCode === null && existsSync(journal);
  child.kill('SIGKILL');
  await exited;
  assert.ok(killedMidway, 'the import was not caught writing the big file with a journal');
  assert.ok(statSync(journal).size > 0, 'the kill left a hot journal');

  // A read-only look is the first open after the crash.
  const paths = inCase(casePath, (s) => s.evidence().map((e) => e.path));
  assert.deepEqual(paths, [small], 'the small file is whole and the big one absent');
  assert.equal(existsSync(journal), false, 'the journal was rolled back');
  wholeFilesOnly(casePath);
  const db = new Database(casePath, { readonly: true });
  try {
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    const indexes = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'events' ORDER BY name").all();
    assert.equal(indexes.length, 3, 'the events indexes dropped for the big file are back');
  } finally {
    db.close();
  }

  rerunCompletes(casePath, small, big, BULK_RECORDS);
  assert.equal(existsSync(journal), false);
});
