/**
 * The desktop app's windows (launch.ts's DesktopShell, bound to Electron): each window has a
 * session of its own (its open case, its jobs), the same handler map as the CLI and web mode
 * behind IPC, and a save dialog for reports. A window that fails to load, or whose page
 * crashes, is shown with an error box instead of staying hidden.
 */
import { app, dialog, Menu, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { createWireDispatch } from '../api/dispatch.js';
import { Session } from '../api/session.js';
import type { CaseStore } from '../store/case-store.js';
import { connectIpc } from './ipc.js';
import type { CaseWindow, DesktopShell } from './launch.js';
import { electronPrinter } from './print-pdf.js';
import { serveRenderer } from './protocol.js';
import { createMainWindow, lockDownSession } from './window.js';

/** An error box over `win` once it is on screen (a box over a hidden window may not show). */
function errorBox(win: BrowserWindow, title: string, detail: string): void {
  const show = (): void => void dialog.showMessageBox(win, { type: 'error', title, message: title, detail });
  if (win.isVisible()) show();
  else win.once('show', show);
}

function windowOnSession(session: Session): { win: BrowserWindow; handle: CaseWindow } {
  const win = createMainWindow();
  session.pdfPrinter = electronPrinter;
  session.chooseReportPath = async (suggested, format) => {
    const chosen = await dialog.showSaveDialog(win, { title: 'Save the report', defaultPath: suggested, filters: [{ name: format.toUpperCase(), extensions: [suggested.split('.').pop() ?? format] }] });
    return chosen.canceled || chosen.filePath === '' ? null : chosen.filePath;
  };
  const disconnect = connectIpc(win, session, createWireDispatch(session));
  win.on('closed', () => {
    disconnect();
    session.close();
  });
  win.webContents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
    if (!isMainFrame) return;
    win.show();
    errorBox(win, 'The PushTrail window could not load', `${url}: ${description} (${code})`);
  });
  win.webContents.on('render-process-gone', (_event, details) => {
    errorBox(win, 'The PushTrail window stopped', `Its page ended (${details.reason}); close this window and open the case again.`);
  });
  const handle: CaseWindow = {
    get casePath() {
      return session.casePath;
    },
    showCase(store) {
      session.replaceCase(store);
      // The page asks which case is open when it loads.
      win.webContents.reload();
    },
    focus() {
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
    },
    showError: (title, detail) => errorBox(win, title, detail),
  };
  return { win, handle };
}

/** Set up the app's sessions and scheme once it is ready, and hand out its windows. */
export function electronShell(): DesktopShell {
  // The desktop app has no terminal: its log goes to the platform's log folder (workers inherit it).
  process.env['PUSHTRAIL_LOG_FILE'] ??= join(app.getPath('logs'), 'pushtrail.log');
  lockDownSession();
  Menu.setApplicationMenu(null);
  const open = new Map<BrowserWindow, { session: Session; handle: CaseWindow }>();
  serveRenderer((urlPath) => {
    for (const { session } of open.values()) {
      const page = session.previews.get(urlPath);
      if (page !== undefined) return page;
    }
    return undefined;
  });
  return {
    windows: () => [...open.values()].map((w) => w.handle),
    openWindow(store: CaseStore | null) {
      const session = new Session('electron');
      if (store !== null) session.replaceCase(store);
      let made: ReturnType<typeof windowOnSession>;
      try {
        made = windowOnSession(session);
      } catch (err) {
        session.close();
        throw err;
      }
      const { win, handle } = made;
      open.set(win, { session, handle });
      win.on('closed', () => open.delete(win));
      return handle;
    },
  };
}
