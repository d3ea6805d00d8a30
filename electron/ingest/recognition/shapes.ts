/**
 * What an unrecognised record is closest to, so the analyst can act: the known shape whose
 * fields it shares most, and the fields of that shape it lacks ("looks like Okta System Log
 * via Log Analytics (CSV); it has no column for the event type (eventType)").
 *
 * Field names are compared loosely, as SIEM re-exports rename them: case, separators and
 * flattened paths are ignored (`actor.alternateId`, `actor_alternateId_s`, `Actor Alternate
 * ID` are one name), as are Log Analytics' type suffixes (`_s`, `_d`, `_b`, `_t`, `_g`).
 * Field lists: the vendors' record schemas as cited in docs/export-shapes.md.
 */
import type { FormatId, SourceRecord, VendorParser } from '../parser.js';
import { isObject } from '../vendors/fields.js';

interface ShapeField {
  /** The documented name, then names re-exports use for it. */
  names: readonly string[];
  /** What the field holds, for the message. */
  what: string;
  /** Recognition needs it: its absence is what the message names. */
  key?: true;
}

interface Shape {
  format: FormatId;
  title: string;
  fields: readonly ShapeField[];
}

const f = (what: string, ...names: string[]): ShapeField => ({ names, what });
const k = (what: string, ...names: string[]): ShapeField => ({ names, what, key: true });

const SHAPES: readonly Shape[] = [
  {
    format: 'okta',
    title: 'Okta System Log',
    fields: [
      k('the event type', 'eventType', 'EventOriginalType'),
      k('the event time', 'published'),
      f('the event id', 'uuid', 'EventOriginalUid'),
      f('the actor', 'actor.alternateId', 'ActorUsername', 'OriginalActorAlternateId'),
      f('the outcome', 'outcome.result', 'OriginalOutcomeResult'),
      f('the client address', 'client.ipAddress', 'SrcIpAddr'),
      f('the message', 'displayMessage'),
      f('the severity', 'severity'),
      f('the authentication context', 'authenticationContext.externalSessionId', 'ActorSessionId'),
      f('the transaction', 'transaction.id', 'TransactionId'),
      f('the debug data', 'debugContext.debugData', 'DebugData'),
    ],
  },
  {
    format: 'entra-signin',
    title: 'Entra ID sign-in log',
    fields: [
      k('the sign-in time', 'createdDateTime', 'Date (UTC)', 'time'),
      k('the user', 'userPrincipalName', 'Username'),
      f('the client address', 'ipAddress', 'IP address', 'callerIpAddress'),
      f('the status', 'status', 'ResultType', 'Status'),
      f('the application', 'appDisplayName', 'Application'),
      f('the authentication requirement', 'authenticationRequirement', 'Authentication requirement'),
      f('the authentication details', 'authenticationDetails'),
      f('the conditional access status', 'conditionalAccessStatus', 'Conditional Access'),
      f('the client app', 'clientAppUsed', 'Client app'),
      f('the correlation id', 'correlationId', 'Correlation ID'),
      f('the request id', 'id', 'Request ID'),
    ],
  },
  {
    format: 'entra-audit',
    title: 'Entra ID directory audit log',
    fields: [
      k('the activity time', 'activityDateTime'),
      k('the activity', 'activityDisplayName'),
      f('who initiated it', 'initiatedBy'),
      f('its targets', 'targetResources'),
      f('the service', 'loggedByService'),
      f('the category', 'category'),
      f('the result', 'result'),
      f('the operation type', 'operationType'),
    ],
  },
  {
    format: 'm365-audit',
    title: 'Microsoft 365 unified audit log',
    fields: [
      k('the time', 'CreationTime', 'CreationDate'),
      k('the operation', 'Operation', 'Operations'),
      f('the record type', 'RecordType'),
      f('the user', 'UserId', 'UserIds'),
      f('the client address', 'ClientIP'),
      f('the workload', 'Workload', 'OfficeWorkload'),
      f('the result', 'ResultStatus'),
      f('the audit record', 'AuditData'),
      f('the organisation', 'OrganizationId'),
    ],
  },
  {
    format: 'duo-auth',
    title: 'Duo authentication log',
    fields: [
      k('the time', 'timestamp', 'isotimestamp'),
      k('the result', 'result'),
      f('the factor', 'factor'),
      f('the user', 'user.name', 'username'),
      f('the access device', 'access_device'),
      f('the authentication device', 'auth_device'),
      f('the event type', 'event_type'),
      f('the reason', 'reason'),
      f('the transaction id', 'txid'),
      f('the application', 'application', 'integration'),
    ],
  },
  {
    format: 'duo-admin',
    title: 'Duo administrator log',
    fields: [k('the time', 'timestamp', 'isotimestamp'), k('the action', 'action'), k('the administrator', 'username'), f('the object', 'object'), f('the description', 'description')],
  },
  {
    format: 'duo-telephony',
    title: 'Duo telephony log',
    fields: [k('the time', 'ts', 'timestamp'), k('the credits', 'credits'), k('the type', 'type'), f('the phone', 'phone'), f('the context', 'context'), f('the id', 'telephony_id')],
  },
  {
    format: 'duo-activity',
    title: 'Duo activity log',
    fields: [
      k('the time', 'ts'),
      k('the action', 'action.name', 'action'),
      k('the actor', 'actor.name', 'actor'),
      f('the activity id', 'activity_id'),
      f('the target', 'target.type', 'target'),
      f('the outcome', 'outcome.result', 'outcome'),
      f('the access device', 'access_device'),
      f('the application', 'application.name', 'application'),
      f('the account key', 'akey'),
    ],
  },
  {
    format: 'google-workspace',
    title: 'Google Workspace Reports API activity',
    fields: [
      k('the time', 'id.time'),
      k('the application', 'id.applicationName', 'IdApplicationName'),
      k('the events', 'events', 'EventOriginalMessage'),
      f('the actor', 'actor.email', 'ActorEmail'),
      f('the client address', 'ipAddress', 'SrcIpAddr'),
      f('the record kind', 'kind'),
      f('the event id', 'id.uniqueQualifier', 'EventId'),
    ],
  },
  {
    format: 'cloudtrail',
    title: 'AWS CloudTrail',
    fields: [
      k('the event time', 'eventTime'),
      k('the event name', 'eventName'),
      k('the event source', 'eventSource'),
      f('the identity', 'userIdentity', 'UserIdentityArn'),
      f('the client address', 'sourceIPAddress'),
      f('the region', 'awsRegion'),
      f('the event id', 'eventID', 'AwsEventId'),
      f('the response', 'responseElements'),
      f('the additional data', 'additionalEventData'),
    ],
  },
  {
    format: 'pingone',
    title: 'PingOne / PingID activity',
    fields: [k('the time', 'recordedAt', 'recorded'), k('the action', 'action.type', 'action'), f('the actors', 'actors', 'actors.user.name'), f('the resources', 'resources'), f('the result', 'result.status', 'status'), f('the source', 'source')],
  },
];

/** A field name without case, separators or a Log Analytics type suffix. */
function normal(name: string): string {
  return name.replace(/_[sdbtg]$/, '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The record's field names, nested ones as flattened paths, normalised. */
function namesOf(value: Record<string, unknown>, prefix = '', depth = 0, out = new Set<string>()): Set<string> {
  for (const [key, inner] of Object.entries(value)) {
    const name = prefix + normal(key);
    out.add(name);
    if (depth < 2 && isObject(inner)) namesOf(inner, name, depth + 1, out);
  }
  return out;
}

export interface Nearest {
  title: string;
  format: FormatId;
  /** Key fields the record lacks, as "the event type (eventType)". */
  lacking: string[];
  /** Shape fields the record has. */
  shared: number;
}

/** The known shape nearest to an object record, when it shares enough with one to say so. */
export function nearestShape(value: unknown): Nearest | undefined {
  if (!isObject(value)) return undefined;
  const names = namesOf(value);
  const has = (field: ShapeField): boolean => field.names.some((n) => names.has(normal(n)));
  let best: Nearest | undefined;
  let bestShare = 0;
  for (const shape of SHAPES) {
    const shared = shape.fields.filter(has).length;
    const share = shared / shape.fields.length;
    // Two fields in common, and a third of the shape, before a resemblance is worth naming.
    if (shared < 2 || share < 1 / 3 || share <= bestShare) continue;
    const lacking = shape.fields.filter((field) => field.key === true && !has(field)).map((field) => `${field.what} (${field.names[0] ?? ''})`);
    best = { title: shape.title, format: shape.format, lacking, shared };
    bestShare = share;
  }
  return best;
}

/** "via Log Analytics" and the like: the re-export a record's own fields betray. */
function via(value: Record<string, unknown>): string {
  const keys = Object.keys(value);
  if (keys.includes('TimeGenerated') || keys.includes('TimeGenerated [UTC]')) return ' via Log Analytics / Sentinel';
  if (keys.includes('_raw') || keys.includes('_time')) return ' via a Splunk export';
  if (keys.includes('_source') || keys.includes('@timestamp')) return ' via Elastic / OpenSearch';
  return '';
}

/**
 * "looks like Okta System Log via Log Analytics / Sentinel; it has no column for the event
 * type (eventType)", or undefined when the record resembles no known shape. `field` is how
 * the container calls a field ("column" in CSV).
 */
export function resemblance(value: unknown, field: 'field' | 'column'): string | undefined {
  const nearest = nearestShape(value);
  if (nearest === undefined || !isObject(value)) return undefined;
  const head = `looks like ${nearest.title}${via(value)} (--format ${nearest.format})`;
  if (nearest.lacking.length === 0) return `${head}, but not in a layout its importer reads; --format ${nearest.format} reads it record by record and says why each record is rejected`;
  return `${head}; it has no ${field} for ${nearest.lacking.join(', nor for ')}`;
}

/** PingFederate's audit event names and Ping's CEF header, as they stand in any line layout. */
const PF_EVENT = /(?:^|[|\s=])(?:AUTHN_ATTEMPT|AUTHN_REQUEST|AUTHN_SESSION_(?:CREATED|USED|DELETED)|SRI_REVOKED)(?:[|\s]|$)/;
const PING_CEF = /CEF:\d+\|Ping Identity\|/;

/**
 * What a text line no parser reads is closest to: PingFederate's audit events in a layout of
 * their own (log4j2.xml patterns are the administrator's to change), or undefined.
 */
export function textResemblance(text: string): string | undefined {
  if (!PF_EVENT.test(text) && !PING_CEF.test(text)) return undefined;
  return (
    'looks like the PingFederate audit log (--format pingfederate) in a layout its importer does not read; ' +
    'it reads the default pattern (%d| trackingid| event| subject| ip | app| connectionid| protocol| host| role| status| adapterid| description| responsetime), ' +
    'the Splunk key=value pattern (time, then event=... subject="..." ip=... status=...) and CEF (CEF:0|Ping Identity|PingFederate|...)'
  );
}

/** The message for a record no parser recognises. */
export function unrecognisedRecord(record: SourceRecord, parsers: readonly VendorParser[], field: 'field' | 'column'): string {
  const base = parsers.length === 1 ? `not a ${parsers[0]?.title ?? ''} record` : 'not a record of any known kind';
  const like = record.value === undefined ? textResemblance(record.text) : resemblance(record.value, field);
  return like === undefined ? base : `${base}: it ${like}`;
}
