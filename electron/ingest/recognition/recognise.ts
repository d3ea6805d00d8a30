/**
 * Decides from content how a file is laid out (container) and whether any of its records is
 * of a kind PushTrail knows: the first lines choose the candidate containers, each candidate
 * reads the records at the start of the file, and each record is classified on its own (see
 * classify.ts). A file is recognised when one record is, wherever it stands among junk; the
 * records themselves are then read one by one, each by the parser of its kind. File names are
 * never consulted. `--format` skips the classifying but not the container choice.
 */
import { CONTAINER_TITLES, createReader, holdsJson, type ContainerKind, type RecordSink } from '../containers/index.js';
import { WRAPPER_PATHS } from '../containers/json-wrappers.js';
import { guessDelimiter } from '../containers/csv.js';
import { expandRecord } from '../containers/expand.js';
import { RecordError, type SourceRecord, type VendorParser } from '../parser.js';
import { reexportOf, type Reexport } from '../reexport/index.js';
import { DATE_ORDERS, NO_TIME_SETTINGS, type TimeSettings } from '../time/timestamp.js';
import { at, isObject } from '../vendors/fields.js';
import { KindFinder } from './classify.js';
import { PARSER_LIST, supportedFormatsText } from './formats.js';
import { resemblance, textResemblance } from './shapes.js';

/** Records classified before a container is judged. */
export const SAMPLE_RECORDS = 200;
/** Lines looked through for the first JSON record when the file starts with something else (a banner, a bad line). */
const JUNK_LINES = 200;

export type Recognition =
  | {
      ok: true;
      container: ContainerKind;
      /** The parser of the first record read by one (or the forced one); null when the sample holds only skipped kinds. */
      parser: VendorParser | null;
      /** Unwrapped when the records come in a SIEM re-export (`reexport`), unwrapped before parsing. */
      sample: readonly SourceRecord[];
      reexport?: Reexport;
    }
  /** `more`: reading further into the file might still find a record (none was complete, or none recognised, yet). */
  | { ok: false; reason: string; more: boolean };

export interface RecognitionInput {
  /** The start of the decoded content. */
  head: string;
  /** True when `head` is the whole content. */
  complete: boolean;
  /** The parser `--format` asked for. */
  forced?: VendorParser;
  maxRecordChars: number;
  /** How the file's times are read (zone, day/month order); none given: UTC, order undecided. */
  time?: TimeSettings;
  /** The container, when the source's bytes settle it (Parquet rows); otherwise chosen from the text. */
  container?: ContainerKind;
}

/** The first lines of `text`, without their terminators; the last is dropped when `text` does not end there. */
function firstLines(text: string, complete: boolean, count: number): string[] {
  const lines: string[] = [];
  let start = 0;
  while (lines.length < count) {
    const nl = text.indexOf('\n', start);
    if (nl === -1) {
      if (complete && start < text.length) lines.push(text.slice(start));
      break;
    }
    lines.push(text.slice(start, nl).replace(/\r$/, ''));
    start = nl + 1;
  }
  return lines;
}

function isWrapper(value: unknown): boolean {
  if (!isObject(value)) return false;
  for (const path of WRAPPER_PATHS) if (Array.isArray(at(value, path))) return true;
  return false;
}

/** JSON containers for content whose first JSON text starts `line` (cut off when `whole` is false). */
function jsonCandidates(line: string, whole: boolean): ContainerKind[] {
  const text = line.trimStart();
  if (text.startsWith('[')) return ['json'];
  // A first line cut off by the end of the head is not evidence against NDJSON; the JSON reader reads both.
  if (!whole) return ['json'];
  try {
    return isWrapper(JSON.parse(text)) ? ['json'] : ['ndjson'];
  } catch {
    // Pretty-printed JSON, or NDJSON whose first line is broken: both are tried (see `recognise`).
    return ['json', 'ndjson'];
  }
}

/** Containers worth trying, best first, from the first lines. */
export function containerCandidates(head: string, complete: boolean): ContainerKind[] {
  const text = head.trimStart();
  const lines = firstLines(text, complete, JUNK_LINES);
  const first = lines[0] ?? text;
  // Plain text lines come last everywhere: a syslog line may well start with "[" or "{".
  if (text.startsWith('[') || text.startsWith('{')) return [...jsonCandidates(first, lines.length > 0), 'text'];
  const delimiter = guessDelimiter(first);
  const own: ContainerKind[] = first.includes(delimiter) ? ['csv', 'text'] : ['text'];
  // A banner or a bad line before JSON records: the JSON readers report it and read on.
  const json = lines.find((line) => /^\s*[[{]/.test(line));
  return json === undefined ? own : [...jsonCandidates(json, true), ...own];
}

/** Read up to SAMPLE_RECORDS records from the head with the given container. */
export function sampleRecords(container: ContainerKind, input: RecognitionInput): SourceRecord[] {
  const records: SourceRecord[] = [];
  const sink: RecordSink = {
    record(record) {
      if (records.length >= SAMPLE_RECORDS) return;
      const inner = holdsJson(container) ? expandRecord(record) : [record];
      records.push(...inner.slice(0, SAMPLE_RECORDS - records.length));
    },
    issue: () => undefined,
  };
  const reader = createReader(container, sink, { maxRecordChars: input.maxRecordChars });
  reader.push(input.head);
  if (input.complete) reader.end();
  return records;
}

/**
 * The vendor records inside a sample of re-export rows. Recognising the vendor must not hang on
 * whether a row's times can be read (an undecided day/month order): such a row is unwrapped
 * under either order for the sniff, and rejected with its reason when it is parsed.
 */
function unwrapSample(reexport: Reexport, sample: readonly SourceRecord[], time: TimeSettings): SourceRecord[] {
  const tries: TimeSettings[] = [time, ...DATE_ORDERS.map((dateOrder) => ({ ...time, dateOrder }))];
  return sample.flatMap((record) => {
    for (const settings of tries) {
      try {
        return reexport.unwrap(record, settings);
      } catch (err) {
        if (!(err instanceof RecordError)) throw err;
      }
    }
    return [];
  });
}

/** The rows a container reads from the head, and the vendor records inside them when they come in a re-export. */
function readSample(container: ContainerKind, input: RecognitionInput): { rows: SourceRecord[]; sample: SourceRecord[]; reexport?: Reexport } {
  const rows = sampleRecords(container, input);
  const reexport = container === 'text' ? undefined : reexportOf(rows);
  if (reexport === undefined) return { rows, sample: rows };
  return { rows, sample: unwrapSample(reexport, rows, input.time ?? NO_TIME_SETTINGS), reexport };
}

/**
 * True when the text is binary rather than a text log with a stray NUL: most of its lines hold
 * NUL characters. A log line with one NUL is rejected with its line number later, not the file.
 */
export function mostlyBinary(text: string): boolean {
  const head = text.slice(0, 65536);
  if (!head.includes('\u0000')) return false;
  let lines = 0;
  let binary = 0;
  for (const line of head.split('\n')) {
    if (line.trim() === '') continue;
    lines += 1;
    if (line.includes('\u0000')) binary += 1;
  }
  return binary * 2 > lines;
}

function describeSample(container: ContainerKind, sample: readonly SourceRecord[]): string {
  const first = sample[0];
  if (first === undefined) return `read as ${CONTAINER_TITLES[container]}, it holds no complete record`;
  if (isObject(first.value)) {
    const keys = Object.keys(first.value);
    const shown = keys.slice(0, 8).map((k) => JSON.stringify(k)).join(', ');
    const field = container === 'csv' ? 'column' : 'field';
    const like = sample.map((r) => resemblance(r.value, field)).find((l) => l !== undefined);
    return `read as ${CONTAINER_TITLES[container]}, its first record has the ${field}s ${shown}${keys.length > 8 ? ', ...' : ''}${like === undefined ? '' : `; it ${like}`}`;
  }
  const text = first.text.length > 80 ? `${first.text.slice(0, 80)}...` : first.text;
  const like = sample.map((r) => textResemblance(r.text)).find((l) => l !== undefined);
  return `read as ${CONTAINER_TITLES[container]}, it starts ${JSON.stringify(text)}${like === undefined ? '' : `; it ${like}`}`;
}

function forcedRecognition(forced: VendorParser, candidates: readonly ContainerKind[], input: RecognitionInput): Recognition {
  const container = forced.input === 'text' ? 'text' : candidates.find((c) => c !== 'text');
  if (container === undefined) {
    return { ok: false, reason: `--format ${forced.id} reads JSON or CSV records, but this file is plain text`, more: false };
  }
  const { sample, reexport } = readSample(container, input);
  return { ok: true, container, parser: forced, sample, ...(reexport === undefined ? {} : { reexport }) };
}

/** How many records of the sample are of a known kind, and the parser of the first read by one. */
function classifySample(sample: readonly SourceRecord[]): { recognised: number; parser: VendorParser | null } {
  const finder = new KindFinder(PARSER_LIST);
  let recognised = 0;
  let parser: VendorParser | null = null;
  for (const record of sample) {
    const kind = finder.classify(record);
    if (kind === undefined) continue;
    recognised += 1;
    parser ??= kind.parser;
  }
  return { recognised, parser };
}

export function recognise(input: RecognitionInput): Recognition {
  if (input.head.trim() === '') return { ok: false, reason: 'the file holds no records (it is empty or only blank)', more: false };
  if (mostlyBinary(input.head)) {
    return { ok: false, reason: 'the file is binary (most of its lines hold NUL bytes), not a text log export', more: false };
  }
  const candidates = input.container === undefined ? containerCandidates(input.head, input.complete) : [input.container];
  if (input.forced !== undefined) return forcedRecognition(input.forced, candidates, input);
  const tried: string[] = [];
  let anyRecord = false;
  // The container under which most of the sample is recognised; the first that recognises all of it wins outright.
  let best: { recognised: number; found: Recognition & { ok: true } } | undefined;
  for (const container of candidates) {
    const { rows, sample, reexport } = readSample(container, input);
    if (rows.length === 0) continue;
    anyRecord = true;
    const { recognised, parser } = classifySample(sample);
    if (recognised === 0) tried.push(describeSample(container, rows) + (reexport === undefined ? '' : ` (a ${reexport.title} whose records no importer recognises)`));
    else if (best === undefined || recognised > best.recognised) {
      best = { recognised, found: { ok: true, container, parser, sample, ...(reexport === undefined ? {} : { reexport }) } };
    }
    if (recognised === sample.length) break;
  }
  if (best !== undefined) return best.found;
  const what = anyRecord ? tried.join('; ') : `no complete record was found in its first ${input.head.length.toLocaleString('en-US')} characters`;
  return {
    ok: false,
    reason: `no importer recognises this content (${what}). Supported formats: ${supportedFormatsText()}. Use --format <id> to read it as one of them.`,
    more: !input.complete,
  };
}
