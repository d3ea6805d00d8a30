/**
 * Where evidence comes from on the import screen besides typed paths: files or folders
 * dropped on the zone, or chosen with the file dialog. Each becomes a path to import (see
 * transport/evidence-files.ts: in web mode the bytes are first copied beside the case).
 */
import { useEffect, useRef, useState, type DragEvent, type ReactNode } from 'react';
import { count } from '../../../shared/format/count.js';
import { messageOf, useApi } from '../api.js';
import { givenFiles, type GivenFile } from '../transport/evidence-files.js';
import { ErrorAlert } from './ErrorAlert.js';

interface Sending {
  files: number;
  bytes: number;
  done: number;
}

const MiB = 1024 * 1024;

export function EvidencePicker({ onPaths, children }: { onPaths: (paths: string[]) => void; children: ReactNode }) {
  const api = useApi();
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [sending, setSending] = useState<Sending | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    // Not a React prop: the attribute that makes a file input choose a whole folder.
    folderInput.current?.setAttribute('webkitdirectory', '');
  }, []);

  const take = async (files: GivenFile[]): Promise<void> => {
    if (files.length === 0) return;
    setError(null);
    const bytes = files.reduce((n, f) => n + f.file.size, 0);
    setSending({ files: files.length, bytes, done: 0 });
    try {
      onPaths(await api.files.pathsOf(files, (done) => setSending({ files: files.length, bytes, done })));
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setSending(null);
    }
  };

  const drop = (e: DragEvent): void => {
    e.preventDefault();
    setOver(false);
    // The drop's data is readable only during the event: list its files before awaiting anything.
    void api.files
      .dropped(e.dataTransfer)
      .then(take)
      .catch((err: unknown) => setError(messageOf(err)));
  };

  const chosen = (input: HTMLInputElement | null): void => {
    const files = givenFiles([...(input?.files ?? [])]);
    if (input !== null) input.value = '';
    void take(files);
  };

  return (
    <div
      role="region"
      aria-label="Evidence to import"
      className={over ? 'drop-zone over' : 'drop-zone'}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      {children}
      <div className="row">
        <span className="muted">Drop files or folders here, or</span>
        <button type="button" disabled={sending !== null} onClick={() => filesInput.current?.click()}>
          Choose files…
        </button>
        <button type="button" disabled={sending !== null} onClick={() => folderInput.current?.click()}>
          Choose a folder…
        </button>
        <input ref={filesInput} type="file" multiple hidden aria-label="Evidence files" onChange={(e) => chosen(e.currentTarget)} />
        <input ref={folderInput} type="file" hidden aria-label="Evidence folder" onChange={(e) => chosen(e.currentTarget)} />
      </div>
      {sending !== null && (
        <div className="job-progress">
          <progress aria-label="Copying evidence" max={sending.bytes || 1} value={sending.done} />
          <span className="muted">
            {' '}
            {`${count(sending.files, 'file')}, ${(sending.done / MiB).toFixed(1)} of ${(sending.bytes / MiB).toFixed(1)} MiB`}
          </span>
        </div>
      )}
      <ErrorAlert message={error} />
    </div>
  );
}
