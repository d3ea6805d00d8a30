/**
 * Microsoft Entra ID directory audit logs (docs/log-sources.md §2, fraud_reported and factor_change): Graph
 * `directoryAudits` objects, diagnostic-settings `AuditLogs` records (the audit under
 * `properties`) and Log Analytics `AuditLogs` rows (InitiatedBy / TargetResources as JSON text).
 */
import type { AuthEvent, Outcome } from '../../../shared/model/event.js';
import { RecordError, type ParseContext, type SourceRecord, type VendorParser } from '../parser.js';
import { NO_TIME_SETTINGS, type TimeSettings } from '../time/timestamp.js';
import { canonicalUser, isObject, joinParts, prune, ipAddress, type JsonObject } from './fields.js';
import {
  auditActivityOutcome,
  innerRecord,
  isDirectoryAudit,
  looksLikeUpn,
  methodFactor,
  msArr,
  msObj,
  msStr,
  msTime,
  pairValue,
  strongAuthProperties,
} from './microsoft.js';
import { mostRecordsMatch } from './sniff.js';

interface Party {
  upn?: string;
  name?: string;
  id?: string;
}

interface Audit {
  time?: number;
  activity: string;
  actor: Party;
  actorIp?: string;
  target?: Party;
  strongAuth: string[];
  details: unknown[];
  result?: string;
  resultReason?: string;
  correlationId?: string;
  id?: string;
  userAgent?: string;
}

/** Who initiated the change: a user, or an app such as "Azure MFA StrongAuthenticationService". */
function readActor(initiatedBy: JsonObject | undefined): Party {
  return prune({
    upn: msStr(initiatedBy, 'user.userPrincipalName'),
    name: msStr(initiatedBy, 'user.displayName') ?? msStr(initiatedBy, 'app.displayName') ?? msStr(initiatedBy, 'app.servicePrincipalName'),
    id: msStr(initiatedBy, 'user.id') ?? msStr(initiatedBy, 'app.servicePrincipalId') ?? msStr(initiatedBy, 'app.appId'),
  });
}

function readTargetUser(targets: readonly unknown[]): Party | undefined {
  const user = targets.find((t) => msStr(t, 'type')?.toLowerCase() === 'user');
  if (user === undefined) return undefined;
  const upn = msStr(user, 'userPrincipalName');
  const name = msStr(user, 'displayName');
  return prune({ upn: upn ?? (looksLikeUpn(name) ? name : undefined), name, id: msStr(user, 'id') });
}

/** StrongAuthentication* properties named by any target's modifiedProperties. */
function readStrongAuth(targets: readonly unknown[]): string[] {
  const modified = targets.flatMap((t) => msArr(t, 'modifiedProperties'));
  const names = modified.map((m) => msStr(m, 'displayName')).filter((n) => n !== undefined);
  const included = modified
    .filter((m) => msStr(m, 'displayName')?.toLowerCase() === 'included updated properties')
    .map((m) => msStr(m, 'newValue'))
    .filter((n) => n !== undefined);
  return strongAuthProperties(names, included);
}

function readAudit(top: JsonObject, settings: TimeSettings): Audit {
  const p = innerRecord(top);
  const targets = msArr(p, 'targetResources');
  const details = msArr(p, 'additionalDetails');
  return {
    time: msTime(msStr(p, 'activityDateTime'), settings) ?? msTime(msStr(top, 'time'), settings) ?? msTime(msStr(top, 'TimeGenerated'), settings),
    activity: msStr(p, 'activityDisplayName') ?? msStr(top, 'operationName') ?? msStr(p, 'operationName') ?? 'unknown activity',
    actor: readActor(msObj(p, 'initiatedBy')),
    actorIp: ipAddress(msStr(p, 'initiatedBy.user.ipAddress') ?? msStr(top, 'callerIpAddress') ?? pairValue(details, 'ipaddr')),
    target: readTargetUser(targets),
    strongAuth: readStrongAuth(targets),
    details,
    result: msStr(p, 'result') ?? msStr(top, 'result'),
    resultReason: msStr(p, 'resultReason'),
    correlationId: msStr(p, 'correlationId') ?? msStr(top, 'correlationId'),
    id: msStr(p, 'id'),
    userAgent: pairValue(details, 'User-Agent') ?? msStr(p, 'userAgent'),
  };
}

function isFailure(result: string | undefined): boolean {
  return result !== undefined && /^(failure|failed|false)$/i.test(result.trim());
}

function outcomeOf(a: Audit): Outcome {
  const outcome = auditActivityOutcome(a.activity, a.strongAuth) ?? 'other';
  // A failed registration / removal changed nothing: keep it visible as a plain event.
  return outcome === 'factor_change' && isFailure(a.result) ? 'other' : outcome;
}

/** The method named by the audit: Elastic keys the fraud report on additionalDetails AuthenticationMethod [ELA-AZ-SAR]. */
function methodText(a: Audit): string | undefined {
  return pairValue(a.details, 'AuthenticationMethod') ?? pairValue(a.details, 'Method');
}

/** For MFA changes and fraud reports the event is about the affected user, not the admin. */
function subjectOf(a: Audit, outcome: Outcome): { subject?: Party; byActor: boolean } {
  const aboutTarget = (outcome === 'factor_change' || outcome === 'fraud_reported') && a.target?.upn !== undefined;
  if (aboutTarget) {
    const actor = a.actor.upn ?? a.actor.name;
    const same = actor !== undefined && canonicalUser(actor) === canonicalUser(a.target?.upn);
    return { subject: a.target, byActor: actor !== undefined && !same };
  }
  if (a.actor.upn !== undefined) return { subject: a.actor, byActor: false };
  return { subject: a.target, byActor: a.target !== undefined && a.actor.name !== undefined };
}

function reasonOf(a: Audit, byActor: boolean): string | undefined {
  const method = methodText(a);
  return joinParts(
    [
      a.resultReason,
      a.strongAuth.length > 0 ? `modified ${a.strongAuth.join(', ')}` : undefined,
      method === undefined ? undefined : `AuthenticationMethod ${method}`,
      isFailure(a.result) ? `result ${a.result ?? ''}` : undefined,
      byActor ? `by ${a.actor.upn ?? a.actor.name ?? 'unknown actor'}` : undefined,
    ],
    '; ',
  );
}

function toEvent(a: Audit, time: number): AuthEvent {
  const outcome = outcomeOf(a);
  const { subject, byActor } = subjectOf(a, outcome);
  const method = methodText(a);
  const event: AuthEvent = {
    time,
    vendor: 'entra',
    user: canonicalUser(subject?.upn),
    userDisplay: subject?.name,
    userVendorId: subject?.id,
    outcome,
    factor: method === undefined ? undefined : methodFactor(method),
    source: a.actorIp === undefined ? undefined : { ip: a.actorIp },
    userAgent: a.userAgent,
    sessionId: a.correlationId,
    vendorEvent: a.activity,
    reason: reasonOf(a, byActor),
    vendorUid: a.id,
  };
  return prune(event);
}

export const entraAuditParser: VendorParser = {
  id: 'entra-audit',
  title: 'Microsoft Entra ID audit logs',
  input: 'object',
  sniff(sample: readonly SourceRecord[]): boolean {
    return mostRecordsMatch(sample, (r) => isDirectoryAudit(r.value));
  },
  parse(record: SourceRecord, ctx: ParseContext): AuthEvent[] {
    const value = record.value;
    if (!isObject(value)) throw new RecordError('not a JSON object');
    if (!isDirectoryAudit(value)) throw new RecordError('not an Entra directory audit record');
    const audit = readAudit(value, ctx.time ?? NO_TIME_SETTINGS);
    if (audit.time === undefined) throw new RecordError('audit record has no parseable time (activityDateTime / time)');
    return [toEvent(audit, audit.time)];
  },
};
