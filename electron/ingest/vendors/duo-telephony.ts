/**
 * Cisco Duo telephony log (docs/log-sources.md §4; fields UNVERIFIED beyond the corpus): one record per SMS
 * or phone call Duo placed, `{context, credits, phone, type, isotimestamp|ts, timestamp}`.
 * A send in an authentication or login context is a prompt (challenge_sent); enrolment and
 * verification sends are kept as 'other'. The log names no user, only the phone.
 */
import type { AuthEvent, Factor, Outcome } from '../../../shared/model/event.js';
import { RecordError, type SourceRecord, type VendorParser } from '../parser.js';
import { at, num, prune, str, type JsonObject } from './fields.js';
import { duoRecord, duoTime, duoToken, hasKey } from './duo-common.js';
import { mostRecordsMatch } from './sniff.js';

function looksLikeDuoTelephony(value: unknown): boolean {
  const r = duoRecord(value);
  if (r === undefined || hasKey(r, 'action')) return false;
  return hasKey(r, 'credits') && typeof at(r, 'type') === 'string' && (hasKey(r, 'phone') || hasKey(r, 'context'));
}

const TYPE_FACTORS: ReadonlyMap<string, Factor> = new Map<string, Factor>([
  ['sms', 'sms'],
  ['phone', 'voice'],
  ['call', 'voice'],
]);

/** "authentication", "administrator login": a prompt sent to someone signing in. */
function outcomeOf(context: string): Outcome {
  return /authentication|login/.test(context) ? 'challenge_sent' : 'other';
}

function toEvent(r: JsonObject, time: number): AuthEvent {
  const context = str(r, 'context');
  const credits = num(r, 'credits');
  const type = duoToken(str(r, 'type'));
  const event: AuthEvent = {
    time,
    vendor: 'duo',
    user: '',
    outcome: outcomeOf(duoToken(context)),
    factor: TYPE_FACTORS.get(type) ?? (type === '' ? undefined : 'unknown'),
    // The phone the SMS / call went to.
    device: str(r, 'phone'),
    vendorEvent: `telephony:${context ?? 'unknown'}`,
    reason: credits === undefined ? undefined : `credits ${credits}`,
    // Telephony v2 carries a telephony_id; v1 records have no id (the importer hashes them).
    vendorUid: str(r, 'telephony_id'),
  };
  return prune(event);
}

export const duoTelephonyParser: VendorParser = {
  id: 'duo-telephony',
  title: 'Cisco Duo telephony log',
  input: 'object',
  sniff(sample: readonly SourceRecord[]): boolean {
    return mostRecordsMatch(sample, (r) => looksLikeDuoTelephony(r.value));
  },
  parse(record: SourceRecord): AuthEvent[] {
    const r = duoRecord(record.value);
    if (r === undefined) throw new RecordError('not a JSON object');
    if (!looksLikeDuoTelephony(r)) throw new RecordError('not a Duo telephony record (no credits / type / phone)');
    const time = duoTime(r);
    if (time === undefined) throw new RecordError('Duo telephony record has no parseable time (isotimestamp / ts / timestamp)');
    return [toEvent(r, time)];
  },
};
