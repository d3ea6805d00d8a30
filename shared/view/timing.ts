/**
 * Names of the User Timing entries (performance.mark / measure) the workbench records, so the
 * draw benchmark and a person in the browser's performance panel read the same figures.
 */
export const TIMING = {
  /** Mark: the sequence view asked for a user's events. */
  sequenceRequested: 'pushtrail:sequence-requested',
  /** Mark: the events and findings arrived and were parsed. */
  sequenceLoaded: 'pushtrail:sequence-loaded',
  /** Measure: the canvas drawing of a sequence's first frame; detail `{ events, marks }`. */
  timelineFirstDraw: 'pushtrail:timeline-first-draw',
} as const;
