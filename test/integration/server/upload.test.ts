/**
 * Web mode's evidence upload over real HTTP to a real `pushtrail serve`: files given to the
 * page are saved beside the case, under names that cannot leave the batch's folder, and
 * imported from there.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import type { ApiResult } from '../../../shared/api/errors.js';
import { caseFolder } from '../../../electron/store/case-store.js';
import { uploadTarget } from '../../../electron/server/uploads.js';
import { serve } from '../../support/serve.js';
import { tempDir } from '../../support/temp.js';
import { oktaEvent } from '../../unit/ingest-pipeline/samples.js';

const ndjson = (from: number, n: number): string => `${Array.from({ length: n }, (_, i) => JSON.stringify(oktaEvent(from + i))).join('\n')}\n`;

test('uploadTarget keeps every name inside its batch folder', () => {
  const casePath = join('/cases', 'acme.pushtrail');
  assert.equal(caseFolder(casePath, 'evidence'), join('/cases', 'acme-evidence'));
  assert.equal(uploadTarget(casePath, 'b-1', 'logs/okta.json'), join('/cases', 'acme-evidence', 'b-1', 'logs', 'okta.json'));
  assert.equal(uploadTarget(casePath, 'b-1', 'ünï ✓ <b>.json'), join('/cases', 'acme-evidence', 'b-1', 'ünï ✓ <b>.json'));
  for (const bad of ['', '../x.json', 'a/../../x', '/etc/passwd', 'a//b', './a', 'a\\..\\b', 'a\u0000b', 'x'.repeat(256), Array(65).fill('a').join('/')]) {
    assert.throws(() => uploadTarget(casePath, 'b-1', bad), { kind: 'bad_input' }, JSON.stringify(bad));
  }
  for (const batch of ['', '../b', 'a/b', 'a b', 'x'.repeat(65)]) assert.throws(() => uploadTarget(casePath, batch, 'a.json'), { kind: 'bad_input' }, batch);
});

test('web mode: evidence uploaded with the token is saved beside the case and imports from there', async (t) => {
  const dir = tempDir(t);
  const casePath = join(dir, 'web.pushtrail');
  const server = await serve(t, casePath);
  const upload = async (batch: string, path: string, body: string, token = server.token): Promise<{ status: number; result: ApiResult<{ path: string; bytes: number }> | null }> => {
    const response = await fetch(`${server.origin}/api/upload?${new URLSearchParams({ batch, path }).toString()}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', 'X-PushTrail-Token': token },
      body,
    });
    return { status: response.status, result: response.ok ? ((await response.json()) as ApiResult<{ path: string; bytes: number }>) : null };
  };
  const call = async (method: string, arg: unknown): Promise<unknown> => {
    const response = await fetch(`${server.origin}/api/call/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-PushTrail-Token': server.token },
      body: JSON.stringify({ arg }),
    });
    const result = (await response.json()) as ApiResult<unknown>;
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };

  assert.equal((await upload('b1', 'x.json', '{}', 'wrong')).status, 401, 'no upload without the token');
  const first = await upload('b1', 'export/a.ndjson', ndjson(0, 2));
  const second = await upload('b1', 'export/deeper/b.ndjson', ndjson(10, 3));
  assert.ok(first.result?.ok && second.result?.ok);
  const folder = join(caseFolder(casePath, 'evidence'), 'b1', 'export');
  assert.equal(first.result.value.path, join(folder, 'a.ndjson'));
  assert.equal(readFileSync(second.result.value.path, 'utf8'), ndjson(10, 3), 'the bytes as sent');
  assert.equal(second.result.value.bytes, Buffer.byteLength(ndjson(10, 3)));

  const again = await upload('b1', 'export/a.ndjson', 'other bytes');
  assert.equal(again.result?.ok ? null : again.result?.error.kind, 'bad_input', 'an uploaded file is never overwritten');
  assert.equal(readFileSync(join(folder, 'a.ndjson'), 'utf8'), ndjson(0, 2));
  const escape = await upload('b1', '../../escaped.json', '{}');
  assert.equal(escape.result?.ok ? null : escape.result?.error.kind, 'bad_input');
  assert.deepEqual(readdirSync(dir).filter((f) => !f.startsWith('web.pushtrail')), ['web-evidence'], 'nothing beside the case but its evidence folder');
  assert.deepEqual(readdirSync(join(caseFolder(casePath, 'evidence'), 'b1')), ['export']);
  assert.ok(!existsSync(join(dirname(dir), 'escaped.json')));

  // The folder as given is what the page asks to import.
  await call('import/start', { paths: [folder] });
  let evidence: { path: string; events: number }[] = [];
  for (let tries = 0; evidence.length < 2 && tries < 200; tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The case is lent to its first import meanwhile: asking may be answered busy.
    evidence = ((await call('case/evidence', null).catch(() => [])) as typeof evidence).filter((e) => e.events > 0);
  }
  assert.deepEqual(evidence.map((e) => [e.path, e.events]).sort(), [
    [join(folder, 'a.ndjson'), 2],
    [join(folder, 'deeper', 'b.ndjson'), 3],
  ]);
});
