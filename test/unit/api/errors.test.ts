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

test('operating-system errors an operator causes get a kind and words with the path, never "internal"', () => {
  const tooLong = Object.assign(new Error("ENAMETOOLONG: name too long, open '/tmp/xxx'"), { code: 'ENAMETOOLONG', path: '/tmp/xxx' });
  assert.deepEqual(toApiError(tooLong), { kind: 'bad_input', message: '/tmp/xxx: the name is too long for the file system', detail: { code: 'ENAMETOOLONG', path: '/tmp/xxx' } });
  const exists = Object.assign(new Error('EEXIST: file already exists'), { code: 'EEXIST', path: '/a', dest: '/b' });
  assert.equal(toApiError(exists).message, '/a → /b: already exists');
  assert.equal(toApiError(Object.assign(new Error('x'), { code: 'ENOENT', path: '/gone' })).kind, 'not_found');
  assert.equal(toApiError(Object.assign(new Error('odd'), { code: 'EWHATEVER' })).kind, 'internal');
});
