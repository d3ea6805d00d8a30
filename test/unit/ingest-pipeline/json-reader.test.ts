import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pieces, readAll } from './samples.js';

const values = (r: ReturnType<typeof readAll>): unknown[] => r.records.map((x) => x.value);

test('a top-level array yields each element with its verbatim text and starting line', () => {
  const text = '[\n  {"a": 1},\n  {"b": "x, y"},\n  {\n    "c": [1, 2]\n  }\n]\n';
  const r = readAll('json', [text]);
  assert.deepEqual(values(r), [{ a: 1 }, { b: 'x, y' }, { c: [1, 2] }]);
  assert.deepEqual(r.records.map((x) => x.line), [2, 3, 4]);
  assert.deepEqual(r.records.map((x) => x.record), [1, 2, 3]);
  assert.equal(r.records[2]?.text, '{\n    "c": [1, 2]\n  }');
  assert.deepEqual(r.issues, []);
});

test('wrapper objects: the records are the array under the wrapper key, other keys are ignored', () => {
  const cases: [string, unknown][] = [
    ['{"@odata.context": "x", "value": [{"id": 1}, {"id": 2}], "@odata.nextLink": "y"}', 'value'],
    ['{"records": [{"id": 1}, {"id": 2}]}', 'records'],
    ['{"Records": [{"id": 1}, {"id": 2}]}', 'Records'],
    ['{"stat": "OK", "response": {"metadata": {"next_offset": null}, "authlogs": [{"id": 1}, {"id": 2}]}}', 'response.authlogs'],
    ['{"stat": "OK", "response": [{"id": 1}, {"id": 2}]}', 'response'],
    ['{"kind": "admin#reports#activities", "items": [{"id": 1}, {"id": 2}]}', 'items'],
    ['{"data": [{"id": 1}, {"id": 2}], "meta": {"count": 2}}', 'data'],
  ];
  for (const [text, key] of cases) {
    const r = readAll('json', [text]);
    assert.deepEqual(values(r), [{ id: 1 }, { id: 2 }], `wrapper ${String(key)}`);
    assert.deepEqual(r.issues, [], `wrapper ${String(key)}`);
  }
});

test('several wrapper documents one after another (paged API responses saved together)', () => {
  const r = readAll('json', ['{"value": [{"id": 1}]}\n{"value": [{"id": 2}, {"id": 3}]}\n']);
  assert.deepEqual(values(r), [{ id: 1 }, { id: 2 }, { id: 3 }]);
  assert.deepEqual(r.records.map((x) => x.line), [1, 2, 2]);
});

test('a sequence of top-level objects (NDJSON, or pretty objects one after another) yields each', () => {
  const r = readAll('json', ['{"a": 1}\n{"a": 2}\n{\n  "a": 3\n}\n']);
  assert.deepEqual(values(r), [{ a: 1 }, { a: 2 }, { a: 3 }]);
  assert.deepEqual(r.records.map((x) => x.line), [1, 2, 3]);
});

test('the wrapper decision is made once: a later record with a "data" array stays a record', () => {
  const r = readAll('json', ['{"eventType": "x", "n": 1}\n{"eventType": "y", "data": [1, 2]}\n']);
  assert.deepEqual(values(r), [{ eventType: 'x', n: 1 }, { eventType: 'y', data: [1, 2] }]);
});

test('braces, brackets, quotes and backslashes inside strings do not confuse it, however the input is cut', () => {
  const tricky = [{ s: '} ] { [ "quoted" \\ back\\slash \\" end' }, { s: '\\\\' }, { s: 'ünïcødé ✓ 𝄞' }, { s: '' }];
  const text = JSON.stringify(tricky, null, 2);
  for (const size of [1, 2, 3, 7, 64, text.length]) {
    const r = readAll('json', pieces(text, size));
    assert.deepEqual(values(r), tricky, `pieces of ${size}`);
    assert.deepEqual(r.issues, [], `pieces of ${size}`);
  }
});

test('a malformed element is reported with its line and the others are kept', () => {
  const r = readAll('json', ['[\n{"a": 1},\n{"b": tru},\n{"c": 3}\n]']);
  assert.deepEqual(values(r), [{ a: 1 }, { c: 3 }]);
  assert.equal(r.issues.length, 1);
  assert.equal(r.issues[0]?.line, 3);
  assert.equal(r.issues[0]?.record, 2);
  assert.match(r.issues[0]?.message ?? '', /not valid JSON/);
});

test('a truncated file: complete records are kept and the broken tail is reported with its line', () => {
  const r = readAll('json', ['[\n  {"a": 1},\n  {"a": 2},\n  {"a": 3, "b": "cut here']);
  assert.deepEqual(values(r), [{ a: 1 }, { a: 2 }]);
  assert.deepEqual(r.issues, [{ line: 4, record: 3, message: 'the file ends inside this record (truncated)' }]);
});

test('a file that ends between records but before the closing bracket is reported', () => {
  const r = readAll('json', ['{"value": [{"a": 1},\n']);
  assert.deepEqual(values(r), [{ a: 1 }]);
  assert.equal(r.issues.length, 1);
  assert.match(r.issues[0]?.message ?? '', /before the closing "\]"/);
});

test('a record over the length limit is reported and skipped without being held; the next is read', () => {
  const big = { pad: 'x'.repeat(5000), nested: { s: '}\\"{' } };
  const text = JSON.stringify([{ a: 1 }, big, { a: 2 }]);
  for (const size of [100, 999, text.length]) {
    const r = readAll('json', pieces(text, size), 1000);
    assert.deepEqual(values(r), [{ a: 1 }, { a: 2 }], `pieces of ${size}`);
    assert.equal(r.issues.length, 1);
    assert.equal(r.issues[0]?.record, 2);
    assert.match(r.issues[0]?.message ?? '', /longer than 1,000 characters/);
  }
});

test('text outside any record is reported with its line and reading goes on', () => {
  const r = readAll('json', ['{"a": 1}\nthis is not json\n{"a": 2}\n']);
  assert.deepEqual(values(r), [{ a: 1 }, { a: 2 }]);
  assert.equal(r.issues.length, 1);
  assert.equal(r.issues[0]?.line, 2);
});

test('an empty array and an empty wrapper hold no records and no errors', () => {
  assert.deepEqual(readAll('json', ['[]']), { records: [], issues: [] });
  assert.deepEqual(readAll('json', ['{"value": []}']), { records: [], issues: [] });
});
