/** The case at a glance: metadata and display zone, activity and findings, evidence, detection, integrity, custody log. */
import { useCallback, useEffect, useState } from 'react';
import type { CaseInfo, CustodyEntry, EvidenceFile } from '../../../shared/model/case.js';
import { COMMON_ZONES, formatTime } from '../../../shared/format/time.js';
import { messageOf, useApi } from '../api.js';
import { CustodyLog } from '../components/CustodyLog.js';
import { DetectPanel } from '../components/DetectPanel.js';
import { EvidenceTable } from '../components/EvidenceTable.js';
import { VerifyPanel } from '../components/VerifyPanel.js';
import { ActivityPanel } from '../overview/ActivityPanel.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import type { UserVerdict } from '../../../shared/model/finding.js';

export function CaseOverview({ info, onShowUsers }: { info: CaseInfo; onShowUsers: (verdict: UserVerdict) => void }) {
  const api = useApi();
  const [custody, setCustody] = useState<CustodyEntry[]>([]);
  const [evidence, setEvidence] = useState<EvidenceFile[]>([]);
  const [error, setError] = useState<string | null>(null);
  const { meta, counts } = info;
  const zone = meta.displayTimeZone;
  const zones = COMMON_ZONES.includes(zone) ? COMMON_ZONES : [zone, ...COMMON_ZONES];

  const reload = useCallback(() => {
    const failed = (err: unknown): void => setError(messageOf(err));
    api.call('case/custody', {}).then(setCustody, failed);
    api.call('case/evidence', null).then(setEvidence, failed);
  }, [api]);

  useEffect(reload, [reload, info]);

  const changeZone = (displayTimeZone: string): void => {
    api.call('case/setTimeZone', { displayTimeZone }).catch((err: unknown) => setError(messageOf(err)));
  };

  return (
    <main className="workspace-main">
      <ErrorAlert message={error} />
      <ActivityPanel info={info} onShowUsers={onShowUsers} />
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
            {counts.evidence} evidence files · {counts.events.toLocaleString('en-US')} events · {counts.findings} findings · {counts.annotations}{' '}
            annotations
          </dd>
          <dt>Case schema</dt>
          <dd>
            {info.schemaVersion} (PushTrail {info.toolVersion})
          </dd>
        </dl>
      </section>
      <DetectPanel onFinished={reload} />
      <EvidenceTable files={evidence} zone={zone} />
      <VerifyPanel onFinished={reload} />
      <CustodyLog entries={custody} zone={zone} />
    </main>
  );
}
