import assert from 'node:assert/strict';
import { test } from 'node:test';
import { APP_ORIGIN, WINDOW_PREFERENCES, isAllowedRequest, isAppUrl, isTrustedSender } from '../../../electron/app/policy.js';
import { CONTENT_SECURITY_POLICY, PREVIEW_CONTENT_SECURITY_POLICY } from '../../../electron/security/csp.js';

test('the window is isolated and sandboxed with no Node in any frame', () => {
  assert.equal(WINDOW_PREFERENCES.contextIsolation, true);
  assert.equal(WINDOW_PREFERENCES.sandbox, true);
  assert.equal(WINDOW_PREFERENCES.nodeIntegration, false);
  assert.equal(WINDOW_PREFERENCES.nodeIntegrationInWorker, false);
  assert.equal(WINDOW_PREFERENCES.nodeIntegrationInSubFrames, false);
  assert.equal(WINDOW_PREFERENCES.webSecurity, true);
  assert.equal(WINDOW_PREFERENCES.webviewTag, false);
});

test('only app pages may be shown or requested', () => {
  assert.equal(isAppUrl(`${APP_ORIGIN}/index.html`), true);
  for (const url of [
    'https://evil.example/',
    'http://127.0.0.1:8080/',
    'file:///etc/passwd',
    'app://other/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'not a url',
  ]) {
    assert.equal(isAppUrl(url), false, url);
    assert.equal(isAllowedRequest(url), false, url);
  }
  assert.equal(isAllowedRequest('devtools://devtools/bundled/inspector.html'), true);
});

test('IPC is trusted only from our window main frame on an app page', () => {
  const ours = { isOurWindow: true, isMainFrame: true, frameUrl: `${APP_ORIGIN}/index.html` };
  assert.equal(isTrustedSender(ours), true);
  assert.equal(isTrustedSender({ ...ours, isOurWindow: false }), false);
  assert.equal(isTrustedSender({ ...ours, isMainFrame: false }), false);
  assert.equal(isTrustedSender({ ...ours, frameUrl: 'https://evil.example/' }), false);
});

test('the CSP allows no inline script and no remote origin', () => {
  assert.match(CONTENT_SECURITY_POLICY, /default-src 'none'/);
  assert.match(CONTENT_SECURITY_POLICY, /script-src 'self'(;|$)/);
  assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-inline|unsafe-eval|https?:|\*/);
  // Frames: only the app's own pages (the report preview).
  assert.match(CONTENT_SECURITY_POLICY, /frame-src 'self'(;|$)/);
});

test("the report preview's page may not run any script, load anything remote, or be framed by another site", () => {
  const directives = new Map(PREVIEW_CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
  assert.equal(directives.get('default-src'), "'none'");
  assert.equal(directives.get('script-src'), undefined, 'falls back to none');
  assert.equal(directives.get('sandbox'), '', 'sandboxed without allow-scripts even when opened on its own');
  assert.equal(directives.get('frame-ancestors'), "'self'");
  assert.equal(directives.get('img-src'), 'data:');
  assert.doesNotMatch(PREVIEW_CONTENT_SECURITY_POLICY, /unsafe-eval|https?:|\*/);
});
