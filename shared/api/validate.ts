/**
 * Validation of call arguments at the trust edge (IPC, HTTP). Handlers receive only
 * values that passed through here, so they never re-check shapes.
 */
import { PushTrailError } from './errors.js';
import type { ArgOf, Method } from './contract.js';
import { IMPORT_FORMATS, isImportFormat, type ImportOptions } from './jobs.js';

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

function optionalId(method: string, obj: Record<string, unknown>, key: string): number | undefined {
  const v = optionalCount(method, obj, key);
  if (v === 0) bad(method, `"${key}" must be a whole number ≥ 1`);
  return v;
}

function id(method: string, obj: Record<string, unknown>, key: string): number {
  const v = optionalId(method, obj, key);
  if (v === undefined) bad(method, `"${key}" is required`);
  return v;
}

/** Most paths one import may name; a folder counts as one however many files it holds. */
const MAX_IMPORT_PATHS = 10_000;

function importOptions(method: string, raw: unknown): ImportOptions {
  const o = record(method, raw);
  const paths = o['paths'];
  if (!Array.isArray(paths) || paths.length === 0) bad(method, '"paths" must be a non-empty array of paths');
  if (paths.length > MAX_IMPORT_PATHS) bad(method, `"paths" may name at most ${MAX_IMPORT_PATHS} paths`);
  const checked = paths.map((p, i) => text(method, { [`paths[${i}]`]: p as unknown }, `paths[${i}]`));
  const format = o['format'];
  if (format !== undefined && !isImportFormat(format)) {
    bad(method, `"format" must be one of ${IMPORT_FORMATS.join(', ')}`);
  }
  const year = o['year'];
  if (year !== undefined && (typeof year !== 'number' || !Number.isInteger(year) || year < 1970 || year > 2100)) {
    bad(method, '"year" must be a whole number from 1970 to 2100');
  }
  const mmdb = optionalText(method, o, 'mmdb');
  return {
    paths: checked,
    ...(format === undefined ? {} : { format }),
    ...(year === undefined ? {} : { year }),
    ...(mmdb === undefined ? {} : { mmdb }),
  };
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
  'import/start': (raw) => importOptions('import/start', raw),
  'case/events': (raw) => {
    const o = raw === null || raw === undefined ? {} : record('case/events', raw);
    const afterId = optionalCount('case/events', o, 'afterId');
    const limit = optionalCount('case/events', o, 'limit');
    return { ...(afterId === undefined ? {} : { afterId }), ...(limit === undefined ? {} : { limit }) };
  },
  'event/get': (raw) => ({ id: id('event/get', record('event/get', raw), 'id') }),
  'detect/run': (raw) => nothing('detect/run', raw),
  'users/list': (raw) => {
    const o = raw === null || raw === undefined ? {} : record('users/list', raw);
    const limit = optionalCount('users/list', o, 'limit');
    const offset = optionalCount('users/list', o, 'offset');
    return { ...(limit === undefined ? {} : { limit }), ...(offset === undefined ? {} : { offset }) };
  },
  'findings/list': (raw) => {
    const o = raw === null || raw === undefined ? {} : record('findings/list', raw);
    const user = optionalText('findings/list', o, 'user');
    return user === undefined ? {} : { user };
  },
  'user/events': (raw) => {
    const o = record('user/events', raw);
    const limit = optionalCount('user/events', o, 'limit');
    return { user: text('user/events', o, 'user', 1000), ...(limit === undefined ? {} : { limit }) };
  },
  'evidence/errors': (raw) => {
    const o = record('evidence/errors', raw);
    const afterId = optionalCount('evidence/errors', o, 'afterId');
    const limit = optionalCount('evidence/errors', o, 'limit');
    return {
      evidenceId: id('evidence/errors', o, 'evidenceId'),
      ...(afterId === undefined ? {} : { afterId }),
      ...(limit === undefined ? {} : { limit }),
    };
  },
  'job/cancel': (raw) => ({ jobId: text('job/cancel', record('job/cancel', raw), 'jobId', 100) }),
};

export function validateArg<M extends Method>(method: M, raw: unknown): ArgOf<M> {
  return VALIDATORS[method](raw);
}
