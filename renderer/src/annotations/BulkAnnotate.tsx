/**
 * One action for a whole selection: star or unstar, add tags (each keeps its own), set a note.
 * Fields left alone change nothing, so tagging fifty events never wipes their notes.
 */
import { useId, useState, type FormEvent } from 'react';
import type { AnnotationPatch, AnnotationTarget } from '../../../shared/model/annotation.js';
import { messageOf, useApi } from '../api.js';

type Star = 'keep' | 'star' | 'unstar';

export function BulkAnnotate({ targets, label, onClear }: { targets: readonly AnnotationTarget[]; label: string; onClear: () => void }) {
  const api = useApi();
  const ids = useId();
  const [star, setStar] = useState<Star>('keep');
  const [tags, setTags] = useState('');
  const [note, setNote] = useState('');
  const [status, setStatus] = useState<string | null>(null);

  const apply = (e: FormEvent): void => {
    e.preventDefault();
    const addTags = tags.split(',').map((t) => t.trim()).filter((t) => t !== '');
    const patch: AnnotationPatch = {
      ...(star === 'keep' ? {} : { starred: star === 'star' }),
      ...(addTags.length === 0 ? {} : { addTags }),
      ...(note.trim() === '' ? {} : { note }),
    };
    if (Object.keys(patch).length === 0) {
      setStatus('Nothing to apply: choose a star, tags or a note.');
      return;
    }
    api.call('annotations/set', { targets: [...targets], patch }).then(
      (saved) => {
        setStatus(`Applied to ${saved.length.toLocaleString('en-US')} ${saved.length === 1 ? 'item' : 'items'}.`);
        setTags('');
        setNote('');
        setStar('keep');
      },
      (err: unknown) => setStatus(messageOf(err)),
    );
  };

  return (
    <form onSubmit={apply} aria-label={`Annotate ${label}`} className="panel bulk-annotate">
      <h2>
        {label} selected{' '}
        <button type="button" className="secondary" onClick={onClear}>
          Clear selection
        </button>
      </h2>
      <div className="bulk-fields">
        <label htmlFor={`${ids}-star`}>Star</label>
        <select id={`${ids}-star`} value={star} onChange={(e) => setStar(e.target.value === 'star' ? 'star' : e.target.value === 'unstar' ? 'unstar' : 'keep')}>
          <option value="keep">leave as is</option>
          <option value="star">star all</option>
          <option value="unstar">unstar all</option>
        </select>
        <label htmlFor={`${ids}-tags`}>Add tags (comma separated)</label>
        <input id={`${ids}-tags`} value={tags} onChange={(e) => setTags(e.target.value)} />
        <label htmlFor={`${ids}-note`}>Note for all (replaces theirs)</label>
        <textarea id={`${ids}-note`} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <button type="submit">Apply to {label}</button> {status !== null && <span role="status">{status}</span>}
    </form>
  );
}
