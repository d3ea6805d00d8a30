/**
 * Microsoft Entra ID *authentication details* CSV (docs/log-sources.md §2, docs/export-shapes.md
 * §1.6): the portal's sign-in download writes, beside each sign-ins CSV, a file of the
 * sign-ins' authentication steps (`InteractiveSignIns_AuthDetails_<from>_<to>.csv`), one row
 * per step, keyed to its sign-in by `Request ID` (the sign-in's `id`). The columns are the
 * Graph `authenticationDetail` resource's fields in words [GRAPH-AUTHD]: `Authentication
 * method`, `Authentication method detail`, `Succeeded`, `Result detail`, `Requirement`
 * (primary or secondary authentication) and the step's date. The exact header words are not
 * documented by Microsoft; they are read as investigators' tooling reads the real files, and
 * the date under each spelling seen (UNVERIFIED, docs/export-shapes.md §1.6).
 *
 * A row names no user: alone, each step is an event of its own with the outcome of that step
 * and the request id as its session. When the sign-in of that request is in the case, the
 * sign-in absorbs the steps (see entra-step-link.ts) and the steps stay as 'other' events.
 */
import type { AuthEvent, Factor, Outcome } from '../../../shared/model/event.js';
import { RecordError, type ParseContext, type SourceRecord, type VendorParser } from '../parser.js';
import { NO_TIME_SETTINGS } from '../time/timestamp.js';
import { asBool, ciKey, isObject, joinParts, type JsonObject } from './fields.js';
import { methodFactor, msTime, portalCell, strongAuthFailureOutcome } from './microsoft.js';
import { mostRecordsMatch } from './sniff.js';

/** The vendor event name of a step; entra-step-link.ts finds unlinked steps by it. */
export const AUTH_STEP_EVENT = 'Authentication step';

/** Date column spellings of the details file (UNVERIFIED, see the header comment). */
const DATE_COLUMNS = ['Date (UTC)', 'Date', 'Authentication step date', 'Authentication date', 'Authentication step date (UTC)'];

/** A details row: a request id and a step's method and result, without a sign-in's address or status. */
export function isAuthDetailsRow(value: unknown): boolean {
  if (!isObject(value) || ciKey(value, 'Request ID') === undefined) return false;
  if (ciKey(value, 'IP address') !== undefined) return false;
  return ciKey(value, 'Authentication method') !== undefined && (ciKey(value, 'Succeeded') !== undefined || ciKey(value, 'Result detail') !== undefined);
}

/** One step, read. */
export interface AuthStepRow {
  requestId: string;
  method?: string;
  methodDetail?: string;
  succeeded?: boolean;
  resultDetail?: string;
  requirement?: string;
  factor: Factor;
}

export function readStepRow(row: JsonObject): AuthStepRow {
  const requestId = portalCell(row, 'Request ID');
  if (requestId === undefined) throw new RecordError('the authentication step names no Request ID');
  const method = portalCell(row, 'Authentication method');
  const resultDetail = portalCell(row, 'Result detail');
  const satisfied = resultDetail !== undefined && /satisfied by (?:a )?(?:claim|token)|previously satisfied/i.test(resultDetail);
  const step: AuthStepRow = { requestId, factor: satisfied ? 'remembered' : (methodFactor(method) ?? 'unknown') };
  const methodDetail = portalCell(row, 'Authentication method detail');
  const succeeded = asBool(portalCell(row, 'Succeeded'));
  const requirement = portalCell(row, 'Requirement', 'Authentication step requirement');
  if (method !== undefined) step.method = method;
  if (methodDetail !== undefined) step.methodDetail = methodDetail;
  if (succeeded !== undefined) step.succeeded = succeeded;
  if (resultDetail !== undefined) step.resultDetail = resultDetail;
  if (requirement !== undefined) step.requirement = requirement;
  return step;
}

/**
 * What one step means on its own: the password step is the primary authentication; a
 * second factor that succeeded is an approval, one that failed is read from its result
 * detail as the sign-in's 500121 is (docs/log-sources.md §2); a requirement satisfied by a
 * token claim prompted nobody.
 */
export function stepOutcome(step: AuthStepRow): Outcome {
  if (step.factor === 'remembered') return 'other';
  const primary = step.factor === 'password' || /primary/i.test(step.requirement ?? '');
  if (step.succeeded === true) return primary ? 'auth_success' : 'approved';
  if (step.succeeded === false) return primary ? 'auth_failure' : strongAuthFailureOutcome(step.resultDetail ?? '');
  return 'other';
}

export function stepReason(step: AuthStepRow): string | undefined {
  return joinParts([step.method, step.methodDetail, step.resultDetail], ': ');
}

function toEvent(step: AuthStepRow, time: number): AuthEvent {
  const event: AuthEvent = { time, vendor: 'entra', user: '', outcome: stepOutcome(step), factor: step.factor, vendorEvent: AUTH_STEP_EVENT, sessionId: step.requestId };
  const reason = stepReason(step);
  if (reason !== undefined) event.reason = reason;
  return event;
}

export const entraAuthDetailsParser: VendorParser = {
  id: 'entra-auth-details',
  title: 'Microsoft Entra ID authentication details (portal CSV)',
  input: 'object',
  sniff(sample: readonly SourceRecord[]): boolean {
    return mostRecordsMatch(sample, (r) => isAuthDetailsRow(r.value));
  },
  parse(record: SourceRecord, ctx: ParseContext): AuthEvent[] {
    const row = record.value;
    if (!isAuthDetailsRow(row) || !isObject(row)) throw new RecordError('not an authentication details row (Request ID, Authentication method, Succeeded)');
    const date = portalCell(row, ...DATE_COLUMNS);
    const time = msTime(date, ctx.time ?? NO_TIME_SETTINGS);
    if (time === undefined) {
      throw new RecordError(date === undefined ? `the authentication step has no date (${DATE_COLUMNS.join(' / ')})` : `the step date ${JSON.stringify(date.slice(0, 60))} is not a time PushTrail reads`);
    }
    return [toEvent(readStepRow(row), time)];
  },
};
