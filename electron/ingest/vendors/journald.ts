/**
 * systemd journal as `journalctl -o json` (one object per line) or `-o json-pretty`, docs/log-sources.md §8
 * [JOURNAL-FMT] (systemd docs/JOURNAL_EXPORT_FORMATS.md, "Journal JSON Format"): every field
 * is a string, except that a value which is not valid UTF-8 is an array of byte numbers and a
 * field present more than once is an array of values. `__REALTIME_TIMESTAMP` is microseconds
 * since the epoch (UTC) as decimal text. The message is read with the same line meanings as
 * syslog text (sshd, PAM, sudo, pam_duo, Google Authenticator), so a journal export and an
 * auth.log of the same host give the same events.
 */
import type { AuthEvent } from '../../../shared/model/event.js';
import { RecordError, type SourceRecord, type VendorParser } from '../parser.js';
import { asText, isObject, type JsonObject } from './fields.js';
import { mostRecordsMatch } from './sniff.js';
import { syslogEvent } from './syslog.js';
import type { SyslogLine } from './syslog-line.js';

function isJournalRecord(value: unknown): value is JsonObject {
  return isObject(value) && typeof value['__REALTIME_TIMESTAMP'] === 'string' && Object.hasOwn(value, 'MESSAGE');
}

/** A journal field as text: a string, the first of repeated values, or bytes decoded as UTF-8. */
function fieldText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) return undefined;
  if (value.every((b) => typeof b === 'number' && Number.isInteger(b) && b >= 0 && b <= 255)) {
    return Buffer.from(value as number[]).toString('utf8');
  }
  return fieldText(value[0]);
}

function journalTime(r: JsonObject): number {
  const text = fieldText(r['__REALTIME_TIMESTAMP']) ?? '';
  if (!/^\d{1,17}$/.test(text)) throw new RecordError(`journal record has an unreadable __REALTIME_TIMESTAMP: ${JSON.stringify(text.slice(0, 40))}`);
  return Math.floor(Number(text) / 1000);
}

function journalLine(r: JsonObject): SyslogLine {
  const tag = fieldText(r['SYSLOG_IDENTIFIER']) ?? fieldText(r['_COMM']) ?? '';
  const line: SyslogLine = {
    time: journalTime(r),
    host: fieldText(r['_HOSTNAME']) ?? '',
    tag,
    program: tag.replace(/\(.*$/, ''),
    message: fieldText(r['MESSAGE']) ?? '',
  };
  const pid = asText(fieldText(r['SYSLOG_PID']) ?? fieldText(r['_PID']));
  if (pid !== undefined) line.pid = pid;
  return line;
}

export const journaldParser: VendorParser = {
  id: 'journald',
  title: 'systemd journal JSON (journalctl -o json)',
  input: 'object',
  sniff: (sample) => mostRecordsMatch(sample, (r) => isJournalRecord(r.value)),
  parse(record: SourceRecord): AuthEvent[] {
    const r = record.value;
    if (!isJournalRecord(r)) throw new RecordError('not a journal record (no __REALTIME_TIMESTAMP / MESSAGE)');
    const event = syslogEvent(journalLine(r));
    // The cursor names the entry uniquely within its journal: the same entry exported twice is one event.
    const cursor = fieldText(r['__CURSOR']);
    if (cursor !== undefined && cursor !== '') event.vendorUid = cursor;
    return [event];
  },
};
