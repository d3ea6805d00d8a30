/** The handler map behind a direct session, as tests call it: dispatch, and `call` that throws on errors. */
import type { TestContext } from 'node:test';
import { createDispatch, type Dispatch } from '../../electron/api/dispatch.js';
import { Session } from '../../electron/api/session.js';

export interface DirectApi {
  session: Session;
  dispatch: Dispatch;
  call: (method: string, arg: unknown) => Promise<unknown>;
}

export function directApi(t: TestContext, actor: string): DirectApi {
  const session = new Session('direct', actor);
  t.after(() => session.close());
  const dispatch = createDispatch(session);
  const call = async (method: string, arg: unknown): Promise<unknown> => {
    const r = await dispatch(method, arg);
    if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`);
    return r.value;
  };
  return { session, dispatch, call };
}
