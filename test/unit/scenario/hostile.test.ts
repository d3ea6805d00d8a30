/** The hostile option plants markup and formula payloads verbatim; without it no record has them. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { generateBundle } from '../../../electron/scenario/bundle.js';
import { HOSTILE_USER_AGENTS } from '../../../electron/scenario/devices.js';
import { HOSTILE_NAMES } from '../../../electron/scenario/population.js';
import { tempDir } from '../../support/temp.js';
import { at, readBundle } from './generated.js';

const OPTIONS = { seed: 'hostile', users: 40, days: 10, start: '2025-03-03' } as const;

test('hostile strings reach display names and user agents of every vendor verbatim', (t) => {
  const b = readBundle(generateBundle({ ...OPTIONS, hostile: true, outDir: tempDir(t) }));
  const names = new Set<string>([
    ...b.okta.map((r) => String(at(r, 'actor.displayName'))),
    ...b.entraSignIns.map((r) => String(r.userDisplayName)),
  ]);
  for (const payload of HOSTILE_NAMES) {
    assert.ok([...names].some((n) => n.includes(payload)), `display name with ${payload}`);
  }
  assert.ok(names.has(HOSTILE_NAMES[0] ?? ''), 'one display name is nothing but the payload');
  const agents = new Set<string>([
    ...b.okta.map((r) => String(at(r, 'client.userAgent.rawUserAgent'))),
    ...b.entraSignIns.map((r) => String(r.userAgent)),
  ]);
  for (const ua of HOSTILE_USER_AGENTS) assert.ok(agents.has(ua), `user agent ${ua}`);
  // Identifiers stay usable: hostile people keep valid sign-in names.
  for (const r of b.okta) {
    const id = at(r, 'actor.alternateId');
    if (at(r, 'actor.type') === 'User') assert.match(String(id), /^[a-z0-9.]+@[a-z0-9.-]+$/);
  }
});

test('without the option no payload appears anywhere', (t) => {
  const dir = tempDir(t);
  const b = readBundle(generateBundle({ ...OPTIONS, outDir: join(dir, 'clean') }));
  const text = [...b.texts.values()].join('\n');
  for (const bad of ['<img', '<script', 'onerror', 'DROP TABLE', '=HYPERLINK']) assert.ok(!text.includes(bad), bad);
});
