/**
 * Test-only: corpus files and hand-made lines as `SourceRecord`s, for the Google Workspace,
 * CloudTrail, PingID and syslog tests. Deliberately tiny — the real container readers belong
 * to the importer. Reads NDJSON, a JSON array, a JSON object wrapping its array (`Records`,
 * `records`, `value`), and StreamAlert test files (an array of `{data: <record>, log, …}`
 * whose `data` may itself hold `Records`).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceRecord } from '../../../electron/ingest/parser.js';
import { corpusPath } from '../../support/corpus.js';

const WRAPPER_KEYS = ['Records', 'records', 'value'];

function isRecordObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The vendor records inside one parsed JSON value. */
function membersOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(membersOf);
  if (!isRecordObject(value)) return [value];
  // StreamAlert integration-test wrapper: the vendor record is `data`.
  if (isRecordObject(value.data) && typeof value.log === 'string') return membersOf(value.data);
  for (const key of WRAPPER_KEYS) {
    const inner = value[key];
    if (Array.isArray(inner)) return inner;
  }
  return [value];
}

function objectRecords(values: unknown[]): SourceRecord[] {
  return values.map((value, i) => ({ record: i + 1, text: JSON.stringify(value), value }));
}

/** Records of a JSON corpus file: the whole file as JSON if it parses, else NDJSON lines. */
export function readObjectRecords(path: string): SourceRecord[] {
  const text = readFileSync(path, 'utf8');
  try {
    return objectRecords(membersOf(JSON.parse(text) as unknown));
  } catch {
    // not one JSON document: NDJSON
  }
  const out: SourceRecord[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    for (const value of membersOf(JSON.parse(line) as unknown)) {
      out.push({ record: out.length + 1, line: i + 1, text: line, value });
    }
  });
  return out;
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

/** One hand-made JSON record. */
export function objectRecord(value: unknown, record = 1): SourceRecord {
  return { record, line: record, text: JSON.stringify(value), value };
}

/** Every file under a corpus vendor folder (recursively), e.g. corpusFiles('okta'). */
export function corpusFiles(vendorDir: string): string[] {
  const root = corpusPath(vendorDir);
  return readdirSync(root, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** The vendor folders of formats other engineers own; their files must never be claimed. */
export const FOREIGN_VENDOR_DIRS = ['okta', 'entra', 'o365', 'duo'] as const;

/** First records of a file, as the importer would hand them to `sniff`. */
export function sniffSample(records: readonly SourceRecord[], size = 5): SourceRecord[] {
  return records.slice(0, size);
}
