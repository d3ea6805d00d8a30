/**
 * Bulk import through the real job (both threads): files written in bulk, with a rollback
 * journal as the CLI does it, give the same case as files written event by event, dedup
 * against earlier files included; a cancelled bulk file leaves the case as it was.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import type { ImportReport } from '../../../shared/api/jobs.js';
import { startJob } from '../../../electron/jobs/runner.js';
import { oktaEvent } from '../../unit/ingest-pipeline/samples.js';
import { tempDir } from '../../support/temp.js';
import { importPaths, newCase } from './helpers.js';

const ndjson = (from: number, to: number): string =>
  Array.from({ length: to - from }, (_, i) => JSON.stringify(oktaEvent(from + i))).join('\n');

/** Everything a case holds that an import writes, ids included, and how its file is kept. */
function snapshot(casePath: string): { events: unknown[]; raw: unknown[]; indexes: unknown[]; journal: unknown; integrity: unknown } {
  const db = new Database(casePath, { readonly: true });
  try {
    return {
      events: db.prepare('SELECT * FROM events ORDER BY id').all(),
      raw: db.prepare('SELECT * FROM event_raw ORDER BY event_id').all(),
      indexes: db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name").all(),
      journal: db.pragma('journal_mode', { simple: true }),
      integrity: db.pragma('integrity_check', { simple: true }),
    };
  } finally {
    db.close();
  }
}

test('files imported in bulk give the case an event-by-event import gives, duplicates counted the same', async (t) => {
  const dir = tempDir(t);
  const a = join(dir, 'a.ndjson');
  const b = join(dir, 'b.ndjson');
  writeFileSync(a, ndjson(0, 1000));
  // Half of b repeats a: in bulk mode the dedup index is kept, so repeats are still found.
  writeFileSync(b, ndjson(500, 3000));
  const plainCase = newCase(t, tempDir(t));
  const bulkCase = newCase(t, tempDir(t));
  const plain = await importPaths(plainCase, [a, b], { tuning: { bulkMinBytes: Number.MAX_SAFE_INTEGER } });
  // Each file is larger than what the case holds before it: both are written in bulk.
  const bulk = await importPaths(bulkCase, [a, b], { exclusive: true, tuning: { bulkMinBytes: 1 } });

  const counts = (r: ImportReport): unknown[] => r.files.map((f) => [f.status, f.events, f.duplicates]);
  assert.deepEqual(counts(bulk), [
    ['imported', 1000, 0],
    ['imported', 2000, 500],
  ]);
  assert.deepEqual(counts(bulk), counts(plain));
  const p = snapshot(plainCase);
  const s = snapshot(bulkCase);
  assert.equal(s.integrity, 'ok');
  assert.equal(s.journal, 'wal');
  assert.deepEqual(s.indexes, p.indexes);
  assert.equal(s.events.length, 3000);
  assert.deepEqual(s.events, p.events);
  assert.deepEqual(s.raw, p.raw);
});

test('cancelling a file written in bulk leaves the case as it was, indexes and WAL included', async (t) => {
  const dir = tempDir(t);
  const a = join(dir, 'a.ndjson');
  const b = join(dir, 'b.ndjson');
  writeFileSync(a, ndjson(0, 3));
  writeFileSync(b, ndjson(100, 40_100));
  const casePath = newCase(t, dir);
  const before = snapshot(casePath);
  const job = startJob('import', { casePath, paths: [a, b], actor: 'tester', exclusive: true, tuning: { batchEvents: 500, bulkMinBytes: 1 } }, (p) => {
    if (p.phase === 'importing' && p.file?.endsWith('b.ndjson') === true && (p.records ?? 0) > 0) job.cancel();
  });
  const outcome = await job.result;
  assert.equal(outcome.ok ? 'finished' : outcome.error.kind, 'cancelled');
  const after = snapshot(casePath);
  assert.equal(after.integrity, 'ok');
  assert.equal(after.journal, 'wal');
  assert.deepEqual(after.indexes, before.indexes);
  assert.equal(after.events.length, 3, 'only the first file is in the case');
});

test('an import that would have the case to itself still says plainly when there is no case', async (t) => {
  const casePath = join(tempDir(t), 'missing.pushtrail');
  const outcome = await startJob('import', { casePath, paths: [tempDir(t)], actor: 'tester', exclusive: true }).result;
  assert.equal(outcome.ok ? 'imported' : outcome.error.kind, 'not_found');
  assert.match(outcome.ok ? '' : outcome.error.message, /No case file at/);
});
