/** Plain text lines (syslog and the like): one record per non-blank line, kept verbatim. */
import { LineSplitter } from './lines.js';
import type { ContainerReader, ReaderOptions, RecordSink } from './types.js';

export function textReader(sink: RecordSink, options: ReaderOptions): ContainerReader {
  let record = 0;
  const splitter = new LineSplitter(
    {
      line(text, line) {
        if (text.trim() === '') return;
        record += 1;
        sink.record({ record, line, text });
      },
      tooLong(line, limit) {
        record += 1;
        sink.issue({ line, record, message: `line longer than ${limit.toLocaleString('en-US')} characters; skipped` });
      },
    },
    options.maxRecordChars,
  );
  return { push: (text) => splitter.push(text), end: () => splitter.end() };
}
