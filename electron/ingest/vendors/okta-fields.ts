/**
 * Reading an Okta LogEvent's fields (docs/log-sources.md §1), whatever the spelling: the API's
 * camelCase, SIEM exports' lower-cased keys, CSV columns named by the flattened path.
 */
import { asArray, asDecimal, asText, ciAt, ciKey, isDotted, isObject } from './fields.js';

//
// Each field is read twice over when need be: first by the caller with literal property names
// in the documented spelling (`spelt`), which V8 compiles to inline-cached loads, and only
// when that finds nothing by `field`, whose keys vary at run time and so go through V8's
// generic lookup (about 50 of those per record had cost more than half of reading it). Both
// reads agree wherever the literal one finds a value, since `ciAt` tries the exact spelling first.

/** A dotted path read case-insensitively; a flattened CSV column named by the whole path also counts. */
export function field(value: unknown, path: string, spelt?: unknown): unknown {
  if (spelt !== undefined) return spelt;
  const v = ciAt(value, path);
  return v === undefined && isObject(value) && isDotted(path) ? ciKey(value, path) : v;
}

/** Okta's "unknown" (or "null") for a field it could not fill, in any case and padding. */
function isPlaceholder(t: string): boolean {
  // Read for every field of every record: a text starting with a printable ASCII character
  // other than u or n cannot be one, and is spared the trim and the pattern.
  const first = t.charCodeAt(0);
  const lower = first | 0x20;
  if (first > 0x20 && first < 0x7f && lower !== 0x75 && lower !== 0x6e) return false;
  return /^(unknown|null)$/i.test(t.trim());
}

/** A non-empty string (numbers as text), not a placeholder. */
export function text(value: unknown, path: string, spelt?: unknown): string | undefined {
  const t = asText(field(value, path, spelt));
  return t === undefined || isPlaceholder(t) ? undefined : t;
}

export function number(value: unknown, path: string, spelt?: unknown): number | undefined {
  return asDecimal(field(value, path, spelt));
}

export function list(value: unknown, path: string, spelt?: unknown): unknown[] {
  return asArray(field(value, path, spelt));
}
