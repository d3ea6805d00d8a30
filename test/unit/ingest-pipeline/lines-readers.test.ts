import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pieces, readAll } from './samples.js';

test('NDJSON: one record per line, blank lines skipped, CRLF accepted, line numbers kept', () => {
  const text = '{"a":1}\r\n\r\n{"a":2}\n   \n{"a":3}';
  for (const size of [1, 5, text.length]) {
    const r = readAll('ndjson', pieces(text, size));
    assert.deepEqual(r.records.map((x) => [x.line, x.record, x.text, x.value]), [
      [1, 1, '{"a":1}', { a: 1 }],
      [3, 2, '{"a":2}', { a: 2 }],
      [5, 3, '{"a":3}', { a: 3 }],
    ], `pieces of ${size}`);
  }
});

test('NDJSON: a bad line is reported with its line and record number; the rest is read', () => {
  const r = readAll('ndjson', ['{"a":1}\n{"a":\n{"a":3}\n']);
  assert.deepEqual(r.records.map((x) => x.value), [{ a: 1 }, { a: 3 }]);
  assert.equal(r.issues.length, 1);
  assert.deepEqual([r.issues[0]?.line, r.issues[0]?.record], [2, 2]);
  assert.match(r.issues[0]?.message ?? '', /^not valid JSON/);
});

test('a line over the limit is reported once and skipped, also when it spans many chunks', () => {
  const long = `{"pad":"${'y'.repeat(3000)}"}`;
  const text = `{"a":1}\n${long}\n{"a":2}\n`;
  for (const size of [10, 500, text.length]) {
    const r = readAll('ndjson', pieces(text, size), 1000);
    assert.deepEqual(r.records.map((x) => [x.line, x.value]), [[1, { a: 1 }], [3, { a: 2 }]], `pieces of ${size}`);
    assert.equal(r.issues.length, 1, `pieces of ${size}`);
    assert.equal(r.issues[0]?.line, 2);
    assert.match(r.issues[0]?.message ?? '', /longer than 1,000 characters/);
  }
});

test('an over-long last line without a line break is reported too', () => {
  const r = readAll('text', ['ok line\n', 'z'.repeat(2000)], 1000);
  assert.equal(r.records.length, 1);
  assert.equal(r.issues[0]?.line, 2);
});

test('text lines: each non-blank line is a record, kept verbatim (without its line break)', () => {
  const r = readAll('text', ['Mar  1 09:00:00 host sshd[1]: <b>x</b>\r\n\nsecond\tline  \n']);
  assert.deepEqual(r.records.map((x) => [x.line, x.record, x.text, x.value]), [
    [1, 1, 'Mar  1 09:00:00 host sshd[1]: <b>x</b>', undefined],
    [3, 2, 'second\tline  ', undefined],
  ]);
});
