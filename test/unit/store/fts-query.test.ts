import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ftsQuery, searchTerms } from '../../../electron/store/fts-query.js';

test('search words become required FTS5 phrases; operators and quotes typed by the analyst stay literal', () => {
  assert.deepEqual(searchTerms('  146.70.117.86 "stop the noise"  push '), ['146.70.117.86', 'stop the noise', 'push']);
  assert.equal(ftsQuery('146.70.117.86 "stop the noise"'), '"146.70.117.86" "stop the noise"');
  assert.equal(ftsQuery('a OR b NEAR(c)'), '"a" "OR" "b" "NEAR(c)"');
  assert.equal(ftsQuery('say"hi'), '"say""hi"');
  // Nothing with a letter or digit: nothing FTS5 could match.
  assert.equal(ftsQuery(' * - "" '), null);
  assert.equal(ftsQuery(''), null);
});
