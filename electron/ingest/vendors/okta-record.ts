/**
 * The parts of an Okta LogEvent the meaning is read from (docs/log-sources.md §1): event type,
 * outcome, actor, targets and debug data, each read once.
 */
import { asObject, type JsonObject } from './fields.js';
import { field, list, text } from './okta-fields.js';


export interface Party {
  alternateId?: string;
  id?: string;
  displayName?: string;
  type?: string;
}

export function readParty(value: unknown): Party {
  const p = asObject(value);
  return {
    alternateId: text(value, 'alternateId', p?.['alternateId']),
    id: text(value, 'id', p?.['id']),
    displayName: text(value, 'displayName', p?.['displayName']),
    type: text(value, 'type', p?.['type']),
  };
}

export function isType(party: unknown, type: string): boolean {
  const t = text(party, 'type', asObject(party)?.['type']);
  // Okta writes the documented spelling; only another one is lower-cased (types are ASCII, so a match has their length).
  return t !== undefined && (t === type || (t.length === type.length && t.toLowerCase() === type.toLowerCase()));
}

export interface Okta {
  /** Lower-cased for matching; the event keeps the vendor's own spelling. */
  eventType: string;
  rawEventType: string;
  result: string;
  reason?: string;
  actor: Party;
  targets: unknown[];
  targetUser?: Party;
  debug: JsonObject | undefined;
  /** The push answer detail: OV_RESPONSE_DENY on rejection [OKSUP-DENY]; number-challenge values UNVERIFIED. */
  pushAnswer?: string;
}

export function readOkta(v: JsonObject, rawEventType: string): Okta {
  const targets = list(v, 'target', v['target']);
  const user = targets.find((t) => isType(t, 'User'));
  const debug = asObject(field(v, 'debugContext.debugData', asObject(v['debugContext'])?.['debugData']));
  const outcome = asObject(v['outcome']);
  return {
    eventType: rawEventType.trim().toLowerCase(),
    rawEventType,
    result: (text(v, 'outcome.result', outcome?.['result']) ?? '').toUpperCase(),
    reason: text(v, 'outcome.reason', outcome?.['reason']),
    actor: readParty(field(v, 'actor', v['actor'])),
    targets,
    targetUser: user === undefined ? undefined : readParty(user),
    debug,
    pushAnswer:
      text(debug, 'pushOnlyResponseType', debug?.['pushOnlyResponseType']) ??
      text(debug, 'pushWithNumberChallengeResponseType', debug?.['pushWithNumberChallengeResponseType']),
  };
}
