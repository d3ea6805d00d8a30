/**
 * A case (or chosen users and time range) as OCSF Authentication (3002) Parquet, partitioned by
 * day (`event_day=YYYYMMDD/`, as Amazon Security Lake lays out its tables), each row keeping the
 * verbatim record in OCSF's `raw_data`. The same SQL hunts then run on it locally (DuckDB) and in
 * a lake. Written by embedded DuckDB: rows go to a temporary NDJSON file beside the output,
 * DuckDB reads it with its schema inferred from every row and writes the partitions.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, readdirSync, rmSync, statSync, type WriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { join, relative } from 'node:path';
import { once } from 'node:events';
import { DuckDBInstance } from '@duckdb/node-api';
import { PushTrailError } from '../../shared/api/errors.js';
import { sqlString } from '../duckdb/sql-text.js';
import { toOcsf } from '../../shared/export/ocsf.js';
import type { CaseStore } from '../store/case-store.js';
import { streamEventsWithRaw, type EventSelection } from '../store/report-queries.js';

export interface ParquetFile {
  /** Relative to the output folder. */
  path: string;
  bytes: number;
  sha256: string;
}

export interface ParquetExport {
  out: string;
  events: number;
  files: ParquetFile[];
}

/** Day partition as Security Lake writes it: the event's UTC date, YYYYMMDD. */
function eventDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10).replace(/-/g, '');
}

async function write(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

/** A file's SHA-256, read in chunks: a day's partition of a large case need not fit in memory. */
async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

async function parquetFiles(dir: string): Promise<ParquetFile[]> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.parquet'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
  const out: ParquetFile[] = [];
  for (const file of files) out.push({ path: relative(dir, file), bytes: statSync(file).size, sha256: await sha256Of(file) });
  return out;
}

/** The export, recorded in the case's custody log with every file's SHA-256 once all are written. */
export async function writeOcsfParquet(store: CaseStore, selection: EventSelection, out: string, actor: string): Promise<ParquetExport> {
  const result = await exportOcsfParquet(store, selection, out);
  store.change(actor, 'report/export', { format: 'ocsf-parquet', path: out, events: result.events, ...selection, files: result.files }, () => undefined);
  return result;
}

export async function exportOcsfParquet(store: CaseStore, selection: EventSelection, out: string): Promise<ParquetExport> {
  mkdirSync(out, { recursive: true });
  if (readdirSync(out).length > 0) throw new PushTrailError('bad_input', `${out} is not empty: an export goes into a new or empty folder`, { path: out });
  const staging = join(out, '.pushtrail-staging.ndjson');
  let events = 0;
  try {
    const stream = createWriteStream(staging);
    for (const { event, raw } of streamEventsWithRaw(store.db, selection)) {
      await write(stream, `${JSON.stringify({ ...toOcsf(event), raw_data: raw, event_day: eventDay(event.time) })}\n`);
      events++;
    }
    stream.end();
    await once(stream, 'finish');
    if (events === 0) throw new PushTrailError('not_found', 'No events match the chosen users and time range');
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    try {
      await conn.run(
        `COPY (SELECT * FROM read_json(${sqlString(staging)}, format = 'newline_delimited', sample_size = -1)) ` +
          `TO ${sqlString(out)} (FORMAT parquet, PARTITION_BY (event_day), OVERWRITE_OR_IGNORE true)`,
      );
    } finally {
      conn.closeSync();
      db.closeSync();
    }
  } finally {
    rmSync(staging, { force: true });
  }
  return { out, events, files: await parquetFiles(out) };
}
