/** The analyst's words for the report: client, case number and narrative, saved in the case. */
import { useEffect, useState } from 'react';
import type { ReportText } from '../../../shared/api/report.js';
import { messageOf, useApi } from '../api.js';

export function ReportTextForm({ onSaved }: { onSaved: () => void }) {
  const api = useApi();
  const [text, setText] = useState<ReportText | null>(null);
  const [draft, setDraft] = useState({ client: '', reference: '', narrative: '' });
  const [status, setStatus] = useState<string | null>(null);
  useEffect(() => {
    api.call('report/text', null).then(
      (t) => {
        setText(t);
        setDraft({ client: t.client, reference: t.reference, narrative: t.narrative });
      },
      (err: unknown) => setStatus(messageOf(err)),
    );
  }, [api]);
  // Until the saved words arrive the fields stay closed: typing earlier would be overwritten by them.
  const loading = text === null;
  const dirty = !loading && (draft.client !== text.client || draft.reference !== text.reference || draft.narrative !== text.narrative);
  const save = (): void => {
    api.call('report/setText', draft).then(
      (t) => {
        setText(t);
        setStatus('Saved in the case (recorded in the custody log).');
        onSaved();
      },
      (err: unknown) => setStatus(messageOf(err)),
    );
  };
  return (
    <section aria-labelledby="report-text-heading" className="panel">
      <h2 id="report-text-heading">Cover and narrative</h2>
      <label className="field">
        Client
        <input disabled={loading} value={draft.client} onChange={(e) => setDraft({ ...draft, client: e.target.value })} />
      </label>
      <label className="field">
        Case number
        <input disabled={loading} value={draft.reference} onChange={(e) => setDraft({ ...draft, reference: e.target.value })} />
      </label>
      <label className="field">
        Narrative (the executive summary opens with it; blank lines separate paragraphs)
        <textarea rows={8} disabled={loading} value={draft.narrative} onChange={(e) => setDraft({ ...draft, narrative: e.target.value })} />
      </label>
      <button type="button" disabled={!dirty} onClick={save}>
        Save text
      </button>
      {status !== null && <p role="status">{status}</p>}
    </section>
  );
}
