/** First screen without a case: open an existing case file or create a new one. */
import { useState, type FormEvent } from 'react';
import type { CaseInfo } from '../../../shared/model/case.js';
import { messageOf, useApi } from '../api.js';
import { COMMON_ZONES } from '../../../shared/format/time.js';
import { ThemeSelect } from '../theme/ThemeSelect.js';
import { ErrorAlert } from '../components/ErrorAlert.js';

export function CaseChooser({ onOpened }: { onOpened: (info: CaseInfo) => void }) {
  const api = useApi();
  const [openPath, setOpenPath] = useState('');
  const [create, setCreate] = useState({ path: '', name: '', analyst: '', displayTimeZone: 'UTC' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<CaseInfo>): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      onOpened(await work());
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  const submitOpen = (e: FormEvent): void => {
    e.preventDefault();
    void run(() => api.call('case/open', { path: openPath }));
  };
  const submitCreate = (e: FormEvent): void => {
    e.preventDefault();
    void run(() => api.call('case/create', create));
  };

  return (
    <main className="chooser">
      <header className="chooser-header">
        <h1>PushTrail</h1>
        <ThemeSelect />
      </header>
      <p className="lede">Investigate MFA push bombing and fatigue attacks (MITRE ATT&amp;CK T1621).</p>
      <ErrorAlert message={error} />
      <div className="chooser-forms">
        <form onSubmit={submitOpen} aria-labelledby="open-heading" className="panel">
          <h2 id="open-heading">Open a case</h2>
          <label>
            Case file
            <input required value={openPath} onChange={(e) => setOpenPath(e.target.value)} placeholder="/cases/acme.pushtrail" />
          </label>
          <button type="submit" disabled={busy}>
            Open case
          </button>
        </form>
        <form onSubmit={submitCreate} aria-labelledby="create-heading" className="panel">
          <h2 id="create-heading">New case</h2>
          <label>
            Case file
            <input required value={create.path} onChange={(e) => setCreate({ ...create, path: e.target.value })} placeholder="/cases/acme.pushtrail" />
          </label>
          <label>
            Case name
            <input required value={create.name} onChange={(e) => setCreate({ ...create, name: e.target.value })} />
          </label>
          <label>
            Analyst
            <input required value={create.analyst} onChange={(e) => setCreate({ ...create, analyst: e.target.value })} />
          </label>
          <label>
            Display time zone
            <select value={create.displayTimeZone} onChange={(e) => setCreate({ ...create, displayTimeZone: e.target.value })}>
              {COMMON_ZONES.map((z) => (
                <option key={z}>{z}</option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={busy}>
            Create case
          </button>
        </form>
      </div>
    </main>
  );
}
