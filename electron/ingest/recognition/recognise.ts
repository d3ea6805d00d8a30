/**
 * Decides from content how a file is laid out (container) and which vendor wrote it (format):
 * the first characters choose the candidate containers, each candidate reads a sample of
 * records from the start of the file, and the vendor parsers sniff the sample. File names are
 * never consulted. `--format` skips the sniffing but not the container choice.
 */
import { CONTAINER_TITLES, createReader, type ContainerKind, type RecordSink } from '../containers/index.js';
import { WRAPPER_PATHS } from '../containers/json.js';
import { guessDelimiter } from '../containers/csv.js';
import { looksBinary } from '../source/decode.js';
import { expandRecord } from '../containers/expand.js';
import { PARSER_LIST, supportedFormatsText } from './formats.js';
import { RecordError, type SourceRecord, type VendorParser } from '../parser.js';
import { reexportOf, type Reexport } from '../reexport/index.js';
import { DATE_ORDERS, NO_TIME_SETTINGS, type TimeSettings } from '../time/timestamp.js';
import { at, isObject } from '../vendors/fields.js';

/** Records handed to `sniff`. */
export const SAMPLE_RECORDS = 20;

export type Recognition =
  /** `reexport`: the SIEM re-export shape the records come in, unwrapped before parsing; `sample` is unwrapped. */
  | { ok: true; container: ContainerKind; parser: VendorParser; sample: readonly SourceRecord[]; reexport?: Reexport }
  | { ok: false; reason: string };

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
}

function firstLine(text: string): string {
  const nl = text.indexOf('\n');
  return (nl === -1 ? text : text.slice(0, nl)).replace(/\r$/, '');
}

function isWrapper(value: unknown): boolean {
  if (!isObject(value)) return false;
  for (const path of WRAPPER_PATHS) if (Array.isArray(at(value, path))) return true;
  return false;
}

/** Containers worth trying, best first, from the first characters. */
export function containerCandidates(head: string, complete: boolean): ContainerKind[] {
  const text = head.trimStart();
  // Plain text lines come last everywhere: a syslog line may well start with "[" or "{".
  if (text.startsWith('[')) return ['json', 'text'];
  if (text.startsWith('{')) {
    const line = firstLine(text);
    // A first line cut off by the end of the head is not evidence against NDJSON; the JSON reader reads both.
    if (line.length === text.length && !complete) return ['json', 'text'];
    try {
      return isWrapper(JSON.parse(line)) ? ['json', 'text'] : ['ndjson', 'text'];
    } catch {
      return ['json', 'text'];
    }
  }
  const header = firstLine(text);
  const delimiter = guessDelimiter(header);
  return header.includes(delimiter) ? ['csv', 'text'] : ['text'];
}

/** Read up to SAMPLE_RECORDS records from the head with the given container. */
export function sampleRecords(container: ContainerKind, input: RecognitionInput): SourceRecord[] {
  const records: SourceRecord[] = [];
  const sink: RecordSink = {
    record(record) {
      if (records.length >= SAMPLE_RECORDS) return;
      const inner = container === 'json' || container === 'ndjson' ? expandRecord(record) : [record];
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

/** The parser for a sample of records: object parsers when the records are objects, text parsers for lines. */
function sniffedParser(sample: readonly SourceRecord[]): VendorParser | undefined {
  const wanted = sample.every((r) => r.value === undefined) ? 'text' : 'object';
  return PARSER_LIST.find((p) => p.input === wanted && sniffs(p, sample));
}

function sniffs(parser: VendorParser, sample: readonly SourceRecord[]): boolean {
  try {
    return parser.sniff(sample);
  } catch {
    return false;
  }
}

function describeSample(container: ContainerKind, sample: readonly SourceRecord[]): string {
  const first = sample[0];
  if (first === undefined) return `read as ${CONTAINER_TITLES[container]}, it holds no complete record`;
  if (isObject(first.value)) {
    const keys = Object.keys(first.value);
    const shown = keys.slice(0, 8).map((k) => JSON.stringify(k)).join(', ');
    return `read as ${CONTAINER_TITLES[container]}, its first record has the fields ${shown}${keys.length > 8 ? ', ...' : ''}`;
  }
  const text = first.text.length > 80 ? `${first.text.slice(0, 80)}...` : first.text;
  return `read as ${CONTAINER_TITLES[container]}, it starts ${JSON.stringify(text)}`;
}

export function recognise(input: RecognitionInput): Recognition {
  if (input.head.trim() === '') return { ok: false, reason: 'the file holds no records (it is empty or only blank)' };
  if (looksBinary(input.head.slice(0, 65536))) {
    return { ok: false, reason: 'the file is binary (it holds NUL bytes), not a text log export' };
  }
  const candidates = containerCandidates(input.head, input.complete);
  const forced = input.forced;
  if (forced !== undefined) {
    const container = forced.input === 'text' ? 'text' : candidates.find((c) => c !== 'text');
    if (container === undefined) {
      return { ok: false, reason: `--format ${forced.id} reads JSON or CSV records, but this file is plain text` };
    }
    const rows = sampleRecords(container, input);
    const reexport = container === 'text' ? undefined : reexportOf(rows);
    if (reexport === undefined) return { ok: true, container, parser: forced, sample: rows };
    return { ok: true, container, parser: forced, sample: unwrapSample(reexport, rows, input.time ?? NO_TIME_SETTINGS), reexport };
  }
  const tried: string[] = [];
  for (const container of candidates) {
    const rows = sampleRecords(container, input);
    if (rows.length === 0) continue;
    const reexport = container === 'text' ? undefined : reexportOf(rows);
    const sample = reexport === undefined ? rows : unwrapSample(reexport, rows, input.time ?? NO_TIME_SETTINGS);
    const parser = sniffedParser(sample);
    if (parser !== undefined) return { ok: true, container, parser, sample, ...(reexport === undefined ? {} : { reexport }) };
    tried.push(describeSample(container, rows) + (reexport === undefined ? '' : ` (a ${reexport.title} whose records no importer recognises)`));
  }
  const what = tried.length > 0 ? tried.join('; ') : `no complete record was found in its first ${input.head.length.toLocaleString('en-US')} characters`;
  return {
    ok: false,
    reason: `no importer recognises this content (${what}). Supported formats: ${supportedFormatsText()}. Use --format <id> to read it as one of them.`,
  };
}
