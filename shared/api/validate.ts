/**
 * Validation of call arguments at the trust edge (IPC, HTTP). Handlers receive only
 * values that passed through here, so they never re-check shapes.
 */
import { ANNOTATION_KINDS, type AnnotationKind, type AnnotationPatch } from '../model/annotation.js';
import { FACTORS, OUTCOMES, VENDORS, type Factor, type Outcome, type Vendor } from '../model/event.js';
import { PushTrailError } from './errors.js';
import type { ArgOf, Method } from './contract.js';
import { IMPORT_FORMATS, isImportFormat, type ImportOptions } from './jobs.js';
import type { SearchQuery } from './search.js';
import { EXPORT_FORMATS, PAPERS, REPORT_SECTIONS, isExportFormat, type Paper, type ReportRequest, type ReportSection, type ReportSelection, type ReportTextPatch } from './report.js';

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

/** Bins of a histogram or sparkline: enough for any screen, few enough to stay cheap. */
const MAX_BINS = 2000;
/** Sparklines are asked for the rows on screen, never the whole table. */
const MAX_SPARKLINE_USERS = 500;

function optionalBins(method: string, obj: Record<string, unknown>): number | undefined {
  const v = optionalCount(method, obj, 'bins');
  if (v !== undefined && (v < 1 || v > MAX_BINS)) bad(method, `"bins" must be from 1 to ${MAX_BINS}`);
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

function annotationKind(method: string, value: unknown): AnnotationKind {
  if (typeof value !== 'string' || !(ANNOTATION_KINDS as readonly string[]).includes(value)) {
    bad(method, `"kind" must be one of ${ANNOTATION_KINDS.join(', ')}`);
  }
  return value as AnnotationKind;
}

function optionalChoice<T extends string>(method: string, obj: Record<string, unknown>, key: string, choices: readonly T[]): T | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !(choices as readonly string[]).includes(v)) bad(method, `"${key}" must be one of ${choices.join(', ')}`);
  return v as T;
}

/** UTC milliseconds within the years any log can carry. */
const MAX_TIME = Date.UTC(3000, 0, 1);

function optionalTime(method: string, obj: Record<string, unknown>, key: string): number | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || Math.abs(v) > MAX_TIME) bad(method, `"${key}" must be a time in UTC milliseconds`);
  return v;
}

function requiredTime(method: string, obj: Record<string, unknown>, key: string): number {
  const v = optionalTime(method, obj, key);
  if (v === undefined) bad(method, `"${key}" is required`);
  return v;
}

/** Canonical user names are lower case (see AuthEvent.user). */
function userName(method: string, obj: Record<string, unknown>, key: string): string {
  return text(method, obj, key, 1000).trim().toLowerCase();
}

/** Only the keys given: handlers and the custody log see the filters the caller set, nothing else. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function searchQuery(method: string, raw: unknown): SearchQuery {
  const o = raw === null || raw === undefined ? {} : record(method, raw);
  const short = (key: string): string | undefined => (o[key] === undefined ? undefined : text(method, o, key, 1000));
  const from = optionalTime(method, o, 'from');
  const to = optionalTime(method, o, 'to');
  if (from !== undefined && to !== undefined && from > to) bad(method, '"from" is after "to"');
  return defined<SearchQuery>({
    user: short('user'),
    ip: short('ip'),
    country: short('country'),
    outcome: optionalChoice<Outcome>(method, o, 'outcome', OUTCOMES),
    factor: optionalChoice<Factor>(method, o, 'factor', FACTORS),
    vendor: optionalChoice<Vendor>(method, o, 'vendor', VENDORS),
    evidenceId: optionalId(method, o, 'evidenceId'),
    from,
    to,
    text: short('text'),
    offset: optionalCount(method, o, 'offset'),
    limit: optionalCount(method, o, 'limit'),
  });
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
  'case/activity': (raw) => {
    const o = raw === null || raw === undefined ? {} : record('case/activity', raw);
    const bins = optionalBins('case/activity', o);
    return bins === undefined ? {} : { bins };
  },
  'users/sparklines': (raw) => {
    const method = 'users/sparklines';
    const o = record(method, raw);
    const users = o['users'];
    if (!Array.isArray(users) || users.length > MAX_SPARKLINE_USERS) bad(method, `"users" must be a list of at most ${MAX_SPARKLINE_USERS} user names`);
    const bins = optionalBins(method, o);
    return { users: users.map((u, i) => text(method, { [`users[${i}]`]: u as unknown }, `users[${i}]`, 1000)), ...(bins === undefined ? {} : { bins }) };
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
  'annotations/list': (raw) => {
    const o = raw === null || raw === undefined ? {} : record('annotations/list', raw);
    if (o['kind'] === undefined) return {};
    return { kind: annotationKind('annotations/list', o['kind']) };
  },
  'annotations/set': (raw) => {
    const method = 'annotations/set';
    const o = record(method, raw);
    const targets = o['targets'];
    if (!Array.isArray(targets) || targets.length === 0 || targets.length > 100_000) bad(method, '"targets" must be a list of 1 to 100,000 targets');
    const p = record(method, o['patch']);
    const patch: AnnotationPatch = {};
    if (p['starred'] !== undefined) {
      if (typeof p['starred'] !== 'boolean') bad(method, '"patch.starred" must be true or false');
      patch.starred = p['starred'];
    }
    const tags = (key: 'tags' | 'addTags'): string[] | undefined => {
      const list = p[key];
      if (list === undefined) return undefined;
      if (!Array.isArray(list) || list.length > 50 || !list.every((t): t is string => typeof t === 'string' && t.trim() !== '' && t.length <= 100)) {
        bad(method, `"patch.${key}" must be a list of up to 50 tags of 1 to 100 characters`);
      }
      return [...new Set(list.map((t) => t.trim()))];
    };
    const replaced = tags('tags');
    if (replaced !== undefined) patch.tags = replaced;
    const added = tags('addTags');
    if (added !== undefined) patch.addTags = added;
    if (p['note'] !== undefined) {
      if (typeof p['note'] !== 'string' || p['note'].length > 100_000) bad(method, '"patch.note" must be text of at most 100,000 characters');
      patch.note = p['note'];
    }
    return {
      targets: targets.map((t) => {
        const r = record(method, t);
        return { kind: annotationKind(method, r['kind']), target: text(method, r, 'target', 1000) };
      }),
      patch,
    };
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
  'search/events': (raw) => searchQuery('search/events', raw),
  'search/index': (raw) => {
    const o = raw === null || raw === undefined ? {} : record('search/index', raw);
    if (o['start'] === undefined) return {};
    if (typeof o['start'] !== 'boolean') bad('search/index', '"start" must be true or false');
    return { start: o['start'] };
  },
  'events/around': (raw) => {
    const method = 'events/around';
    const o = record(method, raw);
    const minutes = o['minutes'];
    if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 1 || minutes > 1440) bad(method, '"minutes" must be a whole number from 1 to 1440');
    const limit = optionalCount(method, o, 'limit');
    return { time: requiredTime(method, o, 'time'), minutes, ...(limit === undefined ? {} : { limit }) };
  },
  'analyst/add': (raw) => {
    const method = 'analyst/add';
    const o = record(method, raw);
    const outcome = optionalChoice<Outcome>(method, o, 'outcome', OUTCOMES);
    if (outcome === undefined) bad(method, '"outcome" is required');
    const factor = optionalChoice<Factor>(method, o, 'factor', FACTORS);
    return {
      user: userName(method, o, 'user'),
      time: requiredTime(method, o, 'time'),
      outcome,
      ...(factor === undefined ? {} : { factor }),
      description: text(method, o, 'description', 10_000).trim(),
    };
  },
  'analyst/list': (raw) => {
    const o = raw === null || raw === undefined ? {} : record('analyst/list', raw);
    return o['user'] === undefined ? {} : { user: userName('analyst/list', o, 'user') };
  },
  'job/cancel': (raw) => ({ jobId: text('job/cancel', record('job/cancel', raw), 'jobId', 100) }),
  'report/text': (raw) => nothing('report/text', raw),
  'report/setText': (raw) => {
    const method = 'report/setText';
    const o = record(method, raw);
    const patch: ReportTextPatch = {};
    for (const [key, max] of [
      ['client', 1000],
      ['reference', 200],
      ['narrative', 100_000],
    ] as const) {
      const v = o[key];
      if (v === undefined) continue;
      if (typeof v !== 'string' || v.length > max) bad(method, `"${key}" must be text of at most ${max.toLocaleString('en-US')} characters`);
      patch[key] = v;
    }
    return patch;
  },
  'report/outline': (raw) => reportSelection('report/outline', raw === null || raw === undefined ? {} : record('report/outline', raw)),
  'report/preview': (raw) => {
    const method = 'report/preview';
    const o = raw === null || raw === undefined ? {} : record(method, raw);
    return { ...reportSelection(method, o), ...paperOf(method, o) };
  },
  'report/start': (raw) => {
    const method = 'report/start';
    const o = record(method, raw);
    if (!isExportFormat(o['format'])) bad(method, `"format" must be one of ${EXPORT_FORMATS.join(', ')}`);
    const request: ReportRequest = { format: o['format'], ...reportSelection(method, o), ...paperOf(method, o) };
    return request;
  },
  'report/download': (raw) => ({ path: text('report/download', record('report/download', raw), 'path', 4096) }),
};

function paperOf(method: string, o: Record<string, unknown>): { paper?: Paper } {
  const paper = optionalChoice(method, o, 'paper', PAPERS);
  return paper === undefined ? {} : { paper };
}

/** Users, sections and annotations of a report; each list may be left out (meaning: the default). */
function reportSelection(method: string, o: Record<string, unknown>): ReportSelection {
  const out: ReportSelection = {};
  const users = o['users'];
  if (users !== undefined) {
    if (!Array.isArray(users) || users.length > 10_000 || !users.every((u): u is string => typeof u === 'string' && u.trim() !== '' && u.length <= 1000)) {
      bad(method, '"users" must be a list of up to 10,000 user names');
    }
    out.users = users;
  }
  const sections = o['sections'];
  if (sections !== undefined) {
    if (!Array.isArray(sections) || !sections.every((s): s is ReportSection => (REPORT_SECTIONS as readonly unknown[]).includes(s))) {
      bad(method, `"sections" must be a list of ${REPORT_SECTIONS.join(', ')}`);
    }
    out.sections = sections;
  }
  const annotations = o['annotations'];
  if (annotations !== undefined) {
    if (!Array.isArray(annotations) || annotations.length > 100_000) bad(method, '"annotations" must be a list of up to 100,000 targets');
    out.annotations = annotations.map((t) => {
      const r = record(method, t);
      return { kind: annotationKind(method, r['kind']), target: text(method, r, 'target', 1000) };
    });
  }
  return out;
}

export function validateArg<M extends Method>(method: M, raw: unknown): ArgOf<M> {
  return VALIDATORS[method](raw);
}
