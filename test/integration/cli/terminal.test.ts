/**
 * Log content reaches the analyst's terminal: user names and file names with ESC, OSC, C1 and
 * bidi characters are shown, never sent raw, in every human-readable command; `--json` keeps
 * them exactly.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../import/helpers.js';
import { oktaEvent } from '../../unit/ingest-pipeline/samples.js';
import { tempDir } from '../../support/temp.js';

const HOSTILE_USER = 'mallory\x1b]0;pwned\x07\x1b[2J\x1b]8;;https://evil.example/\x07\u009b31m\u202egro.elpmaxe@';
const HOSTILE_FILE = 'okta\x1b[31m\u202e.ndjson';
/** Every character a terminal acts on or reorders by, except the newline that ends our lines. */
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's job
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function assertTerminalSafe(command: string, text: string): void {
  const hit = RAW_CONTROL.exec(text);
  assert.equal(hit, null, `${command} printed a raw U+${hit?.[0].charCodeAt(0).toString(16).padStart(4, '0')}: ${JSON.stringify(text.slice(0, 400))}`);
}

test('import, detect, users, info and errors print hostile content visibly; --json keeps it exact', (t) => {
  const dir = tempDir(t);
  const evidence = join(dir, 'evidence');
  mkdirSync(evidence);
  const records = Array.from({ length: 30 }, (_, i) =>
    JSON.stringify(oktaEvent(i, { actor: { id: '00u9', type: 'User', alternateId: HOSTILE_USER, displayName: HOSTILE_USER }, outcome: { result: 'FAILURE', reason: HOSTILE_USER } })),
  );
  writeFileSync(join(evidence, HOSTILE_FILE), `${records.join('\n')}\n{"broken": \x1b[2J\n`);
  const casePath = join(dir, 'case.pushtrail');

  for (const args of [['import', casePath, evidence], ['detect', casePath], ['users', casePath], ['info', casePath]]) {
    const r = runCli(...args);
    assert.equal(r.code, 0, `${args[0]}: ${r.stderr}`);
    assertTerminalSafe(args[0] ?? '', r.stdout);
    assertTerminalSafe(args[0] ?? '', r.stderr);
  }
  // The user name is normalised to lower case: the clear-screen sequence ESC [2J arrives as ESC [2j.
  const users = runCli('users', casePath);
  assert.ok(users.stdout.includes('mallory\u241b]0;pwned\u2407\u241b[2j'), users.stdout);

  const json = runCli('users', casePath, '--json');
  const parsed = JSON.parse(json.stdout) as { users: { user: string }[] };
  assert.ok(parsed.users.some((u) => u.user.includes('\x1b]0;pwned\x07\x1b[2j')), 'the --json user name is exact');

  const missing = runCli('info', join(dir, `absent\x1b[2J.pushtrail`));
  assert.equal(missing.code, 1);
  assertTerminalSafe('info (error)', missing.stderr);
  assert.match(missing.stderr, /absent\u241b\[2J/);
});
