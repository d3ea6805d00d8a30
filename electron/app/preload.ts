/**
 * The only bridge between the sandboxed renderer and the backend: `window.pushtrail`,
 * two named methods typed by the contract, and `window.pushtrailFiles`, which tells the page
 * where a file dropped on it or chosen in its file dialog lives (the import reads it there).
 * No ipcRenderer, fs or path reaches the page. Bundled to preload.cjs, since a sandboxed
 * preload cannot load other modules.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import {
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  type PushEventName,
  type PushEvents,
  type PushTrailBridge,
} from '../../shared/api/contract.js';

/** A large answer comes as the JSON bytes of `{ok, value}` (electron/api/serialized.ts), parsed here, in the page's process. */
function answerOf(reply: unknown): unknown {
  if (typeof reply === 'object' && reply !== null && 'json' in reply && reply.json instanceof Uint8Array) return JSON.parse(new TextDecoder().decode(reply.json));
  return reply;
}

const bridge = {
  // The main process checks the method name and its argument (electron/api/dispatch.ts).
  invoke: async (method, arg) => answerOf(await ipcRenderer.invoke(IPC_INVOKE_CHANNEL, method, arg)) as never,
  on: <E extends PushEventName>(event: E, listener: (payload: PushEvents[E]) => void) => {
    const wrapped = (_e: IpcRendererEvent, name: string, payload: unknown): void => {
      if (name === event) listener(payload as PushEvents[E]);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, wrapped);
    };
  },
} satisfies PushTrailBridge;

contextBridge.exposeInMainWorld('pushtrail', bridge);
contextBridge.exposeInMainWorld('pushtrailFiles', {
  pathOf: (file: Parameters<typeof webUtils.getPathForFile>[0]): string => webUtils.getPathForFile(file),
});
