/**
 * The desktop app's security policy as plain values and predicates, so it is unit-tested under
 * Node even where Electron cannot launch. The Electron glue (window.ts, ipc.ts) only applies it.
 */
import type { WebPreferences } from 'electron';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://pushtrail`;

/** Per Electron's security checklist; the preload path is added by the window. */
export const WINDOW_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  spellcheck: false,
} as const satisfies WebPreferences;

/** Only the app's own pages may be shown: never a link from log content, never a remote page. */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === 'pushtrail';
  } catch {
    return false;
  }
}

/** Requests the renderer may make: its own assets, and devtools' internal pages. */
export function isAllowedRequest(url: string): boolean {
  return isAppUrl(url) || url.startsWith('devtools://');
}

export interface IpcSender {
  /** The sender is our window's web contents. */
  isOurWindow: boolean;
  /** The message came from that window's main frame, not an iframe. */
  isMainFrame: boolean;
  /** The URL of the sending frame. */
  frameUrl: string;
}

/** IPC is accepted only from our own window's main frame showing an app page. */
export function isTrustedSender(sender: IpcSender): boolean {
  return sender.isOurWindow && sender.isMainFrame && isAppUrl(sender.frameUrl);
}
