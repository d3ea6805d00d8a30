/** The open case: its metadata, display time zone, integrity check and custody log. */
import { useCallback, useEffect, useState } from 'react';
import type { CaseInfo } from '../../../shared/model/case.js';
import type { CustodyEntry } from '../../../shared/model/case.js';
import { messageOf, useApi } from '../api.js';
import { CustodyLog } from '../components/CustodyLog.js';
import { VerifyPanel } from '../components/VerifyPanel.js';
import { COMMON_ZONES, formatTime } from '../../../shared/format/time.js';

export function CaseOverview({ info, onClosed }: { info: CaseInfo; onClosed: () => void }) {
  const api = useApi();
  const [custody, setCustody] = useState<CustodyEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const { meta, counts } = info;
  const zone = meta.displayTimeZone;
  const zones = COMMON_ZONES.includes(zone) ? COMMON_ZONES : [zone, ...COMMON_ZONES];

  const reloadCustody = useCallback(() => {
    api.call('case/custody', {}).then(setCustody, (err: unknown) => setError(messageOf(err)));
  }, [api]);

  useEffect(reloadCustody, [reloadCustody, info]);

  const changeZone = (displayTimeZone: string): void => {
    api.call('case/setTimeZone', { displayTimeZone }).catch((err: unknown) => setError(messageOf(err)));
  };
  const close = (): void => {
    api.call('case/close', null).then(onClosed, (err: unknown) => setError(messageOf(err)));
  };

  return (
    <main className="overview">
      <header className="case-header">
        <h1>{meta.name}</h1>
        <button type="button" onClick={close}>
          Close case
        </button>
      </header>
      {error !== null && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <section aria-labelledby="meta-heading" className="panel">
        <h2 id="meta-heading">Case</h2>
        <dl className="meta">
          <dt>Case id</dt>
          <dd>{meta.caseId}</dd>
          <dt>File</dt>
          <dd>{info.path}</dd>
          <dt>Analyst</dt>
          <dd>{meta.analyst}</dd>
          <dt>Created</dt>
          <dd>{formatTime(meta.createdAt, zone)}</dd>
          <dt>
            <label htmlFor="zone">Display time zone</label>
          </dt>
          <dd>
            <select id="zone" value={zone} onChange={(e) => changeZone(e.target.value)}>
              {zones.map((z) => (
                <option key={z}>{z}</option>
              ))}
            </select>{' '}
            <span className="muted">times are stored in UTC</span>
          </dd>
          <dt>Contents</dt>
          <dd>
            {counts.evidence} evidence files · {counts.events} events · {counts.findings} findings · {counts.annotations}{' '}
            annotations
          </dd>
          <dt>Case schema</dt>
          <dd>
            {info.schemaVersion} (PushTrail {info.toolVersion})
          </dd>
        </dl>
      </section>
      <VerifyPanel onFinished={reloadCustody} />
      <CustodyLog entries={custody} zone={zone} />
    </main>
  );
}
