/**
 * Fetches the original record of the event under the playhead. Holding an arrow key would fire
 * a request per event, so the fetch waits until the playhead rests briefly, and an answer for
 * an event the playhead has already left is dropped.
 */
import { useEffect, useState } from 'react';

export interface RawRecord {
  raw: string;
  evidencePath: string;
  line?: number;
}

export type RawState =
  | { status: 'idle' }
  | { status: 'loading'; eventId: number }
  | { status: 'ready'; eventId: number; record: RawRecord }
  | { status: 'error'; eventId: number; message: string };

const REST_MS = 120;

export function useRawRecord(eventId: number | null, loadRaw: (eventId: number) => Promise<RawRecord>): RawState {
  const [state, setState] = useState<RawState>({ status: 'idle' });
  useEffect(() => {
    if (eventId === null) {
      setState({ status: 'idle' });
      return;
    }
    let stale = false;
    setState({ status: 'loading', eventId });
    const timer = window.setTimeout(() => {
      loadRaw(eventId).then(
        (record) => {
          if (!stale) setState({ status: 'ready', eventId, record });
        },
        (err: unknown) => {
          if (!stale) setState({ status: 'error', eventId, message: err instanceof Error ? err.message : String(err) });
        },
      );
    }, REST_MS);
    return () => {
      stale = true;
      window.clearTimeout(timer);
    };
  }, [eventId, loadRaw]);
  return state;
}
