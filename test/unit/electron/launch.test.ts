// The desktop app's start-up and case-file handling under Node: Electron's `app` and the
// windows are stubbed at their edge (AppEdge, DesktopShell); the cases are real case files.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test, type TestContext } from 'node:test';
import { caseArguments, startDesktop, type AppEdge, type CaseWindow, type DesktopShell } from '../../../electron/app/launch.js';
import { CaseStore } from '../../../electron/store/case-store.js';
import { tempDir } from '../../support/temp.js';

class StubWindow implements CaseWindow {
  store: CaseStore | null;
  focused = 0;
  reloads = 0;
  readonly errors: { title: string; detail: string }[] = [];
  constructor(store: CaseStore | null) {
    this.store = store;
  }
  get casePath(): string | null {
    return this.store?.path ?? null;
  }
  showCase(store: CaseStore): void {
    this.store = store;
    this.reloads++;
  }
  focus(): void {
    this.focused++;
  }
  showError(title: string, detail: string): void {
    this.errors.push({ title, detail });
  }
}

class StubShell implements DesktopShell {
  readonly open: StubWindow[] = [];
  failNextWindow: Error | null = null;
  windows(): readonly CaseWindow[] {
    return this.open;
  }
  openWindow(store: CaseStore | null): CaseWindow {
    if (this.failNextWindow !== null) throw this.failNextWindow;
    const win = new StubWindow(store);
    this.open.push(win);
    return win;
  }
}

type Listeners = {
  openFile?: (path: string) => void;
  secondInstance?: (argv: readonly string[], cwd: string) => void;
  activate?: () => void;
};

/** Electron's `app`, as start-up sees it: the lock, the events, and what it was asked to do. */
class StubApp implements AppEdge {
  readonly listeners: Listeners = {};
  quits = 0;
  readyAsked = 0;
  readonly fatal: { title: string; detail: string }[] = [];
  private ready: () => void = () => undefined;
  private readonly readyPromise = new Promise<void>((resolve) => (this.ready = resolve));
  constructor(
    readonly argv: readonly string[],
    readonly cwd: string,
    private readonly lock = true,
  ) {}
  requestSingleInstanceLock(): boolean {
    return this.lock;
  }
  quit(): void {
    this.quits++;
  }
  whenReady(): Promise<unknown> {
    this.readyAsked++;
    return this.readyPromise;
  }
  onOpenFile(listener: (path: string) => void): void {
    this.listeners.openFile = listener;
  }
  onSecondInstance(listener: (argv: readonly string[], cwd: string) => void): void {
    this.listeners.secondInstance = listener;
  }
  onActivate(listener: () => void): void {
    this.listeners.activate = listener;
  }
  showFatal(title: string, detail: string): void {
    this.fatal.push({ title, detail });
  }
  /** Electron's `ready`, and the start-up work that runs on it. */
  async becomeReady(): Promise<void> {
    this.ready();
    await this.readyPromise;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const EXE = '/opt/PushTrail/pushtrail';
const actor = 'tester';
const openCase = (path: string): CaseStore => CaseStore.open(path, actor);

function makeCase(dir: string, name: string): string {
  const path = join(dir, name);
  CaseStore.create(path, { name, analyst: 'Ana' }, actor).close();
  return path;
}

function start(t: TestContext, argv: readonly string[], cwd: string, lock = true): { app: StubApp; shell: StubShell } {
  const app = new StubApp(argv, cwd, lock);
  const shell = new StubShell();
  startDesktop(app, () => shell, openCase);
  t.after(() => shell.open.forEach((w) => w.store?.close()));
  return { app, shell };
}

test('case files are read from a command line: relative to its folder, as file: URLs, never switches or the app folder', () => {
  assert.deepEqual(caseArguments([EXE, 'a.pushtrail', '--no-sandbox', 'notes.txt', '/abs/B.PUSHTRAIL'], '/home/ana/cases'), [
    '/home/ana/cases/a.pushtrail',
    '/abs/B.PUSHTRAIL',
  ]);
  assert.deepEqual(caseArguments(['electron', '/repo', 'x.pushtrail'], '/work'), ['/work/x.pushtrail']);
  assert.deepEqual(caseArguments([EXE, pathToFileURL('/cases/with space.pushtrail').href], '/'), ['/cases/with space.pushtrail']);
  assert.deepEqual(caseArguments([EXE, '--open=x.pushtrail', 'file://host/x.pushtrail'], '/'), []);
  assert.deepEqual(caseArguments([EXE], '/'), []);
});

test('a second instance quits and sets nothing up: no events, no ready, no window', async (t) => {
  const { app, shell } = start(t, [EXE, 'x.pushtrail'], '/', false);
  await app.becomeReady();
  assert.equal(app.quits, 1);
  assert.equal(app.readyAsked, 0);
  assert.deepEqual(app.listeners, {});
  assert.equal(shell.open.length, 0);
});

test('the case on the command line opens in the first window; without one the window shows the chooser', async (t) => {
  const dir = tempDir(t);
  const path = makeCase(dir, 'incident.pushtrail');
  const withCase = start(t, [EXE, 'incident.pushtrail'], dir);
  assert.equal(withCase.shell.open.length, 0, 'no window before ready');
  await withCase.app.becomeReady();
  assert.deepEqual(withCase.shell.open.map((w) => w.casePath), [path]);

  const plain = start(t, [EXE], dir);
  await plain.app.becomeReady();
  assert.deepEqual(plain.shell.open.map((w) => w.casePath), [null]);
});

test('a case that fails to open at start is named with its reason over the case chooser', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'garbage.pushtrail'), 'not a database at all, just text\n'.repeat(200));
  for (const name of ['garbage.pushtrail', 'missing.pushtrail']) {
    const { app, shell } = start(t, [EXE, join(dir, name)], '/');
    await app.becomeReady();
    assert.equal(shell.open.length, 1, `${name}: a window is open`);
    const [win] = shell.open;
    assert.equal(win?.casePath, null, 'it shows the case chooser');
    assert.equal(win?.errors.length, 1);
    assert.match(win?.errors[0]?.title ?? '', new RegExp(`Could not open ${name}`));
    assert.ok(win?.errors[0]?.detail.includes(join(dir, name)), 'the error names the file');
    assert.equal(app.quits, 0);
  }
});

test('a start that cannot make its window says so and quits instead of running with none', async (t) => {
  const { app, shell } = start(t, [EXE], '/');
  shell.failNextWindow = new Error('GPU process refused');
  await app.becomeReady();
  assert.deepEqual(app.fatal, [{ title: 'PushTrail could not open a window', detail: 'GPU process refused' }]);
  assert.equal(app.quits, 1);

  const broken = new StubApp([EXE], '/');
  startDesktop(broken, () => {
    throw new Error('app:// scheme could not be registered');
  }, openCase);
  await broken.becomeReady();
  assert.equal(broken.fatal[0]?.title, 'PushTrail could not start');
  assert.equal(broken.fatal[0]?.detail, 'app:// scheme could not be registered');
  assert.equal(broken.quits, 1);
});

test('macOS open-file before ready is kept for the first window; after ready it opens the case in the chooser or a new window', async (t) => {
  const dir = tempDir(t);
  const first = makeCase(dir, 'first.pushtrail');
  const second = makeCase(dir, 'second.pushtrail');
  const { app, shell } = start(t, [EXE], '/');
  app.listeners.openFile?.(first);
  await app.becomeReady();
  assert.deepEqual(shell.open.map((w) => w.casePath), [first], 'no extra chooser window');

  app.listeners.openFile?.(second);
  assert.deepEqual(shell.open.map((w) => w.casePath), [first, second], 'a case in the window stays; the new one gets its own');

  app.listeners.openFile?.(first);
  assert.equal(shell.open.length, 2, 'an open case is not opened twice');
  assert.equal(shell.open[0]?.focused, 1, 'its window comes to the front');
});

test('a second instance hands over its case: the chooser window takes it; with no case it brings the window forward', async (t) => {
  const dir = tempDir(t);
  const path = makeCase(dir, 'handed.pushtrail');
  const { app, shell } = start(t, [EXE], '/');
  await app.becomeReady();
  const [chooser] = shell.open;
  app.listeners.secondInstance?.([EXE, '--allow-file-access-from-files', 'handed.pushtrail'], dir);
  assert.equal(shell.open.length, 1);
  assert.equal(chooser?.casePath, path, 'resolved against the second instance\'s folder');
  assert.equal(chooser?.reloads, 1);

  const before = chooser?.focused ?? 0;
  app.listeners.secondInstance?.([EXE], '/');
  assert.equal(shell.open.length, 1);
  assert.equal(chooser?.focused, before + 1);

  writeFileSync(join(dir, 'bad.pushtrail'), 'x');
  app.listeners.secondInstance?.([EXE, join(dir, 'bad.pushtrail')], '/');
  const [win] = shell.open;
  assert.equal(shell.open.length, 2, 'no window shows the chooser, so one is opened for the error');
  assert.equal(shell.open[1]?.casePath, null);
  assert.match(shell.open[1]?.errors[0]?.title ?? '', /bad\.pushtrail/);
  assert.equal(win?.casePath, path, 'the open case is left alone');
});

test('a failure in a later window is reported and leaves the app running only if a window remains', async (t) => {
  const { app, shell } = start(t, [EXE], '/');
  await app.becomeReady();
  shell.open.length = 0;
  shell.failNextWindow = new Error('out of memory');
  app.listeners.activate?.();
  assert.deepEqual(app.fatal, [{ title: 'PushTrail could not open a window', detail: 'out of memory' }]);
  assert.equal(app.quits, 1);
});
