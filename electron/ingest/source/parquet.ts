/**
 * Parquet files (a data lake's answer to a hunt, PushTrail's own OCSF export) read through
 * embedded DuckDB: every row becomes one line of JSON (`to_json` of the row, nested columns
 * as nested JSON), streamed chunk by chunk, so the rest of the import reads them like NDJSON.
 * Parquet is read from its footer, so it needs a file on disk: a member of a zip is copied to
 * a temporary file first. The evidence stays the Parquet bytes, hashed as stored.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Content, OpenBytes } from './content.js';

/** DuckDB takes the path inside SQL text; a quote in it is doubled, as SQL string literals do. */
function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** A local file holding `open`'s bytes: `file` itself, or a temporary copy removed by `release`. */
async function localFile(open: OpenBytes, file: string | undefined): Promise<{ path: string; release: () => Promise<void> }> {
  if (file !== undefined) return { path: file, release: async () => undefined };
  const dir = await mkdtemp(join(tmpdir(), 'pushtrail-parquet-'));
  const release = (): Promise<void> => rm(dir, { recursive: true, force: true });
  try {
    const copy = join(dir, 'member.parquet');
    await pipeline(await open(), createWriteStream(copy));
    return { path: copy, release };
  } catch (err) {
    await release();
    throw err;
  }
}

async function* rowsAsLines(conn: DuckDBConnection, path: string, onRows: (rows: number) => void): AsyncGenerator<Buffer> {
  // hive_partitioning off: a partition folder's name (event_day=…) is where the file was put, not part of its rows.
  const result = await conn.stream(`SELECT to_json(t)::VARCHAR FROM read_parquet(${sqlString(path)}, hive_partitioning = false) t`);
  let rows = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (chunk === null || chunk.rowCount === 0) return;
    const lines = chunk.getColumnValues(0).map((v) => String(v));
    rows += lines.length;
    onRows(rows);
    yield Buffer.from(`${lines.join('\n')}\n`, 'utf8');
  }
}

/**
 * The rows of the Parquet file whose bytes `open` gives (at `file` when they are a file on
 * disk), as content for the importer. A damaged file fails on the first read of `chunks`.
 */
export async function openParquetContent(open: OpenBytes, size: number, file?: string): Promise<Content> {
  const local = await localFile(open, file);
  let db: DuckDBInstance | undefined;
  let conn: DuckDBConnection | undefined;
  let total = 0;
  let read = 0;
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    conn?.closeSync();
    db?.closeSync();
    await local.release();
  };
  try {
    db = await DuckDBInstance.create(':memory:');
    conn = await db.connect();
    const counted = await conn.runAndReadAll(`SELECT coalesce(sum(num_rows), 0)::BIGINT FROM parquet_file_metadata(${sqlString(local.path)})`);
    total = Number(counted.getColumns()[0]?.[0] ?? 0);
  } catch (err) {
    await close();
    throw new Error(`damaged Parquet file: ${(err as Error).message}`, { cause: err });
  }
  const opened = conn;
  return {
    compression: null,
    sha256: () => undefined,
    chunks: (async function* () {
      try {
        yield* rowsAsLines(opened, local.path, (rows) => (read = rows));
      } catch (err) {
        throw new Error(`damaged Parquet file: ${(err as Error).message}`, { cause: err });
      } finally {
        await close();
      }
    })(),
    // Progress by rows: DuckDB reads the file by row groups, not as a byte stream.
    storedBytes: () => (closed || total === 0 ? size : Math.floor((size * read) / total)),
    finish: async () => {
      await close();
      return size;
    },
    destroy: () => void close(),
  };
}
