/** React access to the contract: one transport for the app, calls that throw typed errors. */
import { createContext, useContext } from 'react';
import type { ArgOf, Method, PushTrailBridge, ResultOf } from '../../shared/api/contract.js';
import type { ApiError } from '../../shared/api/errors.js';
import type { EvidenceFiles } from './transport/evidence-files.js';

export class CallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

export interface Api {
  call<M extends Method>(method: M, arg: ArgOf<M>): Promise<ResultOf<M>>;
  on: PushTrailBridge['on'];
  /** The URL to load a page the backend serves (a report preview) from, in a frame. */
  pageUrl(path: string): string;
  /** Files dropped on the page or chosen in its file dialog, as paths the import can read. */
  files: EvidenceFiles;
}

/** How the app reaches its backend: calls and events, and how a served page is addressed. */
export interface Transport {
  bridge: PushTrailBridge;
  pageUrl: (path: string) => string;
  files: EvidenceFiles;
}

export function createApi({ bridge: transport, pageUrl, files }: Transport): Api {
  return {
    pageUrl,
    files,
    async call(method, arg) {
      const result = await transport.invoke(method, arg);
      if (!result.ok) throw new CallError(result.error);
      return result.value;
    },
    on: (event, listener) => transport.on(event, listener),
  };
}

export const ApiContext = createContext<Api | null>(null);

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (api === null) throw new Error('useApi outside <ApiContext.Provider>');
  return api;
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
