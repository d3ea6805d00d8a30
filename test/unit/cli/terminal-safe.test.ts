import assert from 'node:assert/strict';
import { test } from 'node:test';
import { terminalSafe } from '../../../electron/cli/output.js';

test('terminalSafe shows C0, DEL, C1 and bidi characters instead of sending them', () => {
  assert.equal(terminalSafe('a\x1b[2Jb'), 'a\u241b[2Jb');
  assert.equal(terminalSafe('\x1b]0;title\x07'), '\u241b]0;title\u2407');
  assert.equal(terminalSafe('x\ny\rz\t'), 'x\u240ay\u240dz\u2409');
  assert.equal(terminalSafe('\u0000\u007f'), '\u2400\u2421');
  assert.equal(terminalSafe('\u009b31m'), '\\u009b31m');
  assert.equal(terminalSafe('user\u202etxt.exe\u2066\u2069\u200f'), 'user\\u202etxt.exe\\u2066\\u2069\\u200f');
});

test('terminalSafe leaves ordinary text, accents and other scripts alone', () => {
  for (const text of ['ana@example.com', 'São Paulo', 'Zürich', 'Москва', '東京', 'تهران', '😀 ok']) assert.equal(terminalSafe(text), text);
});
