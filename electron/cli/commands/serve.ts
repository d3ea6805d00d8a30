/**
 * `pushtrail serve [<case>] [--port N]`: the real UI in a browser, for machines without a desktop.
 * Without a case the UI starts on its open/create screen.
 * The URL (with its token) is the first line of stdout so scripts and tests can read it.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { PushTrailError } from '../../../shared/api/errors.js';
import { createWireDispatch } from '../../api/dispatch.js';
import { Session } from '../../api/session.js';
import { RENDERER_DIR } from '../../paths.js';
import { startWebServer } from '../../server/http-server.js';
import { CaseStore, caseStem } from '../../store/case-store.js';
import { parse } from '../args.js';
import { printLines } from '../output.js';

export const SERVE_USAGE = 'pushtrail serve [<case>] [--port N] [--analyst NAME]';

export async function runServe(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, {
    port: { type: 'string', default: '0' },
    analyst: { type: 'string' },
    json: { type: 'boolean' },
  });
  const [casePath] = positionals;
  if (positionals.length > 1) throw new PushTrailError('bad_input', `usage: ${SERVE_USAGE}`);
  const port = Number(values['port']);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new PushTrailError('bad_input', `--port must be 0..65535`);
  if (!existsSync(resolve(RENDERER_DIR, 'index.html'))) {
    throw new PushTrailError('not_found', `The UI is not built (${RENDERER_DIR}); run "npm run build" first`);
  }

  const session = new Session('http', typeof values['analyst'] === 'string' ? values['analyst'] : undefined);
  const path = casePath === undefined ? null : resolve(casePath);
  if (path !== null) {
    session.replaceCase(
      CaseStore.createOrOpen(path, { name: caseStem(path), analyst: session.actor }, session.actor),
    );
  }
  const server = await startWebServer({
    port,
    rendererDir: RENDERER_DIR,
    session,
    dispatch: createWireDispatch(session),
  });
  printLines([server.url]);
  printLines([`PushTrail is serving ${path ?? 'no case yet'} on 127.0.0.1 only. Open the URL above; Ctrl+C stops it.`], process.stderr);

  await new Promise<void>((done) => {
    const stop = (): void => {
      void server.close().then(() => {
        session.close();
        done();
      });
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
