import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PushTrailError } from '../../../shared/api/errors.js';
import { IMPORT_FORMATS, JOB_KINDS } from '../../../shared/api/jobs.js';
import { validateArg } from '../../support/validate-arg.js';
import { PARSERS, PARSER_LIST } from '../../../electron/ingest/recognition/formats.js';
import { FORMAT_IDS } from '../../../electron/ingest/parser.js';
import { JOBS } from '../../../electron/jobs/registry.js';

function rejects(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (err: unknown) => err instanceof PushTrailError && err.kind === 'bad_input' && pattern.test(err.message));
}

test('every format id has its parser, registered under its own id, in both lists', () => {
  assert.deepEqual([...IMPORT_FORMATS], [...FORMAT_IDS]);
  for (const [id, parser] of Object.entries(PARSERS)) assert.equal(parser.id, id);
  assert.deepEqual(PARSER_LIST.map((p) => p.id), [...FORMAT_IDS]);
});

test('every job kind is registered and loads its function', async () => {
  assert.ok(JOB_KINDS.includes('import'));
  assert.deepEqual(Object.keys(JOBS).sort(), [...JOB_KINDS].sort());
  for (const kind of JOB_KINDS) assert.equal(typeof (await JOBS[kind]()), 'function', kind);
});

test('import/start takes paths and optional format, year and mmdb, and nothing else', () => {
  assert.deepEqual(validateArg('import/start', { paths: ['/a', '/b'], format: 'okta', year: 2024, mmdb: '/x.mmdb', extra: 1 }), {
    paths: ['/a', '/b'],
    format: 'okta',
    year: 2024,
    mmdb: '/x.mmdb',
  });
  assert.deepEqual(validateArg('import/start', { paths: ['/a'] }), { paths: ['/a'] });
  rejects(() => validateArg('import/start', { paths: [] }), /"paths"/);
  rejects(() => validateArg('import/start', { paths: 'x' }), /"paths"/);
  rejects(() => validateArg('import/start', { paths: [''] }), /paths\[0\]/);
  rejects(() => validateArg('import/start', { paths: ['/a'], format: 'splunk' }), /"format" must be one of okta/);
  rejects(() => validateArg('import/start', { paths: ['/a'], year: 1900 }), /"year"/);
  rejects(() => validateArg('import/start', { paths: ['/a'], year: 2024.5 }), /"year"/);
});

test('reading back: event/get needs an id, case/events and evidence/errors page', () => {
  assert.deepEqual(validateArg('event/get', { id: 3 }), { id: 3 });
  rejects(() => validateArg('event/get', { id: 0 }), /"id"/);
  rejects(() => validateArg('event/get', {}), /"id" is required/);
  assert.deepEqual(validateArg('case/events', null), {});
  assert.deepEqual(validateArg('case/events', { afterId: 10, limit: 5 }), { afterId: 10, limit: 5 });
  assert.deepEqual(validateArg('evidence/errors', { evidenceId: 2, limit: 5 }), { evidenceId: 2, limit: 5 });
  rejects(() => validateArg('evidence/errors', { afterId: 1 }), /"evidenceId" is required/);
});
