/**
 * The single entry every transport calls: name and raw argument in, result or error data out.
 * This is the trust edge: the method name and the argument are checked here, once.
 */
import { isMethod, type Method, type ResultOf } from '../../shared/api/contract.js';
import { PushTrailError, toApiError, type ApiResult } from '../../shared/api/errors.js';
import { validateArg } from '../../shared/api/validate.js';
import type { Handlers } from './handlers.js';

export type Dispatch = (method: string, rawArg: unknown) => Promise<ApiResult<unknown>>;

export function createDispatch(handlers: Handlers): Dispatch {
  return async (method, rawArg) => {
    try {
      if (!isMethod(method)) {
        throw new PushTrailError('unknown_method', `Unknown method "${String(method).slice(0, 100)}"`, {
          method: String(method).slice(0, 100),
        });
      }
      return { ok: true, value: await call(handlers, method, rawArg) };
    } catch (err) {
      return { ok: false, error: toApiError(err) };
    }
  };
}

function call<M extends Method>(handlers: Handlers, method: M, rawArg: unknown): Promise<ResultOf<M>> {
  const handler = handlers[method] as (arg: unknown) => Promise<ResultOf<M>>;
  return handler(validateArg(method, rawArg));
}
