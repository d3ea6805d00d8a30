import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ERROR_KINDS, PushTrailError, isErrorKind, toApiError } from '../../../shared/api/errors.js';

test('PushTrailError crosses the boundary as plain data with its kind and detail', () => {
  const data = toApiError(new PushTrailError('not_found', 'No case file at /x', { path: '/x' }));
  assert.deepEqual(data, { kind: 'not_found', message: 'No case file at /x', detail: { path: '/x' } });
  assert.deepEqual(JSON.parse(JSON.stringify(data)), data);
});

test('anything else thrown becomes an internal error', () => {
  assert.deepEqual(toApiError(new TypeError('boom')), { kind: 'internal', message: 'boom', detail: { name: 'TypeError' } });
  assert.deepEqual(toApiError('a string'), { kind: 'internal', message: 'a string' });
});

test('the set of error kinds is closed', () => {
  assert.ok(ERROR_KINDS.includes('unknown_method'));
  assert.equal(isErrorKind('bad_input'), true);
  assert.equal(isErrorKind('teapot'), false);
});
