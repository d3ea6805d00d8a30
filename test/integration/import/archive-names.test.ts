/** A zip member whose name is not a safe relative path is reported and skipped; every other member is imported. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { oktaEvent } from '../../unit/ingest-pipeline/samples.js';
import { tempDir } from '../../support/temp.js';
import { count, importPaths, newCase } from './helpers.js';

function ndjson(from: number, n: number): Uint8Array {
  return strToU8(Array.from({ length: n }, (_, i) => JSON.stringify(oktaEvent(from + i))).join('\n'));
}

test('a zip with a ../ member and an absolute one: those two are reported by name, the members around them imported', async (t) => {
  const dir = tempDir(t);
  const zipPath = join(dir, 'export.zip');
  writeFileSync(
    zipPath,
    zipSync({ 'a.ndjson': ndjson(0, 5), '../evil.ndjson': ndjson(100, 5), 'b.ndjson': ndjson(200, 5), '/etc/abs.ndjson': ndjson(300, 5), 'c/d.ndjson': ndjson(400, 5) }),
  );
  const casePath = newCase(t, dir);
  const report = await importPaths(casePath, [zipPath]);
  const byName = new Map(report.files.map((f) => [f.path, f]));
  for (const name of ['a.ndjson', 'b.ndjson', 'c/d.ndjson']) assert.equal(byName.get(name)?.status, 'imported', name);
  for (const name of ['../evil.ndjson', '/etc/abs.ndjson']) {
    assert.equal(byName.get(name)?.status, 'unreadable', name);
    assert.match(byName.get(name)?.reason ?? '', /not a safe relative path/);
  }
  assert.equal(count(casePath, 'SELECT count(*) AS n FROM events'), 15);
});

test('gzip inside gzip is inflated and imported', async (t) => {
  const dir = tempDir(t);
  const twice = join(dir, 'twice.ndjson.gz');
  writeFileSync(twice, gzipSync(gzipSync(Buffer.from(ndjson(0, 7)))));
  const casePath = newCase(t, dir);
  const report = await importPaths(casePath, [twice]);
  const file = report.files.find((f) => f.path === twice);
  assert.equal(file?.status, 'imported', file?.reason);
  assert.equal(file.events, 7);
  assert.equal(count(casePath, 'SELECT count(*) AS n FROM events'), 7);
});
