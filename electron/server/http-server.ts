/**
 * Local web mode: the renderer and the same handler map over HTTP, on 127.0.0.1 only.
 * Every API request carries the random per-run token; a wrong Host or Origin is refused,
 * which closes DNS-rebinding and cross-site request paths to the case.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import type { PushEventName, PushEvents } from '../../shared/api/contract.js';
import { PushTrailError, toApiError } from '../../shared/api/errors.js';
import type { WireDispatch } from '../api/dispatch.js';
import { SerializedAnswer } from '../api/serialized.js';
import type { Session } from '../api/session.js';
import { DOWNLOAD_PATH, type OfferedFile } from '../report/downloads.js';
import { PREVIEW_PATH } from '../report/preview.js';
import { PREVIEW_HEADERS, SECURITY_HEADERS } from '../security/csp.js';
import { readStatic } from './static-files.js';
import { UPLOAD_PATH, saveUpload, uploadTarget } from './uploads.js';

// A user of a case imported before names were capped may be named by up to 1 MiB of text, escaped in JSON.
const MAX_BODY_BYTES = 8 * 1024 * 1024;
export const TOKEN_HEADER = 'x-pushtrail-token';

export interface WebServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export interface WebServerOptions {
  port: number;
  rendererDir: string;
  session: Session;
  dispatch: WireDispatch;
}

function send(res: ServerResponse, status: number, body: string | Uint8Array, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

/** `attachment` with the name as ASCII (for old clients) and exactly (RFC 6266 / 5987). */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Stream a report file to be saved, never shown: a downloaded HTML report runs nothing here. */
async function sendAttachment(req: IncomingMessage, res: ServerResponse, file: OfferedFile): Promise<void> {
  let size: number;
  try {
    size = (await stat(file.path)).size;
  } catch {
    return send(res, 404, 'the report file is no longer on the server');
  }
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Content-Type': file.mime,
    'Content-Length': String(size),
    'Content-Disposition': contentDisposition(file.name),
    'Cache-Control': 'no-store',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await pipeline(createReadStream(file.path), res).catch(() => res.destroy());
}

function sameToken(given: string | undefined | null, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = randomBytes(24).toString('base64url');
  let allowedHosts: Set<string> = new Set();
  let allowedOrigins: Set<string> = new Set();
  const streams = new Set<ServerResponse>();

  const unsubscribe = options.session.subscribe(<E extends PushEventName>(event: E, payload: PushEvents[E]) => {
    const frame = `event: push\ndata: ${JSON.stringify({ event, payload })}\n\n`;
    for (const res of streams) res.write(frame);
  });

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, `internal error: ${(err as Error).message}`);
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts.has(req.headers.host ?? '')) return send(res, 421, 'wrong Host header');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin)) return send(res, 403, 'cross-origin request refused');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');

    if (url.pathname.startsWith('/api/')) {
      if (url.pathname === '/api/events' && req.method === 'GET') {
        if (!sameToken(url.searchParams.get('token'), token)) return send(res, 401, 'missing or wrong token');
        res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
        res.write(': connected\n\n');
        streams.add(res);
        req.on('close', () => streams.delete(res));
        return;
      }
      if (url.pathname === UPLOAD_PATH && req.method === 'POST') {
        if (!sameToken(req.headers[TOKEN_HEADER] as string | undefined, token)) return send(res, 401, 'missing or wrong token');
        return receiveUpload(req, res, url);
      }
      const method = url.pathname.slice('/api/call/'.length);
      if (!url.pathname.startsWith('/api/call/') || req.method !== 'POST') return send(res, 404, 'no such endpoint');
      if (!sameToken(req.headers[TOKEN_HEADER] as string | undefined, token)) return send(res, 401, 'missing or wrong token');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'send JSON');
      const body = await readBody(req);
      if (body === null) return send(res, 413, 'request body too large');
      let arg: unknown;
      try {
        arg = body === '' ? null : (JSON.parse(body) as { arg?: unknown }).arg ?? null;
      } catch {
        return send(res, 400, 'request body is not JSON');
      }
      let name: string;
      try {
        name = decodeURIComponent(method);
      } catch {
        return send(res, 400, 'malformed %-escape in the method name');
      }
      const outcome = await options.dispatch(name, arg);
      // A large answer arrives as the JSON a reader thread wrote: sent as it is, never parsed here.
      return send(res, 200, outcome instanceof SerializedAnswer ? outcome.json : JSON.stringify(outcome), 'application/json');
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed');
    if (url.pathname.startsWith(PREVIEW_PATH) || url.pathname.startsWith(DOWNLOAD_PATH)) {
      // Loaded by a frame or a link, which carry no header of ours, so the token rides in the
      // query, as for the event stream; neither page runs a script, and neither sends a referrer.
      if (!sameToken(url.searchParams.get('token'), token)) return send(res, 401, 'missing or wrong token');
      const page = options.session.previews.get(url.pathname);
      if (page !== undefined) {
        res.writeHead(200, PREVIEW_HEADERS);
        res.end(req.method === 'HEAD' ? undefined : page);
        return;
      }
      const offered = options.session.reports.get(url.pathname);
      if (offered !== undefined) return sendAttachment(req, res, offered);
      return send(res, 404, 'no such preview or report in this session (a newer preview may have replaced it)');
    }
    const file = await readStatic(options.rendererDir, url.pathname);
    if (file === null) return send(res, 404, 'not found');
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': file.contentType, 'Cache-Control': 'no-cache' });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  /** Evidence the page was given (see uploads.ts): answers `{ok, value: {path, bytes}}` like a call. */
  async function receiveUpload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const casePath = options.session.casePath;
    try {
      if (casePath === null) throw new PushTrailError('no_case', 'No case is open');
      const target = uploadTarget(casePath, url.searchParams.get('batch') ?? '', url.searchParams.get('path') ?? '');
      const bytes = await saveUpload(req, target);
      send(res, 200, JSON.stringify({ ok: true, value: { path: target, bytes } }), 'application/json');
    } catch (err) {
      send(res, 200, JSON.stringify({ ok: false, error: toApiError(err) }), 'application/json');
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const keepAlive = setInterval(() => {
    for (const res of streams) res.write(': keep-alive\n\n');
  }, 15000);
  keepAlive.unref();

  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    close: async () => {
      clearInterval(keepAlive);
      unsubscribe();
      for (const res of streams) res.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

