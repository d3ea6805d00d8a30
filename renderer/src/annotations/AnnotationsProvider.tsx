/**
 * The case's stars, tags and notes, loaded once and again whenever the case changes (every save
 * announces one), so a note on a user, an address or a device shows wherever that entity
 * appears without anyone opening the editor.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Annotation, AnnotationKind } from '../../../shared/model/annotation.js';
import { useApi } from '../api.js';

export interface Annotations {
  get(kind: AnnotationKind, target: string): Annotation | undefined;
  /** Changes whenever the annotations do: a dependency for memos that read them. */
  version: number;
}

const NONE: Annotations = { get: () => undefined, version: 0 };
const AnnotationsContext = createContext<Annotations>(NONE);

const keyOf = (kind: AnnotationKind, target: string): string => `${kind}\u0000${target}`;

export function AnnotationsProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const [state, setState] = useState<{ byKey: ReadonlyMap<string, Annotation>; version: number }>({ byKey: new Map(), version: 0 });
  const load = useCallback(() => {
    api.call('annotations/list', {}).then(
      (all) => setState((s) => ({ byKey: new Map(all.map((a) => [keyOf(a.kind, a.target), a])), version: s.version + 1 })),
      // Notes are an aid beside the evidence: when they cannot be read the screens still work.
      () => undefined,
    );
  }, [api]);
  useEffect(() => {
    load();
    return api.on('case/changed', load);
  }, [api, load]);
  const value = useMemo<Annotations>(() => ({ get: (kind, target) => state.byKey.get(keyOf(kind, target)), version: state.version }), [state]);
  return <AnnotationsContext.Provider value={value}>{children}</AnnotationsContext.Provider>;
}

export function useAnnotations(): Annotations {
  return useContext(AnnotationsContext);
}
