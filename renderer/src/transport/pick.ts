/** Electron IPC when the preload bridge exists, HTTP (local web mode) otherwise. */
import type { PushTrailBridge } from '../../../shared/api/contract.js';
import type { Transport } from '../api.js';
import { desktopFiles, uploadedFiles } from './evidence-files.js';
import { createHttpTransport, readToken } from './http.js';

declare global {
  interface Window {
    pushtrail?: PushTrailBridge;
  }
}

export function pickTransport(): Transport {
  // The desktop app's scheme serves only its own window: a page's path is its address.
  if (window.pushtrail !== undefined) {
    // The desktop preload exposes both; without file paths the import screen could not work.
    if (window.pushtrailFiles === undefined) throw new Error('The desktop preload gives no file paths');
    return { bridge: window.pushtrail, pageUrl: (path) => path, files: desktopFiles(window.pushtrailFiles) };
  }
  const token = readToken();
  // A frame's request carries no header of ours: web mode's token goes in the query.
  return { bridge: createHttpTransport(token), pageUrl: (path) => `${path}?token=${encodeURIComponent(token)}`, files: uploadedFiles(token) };
}
