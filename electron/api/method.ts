/**
 * How one contract method is served: its argument check at the trust edge and its handler,
 * written side by side in the method's domain module (methods/<domain>.ts).
 */
import type { ArgOf, Method, ResultOf } from '../../shared/api/contract.js';
import type { SerializedAnswer } from './serialized.js';
import type { Session } from './session.js';

export interface MethodDef<M extends Method> {
  /** Checks the raw argument from IPC or HTTP; the handler sees only what this returns. */
  validate(raw: unknown): ArgOf<M>;
  /** A large result may come back already written as JSON by a reader thread (readers.ts). */
  handle(arg: ArgOf<M>, session: Session): Promise<ResultOf<M> | SerializedAnswer<ResultOf<M>>>;
}

/** Keys that are not contract methods come out as `never`, so a misspelt method fails to compile. */
type DomainDefs<T> = { [M in keyof T]: M extends Method ? MethodDef<M> : never };

/** A domain's methods, each checked against the contract (and its parameters typed by it). */
export function domain<T extends DomainDefs<T>>(defs: T): T {
  return defs;
}

export type ApiTable = { [M in Method]: MethodDef<M> };
