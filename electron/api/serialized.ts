/**
 * An answer already written as JSON bytes (the whole `{"ok":true,"value":…}`) by a reader
 * thread: the transports send it as it is, so a large result never passes through the objects
 * of the thread that answers requests. The type parameter keeps the method's result type.
 */
export class SerializedAnswer<T> {
  declare private readonly resultType: T;
  constructor(readonly json: Uint8Array) {}

  /** The answer as data, for callers in the same process (tests, the direct transport). */
  decode(): { ok: true; value: T } {
    return JSON.parse(Buffer.from(this.json.buffer, this.json.byteOffset, this.json.byteLength).toString('utf8')) as { ok: true; value: T };
  }
}

/** What the Electron IPC handler returns for a serialized answer; the preload parses `json`. */
export interface IpcSerialized {
  readonly json: Uint8Array;
}
