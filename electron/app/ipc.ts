/**
 * IPC glue: carries contract calls from each window to that window's dispatcher and push
 * events back. Electron takes one handler per channel, so one handler routes every call by
 * its sender; calls from any sender other than a connected window's main frame are rejected.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../shared/api/contract.js';
import type { ApiResult } from '../../shared/api/errors.js';
import type { WireDispatch } from '../api/dispatch.js';
import { SerializedAnswer, type IpcSerialized } from '../api/serialized.js';
import type { Session } from '../api/session.js';
import { isTrustedSender } from './policy.js';

interface Connected {
  win: BrowserWindow;
  dispatch: WireDispatch;
}

/** Connected windows by their web contents' id. */
const connected = new Map<number, Connected>();

function fromWindow(event: IpcMainInvokeEvent, win: BrowserWindow): boolean {
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

async function route(event: IpcMainInvokeEvent, method: unknown, arg: unknown): Promise<ApiResult<unknown> | IpcSerialized> {
  const target = connected.get(event.sender.id);
  if (target === undefined || !fromWindow(event, target.win)) {
    return { ok: false, error: { kind: 'bad_input', message: 'IPC from an unknown sender was refused' } };
  }
  const answer = await target.dispatch(typeof method === 'string' ? method : String(method), arg);
  // The bytes a reader thread wrote go to the page as they are; the preload parses them there.
  return answer instanceof SerializedAnswer ? { json: answer.json } : answer;
}

export function connectIpc(win: BrowserWindow, session: Session, dispatch: WireDispatch): () => void {
  if (connected.size === 0) ipcMain.handle(IPC_INVOKE_CHANNEL, route);
  const id = win.webContents.id;
  connected.set(id, { win, dispatch });
  const unsubscribe = session.subscribe((name, payload) => {
    if (!win.isDestroyed()) win.webContents.send(IPC_EVENT_CHANNEL, name, payload);
  });
  return () => {
    unsubscribe();
    connected.delete(id);
    if (connected.size === 0) ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
  };
}
