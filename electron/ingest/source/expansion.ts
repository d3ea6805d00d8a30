/**
 * What one evidence file may expand to when the archives and gzip layers inside it are opened
 * (shared/api/jobs.ts ExpansionLimits): every byte read out of an archive member or inflated
 * out of a gzip layer counts against the evidence file it came from, and a member is refused
 * before it is read when the size its archive declares for it does not fit (yauzl stops a
 * member that inflates past its declared size, so the declaration is a bound). A nested-zip
 * bomb, whose members declare gigabytes, is so refused member by member without inflating
 * them; a gzip bomb stops at the first byte over. Refused members are named in the import
 * report; members that fit still import.
 */
import { PushTrailError } from '../../../shared/api/errors.js';
import type { ExpansionLimits } from '../../../shared/api/jobs.js';

/** Stored bytes below which the ratio is not checked (tiny files compress oddly). */
export const RATIO_FLOOR_BYTES = 64 * 1024;

function bytesText(n: number): string {
  return `${n.toLocaleString('en-US')} bytes`;
}

export class ExpansionBudget {
  private expanded = 0;

  /** `storedBytes`: the evidence file's own size, as the analyst gave it. */
  constructor(
    private readonly storedBytes: number,
    readonly limits: ExpansionLimits,
  ) {}

  private get ratioCap(): number {
    return Math.max(this.storedBytes, RATIO_FLOOR_BYTES) * this.limits.maxRatio;
  }

  private limitError(wanted: number): PushTrailError {
    const byRatio = this.ratioCap < this.limits.maxExpandedBytes;
    const why = byRatio
      ? `more than ${this.limits.maxRatio.toLocaleString('en-US')} times the ${bytesText(this.storedBytes)} of the evidence file (a decompression bomb?); --max-ratio raises the limit`
      : `more than ${bytesText(this.limits.maxExpandedBytes)} expanded from one evidence file; --max-expanded raises the limit`;
    return new PushTrailError('bad_input', `not read: it would expand the evidence file to ${bytesText(wanted)}, ${why}`, { limit: byRatio ? 'ratio' : 'expanded' });
  }

  private get cap(): number {
    return Math.min(this.limits.maxExpandedBytes, this.ratioCap);
  }

  /** Refuses a member whose declared size does not fit in what is left. */
  admit(declaredBytes: number): void {
    if (this.expanded + declaredBytes > this.cap) throw this.limitError(this.expanded + declaredBytes);
  }

  /** Counts bytes read out of a member or a gzip layer; throws past the limit. */
  count(n: number): void {
    this.expanded += n;
    if (this.expanded > this.cap) throw this.limitError(this.expanded);
  }

  /** Refuses a container (archive or gzip layer) `depth` deep, the evidence file being 1. */
  enter(depth: number, what: 'archive' | 'gzip'): void {
    if (depth <= this.limits.maxNesting) return;
    throw new PushTrailError(
      'bad_input',
      `not opened: a ${what === 'archive' ? 'zip archive' : 'gzip layer'} ${depth} containers deep, more than ${this.limits.maxNesting} (a decompression bomb?); extract it and import that, or raise --max-nesting`,
      { limit: 'nesting' },
    );
  }

  /**
   * The same budget for reading bytes again that were counted once already (a file read a
   * second time for its dates): the second reading is held to the limits but not counted twice.
   */
  rereading(): ExpansionBudget {
    return new ExpansionBudget(this.storedBytes, this.limits);
  }
}
