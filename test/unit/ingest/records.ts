/**
 * Test-only: turn a corpus file into `SourceRecord`s. Deliberately tiny; the real container
 * readers (zip, gz, CSV, ...) belong to the importer. Handles NDJSON, a JSON array, and a JSON
 * object wrapping the array under one of the usual keys.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { AuthEvent } from '../../../shared/model/event.js';
import type { SourceRecord, VendorParser } from '../../../electron/ingest/parser.js';
import { at } from '../../../electron/ingest/vendors/fields.js';
import { CORPUS_DIR, corpusPath } from '../../support/corpus.js';

/** Keys under which exports wrap their array of records (Graph, Azure, CloudTrail, Duo API). */
const WRAPPER_PATHS = ['value', 'records', 'Records', 'response.authlogs', 'response'];

function unwrap(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  for (const path of WRAPPER_PATHS) {
    const v = at(value, path);
    if (Array.isArray(v)) return v;
  }
  return undefined;
}

function fromNdjson(text: string): SourceRecord[] {
  const out: SourceRecord[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    out.push({ record: out.length + 1, line: i + 1, text: line, value: JSON.parse(line) as unknown });
  });
  return out;
}

/** Records of a corpus file. A whole-file JSON array/wrapper wins; otherwise NDJSON. */
export function readRecords(path: string): SourceRecord[] {
  const text = readFileSync(path, 'utf8');
  let whole: unknown;
  try {
    whole = JSON.parse(text) as unknown;
  } catch {
    return fromNdjson(text);
  }
  const items = unwrap(whole);
  if (items === undefined) return [{ record: 1, line: 1, text: text.trim(), value: whole }];
  return items.map((value, i) => ({ record: i + 1, text: JSON.stringify(value), value }));
}

/** One hand-made record, as a container reader would hand it over. */
export function recordOf(value: unknown, record = 1): SourceRecord {
  return { record, line: record, text: JSON.stringify(value), value };
}

/** A CSV row (column name -> cell text) as the CSV reader hands it over; `text` is the raw row. */
export function csvRecordOf(row: Record<string, string>, rawRow: string, record = 1): SourceRecord {
  return { record, line: record + 1, text: rawRow, value: row };
}

/** Every file under a corpus folder, e.g. corpusFiles('okta'), sorted for stable test names. */
export function corpusFiles(...parts: string[]): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  return walk(corpusPath(...parts)).sort();
}

/** Corpus folders of the other engineers' formats, which none of these parsers may claim. */
export const FOREIGN_VENDOR_DIRS = ['aws-cloudtrail', 'google-workspace', 'pingone'];

/** File name relative to the corpus root, for test titles. */
export function corpusName(path: string): string {
  return relative(CORPUS_DIR, path);
}

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
