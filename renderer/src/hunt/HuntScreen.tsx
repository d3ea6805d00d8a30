/**
 * Hunting beyond the case: the case's detections as queries for the client's own SIEM or data
 * lake. Choose targets and SQL dialects, read any generated file (as plain text), and save the
 * pack beside the case, where the custody log records it.
 */
import { useEffect, useState } from 'react';
import type { HuntRequest, SavedHuntPack } from '../../../shared/api/hunt.js';
import { HUNT_TARGETS, type HuntFile, type HuntTarget } from '../../../shared/hunt/pack.js';
import { SQL_DIALECTS, type SqlDialect } from '../../../shared/hunt/sql.js';
import { messageOf, useApi } from '../api.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import './hunt.css';

const TARGET_LABEL: Readonly<Record<HuntTarget, string>> = {
  sigma: 'Sigma rules with correlations',
  spl: 'Splunk SPL',
  kql: 'Microsoft Sentinel / Defender KQL',
  esql: 'Elastic ES|QL',
  sql: 'SQL over OCSF (data lake)',
};

const DIALECT_LABEL: Readonly<Record<SqlDialect, string>> = { duckdb: 'DuckDB', trino: 'Trino / Athena' };

function toggled<T>(list: readonly T[], item: T, on: boolean, order: readonly T[]): T[] {
  return order.filter((x) => (x === item ? on : list.includes(x)));
}

export function HuntScreen() {
  const api = useApi();
  const [targets, setTargets] = useState<HuntTarget[]>([...HUNT_TARGETS]);
  const [dialects, setDialects] = useState<SqlDialect[]>([...SQL_DIALECTS]);
  const [files, setFiles] = useState<HuntFile[]>([]);
  const [chosen, setChosen] = useState<string>('README.md');
  const [saved, setSaved] = useState<SavedHuntPack | null>(null);
  const [error, setError] = useState<string | null>(null);
  const request: HuntRequest | null = targets.length === 0 || (targets.includes('sql') && dialects.length === 0) ? null : { targets, dialects: dialects.length === 0 ? [...SQL_DIALECTS] : dialects };
  const requestKey = JSON.stringify(request);

  useEffect(() => {
    const current = JSON.parse(requestKey) as HuntRequest | null;
    if (current === null) {
      setFiles([]);
      return;
    }
    let live = true;
    api.call('hunt/preview', current).then(
      (p) => {
        if (!live) return;
        setFiles(p.files);
        setError(null);
      },
      (err: unknown) => live && setError(messageOf(err)),
    );
    return () => {
      live = false;
    };
  }, [api, requestKey]);

  const shown = files.find((f) => f.path === chosen) ?? files[0];

  const save = (): void => {
    if (request === null) return;
    setSaved(null);
    api.call('hunt/save', request).then(
      (s) => {
        setSaved(s);
        setError(null);
      },
      (err: unknown) => setError(messageOf(err)),
    );
  };

  return (
    <main className="workspace-main hunt-screen">
      <section aria-labelledby="hunt-choose-heading" className="panel">
        <h2 id="hunt-choose-heading">Hunt in the client's SIEM or data lake</h2>
        <p>
          The detections of this case, with the parameters it was analysed with, as queries for the engine the client already runs. Each file says which rule and
          parameters it comes from and what it cannot see compared to PushTrail.
        </p>
        <fieldset>
          <legend>Targets</legend>
          {HUNT_TARGETS.map((t) => (
            <label key={t} className="inline">
              <input type="checkbox" checked={targets.includes(t)} onChange={(e) => setTargets(toggled(targets, t, e.target.checked, HUNT_TARGETS))} /> {TARGET_LABEL[t]}
            </label>
          ))}
        </fieldset>
        <fieldset disabled={!targets.includes('sql')}>
          <legend>SQL dialects</legend>
          {SQL_DIALECTS.map((d) => (
            <label key={d} className="inline">
              <input type="checkbox" checked={dialects.includes(d)} onChange={(e) => setDialects(toggled(dialects, d, e.target.checked, SQL_DIALECTS))} /> {DIALECT_LABEL[d]}
            </label>
          ))}
        </fieldset>
        <button type="button" onClick={save} disabled={request === null}>
          Save hunt pack
        </button>
        {saved !== null && (
          <p role="status">
            Saved {saved.files.length} files to <code>{saved.out}</code> and recorded them in the custody log.
          </p>
        )}
        {error !== null && <ErrorAlert message={error} />}
      </section>
      <section aria-labelledby="hunt-preview-heading" className="panel hunt-preview">
        <h2 id="hunt-preview-heading">Preview</h2>
        {files.length === 0 ? (
          <p>Choose at least one target.</p>
        ) : (
          <div className="hunt-files">
            <label>
              File ({files.length}){' '}
              <select value={shown?.path ?? ''} onChange={(e) => setChosen(e.target.value)}>
                {files.map((f) => (
                  <option key={f.path} value={f.path}>
                    {f.path}
                  </option>
                ))}
              </select>
            </label>
            <pre aria-label="File content" className="hunt-content">
              {shown?.content ?? ''}
            </pre>
          </div>
        )}
      </section>
    </main>
  );
}
