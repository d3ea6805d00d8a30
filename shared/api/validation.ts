/**
 * The pieces every argument check is made of. Each method's own check lives beside its handler
 * (electron/api/methods/<domain>.ts); handlers receive only values that passed through there, so
 * they never re-check shapes. Messages name the method and the offending key.
 */
import { ANNOTATION_KINDS, type AnnotationKind, type AnnotationTarget } from '../model/annotation.js';
import { PushTrailError } from './errors.js';

export function bad(method: string, message: string): never {
  throw new PushTrailError('bad_input', `${method}: ${message}`);
}

export function record(method: string, raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) bad(method, 'argument must be an object');
  return raw as Record<string, unknown>;
}

/** An argument that may be left out entirely: null and undefined read as `{}`. */
export function optionalRecord(method: string, raw: unknown): Record<string, unknown> {
  return raw === null || raw === undefined ? {} : record(method, raw);
}

export function text(method: string, obj: Record<string, unknown>, key: string, max = 4096): string {
  const v = obj[key];
  if (typeof v !== 'string' || v.trim() === '') bad(method, `"${key}" must be a non-empty string`);
  if (v.length > max) bad(method, `"${key}" is longer than ${max} characters`);
  return v;
}

export function optionalText(method: string, obj: Record<string, unknown>, key: string): string | undefined {
  return obj[key] === undefined ? undefined : text(method, obj, key);
}

/** Each element of the list at `key`, checked as `text` under the name `key[i]`. */
export function textList(method: string, list: readonly unknown[], key: string, max?: number): string[] {
  return list.map((v, i) => text(method, { [`${key}[${i}]`]: v }, `${key}[${i}]`, max));
}

export function optionalCount(method: string, obj: Record<string, unknown>, key: string): number | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) bad(method, `"${key}" must be a whole number ≥ 0`);
  return v;
}

export function optionalId(method: string, obj: Record<string, unknown>, key: string): number | undefined {
  const v = optionalCount(method, obj, key);
  if (v === 0) bad(method, `"${key}" must be a whole number ≥ 1`);
  return v;
}

export function id(method: string, obj: Record<string, unknown>, key: string): number {
  const v = optionalId(method, obj, key);
  if (v === undefined) bad(method, `"${key}" is required`);
  return v;
}

export function optionalBoolean(method: string, obj: Record<string, unknown>, key: string): boolean | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') bad(method, `"${key}" must be true or false`);
  return v;
}

export function optionalChoice<T extends string>(method: string, obj: Record<string, unknown>, key: string, choices: readonly T[]): T | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !(choices as readonly string[]).includes(v)) bad(method, `"${key}" must be one of ${choices.join(', ')}`);
  return v as T;
}

/** UTC milliseconds within the years any log can carry. */
const MAX_TIME = Date.UTC(3000, 0, 1);

export function optionalTime(method: string, obj: Record<string, unknown>, key: string): number | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || Math.abs(v) > MAX_TIME) bad(method, `"${key}" must be a time in UTC milliseconds`);
  return v;
}

export function requiredTime(method: string, obj: Record<string, unknown>, key: string): number {
  const v = optionalTime(method, obj, key);
  if (v === undefined) bad(method, `"${key}" is required`);
  return v;
}

/** Canonical user names are lower case (see AuthEvent.user). */
/**
 * Longest user name a request may carry: as long as the longest record an import accepts (a
 * user's name comes from one record), so every user of a case opens, including those of cases
 * imported before names were capped (store/event-row.ts).
 */
export const USER_NAME_MAX_CHARS = 1024 * 1024 + 1024;

export function userName(method: string, obj: Record<string, unknown>, key: string): string {
  return text(method, obj, key, USER_NAME_MAX_CHARS).trim().toLowerCase();
}

/** A user named exactly as the case stores it (not trimmed or lower-cased). */
export function storedUser(method: string, obj: Record<string, unknown>, key: string): string {
  return text(method, obj, key, USER_NAME_MAX_CHARS);
}

/** Only the keys given: handlers and the custody log see the options the caller set, nothing else. */
export function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function nothing(method: string, raw: unknown): null {
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

export function timeZone(method: string, obj: Record<string, unknown>, key: string): string | undefined {
  const zone = optionalText(method, obj, key);
  if (zone !== undefined && !isTimeZone(zone)) bad(method, `"${zone}" is not a known IANA time zone`);
  return zone;
}

export function annotationKind(method: string, value: unknown): AnnotationKind {
  if (typeof value !== 'string' || !(ANNOTATION_KINDS as readonly string[]).includes(value)) {
    bad(method, `"kind" must be one of ${ANNOTATION_KINDS.join(', ')}`);
  }
  return value as AnnotationKind;
}

export function annotationTarget(method: string, raw: unknown): AnnotationTarget {
  const r = record(method, raw);
  return { kind: annotationKind(method, r['kind']), target: text(method, r, 'target', 1000) };
}
