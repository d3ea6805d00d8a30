import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuthEvent, StoredEvent } from '../../../shared/model/event.js';
import { EVENT_COLUMNS, ROW_PARSED_LENGTH, eventProblem, fromEventRow, toEventRow, type BoundCell, type Cell, type EventRecordRow } from '../../../electron/store/event-row.js';
import { RowEncoder, forEachRow, type EncodedRows } from '../../../electron/store/row-batch.js';
import { decodeRecords, encodeRecords, recordTransferables } from '../../../electron/ingest/pipeline/raw-batch.js';

const full: AuthEvent = {
  time: 1709283600123,
  vendor: 'duo',
  user: 'alice@example.com',
  userDisplay: 'Alice <script>alert(1)</script>',
  userVendorId: 'DU1',
  outcome: 'denied',
  factor: 'push',
  source: { ip: '81.2.69.144', geo: { city: 'London', region: 'England', country: 'GB', lat: 51.5, lon: -0.09, source: 'lookup' }, asn: 20712, asOrg: 'Andrews & Arnold' },
  responder: { ip: '8.8.8.8', name: 'iPhone ✓', geo: { country: 'US', source: 'vendor' }, asn: 15169, asOrg: 'GOOGLE' },
  userAgent: 'Mozilla/5.0',
  device: 'Windows',
  app: 'VPN',
  sessionId: 's1',
  vendorEvent: 'authentication',
  reason: 'user_cancelled',
  vendorUid: 'tx-1',
  userEmail: 'alice.smith@example.com',
};

/** The event without its storage id and reference. */
function plain(e: StoredEvent): AuthEvent {
  const { id, ref, ...event } = e;
  void id;
  void ref;
  return event;
}

function roundTrip(rows: AuthEvent[], raws: string[]): EncodedRows {
  const enc = new RowEncoder(8, 16);
  rows.forEach((e, i) => enc.add(toEventRow(e, i + 1, i + 1, raws[i] ?? '')));
  return structuredClone(enc.take());
}

test('an event survives row encoding, the thread hand-over and reading back', () => {
  const raw = '{"user":"alice","note":"\u0000\u202e<b>ünï</b> 𝄞"}';
  const minimal: AuthEvent = { time: 5, vendor: 'syslog', user: '', outcome: 'other', vendorEvent: 'sshd' };
  const batch = roundTrip([full, minimal], [raw, 'x']);
  const seen: EventRecordRow[] = [];
  forEachRow(batch, (row, raw, i) => {
    assert.equal(row.length, ROW_PARSED_LENGTH);
    // Text cells come as their UTF-8 bytes, as the writer binds them.
    const cell = (v: BoundCell | undefined): Cell => (v instanceof Uint8Array ? Buffer.from(v).toString('utf8') : (v ?? null));
    const named = Object.fromEntries(EVENT_COLUMNS.slice(0, ROW_PARSED_LENGTH).map((c, k) => [c, cell(row[k])])) as Record<string, unknown>;
    seen.push({ ...(named as unknown as EventRecordRow), raw: Buffer.from(raw).toString('utf8'), id: i + 1, evidence_id: 7 });
  });
  assert.equal(seen.length, 2);
  assert.equal(seen[0]?.raw, raw, 'the verbatim record is kept byte for byte');
  const [first, second] = seen;
  assert.ok(first && second);
  const back = fromEventRow(first);
  assert.equal(back.id, 1);
  assert.deepEqual(back.ref, { evidenceId: 7, line: 1, record: 1 });
  assert.deepEqual(plain(back), full);
  assert.deepEqual(plain(fromEventRow(second)), minimal);
});

test('events a parser got wrong are refused before they reach the case', () => {
  assert.equal(eventProblem(full), undefined);
  assert.match(eventProblem({ ...full, time: Number.NaN }) ?? '', /time/);
  assert.match(eventProblem({ ...full, outcome: 'maybe' as AuthEvent['outcome'] }) ?? '', /outcome/);
  assert.match(eventProblem({ ...full, vendor: 'acme' as AuthEvent['vendor'] }) ?? '', /vendor/);
});

test('records handed to the writer unparsed arrive as they were read, lines and all', () => {
  const list = [
    { record: 1, line: 3, text: '{"a":"ünï 𝄞 \u202e"}' },
    { record: 2, text: 'no line: a JSON array element' },
    { record: 7, line: 9, text: '' },
  ];
  const encoded = encodeRecords(list);
  const batch = structuredClone(encoded, { transfer: recordTransferables(encoded) });
  assert.deepEqual(decodeRecords(batch), list);
});
