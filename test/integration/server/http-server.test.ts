import assert from 'node:assert/strict';
import { request } from 'node:http';
import { join } from 'node:path';
import { test } from 'node:test';
import { serve } from '../../support/serve.js';
import { tempDir } from '../../support/temp.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Raw HTTP so Host and Origin can be set to anything, as an attacker's page or a rebinding DNS would. */
function http(origin: string, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  const target = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: target.hostname, port: target.port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function call(origin: string, token: string, method: string, arg: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return http(origin, `/api/call/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-PushTrail-Token': token, ...headers },
    body: JSON.stringify({ arg }),
  });
}

test('pushtrail serve: URL on 127.0.0.1, token required, Host and Origin checked, errors as data', async (t) => {
  const dir = tempDir(t);
  const server = await serve(t, join(dir, 'web.pushtrail'));
  const { origin, token } = server;
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{20,}$/);

  const ok = await call(origin, token, 'case/info', null);
  assert.equal(ok.status, 200);
  const info = JSON.parse(ok.body) as { ok: boolean; value: { meta: { name: string; analyst: string } } };
  assert.equal(info.ok, true);
  assert.equal(info.value.meta.name, 'web');
  assert.equal(info.value.meta.analyst, 'e2e-analyst');

  assert.equal((await call(origin, 'wrong-token', 'case/info', null)).status, 401);
  assert.equal((await call(origin, '', 'case/info', null)).status, 401);
  assert.equal((await call(origin, token, 'case/info', null, { Host: `evil.example:${new URL(origin).port}` })).status, 421);
  assert.equal((await call(origin, token, 'case/info', null, { Origin: 'http://evil.example' })).status, 403);
  assert.equal((await call(origin, token, 'case/info', null, { Origin: origin })).status, 200);

  const unknown = JSON.parse((await call(origin, token, 'case/destroy', null)).body) as { ok: boolean; error: { kind: string } };
  assert.deepEqual([unknown.ok, unknown.error.kind], [false, 'unknown_method']);
  const bad = JSON.parse((await call(origin, token, 'case/open', { path: 7 })).body) as { ok: boolean; error: { kind: string; message: string } };
  assert.deepEqual([bad.ok, bad.error.kind], [false, 'bad_input']);
  assert.match(bad.error.message, /"path"/);

  const notJson = await http(origin, '/api/call/case/info', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-PushTrail-Token': token },
    body: '{not json',
  });
  assert.equal(notJson.status, 400);
  const huge = await http(origin, '/api/call/case/open', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-PushTrail-Token': token },
    body: JSON.stringify({ arg: { path: 'x'.repeat(9 * 1024 * 1024) } }),
  });
  assert.equal(huge.status, 413);
});

test('pushtrail serve: the UI is served with a strict CSP and nothing outside the build is reachable', async (t) => {
  const server = await serve(t, join(tempDir(t), 'static.pushtrail'));
  const page = await http(server.origin, '/');
  assert.equal(page.status, 200);
  assert.match(page.body, /<div id="root">/);
  const csp = String(page.headers['content-security-policy']);
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:/);
  assert.equal(page.headers['x-content-type-options'], 'nosniff');

  for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/assets/../../electron/cli/main.js']) {
    assert.equal((await http(server.origin, path)).status, 404, path);
  }
});

test('pushtrail serve: push events stream to the page over the token-guarded event source', async (t) => {
  const server = await serve(t, join(tempDir(t), 'events.pushtrail'));
  assert.equal((await http(server.origin, '/api/events?token=nope')).status, 401);

  const target = new URL(server.origin);
  const received = new Promise<string>((resolve, reject) => {
    const req = request({ host: target.hostname, port: target.port, path: `/api/events?token=${server.token}` }, (res) => {
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        if (buffer.includes('"event":"case/changed"')) {
          req.destroy();
          resolve(buffer);
        }
      });
    });
    req.on('error', (err) => (err.message.includes('aborted') ? undefined : reject(err)));
    req.end();
  });
  // Give the stream a moment to register before causing an event.
  await new Promise((r) => setTimeout(r, 200));
  const changed = await call(server.origin, server.token, 'case/setTimeZone', { displayTimeZone: 'Asia/Tokyo' });
  assert.equal(changed.status, 200);
  const frames = await received;
  assert.match(frames, /"displayTimeZone":"Asia\/Tokyo"/);
});
