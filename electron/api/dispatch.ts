/**
 * The single entry every transport calls: name and raw argument in, result or error data out.
 * This is the trust edge: the method name and the argument are checked here, once, by the
 * method's own `validate` (electron/api/methods/<domain>.ts).
 */
import type { Method, ResultOf } from '../../shared/api/contract.js';
import { PushTrailError, toApiError, type ApiResult } from '../../shared/api/errors.js';
import { createLogger } from '../log/logger.js';
import type { MethodDef } from './method.js';
import { API_METHODS } from './methods/index.js';
import { SerializedAnswer } from './serialized.js';
import type { Session } from './session.js';

/** The answer as data: what callers in the same process get (tests, the CLI). */
export type Dispatch = (method: string, rawArg: unknown) => Promise<ApiResult<unknown>>;
/** The answer for a transport: a large one comes as the JSON bytes a reader thread wrote. */
export type WireDispatch = (method: string, rawArg: unknown) => Promise<ApiResult<unknown> | SerializedAnswer<unknown>>;

const log = createLogger('api');
/** A request that takes longer than this (waiting on a reader thread included) is worth a debug line. */
const SLOW_MS = 50;

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.hasOwn(API_METHODS, name);
}

export function createDispatch(session: Session): Dispatch {
  const wire = createWireDispatch(session);
  return async (method, rawArg) => {
    const answer = await wire(method, rawArg);
    return answer instanceof SerializedAnswer ? answer.decode() : answer;
  };
}

export function createWireDispatch(session: Session): WireDispatch {
  return async (method, rawArg) => {
    try {
      if (!isMethod(method)) {
        throw new PushTrailError('unknown_method', `Unknown method "${String(method).slice(0, 100)}"`, {
          method: String(method).slice(0, 100),
        });
      }
      const started = performance.now();
      const value = await call(session, method, rawArg);
      const ms = Math.round(performance.now() - started);
      if (ms > SLOW_MS) log.debug('slow request', { method, ms });
      return value instanceof SerializedAnswer ? value : { ok: true, value };
    } catch (err) {
      const error = toApiError(err);
      // Expected conditions (bad input, no case, …) are the caller's to show; anything else is
      // a bug, logged here once with its stack, while the UI gets its message.
      if (error.kind === 'internal') log.error('request failed', { method: method.slice(0, 100) }, err);
      return { ok: false, error };
    }
  };
}

function call<M extends Method>(session: Session, method: M, rawArg: unknown): Promise<ResultOf<M> | SerializedAnswer<ResultOf<M>>> {
  const def = API_METHODS[method] as MethodDef<M>;
  return def.handle(def.validate(rawArg), session);
}
