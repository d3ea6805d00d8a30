/**
 * How the desktop app starts and takes case files: from its command line, from macOS's
 * `open-file` (a double-clicked case, or one dropped on the dock icon) and from a second
 * instance started with a case (a double-click while the app runs), which hands its command
 * line to this one and quits. Every failure ends in something the analyst sees: a case that
 * cannot be opened is named in an error box over the case chooser, and a start that fails
 * altogether in a system error box before the app quits, never a process with no window.
 *
 * Written against two narrow edges, the Electron app object (AppEdge) and the windows
 * (DesktopShell), so that it runs under Node with both stubbed; main.ts binds them to Electron.
 */
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toApiError } from '../../shared/api/errors.js';
import { CASE_EXTENSION, type CaseStore } from '../store/case-store.js';

/** The part of Electron's `app` that start-up uses. */
export interface AppEdge {
  readonly argv: readonly string[];
  readonly cwd: string;
  requestSingleInstanceLock(): boolean;
  quit(): void;
  whenReady(): Promise<unknown>;
  /** macOS asks the app to open a file (the handler must have called preventDefault). */
  onOpenFile(listener: (path: string) => void): void;
  /** A second start of the app: its command line and working directory. */
  onSecondInstance(listener: (argv: readonly string[], cwd: string) => void): void;
  /** macOS: the dock icon was clicked. */
  onActivate(listener: () => void): void;
  /** A system error box, usable before any window exists. */
  showFatal(title: string, detail: string): void;
}

/** One application window and the case its session has open. */
export interface CaseWindow {
  /** The open case's path (also while a job has it), null while the window shows the case chooser. */
  readonly casePath: string | null;
  /** Show `store` in this window, which shows the case chooser. */
  showCase(store: CaseStore): void;
  /** Bring the window to the front, restored if minimised. */
  focus(): void;
  /** An error box over this window, shown once the window is. */
  showError(title: string, detail: string): void;
}

/** The windows, once the app is ready. */
export interface DesktopShell {
  windows(): readonly CaseWindow[];
  /** A new window on `store`, or on the case chooser. */
  openWindow(store: CaseStore | null): CaseWindow;
}

/**
 * The case files on a command line, absolute. Skips the executable (and, under `electron .`,
 * the app folder, which does not end in the case extension) and Chromium's switches; a
 * desktop entry's `%U` may pass `file:` URLs.
 */
export function caseArguments(argv: readonly string[], cwd: string): string[] {
  return argv
    .slice(1)
    .filter((arg) => !arg.startsWith('-'))
    .map((arg) => (arg.startsWith('file:') ? safeFilePath(arg) : arg))
    .filter((arg): arg is string => arg !== null && arg.toLowerCase().endsWith(CASE_EXTENSION))
    .map((arg) => resolve(cwd, arg));
}

function safeFilePath(url: string): string | null {
  try {
    return fileURLToPath(url);
  } catch {
    return null;
  }
}

/**
 * Open a case file handed to the app: focus the window that has it already, else open it in
 * a window that shows the case chooser, else in a new window. A case that fails to open is
 * named, with the reason, over the chooser (opened for it if need be).
 */
export function openCaseFile(shell: DesktopShell, path: string, openCase: (path: string) => CaseStore): void {
  const windows = shell.windows();
  const showing = windows.find((w) => w.casePath !== null && resolve(w.casePath) === path);
  if (showing !== undefined) {
    showing.focus();
    return;
  }
  const chooser = windows.find((w) => w.casePath === null);
  let store: CaseStore;
  try {
    store = openCase(path);
  } catch (err) {
    const win = chooser ?? shell.openWindow(null);
    win.focus();
    win.showError(`Could not open ${basename(path)}`, `${path}\n\n${toApiError(err).message}\n\nChoose or create another case here.`);
    return;
  }
  if (chooser === undefined) {
    shell.openWindow(store);
    return;
  }
  chooser.showCase(store);
  chooser.focus();
}

/**
 * Start the desktop app. A second instance hands its command line over (Electron delivers it
 * as `second-instance` to the first) and quits without setting anything up.
 */
export function startDesktop(app: AppEdge, setUp: () => DesktopShell, openCase: (path: string) => CaseStore): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  let shell: DesktopShell | null = null;
  // Files handed over before the windows exist (macOS sends open-file before ready).
  const pending = caseArguments(app.argv, app.cwd);

  /** Run `step`; if it throws, say so, and quit if that leaves no window. */
  const guarded = (step: (shell: DesktopShell) => void): void => {
    if (shell === null) return;
    try {
      step(shell);
    } catch (err) {
      app.showFatal('PushTrail could not open a window', toApiError(err).message);
      if (shell.windows().length === 0) app.quit();
    }
  };
  const open = (path: string): void => guarded((s) => openCaseFile(s, path, openCase));

  app.onOpenFile((path) => (shell === null ? pending.push(resolve(path)) : open(resolve(path))));
  app.onSecondInstance((argv, cwd) => {
    const paths = caseArguments(argv, cwd);
    if (shell === null) pending.push(...paths);
    else if (paths.length > 0) paths.forEach(open);
    else guarded((s) => (s.windows()[0] ?? s.openWindow(null)).focus());
  });
  app.onActivate(() => guarded((s) => s.windows().length === 0 && s.openWindow(null)));

  void app.whenReady().then(() => {
    try {
      shell = setUp();
    } catch (err) {
      app.showFatal('PushTrail could not start', toApiError(err).message);
      app.quit();
      return;
    }
    if (pending.length === 0) guarded((s) => s.openWindow(null));
    else pending.splice(0).forEach(open);
  });
}
