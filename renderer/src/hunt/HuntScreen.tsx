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

/** The pack a request would write, refreshed whenever the choice changes; [] when nothing is chosen. */
function useHuntPreview(request: HuntRequest | null): { files: HuntFile[]; error: string | null } {
  const api = useApi();
  const [files, setFiles] = useState<HuntFile[]>([]);
  const [error, setError] = useState<string | null>(null);
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
  return { files, error };
}

function Choices<T extends string>(props: { legend: string; all: readonly T[]; chosen: readonly T[]; label: Readonly<Record<T, string>>; onChange: (next: T[]) => void; disabled?: boolean }) {
  const { legend, all, chosen, label, onChange } = props;
  return (
    <fieldset disabled={props.disabled === true}>
      <legend>{legend}</legend>
      {all.map((item) => (
        <label key={item} className="inline">
          <input type="checkbox" checked={chosen.includes(item)} onChange={(e) => onChange(toggled(chosen, item, e.target.checked, all))} /> {label[item]}
        </label>
      ))}
    </fieldset>
  );
}

/** Every generated file, one shown at a time as plain text. */
function HuntPreview({ files }: { files: readonly HuntFile[] }) {
  const [chosen, setChosen] = useState<string>('README.md');
  const shown = files.find((f) => f.path === chosen) ?? files[0];
  return (
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
  );
}

export function HuntScreen() {
  const api = useApi();
  const [targets, setTargets] = useState<HuntTarget[]>([...HUNT_TARGETS]);
  const [dialects, setDialects] = useState<SqlDialect[]>([...SQL_DIALECTS]);
  const [saved, setSaved] = useState<SavedHuntPack | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const request: HuntRequest | null = targets.length === 0 || (targets.includes('sql') && dialects.length === 0) ? null : { targets, dialects: dialects.length === 0 ? [...SQL_DIALECTS] : dialects };
  const preview = useHuntPreview(request);
  const error = saveError ?? preview.error;

  const save = (): void => {
    if (request === null) return;
    setSaved(null);
    api.call('hunt/save', request).then(
      (s) => {
        setSaved(s);
        setSaveError(null);
      },
      (err: unknown) => setSaveError(messageOf(err)),
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
        <Choices legend="Targets" all={HUNT_TARGETS} chosen={targets} label={TARGET_LABEL} onChange={setTargets} />
        <Choices legend="SQL dialects" all={SQL_DIALECTS} chosen={dialects} label={DIALECT_LABEL} onChange={setDialects} disabled={!targets.includes('sql')} />
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
      <HuntPreview files={preview.files} />
    </main>
  );
}
