/**
 * Validation of call arguments at the trust edge (IPC, HTTP). Handlers receive only
 * values that passed through here, so they never re-check shapes.
 */
import { PushTrailError } from './errors.js';
import type { ArgOf, Method } from './contract.js';

type Validator<M extends Method> = (raw: unknown) => ArgOf<M>;

function bad(method: string, message: string): never {
  throw new PushTrailError('bad_input', `${method}: ${message}`);
}

function record(method: string, raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) bad(method, 'argument must be an object');
  return raw as Record<string, unknown>;
}

function text(method: string, obj: Record<string, unknown>, key: string, max = 4096): string {
  const v = obj[key];
  if (typeof v !== 'string' || v.trim() === '') bad(method, `"${key}" must be a non-empty string`);
  if (v.length > max) bad(method, `"${key}" is longer than ${max} characters`);
  return v;
}

function optionalText(method: string, obj: Record<string, unknown>, key: string): string | undefined {
  return obj[key] === undefined ? undefined : text(method, obj, key);
}

function optionalCount(method: string, obj: Record<string, unknown>, key: string): number | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) bad(method, `"${key}" must be a whole number ≥ 0`);
  return v;
}

function nothing(method: string, raw: unknown): null {
  if (raw !== null && raw !== undefined) bad(method, 'takes no argument');
  return null;
}

/** True when `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function timeZone(method: string, obj: Record<string, unknown>, key: string): string | undefined {
  const zone = optionalText(method, obj, key);
  if (zone !== undefined && !isTimeZone(zone)) bad(method, `"${zone}" is not a known IANA time zone`);
  return zone;
}

export const VALIDATORS: { [M in Method]: Validator<M> } = {
  'app/info': (raw) => nothing('app/info', raw),
  'case/create': (raw) => {
    const o = record('case/create', raw);
    const displayTimeZone = timeZone('case/create', o, 'displayTimeZone');
    return {
      path: text('case/create', o, 'path'),
      name: text('case/create', o, 'name', 200),
      analyst: text('case/create', o, 'analyst', 200),
      ...(displayTimeZone === undefined ? {} : { displayTimeZone }),
    };
  },
  'case/open': (raw) => ({ path: text('case/open', record('case/open', raw), 'path') }),
  'case/info': (raw) => nothing('case/info', raw),
  'case/close': (raw) => nothing('case/close', raw),
  'case/setTimeZone': (raw) => {
    const zone = timeZone('case/setTimeZone', record('case/setTimeZone', raw), 'displayTimeZone');
    if (zone === undefined) bad('case/setTimeZone', '"displayTimeZone" is required');
    return { displayTimeZone: zone };
  },
  'case/custody': (raw) => {
    const o = raw === null || raw === undefined ? {} : record('case/custody', raw);
    const afterSeq = optionalCount('case/custody', o, 'afterSeq');
    const limit = optionalCount('case/custody', o, 'limit');
    return { ...(afterSeq === undefined ? {} : { afterSeq }), ...(limit === undefined ? {} : { limit }) };
  },
  'case/evidence': (raw) => nothing('case/evidence', raw),
  'case/verify': (raw) => nothing('case/verify', raw),
  'job/cancel': (raw) => ({ jobId: text('job/cancel', record('job/cancel', raw), 'jobId', 100) }),
};

export function validateArg<M extends Method>(method: M, raw: unknown): ArgOf<M> {
  return VALIDATORS[method](raw);
}
