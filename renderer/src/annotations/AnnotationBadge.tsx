/**
 * What the analyst marked on one entity, inline wherever it appears: a star, the tags and the
 * note, as text (notes are typed by people but may quote hostile log content).
 */
import type { AnnotationKind } from '../../../shared/model/annotation.js';
import { useAnnotations } from './AnnotationsProvider.js';

export function AnnotationBadge({ kind, target, compact = false }: { kind: AnnotationKind; target: string | undefined; compact?: boolean }) {
  const annotation = useAnnotations().get(kind, target ?? '');
  if (target === undefined || annotation === undefined) return null;
  const { starred, tags, note } = annotation;
  if (!starred && tags.length === 0 && note === '') return null;
  return (
    <span className={`annotation-badge${compact ? ' compact' : ''}`} title={note === '' ? undefined : note}>
      {starred && (
        <span className="annotation-star" role="img" aria-label="Starred">
          ★
        </span>
      )}
      {note !== '' && (
        <span className="annotation-note">
          <span className="visually-hidden">Note: </span>
          {note}
        </span>
      )}
      {tags.map((t) => (
        <span key={t} className="annotation-tag">
          {t}
        </span>
      ))}
    </span>
  );
}
