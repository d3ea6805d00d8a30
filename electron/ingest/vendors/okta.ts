/**
 * Okta System Log (docs/log-sources.md §1): LogEvent objects from `GET /api/v1/logs` (JSON array), SIEM
 * NDJSON exports (some lower-case top-level keys: eventtype, debugcontext ...) and, defensively,
 * CSV rows whose headers are the dot-flattened paths (CSV headers are UNVERIFIED). Field access is
 * in okta-fields.ts, the record's parts in okta-record.ts, their meaning in okta-meaning.ts, and
 * subject, place and device in okta-context.ts.
 */
import type { AuthEvent } from '../../../shared/model/event.js';
import { RecordError, type SourceRecord, type VendorParser } from '../parser.js';
import { asObject, canonicalUser, isObject, isoTime, type JsonObject } from './fields.js';
import { appOf, deviceOf, isPerson, reasonOf, sessionOf, sourceOf, subjectOf } from './okta-context.js';
import { field, text } from './okta-fields.js';
import { factorOf, isPushAnswer, outcomeOf } from './okta-meaning.js';
import { readOkta, type Okta, type Party } from './okta-record.js';
import { mostRecordsMatch } from './sniff.js';

/** Top-level keys of an Okta LogEvent besides eventType [OKHOOK]. */
const LOG_EVENT_KEYS = [
  'uuid',
  'published',
  'version',
  'severity',
  'legacyEventType',
  'displayMessage',
  'actor',
  'client',
  'outcome',
  'target',
  'transaction',
  'debugContext',
  'authenticationContext',
  'securityContext',
];

function looksLikeOkta(value: unknown): boolean {
  if (!isObject(value)) return false;
  const eventType = text(value, 'eventType');
  if (eventType === undefined || !/^[a-z0-9_]+(\.[a-z0-9_]+)+$/i.test(eventType)) return false;
  // CloudTrail records carry an eventType too ("AwsConsoleSignIn"): never ours.
  if (field(value, 'eventSource') !== undefined || field(value, 'eventVersion') !== undefined) return false;
  // Trimmed test events drop fields (uuid, published ...): ask for any three LogEvent keys.
  return LOG_EVENT_KEYS.filter((k) => field(value, k) !== undefined).length >= 3;
}

function toEvent(v: JsonObject, o: Okta, time: number): AuthEvent {
  const factor = factorOf(o);
  const { subject: party, byActor } = subjectOf(o);
  const subject: Party = isPerson(party) ? party : {};
  const client = asObject(v['client']);
  const agent = asObject(client?.['userAgent']);
  const event: AuthEvent = { time, vendor: 'okta', user: canonicalUser(subject.alternateId), outcome: outcomeOf(o, factor), vendorEvent: o.rawEventType };
  // Only what the record gave, set one by one: a generic copy without the unset fields cost
  // more per record than any of them.
  if (subject.displayName !== undefined) event.userDisplay = subject.displayName;
  if (subject.id !== undefined) event.userVendorId = subject.id;
  if (factor !== undefined) event.factor = factor;
  const source = sourceOf(v, client);
  if (source !== undefined) event.source = source;
  if (source !== undefined && isPushAnswer(o.rawEventType, factor)) event.responder = source;
  const userAgent = text(v, 'client.userAgent.rawUserAgent', agent?.['rawUserAgent']);
  if (userAgent !== undefined) event.userAgent = userAgent;
  const device = deviceOf(v, client, agent);
  if (device !== undefined) event.device = device;
  const app = appOf(o);
  if (app !== undefined) event.app = app;
  const sessionId = sessionOf(v);
  if (sessionId !== undefined) event.sessionId = sessionId;
  const reason = reasonOf(o, byActor);
  if (reason !== undefined) event.reason = reason;
  const vendorUid = text(v, 'uuid', v['uuid']);
  if (vendorUid !== undefined) event.vendorUid = vendorUid;
  return event;
}

export const oktaParser: VendorParser = {
  id: 'okta',
  title: 'Okta System Log',
  input: 'object',
  sniff(sample: readonly SourceRecord[]): boolean {
    return mostRecordsMatch(sample, (r) => looksLikeOkta(r.value));
  },
  parse(record: SourceRecord): AuthEvent[] {
    const v = record.value;
    if (!isObject(v)) throw new RecordError('not a JSON object or CSV row');
    const eventType = text(v, 'eventType', v['eventType']);
    if (eventType === undefined) throw new RecordError('Okta event has no eventType');
    const time = isoTime(text(v, 'published', v['published']));
    if (time === undefined) throw new RecordError('Okta event has no parseable time (published)');
    return [toEvent(v, readOkta(v, eventType), time)];
  },
};
