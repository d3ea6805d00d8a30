/** Electron main process: one locked-down window wired to the same handler map as the CLI and web mode. */
import { app, BrowserWindow, dialog, Menu } from 'electron';
import { join, resolve } from 'node:path';
import { createDispatch } from '../api/dispatch.js';
import { CASE_EXTENSION, CaseStore } from '../store/case-store.js';
import { Session } from '../api/session.js';
import { connectIpc } from './ipc.js';
import { electronPrinter } from './print-pdf.js';
import { registerAppScheme, serveRenderer } from './protocol.js';
import { createMainWindow, lockDownSession } from './window.js';

registerAppScheme();
app.enableSandbox();

if (!app.requestSingleInstanceLock()) app.quit();

app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

void app.whenReady().then(() => {
  // The desktop app has no terminal: its log goes to the platform's log folder (workers inherit it).
  process.env['PUSHTRAIL_LOG_FILE'] ??= join(app.getPath('logs'), 'pushtrail.log');
  lockDownSession();
  Menu.setApplicationMenu(null);
  const session = new Session('electron');
  serveRenderer(session.previews);
  // `npm start -- case.pushtrail` (or a file association) opens that case at start.
  const casePath = process.argv.slice(1).find((a) => a.endsWith(CASE_EXTENSION));
  if (casePath !== undefined) session.replaceCase(CaseStore.open(resolve(casePath), session.actor));
  const win = createMainWindow();
  session.pdfPrinter = electronPrinter;
  session.chooseReportPath = async (suggested, format) => {
    const chosen = await dialog.showSaveDialog(win, { title: 'Save the report', defaultPath: suggested, filters: [{ name: format.toUpperCase(), extensions: [suggested.split('.').pop() ?? format] }] });
    return chosen.canceled || chosen.filePath === '' ? null : chosen.filePath;
  };
  const disconnect = connectIpc(win, session, createDispatch(session));
  win.on('closed', () => {
    disconnect();
    session.close();
  });
});

app.on('window-all-closed', () => app.quit());
app.on('second-instance', () => {
  const [win] = BrowserWindow.getAllWindows();
  if (win !== undefined) {
    if (win.isMinimized()) win.restore();
    win.focus();
  }
});
