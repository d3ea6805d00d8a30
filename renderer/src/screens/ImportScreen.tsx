/** Import evidence: paths (files, folders, .zip, .gz), live per-file progress, the per-file summary. */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { EvidenceFile } from '../../../shared/model/case.js';
import { IMPORT_FORMATS, type DateOrder, type ImportFormat } from '../../../shared/api/jobs.js';
import { count, sharedIdText } from '../../../shared/format/count.js';
import { COMMON_ZONES } from '../../../shared/format/time.js';
import { messageOf, useApi } from '../api.js';
import { JobProgressBar } from '../components/JobProgressBar.js';
import { useJob } from '../jobs/useJob.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { EvidencePicker } from '../components/EvidencePicker.js';
import { EvidenceTable } from '../components/EvidenceTable.js';
import { RecordKinds } from '../components/RecordKinds.js';

export function ImportScreen({ zone }: { zone: string }) {
  const api = useApi();
  const [paths, setPaths] = useState('');
  const [format, setFormat] = useState<ImportFormat | ''>('');
  const [year, setYear] = useState('');
  const [timeZone, setTimeZone] = useState('');
  const [dateOrder, setDateOrder] = useState<DateOrder | ''>('');
  const [evidence, setEvidence] = useState<EvidenceFile[]>([]);
  const [listError, setListError] = useState<string | null>(null);
  const list = useCallback(() => {
    api.call('case/evidence', null).then(
      (files) => {
        setEvidence(files);
        setListError(null);
      },
      (err: unknown) => setListError(messageOf(err)),
    );
  }, [api]);
  // The list as the screen opens, and again once each import has ended (whole files are kept even when one fails).
  useEffect(list, [list]);
  const { state, start, cancel } = useJob('import', list);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const given = paths.split('\n').map((p) => p.trim()).filter((p) => p !== '');
    void start(() =>
      api.call('import/start', {
        paths: given,
        ...(format === '' ? {} : { format }),
        ...(year.trim() === '' ? {} : { year: Number(year) }),
        ...(timeZone.trim() === '' ? {} : { timeZone: timeZone.trim() }),
        ...(dateOrder === '' ? {} : { dateOrder }),
      }),
    );
  };

  return (
    <main className="workspace-main">
      <form onSubmit={submit} aria-labelledby="import-heading" className="panel">
        <h2 id="import-heading">Import evidence</h2>
        <EvidencePicker onPaths={(added) => setPaths((now) => [...now.split('\n').filter((p) => p.trim() !== ''), ...added].join('\n'))}>
          <label>
            Paths (one per line: files, folders, .zip or .gz archives)
            <textarea required rows={4} value={paths} onChange={(e) => setPaths(e.target.value)} placeholder="/evidence/acme-okta-export.zip" />
          </label>
        </EvidencePicker>
        <div className="row">
          <label>
            Format
            <select value={format} onChange={(e) => setFormat(e.target.value as ImportFormat | '')}>
              <option value="">Detect from content</option>
              {IMPORT_FORMATS.map((f) => (
                <option key={f}>{f}</option>
              ))}
            </select>
          </label>
          <label>
            Year for syslog lines without one
            <input inputMode="numeric" pattern="[0-9]{4}" value={year} onChange={(e) => setYear(e.target.value)} placeholder="file's year" />
          </label>
          <label>
            Zone of times without one (IANA)
            <input list="import-zones" value={timeZone} onChange={(e) => setTimeZone(e.target.value)} placeholder="UTC" />
            <datalist id="import-zones">
              {COMMON_ZONES.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
          </label>
          <label>
            Day/month order of dates like 3/4/2025
            <select value={dateOrder} onChange={(e) => setDateOrder(e.target.value as DateOrder | '')}>
              <option value="">From the file (a day over 12)</option>
              <option value="dmy">Day first (dmy)</option>
              <option value="mdy">Month first (mdy)</option>
            </select>
          </label>
        </div>
        {state.phase === 'running' ? (
          <JobProgressBar label="Import progress" progress={state.progress} onCancel={cancel} />
        ) : (
          <button type="submit">Import</button>
        )}
      </form>
      {state.phase === 'failed' && <ErrorAlert message={state.message} />}
      {state.phase === 'done' && (
        <section aria-labelledby="import-result-heading" className="panel">
          <h2 id="import-result-heading">Import summary</h2>
          <p role="status">
            {`${count(state.value.totals.files, 'file')}: ${count(state.value.totals.events, 'event')} added, ` +
              `${count(state.value.totals.duplicates, 'duplicate')}, ${count(state.value.totals.rejected, 'record')} rejected, ` +
              `${count(state.value.totals.skipped, 'record')} skipped (not authentication), ` +
              `${count(state.value.totals.notImported, 'file')} not imported.` +
              (state.value.totals.vendorIdClashes > 0 ? ` ${sharedIdText(state.value.totals.vendorIdClashes)}` : '')}
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Status</th>
                <th scope="col">Format</th>
                <th scope="col">Events</th>
                <th scope="col">Duplicates</th>
                <th scope="col">Rejected</th>
                <th scope="col">Skipped</th>
                <th scope="col">Record kinds</th>
                <th scope="col">Problems</th>
              </tr>
            </thead>
            <tbody>
              {state.value.files.map((f) => (
                <tr key={`${f.archive ?? ''}>${f.path}`}>
                  <td className="detail">{f.archive === undefined ? f.path : `${f.archive} › ${f.path}`}</td>
                  <td>{f.status}</td>
                  <td>{f.format ?? '—'}</td>
                  <td>{f.events.toLocaleString('en-US')}</td>
                  <td>{f.duplicates.toLocaleString('en-US')}</td>
                  <td>{f.rejected.toLocaleString('en-US')}</td>
                  <td title="records of known kinds that carry no authentication meaning">{f.skipped.toLocaleString('en-US')}</td>
                  <td className="detail">
                    <RecordKinds kinds={f.kinds} />
                  </td>
                  <td className="detail">
                    {[f.reason, f.note, f.vendorIdClashes > 0 ? sharedIdText(f.vendorIdClashes) : undefined, ...f.errors.slice(0, 5).map((e) => `line ${e.line ?? '?'}: ${e.message}`)].filter(Boolean).join('\n')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <ErrorAlert message={listError} />
      <EvidenceTable files={evidence} zone={zone} />
    </main>
  );
}
