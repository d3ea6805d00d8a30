import type { ArgOf, Method } from '../../shared/api/contract.js';
import { API_METHODS } from '../../electron/api/methods/index.js';

/** A method's argument check, as dispatch runs it at the trust edge. */
export function validateArg<M extends Method>(method: M, raw: unknown): ArgOf<M> {
  return API_METHODS[method].validate(raw);
}
