/**
 * Test-only: corpus files and hand-made records as `SourceRecord`s, for every vendor test.
 * Deliberately tiny; the real container readers (zip, gz, CSV, ...) belong to the importer.
 * Reads NDJSON, a JSON array, a JSON object wrapping its array under one of the usual keys,
 * StreamAlert test files (an array of `{data: <record>, log, ...}` whose `data` may itself
 * hold `Records`), and plain text lines.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { AuthEvent } from '../../../shared/model/event.js';
import type { SourceRecord, VendorParser } from '../../../electron/ingest/parser.js';
import { at, isObject, parseJson } from '../../../electron/ingest/vendors/fields.js';
import { CORPUS_DIR, corpusPath } from '../../support/corpus.js';

// ---------------------------------------------------------------------------------------
// Corpus files

/** Every vendor folder of the corpus. */
export const CORPUS_VENDOR_DIRS = ['okta', 'entra', 'o365', 'duo', 'google-workspace', 'aws-cloudtrail', 'pingone'] as const;

/** The corpus folders of every other vendor: files a parser for `own` must never claim. */
export function otherVendorDirs(own: (typeof CORPUS_VENDOR_DIRS)[number]): string[] {
  return CORPUS_VENDOR_DIRS.filter((dir) => dir !== own);
}

/** Every file under a corpus folder, e.g. corpusFiles('okta'), sorted for stable test names. */
export function corpusFiles(...parts: string[]): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  return walk(corpusPath(...parts)).sort();
}

/** File name relative to the corpus root, for test titles. */
export function corpusName(path: string): string {
  return relative(CORPUS_DIR, path);
}

/** Entra corpus files holding directory audit records; every other Entra file holds sign-ins (SOURCES.md). */
export const ENTRA_AUDIT_FILES: ReadonlySet<string> = new Set([
  'entra/otrf-security-datasets/AADAuditEvents.json',
  'entra/panther-analysis/azure_auth_methods_policy_oidc_change.tests.ndjson',
  'entra/panther-analysis/azure_domain_trust_settings_modified.tests.ndjson',
  'entra/panther-analysis/azure_elevate_user_access_admin.tests.ndjson',
  'entra/panther-analysis/azure_invite_external_users.tests.ndjson',
  'entra/panther-analysis/azure_mfa_disabled.tests.ndjson',
  'entra/panther-analysis/azure_policy_changed.tests.ndjson',
  'entra/panther-analysis/azure_role_changed_pim.tests.ndjson',
  'entra/panther-analysis/azure_service_principal_credentials_added.tests.ndjson',
]);

// ---------------------------------------------------------------------------------------
// Reading records

/** Paths under which exports wrap their array of records (Graph, Azure, CloudTrail, Duo API). */
const WRAPPER_PATHS = ['value', 'records', 'Records', 'response.authlogs', 'response'];

function isArray(value: unknown): value is unknown[] {
  return Array.isArray(value);
}

/** The vendor records inside one parsed JSON value. */
function membersOf(value: unknown): unknown[] {
  if (isArray(value)) return value.flatMap(membersOf);
  if (!isObject(value)) return [value];
  // StreamAlert integration-test wrapper: the vendor record is `data`.
  if (isObject(value.data) && typeof value.log === 'string') return membersOf(value.data);
  for (const path of WRAPPER_PATHS) {
    const inner = at(value, path);
    if (isArray(inner)) return inner;
  }
  return [value];
}

function fromNdjson(text: string): SourceRecord[] {
  const out: SourceRecord[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const parsed: unknown = JSON.parse(line);
    for (const value of membersOf(parsed)) out.push({ record: out.length + 1, line: i + 1, text: line, value });
  });
  return out;
}

/**
 * Records of a JSON corpus file. A whole-file JSON document wins (one record when it is a
 * single unwrapped record, kept with its text as read); otherwise the file is NDJSON.
 */
export function readRecords(path: string): SourceRecord[] {
  const text = readFileSync(path, 'utf8');
  const whole = parseJson(text);
  if (whole === undefined) return fromNdjson(text);
  const members = membersOf(whole);
  if (members.length === 1 && members[0] === whole) return [{ record: 1, line: 1, text: text.trim(), value: whole }];
  return members.map((value, i) => ({ record: i + 1, text: JSON.stringify(value), value }));
}

/** Every non-empty line of a file as a text record, as the text-lines reader hands them over. */
export function readTextRecords(path: string): SourceRecord[] {
  return textRecords(readFileSync(path, 'utf8').split(/\r?\n/));
}

/** Hand-made text lines as records (blank lines skipped, numbering kept). */
export function textRecords(lines: readonly string[]): SourceRecord[] {
  const out: SourceRecord[] = [];
  lines.forEach((text, i) => {
    if (text.trim() !== '') out.push({ record: out.length + 1, line: i + 1, text });
  });
  return out;
}

/** One hand-made record, as a container reader would hand it over. */
export function recordOf(value: unknown, record = 1): SourceRecord {
  return { record, line: record, text: JSON.stringify(value), value };
}

/** A CSV row (column name -> cell text) as the CSV reader hands it over; `text` is the raw row. */
export function csvRecordOf(row: Record<string, string>, rawRow: string, record = 1): SourceRecord {
  return { record, line: record + 1, text: rawRow, value: row };
}

/** First records of a file, as the importer would hand them to `sniff`. */
export function sniffSample(records: readonly SourceRecord[], size = 5): SourceRecord[] {
  return records.slice(0, size);
}

// ---------------------------------------------------------------------------------------
// Parsing

export interface ParseResult {
  events: AuthEvent[];
  rejected: { record: number; error: unknown }[];
}

/** Parse every record, collecting rejections instead of stopping at the first. */
export function parseAll(parser: VendorParser, records: readonly SourceRecord[], fileName = 'test'): ParseResult {
  const result: ParseResult = { events: [], rejected: [] };
  for (const record of records) {
    try {
      result.events.push(...parser.parse(record, { fileName }));
    } catch (error) {
      result.rejected.push({ record: record.record, error });
    }
  }
  return result;
}

/** The single event of one record (throws what the parser throws). */
export function parseOne(parser: VendorParser, value: unknown): AuthEvent {
  const events = parser.parse(recordOf(value), { fileName: 'hand-made' });
  if (events.length !== 1 || events[0] === undefined) throw new Error(`expected one event, got ${events.length}`);
  return events[0];
}

function lowerCasedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerCasedKeys);
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toLowerCase(), lowerCasedKeys(v)]));
}

/**
 * Asserts that every record of `files` that gives events gives the same ones with all its keys
 * lower-cased, as some SIEM exports write them; returns how many records were compared.
 * Parsers read the documented spelling with literal names first and search other spellings
 * only when that finds nothing: both ways must agree.
 */
export function sameEventsLowerCased(parser: VendorParser, files: readonly string[]): number {
  let compared = 0;
  for (const path of files) {
    for (const record of readRecords(path)) {
      const spelt = parseAll(parser, [record]).events;
      if (spelt.length === 0) continue;
      assert.deepEqual(parseAll(parser, [recordOf(lowerCasedKeys(record.value), record.record)]).events, spelt, `${corpusName(path)} #${record.record}`);
      compared += 1;
    }
  }
  return compared;
}
