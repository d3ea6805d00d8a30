import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvCell, csvRow } from '../../../electron/report/export-csv.js';

test('CSV cells: RFC 4180 quoting, and text that a spreadsheet would run as a formula is guarded', () => {
  assert.equal(csvCell('plain'), 'plain');
  assert.equal(csvCell('a,b'), '"a,b"');
  assert.equal(csvCell('say "hi"\r\nbye'), '"say ""hi""\r\nbye"');
  assert.equal(csvCell('=HYPERLINK("http://x.invalid","open")'), `"'=HYPERLINK(""http://x.invalid"",""open"")"`);
  for (const start of ['+', '-', '@', '\t']) assert.equal(csvCell(`${start}1`)[0], "'");
  // Numbers PushTrail writes itself stay numbers, negative ones included.
  assert.equal(csvCell(-73.98), '-73.98');
  assert.equal(csvCell(undefined), '');
  assert.equal(csvRow(['a', 1, null]), 'a,1,\r\n');
});
