/**
 * The single entry every transport calls: name and raw argument in, result or error data out.
 * This is the trust edge: the method name and the argument are checked here, once, by the
 * method's own `validate` (electron/api/methods/<domain>.ts).
 */
import type { Method, ResultOf } from '../../shared/api/contract.js';
import { PushTrailError, toApiError, type ApiResult } from '../../shared/api/errors.js';
import type { MethodDef } from './method.js';
import { API_METHODS } from './methods/index.js';
import type { Session } from './session.js';

export type Dispatch = (method: string, rawArg: unknown) => Promise<ApiResult<unknown>>;

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.hasOwn(API_METHODS, name);
}

export function createDispatch(session: Session): Dispatch {
  return async (method, rawArg) => {
    try {
      if (!isMethod(method)) {
        throw new PushTrailError('unknown_method', `Unknown method "${String(method).slice(0, 100)}"`, {
          method: String(method).slice(0, 100),
        });
      }
      return { ok: true, value: await call(session, method, rawArg) };
    } catch (err) {
      return { ok: false, error: toApiError(err) };
    }
  };
}

function call<M extends Method>(session: Session, method: M, rawArg: unknown): Promise<ResultOf<M>> {
  const def = API_METHODS[method] as MethodDef<M>;
  return def.handle(def.validate(rawArg), session);
}
