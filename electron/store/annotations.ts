/** Stars, tags and notes (the `annotations` table of migration 1). */
import type { Database } from 'better-sqlite3';
import type { Annotation, AnnotationKind, AnnotationPatch, AnnotationTarget } from '../../shared/model/annotation.js';

interface AnnotationRow {
  target_kind: string;
  target: string;
  starred: number;
  tags: string;
  note: string;
  analyst: string;
  created_at: number;
  updated_at: number;
}

function toAnnotation(r: AnnotationRow): Annotation {
  return {
    kind: r.target_kind as AnnotationKind,
    target: r.target,
    starred: r.starred === 1,
    tags: JSON.parse(r.tags) as string[],
    note: r.note,
    analyst: r.analyst,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Apply one patch to every target (bulk tagging); call inside the change's transaction. */
export function applyAnnotation(db: Database, targets: readonly AnnotationTarget[], patch: AnnotationPatch, analyst: string): Annotation[] {
  const now = Date.now();
  const read = db.prepare('SELECT * FROM annotations WHERE target_kind = ? AND target = ?');
  const write = db.prepare(
    `INSERT INTO annotations (target_kind, target, starred, tags, note, analyst, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (target_kind, target) DO UPDATE SET starred = excluded.starred, tags = excluded.tags,
       note = excluded.note, analyst = excluded.analyst, updated_at = excluded.updated_at`,
  );
  return targets.map((t) => {
    const before = read.get(t.kind, t.target) as AnnotationRow | undefined;
    const current = before === undefined ? { starred: false, tags: [], note: '' } : toAnnotation(before);
    const starred = patch.starred ?? current.starred;
    const tags = [...new Set([...(patch.tags ?? current.tags), ...(patch.addTags ?? [])])];
    const note = patch.note ?? current.note;
    write.run(t.kind, t.target, starred ? 1 : 0, JSON.stringify(tags), note, analyst, before?.created_at ?? now, now);
    return toAnnotation(read.get(t.kind, t.target) as AnnotationRow);
  });
}

export function listAnnotations(db: Database, kind?: AnnotationKind): Annotation[] {
  const rows = (
    kind === undefined
      ? db.prepare('SELECT * FROM annotations ORDER BY target_kind, target').all()
      : db.prepare('SELECT * FROM annotations WHERE target_kind = ? ORDER BY target').all(kind)
  ) as AnnotationRow[];
  return rows.map(toAnnotation);
}
