/** A pick of events, findings or users to annotate in one action. */
import type { AnnotationTarget } from '../../../shared/model/annotation.js';

export interface Selection {
  has: (target: AnnotationTarget) => boolean;
  /** Add (on) or remove every target. */
  set: (targets: readonly AnnotationTarget[], on: boolean) => void;
}

export const selectionKey = (t: AnnotationTarget): string => `${t.kind}\u0000${t.target}`;
