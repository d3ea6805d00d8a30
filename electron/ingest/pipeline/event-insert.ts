/**
 * One event into the case under its dedup key, on the writer thread. An id key already taken
 * by an event of another time or event name means the vendor id was reused (scrubbed or
 * placeholder ids, test fixtures): the event is a different one, and goes in under a key of
 * its own content instead (dedup.ts `sharedIdKey`). Only events whose key is taken pay for
 * the look-up, so imports of unique ids run as before.
 */
import { EVENT_COLUMNS, type BoundCell } from '../../store/event-row.js';
import type { ImportWriter } from '../../store/import-writer.js';
import { sharedIdKey } from './dedup.js';

const TIME_CELL = EVENT_COLUMNS.indexOf('time');
const EVENT_CELL = EVENT_COLUMNS.indexOf('vendor_event');

/** A text cell as the import binds it (a string, or its UTF-8 bytes). */
function cellText(cell: BoundCell | undefined): string {
  if (typeof cell === 'string') return cell;
  return cell instanceof Uint8Array ? Buffer.from(cell.buffer, cell.byteOffset, cell.byteLength).toString('utf8') : '';
}

/**
 * 'added' under `key`; 'clash' when added under its content key because `key` (an id key,
 * not `counted`) held another event; 'duplicate' when the case already holds this event.
 */
export function insertEvent(
  writer: ImportWriter,
  evidenceId: number,
  row: BoundCell[],
  raw: string | Uint8Array,
  key: Buffer,
  counted: boolean,
): 'added' | 'clash' | 'duplicate' {
  if (writer.insertEvent(evidenceId, row, raw, key)) return 'added';
  if (counted) return 'duplicate';
  const time = row[TIME_CELL];
  const shared = sharedIdKey(key, typeof time === 'number' ? time : NaN, cellText(row[EVENT_CELL]), writer.storedUnderKey(key));
  return shared !== undefined && writer.insertEvent(evidenceId, row, raw, shared) ? 'clash' : 'duplicate';
}
