/** The analyst's own marks on the evidence: stars, tags and notes on events, findings, users and entities. */

export const ANNOTATION_KINDS = ['event', 'finding', 'user', 'entity'] as const;
export type AnnotationKind = (typeof ANNOTATION_KINDS)[number];

export interface AnnotationTarget {
  kind: AnnotationKind;
  /** Event id (as text), finding id, user name, or an entity such as an IP address or device name. */
  target: string;
}

export interface Annotation extends AnnotationTarget {
  starred: boolean;
  tags: string[];
  note: string;
  analyst: string;
  /** UTC milliseconds. */
  createdAt: number;
  updatedAt: number;
}

/** What one save changes; fields left out keep their value. */
export interface AnnotationPatch {
  starred?: boolean;
  /** Replaces the tags. */
  tags?: string[];
  /** Added to the tags each target already has (bulk tagging keeps what was there). */
  addTags?: string[];
  note?: string;
}
