import assert from 'node:assert/strict';
import { MessageChannel } from 'node:worker_threads';
import { test } from 'node:test';
import { WriterLink } from '../../../electron/ingest/pipeline/writer-link.js';
import type { ToParser, ToWriter } from '../../../electron/ingest/pipeline/thread-messages.js';

test('requests sent together each get their own answer, in the order the writer answers them', { timeout: 5000 }, async (t) => {
  const { port1: parser, port2: writer } = new MessageChannel();
  t.after(() => {
    parser.close();
    writer.close();
  });
  // The writer answers in order, as the import job does: a size question, then another.
  writer.on('message', (message: ToWriter) => {
    if (message.t === 'holds-size') writer.postMessage({ t: 'holds-size-reply', holds: message.size > 10 } satisfies ToParser);
  });
  const link = new WriterLink(parser, 4);
  const answers = await Promise.all([link.request({ t: 'holds-size', size: 5 }), link.request({ t: 'holds-size', size: 50 }), link.request({ t: 'holds-size', size: 7 })]);
  assert.deepEqual(answers, [
    { t: 'holds-size-reply', holds: false },
    { t: 'holds-size-reply', holds: true },
    { t: 'holds-size-reply', holds: false },
  ]);
});
