/**
 * The case report: the analyst's client, reference and narrative (saved in the case), which
 * sections, users and tagged items to print, a preview of the report as it will print, and the
 * export with progress. The desktop app asks where to save; in a browser the file is written
 * beside the case on the machine running PushTrail and then offered as a download.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ReportOutline } from '../../../shared/api/contract.js';
import { EXPORT_FORMATS, PAPERS, REPORT_SECTIONS, SECTION_TITLE, type ExportFormat, type Paper, type ReportFile, type ReportSection, type ReportSelection } from '../../../shared/api/report.js';
import type { AnnotationTarget } from '../../../shared/model/annotation.js';
import { messageOf, useApi } from '../api.js';
import { JobProgressBar } from '../components/JobProgressBar.js';
import { ReportTextForm } from '../components/ReportTextForm.js';
import { useJob } from '../jobs/useJob.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import './report.css';

const FORMAT_LABEL: Readonly<Record<ExportFormat, string>> = {
  pdf: 'PDF report',
  html: 'HTML report (one file)',
  json: 'JSON (findings, users, evidence, method)',
  csv: 'CSV (events)',
  ocsf: 'OCSF Authentication NDJSON (events)',
};

const PREVIEW_DELAY_MS = 250;

const keyOf = (a: AnnotationTarget): string => `${a.kind}:${a.target}`;

/** `visible`: the screen stays mounted while hidden; the preview is refreshed each time it is shown. */
export function ReportScreen({ visible }: { visible: boolean }) {
  const api = useApi();
  const [sections, setSections] = useState<ReportSection[]>([...REPORT_SECTIONS]);
  const [users, setUsers] = useState<string[] | null>(null);
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  const [outline, setOutline] = useState<ReportOutline | null>(null);
  const [format, setFormat] = useState<ExportFormat>('pdf');
  const [paper, setPaper] = useState<Paper>('A4');
  const [error, setError] = useState<string | null>(null);
  const [textVersion, setTextVersion] = useState(0);
  const [download, setDownload] = useState<string | null>(null);
  const { state, start, cancel } = useJob('report');
  // Only a browser needs the file sent to it; the desktop app saved it where the analyst chose.
  const [inBrowser, setInBrowser] = useState(false);
  useEffect(() => {
    api.call('app/info', null).then((i) => setInBrowser(i.transport === 'http'), () => undefined);
  }, [api]);

  const annotations = useMemo(() => outline?.annotations.filter((a) => !excluded.has(keyOf(a))).map((a) => ({ kind: a.kind, target: a.target })), [outline, excluded]);
  // Every outline answer is a new object: the selection stays the same object while the choices
  // are the same, or each answer would ask for the outline (and the preview) again.
  const selectionKey = JSON.stringify({ sections, ...(users === null ? {} : { users }), ...(excluded.size === 0 || annotations === undefined ? {} : { annotations }) });
  const selection = useMemo(() => JSON.parse(selectionKey) as ReportSelection, [selectionKey]);

  const refresh = useCallback(() => {
    if (!visible) return;
    api.call('report/outline', selection).then(
      (o) => {
        setOutline(o);
        setError(null);
      },
      (err: unknown) => setError(messageOf(err)),
    );
  }, [api, selection, visible]);
  useEffect(refresh, [refresh, textVersion]);

  // The report as it will print, re-rendered a moment after the choices settle (ticking several
  // boxes renders once); an answer to an older choice is dropped.
  const [previewPath, setPreviewPath] = useState<string | null>(null);
  useEffect(() => {
    if (!visible) return;
    let current = true;
    const timer = setTimeout(() => {
      api.call('report/preview', { ...selection, paper }).then(
        (p) => current && setPreviewPath(p.path),
        (err: unknown) => current && setError(messageOf(err)),
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, selection, paper, visible, textVersion]);

  const toggle = <T,>(list: readonly T[], item: T, on: boolean): T[] => (on ? [...list, item] : list.filter((x) => x !== item));
  const chosenUsers = users ?? outline?.defaultUsers ?? [];
  const allUsers = useMemo(() => [...new Set([...(outline?.defaultUsers ?? []), ...chosenUsers])], [outline, chosenUsers]);
  const [extraUser, setExtraUser] = useState('');

  const exportNow = (): void => {
    setDownload(null);
    void start(() => api.call('report/start', { ...selection, format, ...(format === 'pdf' ? { paper } : {}) }));
  };
  const fetchFile = (file: ReportFile): void => {
    api.call('report/download', { path: file.path }).then(
      (d) => {
        // The server streams the file as an attachment: the browser saves it, nothing is held here.
        const url = api.pageUrl(d.url);
        setDownload(url);
        const a = document.createElement('a');
        a.href = url;
        a.download = d.name;
        a.click();
      },
      (err: unknown) => setError(messageOf(err)),
    );
  };

  return (
    <main className="workspace-main report-screen">
      <ReportTextForm onSaved={() => setTextVersion((v) => v + 1)} />
      <section aria-labelledby="report-content-heading" className="panel">
        <h2 id="report-content-heading">Contents</h2>
        <fieldset>
          <legend>Sections</legend>
          {REPORT_SECTIONS.map((s) => (
            <label key={s} className="inline">
              <input type="checkbox" checked={sections.includes(s)} onChange={(e) => setSections(REPORT_SECTIONS.filter((x) => x === s ? e.target.checked : sections.includes(x)))} />{' '}
              {SECTION_TITLE[s]}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Users with a section (default: every attacked or compromised user)</legend>
          {allUsers.map((u) => (
            <label key={u} className="inline">
              <input type="checkbox" checked={chosenUsers.includes(u)} onChange={(e) => setUsers(toggle(chosenUsers, u, e.target.checked))} /> {u}
            </label>
          ))}
          <label className="inline">
            Add a user{' '}
            <input value={extraUser} onChange={(e) => setExtraUser(e.target.value)} placeholder="name@example.com" />
          </label>
          <button
            type="button"
            disabled={extraUser.trim() === ''}
            onClick={() => {
              setUsers([...chosenUsers, extraUser.trim().toLowerCase()]);
              setExtraUser('');
            }}
          >
            Add
          </button>{' '}
          <button type="button" disabled={users === null} onClick={() => setUsers(null)}>
            Reset to attacked users
          </button>
        </fieldset>
        {outline !== null && outline.annotations.length > 0 && (
          <fieldset>
            <legend>Tagged items and notes to print</legend>
            {outline.annotations.map((a) => (
              <label key={keyOf(a)} className="inline">
                <input
                  type="checkbox"
                  checked={!excluded.has(keyOf(a))}
                  onChange={(e) => {
                    const next = new Set(excluded);
                    if (e.target.checked) next.delete(keyOf(a));
                    else next.add(keyOf(a));
                    setExcluded(next);
                  }}
                />{' '}
                {a.label}
                {a.tags.length > 0 ? ` [${a.tags.join(', ')}]` : ''}
                {a.note === '' ? '' : `: ${a.note.slice(0, 80)}`}
              </label>
            ))}
          </fieldset>
        )}
      </section>
      <section aria-labelledby="report-preview-heading" className="panel">
        <h2 id="report-preview-heading">Preview</h2>
        <ErrorAlert message={error} />
        {outline !== null && (
          <ol className="report-outline">
            {outline.sections.map((s) => (
              <li key={s.id}>
                <strong>{s.title}</strong> <span className="muted">{s.detail}</span>
              </li>
            ))}
          </ol>
        )}
        {previewPath !== null && (
          // No allow-scripts, no allow-same-origin: the report carries log text, and its page
          // is served with a policy that forbids scripts too (electron/security/csp.ts).
          <iframe className="report-frame" title="Report preview" sandbox="" src={api.pageUrl(previewPath)} />
        )}
      </section>
      <section aria-labelledby="report-export-heading" className="panel">
        <h2 id="report-export-heading">Export</h2>
        <div className="report-export-row">
          <label className="inline">
            Format{' '}
            <select value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
              {EXPORT_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {FORMAT_LABEL[f]}
                </option>
              ))}
            </select>
          </label>
          {format === 'pdf' && (
            <label className="inline">
              Paper{' '}
              <select value={paper} onChange={(e) => setPaper(e.target.value as Paper)}>
                {PAPERS.map((p) => (
                  <option key={p}>{p}</option>
                ))}
              </select>
            </label>
          )}
          {state.phase === 'running' ? (
            <JobProgressBar label="Report progress" progress={state.progress} onCancel={cancel} />
          ) : (
            <button type="button" onClick={exportNow} disabled={format !== 'csv' && format !== 'ocsf' && sections.length === 0}>
              Export
            </button>
          )}
        </div>
        {state.phase === 'done' && (
          <div role="status">
            <p>
              {`Wrote ${state.value.contents}${state.value.pages === undefined ? '' : `, ${state.value.pages} pages`} to ${state.value.path}`}
              <br />
              <span className="muted">{`${state.value.bytes.toLocaleString('en-US')} bytes, SHA-256 ${state.value.sha256}`}</span>
            </p>
            {inBrowser && (
              <button type="button" onClick={() => fetchFile(state.value)}>
                Download {state.value.downloadName}
              </button>
            )}{' '}
            {download !== null && (
              <a href={download} download={state.value.downloadName}>
                Save again
              </a>
            )}
          </div>
        )}
        {state.phase === 'failed' && <ErrorAlert message={state.message} />}
      </section>
    </main>
  );
}
