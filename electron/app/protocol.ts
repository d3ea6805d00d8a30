/**
 * The `app://pushtrail/` scheme that serves the built renderer inside Electron: a Vite build
 * cannot run from file:// (module CORS), and a private scheme keeps the app off any network.
 */
import { protocol } from 'electron';
import { RENDERER_DIR } from '../paths.js';
import { APP_SCHEME, isAppUrl } from './policy.js';
import { PREVIEW_HEADERS, SECURITY_HEADERS } from '../security/csp.js';
import { readStatic } from '../server/static-files.js';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** The built renderer, and the report previews of the windows' sessions (`preview` finds one by URL path). */
export function serveRenderer(preview: (urlPath: string) => string | undefined): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const page = isAppUrl(request.url) ? preview(url.pathname) : undefined;
    if (page !== undefined) return new Response(page, { headers: PREVIEW_HEADERS });
    const file = isAppUrl(request.url) ? await readStatic(RENDERER_DIR, url.pathname) : null;
    if (file === null) return new Response('not found', { status: 404, headers: SECURITY_HEADERS });
    return new Response(new Uint8Array(file.body), { headers: { ...SECURITY_HEADERS, 'Content-Type': file.contentType } });
  });
}
