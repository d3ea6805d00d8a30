/** NDJSON / JSON Lines: one JSON value per line; blank lines are skipped. */
import { LineSplitter } from './lines.js';
import { describeJsonError, type ContainerReader, type ReaderOptions, type RecordSink } from './types.js';

export function ndjsonReader(sink: RecordSink, options: ReaderOptions): ContainerReader {
  let record = 0;
  const parse = options.parseJson ?? true;
  const splitter = new LineSplitter(
    {
      line(text, line) {
        if (isBlank(text)) return;
        record += 1;
        if (!parse) {
          sink.record({ record, line, text });
          return;
        }
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch (err) {
          sink.issue({ line, record, message: `not valid JSON: ${describeJsonError(err)}` });
          return;
        }
        sink.record({ record, line, text, value });
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

function isBlank(text: string): boolean {
  // Fast path: a JSON line starts with a non-space character.
  const c = text.charCodeAt(0);
  if (c === 123 || c === 91) return false;
  return text.trim() === '';
}
