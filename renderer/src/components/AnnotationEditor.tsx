/** Star, tag and note one or more targets (an event, a user, an IP); saved in the case and its custody log. */
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { Annotation, AnnotationTarget } from '../../../shared/model/annotation.js';
import { messageOf, useApi } from '../api.js';
import { useAnnotations } from '../annotations/AnnotationsProvider.js';

interface FormState {
  starred: boolean;
  tags: string;
  note: string;
}

const EMPTY: FormState = { starred: false, tags: '', note: '' };

function formOf(a: Annotation | undefined): FormState {
  return a === undefined ? EMPTY : { starred: a.starred, tags: a.tags.join(', '), note: a.note };
}

const same = (a: FormState, b: FormState): boolean => a.starred === b.starred && a.tags === b.tags && a.note === b.note;

/** A user or address as a heading: lines may break after its @, dots and colons, never inside a name part. */
function breakable(text: string): ReactNode[] {
  return text.split(/(?<=[@.:])/).flatMap((part, i) => (i === 0 ? [part] : [<wbr key={i} />, part]));
}

export function AnnotationEditor({ targets, label }: { targets: AnnotationTarget[]; label: string }) {
  const api = useApi();
  const annotations = useAnnotations();
  const [form, setForm] = useState<FormState>(EMPTY);
  /** What the form was loaded from: an edit is whatever differs from it. */
  const [base, setBase] = useState<FormState>(EMPTY);
  /** The item was changed elsewhere (a bulk action, another window) while this form held edits. */
  const [conflict, setConflict] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const key = targets.map((t) => `${t.kind}:${t.target}`).join('|');
  const only = targets.length === 1 ? targets[0] : undefined;
  const saved = formOf(only === undefined ? undefined : annotations.get(only.kind, only.target));

  // A new target loads what is saved for it.
  useEffect(() => {
    setStatus(null);
    setConflict(false);
    setForm(saved);
    setBase(saved);
    // `key` stands for the targets' identity, so a new array of the same targets does not reload.
  }, [key]);
  // A change saved elsewhere refreshes an untouched form; a form with edits is told, never
  // overwritten, and saving it then says that it replaces the other change.
  useEffect(() => {
    if (same(saved, base)) return;
    // Our own save coming back, or the form already shows what was saved.
    if (same(saved, form) || same(form, base)) {
      setForm(saved);
      setConflict(false);
    } else {
      setConflict(true);
    }
    setBase(saved);
  }, [annotations.version]);

  const save = (e: FormEvent): void => {
    e.preventDefault();
    const patch = { starred: form.starred, tags: form.tags.split(',').map((t) => t.trim()).filter((t) => t !== ''), note: form.note };
    api.call('annotations/set', { targets, patch }).then(
      () => {
        setConflict(false);
        setStatus(`Saved for ${targets.length === 1 ? label : `${targets.length} items`}.`);
      },
      (err: unknown) => setStatus(messageOf(err)),
    );
  };
  const loadSaved = (): void => {
    setForm(base);
    setConflict(false);
  };

  return (
    <form onSubmit={save} aria-label={`Annotate ${label}`} className="panel annotate">
      <h2>Annotate {breakable(label)}</h2>
      {conflict && (
        <p role="alert" className="annotate-conflict">
          Changed elsewhere since you started editing.{' '}
          <button type="button" className="link" onClick={loadSaved}>
            Show the saved annotation
          </button>{' '}
          or save to replace it.
        </p>
      )}
      <label className="inline">
        <input type="checkbox" checked={form.starred} onChange={(e) => setForm({ ...form, starred: e.target.checked })} /> Starred
      </label>
      <label>
        Tags (comma separated)
        <input value={form.tags} onChange={(e) => setForm({ ...form, tags: e.target.value })} />
      </label>
      <label>
        Note
        <textarea rows={3} value={form.note} onChange={(e) => setForm({ ...form, note: e.target.value })} />
      </label>
      <button type="submit">{conflict ? 'Save and replace' : 'Save annotation'}</button> {status !== null && <span role="status">{status}</span>}
    </form>
  );
}
