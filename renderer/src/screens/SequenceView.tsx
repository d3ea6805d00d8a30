/** Loads one user's events and findings through the contract and shows the authentication sequence. */
import { useCallback, useEffect, useState } from 'react';
import type { StoredEvent } from '../../../shared/model/event.js';
import type { Finding } from '../../../shared/model/finding.js';
import { messageOf, useApi } from '../api.js';
import { SequenceScreen } from '../sequence/SequenceScreen.js';
import { AnnotationEditor } from '../components/AnnotationEditor.js';

export function SequenceView({ user, zone }: { user: string; zone: string }) {
  const api = useApi();
  const [data, setData] = useState<{ events: StoredEvent[]; findings: Finding[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [current, setCurrent] = useState<StoredEvent | null>(null);

  useEffect(() => {
    setData(null);
    Promise.all([api.call('user/events', { user }), api.call('findings/list', { user })]).then(
      ([events, findings]) => setData({ events, findings }),
      (err: unknown) => setError(messageOf(err)),
    );
  }, [api, user]);

  const loadRaw = useCallback(
    async (id: number) => {
      const detail = await api.call('event/get', { id });
      const path = detail.evidence.archive === null ? detail.evidence.path : `${detail.evidence.archive} › ${detail.evidence.path}`;
      return detail.evidence.line === null ? { raw: detail.raw, evidencePath: path } : { raw: detail.raw, evidencePath: path, line: detail.evidence.line };
    },
    [api],
  );

  if (error !== null)
    return (
      <p role="alert" className="error">
        {error}
      </p>
    );
  if (data === null) return <p className="muted">Loading {user}…</p>;
  return (
    <>
      <SequenceScreen key={user} user={user} events={data.events} findings={data.findings} zone={zone} loadRaw={loadRaw} onCurrentChange={setCurrent} />
      <div className="annotations">
        {current !== null && <AnnotationEditor targets={[{ kind: 'event', target: String(current.id) }]} label={`event ${current.id}`} />}
        {current?.source !== undefined && <AnnotationEditor targets={[{ kind: 'entity', target: current.source.ip }]} label={`address ${current.source.ip}`} />}
        <AnnotationEditor targets={[{ kind: 'user', target: user }]} label={`user ${user}`} />
      </div>
    </>
  );
}
