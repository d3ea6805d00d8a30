/** A reader pool thread: runs one read at a time on a read-only connection to the case it names. */
import { existsSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import { PushTrailError, toApiError } from '../../shared/api/errors.js';
import { createLogger } from '../log/logger.js';
import { openDatabase } from '../store/sqlite-open.js';
import { READERS } from './readers.js';
import type { ReadReply, ReadRequest } from './reader-pool.js';

const port = parentPort;
if (port === null) throw new Error('api/reader-worker.js must run in a worker thread');
const log = createLogger('reader');

/**
 * A connection per read, closed after it: no connection of the pool outlives its read, so a job
 * that needs the case to itself (a first import, see Session.lendCase) never waits on the pool.
 * Opening a read-only connection costs well under a millisecond.
 */
function withConnection<T>(path: string, read: (db: Database) => T): T {
  // The case may have been moved or deleted since the request named it.
  if (!existsSync(path)) throw new PushTrailError('not_found', `No case file at ${path}`, { path });
  const db = openDatabase(path, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return read(db);
  } finally {
    db.close();
  }
}

port.on('message', (request: ReadRequest) => {
  let reply: ReadReply;
  const transfer: ArrayBuffer[] = [];
  try {
    // Any reader, seen through the one shape they share (the requester typed the argument).
    const reader = READERS[request.name] as { wire: 'json' | 'clone'; run(db: Database, arg: unknown): unknown };
    const value = withConnection(request.casePath, (db) => reader.run(db, request.arg));
    if (reader.wire === 'json') {
      const json = Buffer.from(`{"ok":true,"value":${JSON.stringify(value)}}`, 'utf8');
      // A copy of its own, so the whole buffer (not a slice of Node's pool) moves to the caller.
      const bytes = new Uint8Array(json.byteLength);
      bytes.set(json);
      transfer.push(bytes.buffer);
      reply = { id: request.id, ok: true, json: bytes };
    } else {
      reply = { id: request.id, ok: true, value };
    }
  } catch (err) {
    const error = toApiError(err);
    if (error.kind === 'internal') log.error('read failed', { name: request.name }, err);
    reply = { id: request.id, ok: false, error };
  }
  port.postMessage(reply, transfer);
});
