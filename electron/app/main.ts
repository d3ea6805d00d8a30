/** Electron main process: binds the start-up logic (launch.ts) and the windows (shell.ts) to Electron. */
import { app, dialog } from 'electron';
import { defaultActor } from '../api/session.js';
import { CaseStore } from '../store/case-store.js';
import { startDesktop, type AppEdge } from './launch.js';
import { registerAppScheme } from './protocol.js';
import { electronShell } from './shell.js';

registerAppScheme();
app.enableSandbox();

app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
});
app.on('window-all-closed', () => app.quit());

const edge: AppEdge = {
  argv: process.argv,
  cwd: process.cwd(),
  requestSingleInstanceLock: () => app.requestSingleInstanceLock(),
  quit: () => app.quit(),
  whenReady: () => app.whenReady(),
  onOpenFile: (listener) =>
    app.on('open-file', (event, path) => {
      // Tells macOS the app takes the file itself.
      event.preventDefault();
      listener(path);
    }),
  onSecondInstance: (listener) => app.on('second-instance', (_event, argv, cwd) => listener(argv, cwd)),
  onActivate: (listener) => app.on('activate', () => listener()),
  showFatal: (title, detail) => dialog.showErrorBox(title, detail),
};

startDesktop(edge, electronShell, (path) => CaseStore.open(path, defaultActor()));
