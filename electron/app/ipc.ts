/**
 * IPC glue: carries contract calls from the window to the dispatcher and push events back.
 * Calls from any sender other than our own window's main frame are rejected.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../shared/api/contract.js';
import type { ApiResult } from '../../shared/api/errors.js';
import type { Dispatch } from '../api/dispatch.js';
import type { Session } from '../api/session.js';
import { isTrustedSender } from './policy.js';

function fromOurWindow(event: IpcMainInvokeEvent, win: BrowserWindow): boolean {
  const frame = event.senderFrame;
  return (
    !win.isDestroyed() &&
    frame !== null &&
    isTrustedSender({
      isOurWindow: event.sender === win.webContents,
      isMainFrame: frame === win.webContents.mainFrame,
      frameUrl: frame.url,
    })
  );
}

export function connectIpc(win: BrowserWindow, session: Session, dispatch: Dispatch): () => void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, method: unknown, arg: unknown): Promise<ApiResult<unknown>> => {
    if (!fromOurWindow(event, win)) {
      return { ok: false, error: { kind: 'bad_input', message: 'IPC from an unknown sender was refused' } };
    }
    return dispatch(typeof method === 'string' ? method : String(method), arg);
  });
  const unsubscribe = session.subscribe((name, payload) => {
    if (!win.isDestroyed()) win.webContents.send(IPC_EVENT_CHANNEL, name, payload);
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
  };
}
