import assert from 'node:assert/strict';
import { test } from 'node:test';
import { baseName } from '../../shared/format/path.js';

test('baseName: the last part of a POSIX or Windows path; a bare name is itself', () => {
  assert.equal(baseName('/tmp/case/okta-system-log.ndjson'), 'okta-system-log.ndjson');
  assert.equal(baseName('C:\\Evidence\\entra-signins.json'), 'entra-signins.json');
  assert.equal(baseName('duo.csv'), 'duo.csv');
});
