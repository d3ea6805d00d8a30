/**
 * Parquet files (a data lake's answer to a hunt, PushTrail's own OCSF export) read through
 * embedded DuckDB: every row becomes one line of JSON (`to_json` of the row, nested columns
 * as nested JSON), streamed chunk by chunk, so the rest of the import reads them like NDJSON.
 * Parquet is read from its footer, so it needs a file on disk: the caller hands over the file,
 * or a copy of an archive member it made (and removes). The evidence stays the Parquet bytes,
 * hashed as stored.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { sqlString } from '../../duckdb/sql-text.js';
import type { Content } from './content.js';

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

/** A Parquet file on disk; `release` runs once its rows are read (or reading stops). */
export interface ParquetFile {
  path: string;
  release(): Promise<void>;
}

/**
 * The rows of the Parquet file `local` (whose stored size is `size`), as content for the
 * importer. A damaged file fails on the first read of `chunks`.
 */
export async function openParquetContent(local: ParquetFile, size: number): Promise<Content> {
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
