/** Electron IPC when the preload bridge exists, HTTP (local web mode) otherwise. */
import type { PushTrailBridge } from '../../../shared/api/contract.js';
import { createHttpTransport, readToken } from './http.js';

declare global {
  interface Window {
    pushtrail?: PushTrailBridge;
  }
}

export function pickTransport(): PushTrailBridge {
  return window.pushtrail ?? createHttpTransport(readToken());
}
