/**
 * Before a file commits: when it held Entra sign-ins or authentication steps, join the steps
 * in the case to their sign-ins (store/entra-step-link.ts, vendors/entra-step-merge.ts), so
 * the sign-ins CSV and its authentication details CSV may come in either order, in one import
 * or two. The file's summary says how many steps were joined.
 */
import type { ImportFileReport } from '../../../shared/api/jobs.js';
import type { ImportWriter } from '../../store/import-writer.js';
import { mergeSteps } from '../vendors/entra-step-merge.js';

const ENTRA_STEP_FORMATS: ReadonlySet<string> = new Set(['entra-signin', 'entra-auth-details']);

/** Join the steps if the file can bring either side; returns how many were joined, noted on the file. */
export function joinEntraSteps(writer: ImportWriter, entry: ImportFileReport): number {
  if (!entry.kinds.some((k) => k.format !== null && ENTRA_STEP_FORMATS.has(k.format))) return 0;
  const linked = writer.linkEntraSteps(mergeSteps);
  if (linked > 0) {
    const said = `${linked.toLocaleString('en-US')} Entra authentication steps joined to their sign-ins by Request ID`;
    entry.note = entry.note === undefined ? said : `${entry.note}; ${said}`;
  }
  return linked;
}
