/** The one application window, locked down per Electron's security checklist. */
import { BrowserWindow, session } from 'electron';
import { fileURLToPath } from 'node:url';
import { APP_ORIGIN, WINDOW_PREFERENCES, isAllowedRequest, isAppUrl } from './policy.js';

const PRELOAD = fileURLToPath(new URL('./preload.cjs', import.meta.url));

export function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    title: 'PushTrail',
    show: false,
    webPreferences: { ...WINDOW_PREFERENCES, preload: PRELOAD },
  });

  // No navigation away from the app, no new windows: log content may carry links.
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  win.webContents.on('will-redirect', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

/** Deny every permission (camera, notifications, geolocation, ...) and every remote request. */
export function lockDownSession(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url) });
  });
}
