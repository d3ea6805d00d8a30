/**
 * Entry of the import's parse thread, started by the import job (the writer). Walks the
 * inputs in order and streams each file's rows to the writer; reports a failure as data.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toApiError } from '../../../shared/api/errors.js';
import { GeoEnricher } from '../geo/geo.js';
import { importEntry } from './import-file.js';
import type { ParseWorkerInput } from './thread-messages.js';
import { walk } from '../source/walk.js';
import { WriterLink } from './writer-link.js';

const input = workerData as ParseWorkerInput;
const port = parentPort;
if (port === null) throw new Error('ingest/parse-worker.js must run in a worker thread');
const link = new WriterLink(port, input.limits.inFlight);

async function run(): Promise<void> {
  try {
    // The writer loads the databases, once, into memory both threads read.
    const geo = new GeoEnricher({
      user: input.userGeo,
      bundled: async (name) => {
        const reply = await link.request({ t: 'geo-db', name });
        return reply.t === 'geo-db-reply' ? reply.bytes : null;
      },
    });
    const settings = {
      limits: input.limits,
      expansion: input.expansion,
      scratch: input.scratch,
      geo,
      link,
      time: input.time,
      ...(input.format === undefined ? {} : { format: input.format }),
      ...(input.year === undefined ? {} : { year: input.year }),
    };
    for await (const entry of walk(input.paths, input.exclude)) await importEntry(entry, settings);
    link.send({ t: 'done' });
  } catch (err) {
    link.send({ t: 'failed', error: toApiError(err) });
  }
}

void run();
