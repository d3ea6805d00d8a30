/** The overview's charts: events over time per source, and findings by severity. */
import { useEffect, useState } from 'react';
import type { CaseActivity } from '../../../shared/api/activity.js';
import type { CaseInfo } from '../../../shared/model/case.js';
import type { Campaign } from '../../../shared/model/campaign.js';
import { messageOf, useApi } from '../api.js';
import { ActivityHistogram } from './ActivityHistogram.js';
import { SeverityBars } from './SeverityBars.js';
import { Headline } from './Headline.js';
import type { UserVerdict } from '../../../shared/model/finding.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import './overview.css';

/** Enough bars to show a burst, few enough that each is a few pixels wide. */
const BINS = 160;

/** `info` is replaced whenever the case changes (import, detection), so the charts are fetched again. */
export function ActivityPanel({ info, onShowUsers }: { info: CaseInfo; onShowUsers: (verdict: UserVerdict) => void }) {
  const api = useApi();
  const [activity, setActivity] = useState<CaseActivity | null>(null);
  const [campaigns, setCampaigns] = useState<Campaign[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const failed = (err: unknown): void => setError(messageOf(err));
    api.call('case/activity', { bins: BINS }).then(setActivity, failed);
    api.call('campaigns/list', null).then(setCampaigns, failed);
  }, [api, info]);
  const zone = info.meta.displayTimeZone;

  return (
    <>
    {activity !== null && <Headline usersByVerdict={activity.usersByVerdict} campaigns={campaigns} onShowUsers={onShowUsers} />}
    <div className="activity">
      <section aria-labelledby="activity-heading" className="panel activity-events">
        <h2 id="activity-heading">Events over time</h2>
        <ErrorAlert message={error} />
        {activity !== null && activity.range === null && <p className="muted">No events yet.</p>}
        {activity?.range != null && activity.spread !== null && <ActivityHistogram range={activity.range} spread={activity.spread} sources={activity.sources} zone={zone} />}
      </section>
      <section aria-labelledby="severity-heading" className="panel activity-findings">
        <h2 id="severity-heading">Findings by severity</h2>
        {activity !== null && <SeverityBars counts={activity.findingsBySeverity} />}
      </section>
    </div>
    </>
  );
}
