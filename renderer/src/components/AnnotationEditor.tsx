/** Star, tag and note one or more targets (an event, a user, an IP); saved in the case and its custody log. */
import { useEffect, useState, type FormEvent } from 'react';
import type { AnnotationTarget } from '../../../shared/model/annotation.js';
import { messageOf, useApi } from '../api.js';
import { useAnnotations } from '../annotations/AnnotationsProvider.js';

export function AnnotationEditor({ targets, label }: { targets: AnnotationTarget[]; label: string }) {
  const api = useApi();
  const annotations = useAnnotations();
  const [starred, setStarred] = useState(false);
  const [tags, setTags] = useState('');
  const [note, setNote] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const key = targets.map((t) => `${t.kind}:${t.target}`).join('|');

  const loaded = annotations.version > 0;
  // The form shows what is saved when the target changes (or the case's annotations first
  // arrive), not on every save elsewhere, which would overwrite what is being typed.
  useEffect(() => {
    setStatus(null);
    const only = targets.length === 1 ? targets[0] : undefined;
    const found = only === undefined ? undefined : annotations.get(only.kind, only.target);
    setStarred(found?.starred ?? false);
    setTags(found?.tags.join(', ') ?? '');
    setNote(found?.note ?? '');
    // `key` stands for the targets' identity, so a new array of the same targets does not reload.
  }, [key, loaded]);

  const save = (e: FormEvent): void => {
    e.preventDefault();
    const patch = { starred, tags: tags.split(',').map((t) => t.trim()).filter((t) => t !== ''), note };
    api.call('annotations/set', { targets, patch }).then(
      () => setStatus(`Saved for ${targets.length === 1 ? label : `${targets.length} items`}.`),
      (err: unknown) => setStatus(messageOf(err)),
    );
  };

  return (
    <form onSubmit={save} aria-label={`Annotate ${label}`} className="panel annotate">
      <h2>Annotate {label}</h2>
      <label className="inline">
        <input type="checkbox" checked={starred} onChange={(e) => setStarred(e.target.checked)} /> Starred
      </label>
      <label>
        Tags (comma separated)
        <input value={tags} onChange={(e) => setTags(e.target.value)} />
      </label>
      <label>
        Note
        <textarea rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <button type="submit">Save annotation</button> {status !== null && <span role="status">{status}</span>}
    </form>
  );
}
