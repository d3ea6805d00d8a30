/**
 * Web-mode transport: contract calls as POSTs carrying the per-run token, push events
 * over one EventSource. The token arrives in the URL fragment, so it never reaches a server log.
 */
import { isPushEventName, type PushEventName, type PushEvents, type PushTrailBridge } from '../../../shared/api/contract.js';
import type { ApiResult } from '../../../shared/api/errors.js';

const TOKEN_KEY = 'pushtrail.token';

/** Take the token from `#token=...`, keep it for reloads, and clear it from the address bar. */
export function readToken(): string {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash !== null) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromHash;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function createHttpTransport(token: string): PushTrailBridge {
  const listeners = new Map<PushEventName, Set<(payload: never) => void>>();
  const source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
  source.addEventListener('push', (message) => {
    const { event, payload } = JSON.parse((message as MessageEvent<string>).data) as { event: unknown; payload: unknown };
    if (!isPushEventName(event)) return;
    for (const listener of listeners.get(event) ?? []) (listener as (p: unknown) => void)(payload);
  });

  return {
    async invoke(method, arg) {
      try {
        const response = await fetch(`/api/call/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-PushTrail-Token': token },
          body: JSON.stringify({ arg }),
        });
        if (!response.ok) {
          const text = await response.text();
          return { ok: false, error: { kind: 'internal', message: `HTTP ${response.status}: ${text}` } };
        }
        return (await response.json()) as ApiResult<never>;
      } catch (err) {
        return { ok: false, error: { kind: 'internal', message: `The PushTrail server is unreachable: ${String(err)}` } };
      }
    },
    on<E extends PushEventName>(event: E, listener: (payload: PushEvents[E]) => void) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
}
