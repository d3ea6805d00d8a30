import assert from 'node:assert/strict';
import { test } from 'node:test';
import { guessDelimiter } from '../../../electron/ingest/containers/csv.js';
import { m365Csv, pieces, readAll } from './samples.js';

test('CSV rows become objects of header to cell; quoted cells keep commas, quotes and line breaks', () => {
  const text = 'Name,Note,N\r\nann,"a, b",1\r\nbob,"say ""hi""",2\r\ncy,"two\r\nlines\nhere",3\r\ndee,,4\r\n';
  for (const size of [1, 4, text.length]) {
    const r = readAll('csv', pieces(text, size));
    assert.deepEqual(r.issues, [], `pieces of ${size}`);
    assert.deepEqual(r.records.map((x) => x.value), [
      { Name: 'ann', Note: 'a, b', N: '1' },
      { Name: 'bob', Note: 'say "hi"', N: '2' },
      { Name: 'cy', Note: 'two\r\nlines\nhere', N: '3' },
      { Name: 'dee', Note: '', N: '4' },
    ], `pieces of ${size}`);
    // Lines are where each row starts; a multi-line cell moves the next row down.
    assert.deepEqual(r.records.map((x) => x.line), [2, 3, 4, 7]);
    assert.equal(r.records[2]?.text, 'cy,"two\r\nlines\nhere",3');
  }
});

test('M365 exports: AuditData JSON cells spanning many lines are read whole', () => {
  const r = readAll('csv', [m365Csv(3)]);
  assert.equal(r.records.length, 3);
  const audit = (r.records[1]?.value as Record<string, string>)['AuditData'] ?? '';
  assert.equal((JSON.parse(audit) as { Operation: string }).Operation, 'UserLoginFailed');
  assert.ok((r.records[1]?.line ?? 0) > 10, 'the second row starts below the first row\'s multi-line cell');
});

test('a row with the wrong number of cells, or text after a closing quote, is reported and skipped', () => {
  const r = readAll('csv', ['a,b\n1,2\n3\n"x"y,4\n5,6\n']);
  assert.deepEqual(r.records.map((x) => x.value), [{ a: '1', b: '2' }, { a: '5', b: '6' }]);
  assert.deepEqual(r.issues.map((i) => [i.line, i.record]), [[3, 2], [4, 3]]);
  assert.match(r.issues[0]?.message ?? '', /row has 1 cells; the header has 2/);
  assert.match(r.issues[1]?.message ?? '', /after the closing quote/);
});

test('an unterminated quote at the end of the file is reported', () => {
  const r = readAll('csv', ['a,b\n1,"never closed\n']);
  assert.equal(r.records.length, 0);
  assert.match(r.issues[0]?.message ?? '', /unterminated quoted cell/);
});

test('semicolon and tab exports are read with their own delimiter', () => {
  assert.equal(guessDelimiter('a;b;"c;d"'), ';');
  assert.equal(guessDelimiter('a\tb\tc'), '\t');
  assert.equal(guessDelimiter('a,b'), ',');
  const r = readAll('csv', ['Date;User\n2024-03-01;"a;b"\n']);
  assert.deepEqual(r.records.map((x) => x.value), [{ Date: '2024-03-01', User: 'a;b' }]);
});

test('repeated, empty and hostile header names lose no cell', () => {
  const r = readAll('csv', ['x,x,,__proto__\n1,2,3,4\n']);
  const row = r.records[0]?.value as Record<string, string>;
  assert.deepEqual(Object.keys(row), ['x', 'x (2)', 'column 3', '__proto__']);
  assert.equal(row['__proto__'], '4');
  assert.equal(Object.getPrototypeOf(row), Object.prototype);
});
