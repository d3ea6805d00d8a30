/** The report calls of the contract, through dispatch on a real case with a real worker job. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { test } from 'node:test';
import type { JobFinished } from '../../../shared/api/contract.js';
import { startWebServer } from '../../../electron/server/http-server.js';
import { demoCase } from '../../support/demo-case.js';
import { directApi } from '../../support/direct-api.js';
import { tempDir } from '../../support/temp.js';

test('report calls: text saved with custody, outline follows the selection, export job writes beside the case, download only of own files', async (t) => {
  const { casePath } = demoCase(t);
  const { session, dispatch, call } = directApi(t, 'ana');
  await call('case/open', { path: casePath });

  const demoText = (await call('report/text', null)) as { client: string; reference: string; narrative: string; updatedBy: string };
  assert.deepEqual([demoText.client, demoText.reference, demoText.narrative, demoText.updatedBy], ['Kestrel Freight (fictional)', 'DEMO-KF-0314', '', 'pushtrail demo']);
  const saved = (await call('report/setText', { narrative: 'She approved to stop the noise.' })) as { narrative: string; updatedBy: string; client: string };
  assert.equal(saved.narrative, 'She approved to stop the noise.');
  assert.equal(saved.updatedBy, 'ana');
  await call('report/setText', { client: 'Kestrel' });
  const text = (await call('report/text', null)) as { narrative: string; client: string };
  assert.deepEqual([text.client, text.narrative], ['Kestrel', 'She approved to stop the noise.']);
  const custody = (await call('case/custody', {})) as { action: string; actor: string }[];
  assert.equal(custody.filter((c) => c.action === 'report/text' && c.actor === 'ana').length, 2);

  const outline = (await call('report/outline', {})) as { sections: { id: string; detail: string }[]; defaultUsers: string[] };
  assert.equal(outline.sections.length, 6);
  assert.equal(outline.defaultUsers.length, 6);
  assert.match(outline.sections.find((s) => s.id === 'users')?.detail ?? '', /^6 user sections/);
  const one = (await call('report/outline', { users: ['mei.chen@kestrelfreight.example'], sections: ['summary', 'users'] })) as typeof outline;
  assert.match(one.sections.find((s) => s.id === 'users')?.detail ?? '', /^1 user section/);
  assert.deepEqual(one.sections.map((s) => s.id), ['summary', 'users']);

  // The preview: the report's own page for the choices, kept under a random path, only the newest two.
  const preview = (await call('report/preview', { users: ['mei.chen@kestrelfreight.example'], paper: 'Letter' })) as { path: string };
  assert.match(preview.path, /^\/report-preview\/[0-9a-f]{32}$/);
  const previewPage = session.previews.get(preview.path) ?? '';
  assert.match(previewPage, /<strong>Preview<\/strong> of the report on Letter paper/);
  assert.match(previewPage, /She approved to stop the noise\./);
  assert.match(previewPage, /mei\.chen@kestrelfreight\.example/);
  assert.equal(previewPage.match(/<section class="user"/g)?.length, 1);
  assert.doesNotMatch(previewPage, /<script/i);
  await call('report/preview', {});
  await call('report/preview', {});
  assert.equal(session.previews.get(preview.path), undefined);

  const finished = new Promise<JobFinished>((resolve) => session.subscribe((name, payload) => name === 'job/finished' && resolve(payload as JobFinished)));
  const started = (await call('report/start', { format: 'html', users: ['mei.chen@kestrelfreight.example'] })) as { jobId: string };
  const done = await finished;
  assert.equal(done.jobId, started.jobId);
  assert.ok(done.kind === 'report' && done.outcome.ok, JSON.stringify(done.outcome));
  const file = done.outcome.value;
  assert.match(file.path, /demo-incident-reports\/demo-incident-report-.*\.html$/);
  const page = readFileSync(file.path, 'utf8');
  assert.match(page, /She approved to stop the noise\./);
  // Web mode streams the file from a URL of its own, as an attachment, to the token holder only.
  const got = (await call('report/download', { path: file.path })) as { url: string; name: string };
  assert.equal(got.name, basename(file.path));
  const server = await startWebServer({ port: 0, rendererDir: tempDir(t), session, dispatch });
  t.after(() => server.close());
  const origin = `http://127.0.0.1:${server.port}`;
  const fetched = await fetch(`${origin}${got.url}?token=${server.token}`);
  assert.equal(fetched.status, 200);
  assert.equal(fetched.headers.get('content-type'), 'text/html');
  assert.match(fetched.headers.get('content-disposition') ?? '', /^attachment; filename="demo-incident-report-.*\.html"/);
  assert.match(fetched.headers.get('content-security-policy') ?? '', /sandbox/);
  assert.equal(await fetched.text(), page);
  assert.equal((await fetch(`${origin}${got.url}`)).status, 401);
  assert.equal((await fetch(`${origin}/report-file/0123?token=${server.token}`)).status, 404);
  const exported = ((await call('case/custody', {})) as { action: string; detail: { sha256?: string } }[]).filter((c) => c.action === 'report/export');
  assert.equal(exported.at(-1)?.detail.sha256, file.sha256);

  const refused = await dispatch('report/download', { path: casePath });
  assert.ok(!refused.ok && refused.error.kind === 'not_found');
  for (const [method, arg] of [
    ['report/start', { format: 'docx' }],
    ['report/start', { format: 'pdf', paper: 'A3' }],
    ['report/outline', { sections: ['cover'] }],
    ['report/preview', { paper: 'A5' }],
    ['report/setText', { narrative: 7 }],
  ] as const) {
    const r = await dispatch(method, arg);
    assert.ok(!r.ok && r.error.kind === 'bad_input', `${method} ${JSON.stringify(arg)}`);
  }
});
