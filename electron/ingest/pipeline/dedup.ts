/**
 * Deduplication keys: the same event imported twice (the same file again, or overlapping
 * exports) gets the same key, and the case's UNIQUE index on the key keeps one copy.
 *
 * - With a vendor id (Okta uuid, Entra id, Duo txid, CloudTrail eventID ...): vendor + id.
 * - Without one (syslog lines, some CSV rows): vendor + the record's content. JSON content is
 *   taken re-serialised, so the same record pretty-printed in one export and on one line in
 *   another is the same record. Identical records within one file are genuinely repeated
 *   events (two failed logins in the same second), so the Nth copy within a file is keyed
 *   with N: importing that file again still adds nothing.
 *
 * - A vendor id is not always unique: scrubbed or placeholder ids, test fixtures, a vendor
 *   reusing an id. When an event's id key is already in the case for an event of another time
 *   or another event name, the new one is a different event: it is kept under a key of its own
 *   content (id, time, event name), and the import counts it (`vendorIdClashes`). The same
 *   record imported again still finds that key and adds nothing.
 *
 * A record that yields several events keys each by its position in the record. The base key
 * is computed where the record is parsed (either thread); the repeat count is applied by the
 * writer, the one place that sees a file's records in order.
 */
import { hash } from 'node:crypto';
import type { AuthEvent } from '../../../shared/model/event.js';
import { DEDUP_KEY_BYTES } from '../../store/event-row.js';
import type { SourceRecord } from '../parser.js';

/** How many distinct contents a file's repeat counter remembers before it starts afresh. */
const REPEAT_WINDOW = 100_000;

/**
 * Write the base key of `event` (the `index`th event of `record`) into `out` at `offset`.
 * Returns true when the key comes from the content, so repeats must be counted.
 */
export function writeBaseKey(event: AuthEvent, record: SourceRecord, index: number, out: Uint8Array, offset: number): boolean {
  const uid = event.vendorUid;
  const counted = uid === undefined || uid === '';
  const digest = counted
    ? hash('sha256', `raw\u0000${event.vendor}\u0000${record.value !== undefined ? JSON.stringify(record.value) : record.text}\u0000${index}`, 'buffer')
    : hash('sha256', `uid\u0000${event.vendor}\u0000${uid}\u0000${index}`, 'buffer');
  out.set(digest.subarray(0, DEDUP_KEY_BYTES), offset);
  return counted;
}

/** What the case holds under an id key: the time and event name of the event stored there. */
export interface StoredIdentity {
  time: number;
  vendorEvent: string;
}

/**
 * The key for an event whose id key (`idKey`) is taken by `stored`: undefined when `stored`
 * is the same event (same time and event name: a duplicate), else a key of the id with this
 * event's time and event name.
 */
export function sharedIdKey(idKey: Uint8Array, time: number, vendorEvent: string, stored: StoredIdentity | undefined): Buffer | undefined {
  if (stored === undefined || (stored.time === time && stored.vendorEvent === vendorEvent)) return undefined;
  const id = Buffer.from(idKey.buffer, idKey.byteOffset, DEDUP_KEY_BYTES).toString('base64');
  return hash('sha256', `shared\u0000${id}\u0000${time}\u0000${vendorEvent}`, 'buffer').subarray(0, DEDUP_KEY_BYTES);
}

/** The final keys of one file, in its record order. */
export class RepeatCounter {
  private seen = new Map<string, number>();

  /** The key to store for base key `base` (16 bytes). */
  key(base: Uint8Array, counted: boolean): Buffer {
    const bytes = Buffer.from(base.buffer, base.byteOffset, DEDUP_KEY_BYTES);
    if (!counted) return bytes;
    const id = bytes.toString('base64');
    const repeat = this.seen.get(id) ?? 0;
    if (this.seen.size >= REPEAT_WINDOW) this.seen = new Map();
    this.seen.set(id, repeat + 1);
    return repeat === 0 ? bytes : hash('sha256', `${id}\u0000${repeat}`, 'buffer').subarray(0, DEDUP_KEY_BYTES);
  }
}
