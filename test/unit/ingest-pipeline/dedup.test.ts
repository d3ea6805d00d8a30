import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuthEvent } from '../../../shared/model/event.js';
import { RepeatCounter, writeBaseKey } from '../../../electron/ingest/pipeline/dedup.js';
import type { SourceRecord } from '../../../electron/ingest/parser.js';

const event = (over: Partial<AuthEvent> = {}): AuthEvent => ({ time: 1, vendor: 'syslog', user: 'u', outcome: 'auth_failure', vendorEvent: 'x', ...over });
const rec = (text: string, value?: unknown): SourceRecord => (value === undefined ? { record: 1, line: 1, text } : { record: 1, line: 1, text, value });

/** The stored key of one event, as the writer computes it. */
function key(repeats: RepeatCounter, e: AuthEvent, r: SourceRecord, index = 0): string {
  const base = new Uint8Array(16);
  const counted = writeBaseKey(e, r, index, base, 0);
  return repeats.key(base, counted).toString('hex');
}

test('a vendor id keys the event, whatever the record text', () => {
  const a = key(new RepeatCounter(), event({ vendor: 'okta', vendorUid: 'u-1' }), rec('{"a":1}', { a: 1 }));
  const b = key(new RepeatCounter(), event({ vendor: 'okta', vendorUid: 'u-1' }), rec('{"other":2}', { other: 2 }));
  const c = key(new RepeatCounter(), event({ vendor: 'duo', vendorUid: 'u-1' }), rec('{"a":1}', { a: 1 }));
  assert.equal(a, b);
  assert.notEqual(a, c, 'the vendor is part of the key');
  const repeats = new RepeatCounter();
  assert.equal(key(repeats, event({ vendorUid: 'same' }), rec('x')), key(repeats, event({ vendorUid: 'same' }), rec('x')), 'ids are never counted');
});

test('without a vendor id the content keys it: pretty-printed and compact JSON are the same record', () => {
  const pretty = key(new RepeatCounter(), event(), rec('{\n  "a": 1\n}', { a: 1 }));
  const compact = key(new RepeatCounter(), event(), rec('{"a":1}', { a: 1 }));
  assert.equal(pretty, compact);
  assert.notEqual(key(new RepeatCounter(), event(), rec('line one')), key(new RepeatCounter(), event(), rec('line two')));
});

test('identical records within one file are distinct events; the same file again gives the same keys', () => {
  const run = (): string[] => {
    const repeats = new RepeatCounter();
    return ['same', 'same', 'other', 'same'].map((t) => key(repeats, event(), rec(t)));
  };
  const first = run();
  assert.equal(new Set(first).size, 4);
  assert.deepEqual(run(), first);
});

test('events of one record are keyed by their position in it', () => {
  const repeats = new RepeatCounter();
  assert.notEqual(key(repeats, event({ vendorUid: 'x' }), rec('r'), 0), key(repeats, event({ vendorUid: 'x' }), rec('r'), 1));
});
