/**
 * Parquet rows, handed over by `source/parquet.ts` as one JSON object per line (each row
 * serialised by DuckDB, nested columns as nested JSON). A Parquet file has rows, not lines:
 * records and their problems are named by row number only.
 */
import { ndjsonReader } from './ndjson.js';
import type { ContainerReader, ReadIssue, ReaderOptions, RecordSink } from './types.js';

function withoutLine<T extends { line?: number }>(item: T): T {
  const copy = { ...item };
  delete copy.line;
  return copy;
}

export function parquetReader(sink: RecordSink, options: ReaderOptions): ContainerReader {
  return ndjsonReader(
    {
      record: (record) => sink.record(withoutLine(record)),
      issue: (issue: ReadIssue) => sink.issue(withoutLine(issue)),
    },
    options,
  );
}
