/** One reader per container kind. */
import { csvReader } from './csv.js';
import { jsonReader } from './json.js';
import { ndjsonReader } from './ndjson.js';
import { parquetReader } from './parquet.js';
import { textReader } from './text.js';
import type { ContainerKind, ContainerReader, ReaderOptions, RecordSink } from './types.js';

export function createReader(kind: ContainerKind, sink: RecordSink, options: ReaderOptions): ContainerReader {
  switch (kind) {
    case 'json':
      return jsonReader(sink, options);
    case 'ndjson':
      return ndjsonReader(sink, options);
    case 'csv':
      return csvReader(sink, options);
    case 'text':
      return textReader(sink, options);
    case 'parquet':
      return parquetReader(sink, options);
  }
}

/** Human name of a container kind, for messages. */
export const CONTAINER_TITLES: { readonly [K in ContainerKind]: string } = {
  json: 'JSON',
  ndjson: 'NDJSON (one JSON record per line)',
  csv: 'CSV',
  text: 'plain text lines',
  parquet: 'Parquet (one record per row)',
};

export * from './types.js';
