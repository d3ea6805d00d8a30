/**
 * The kinds of record found in one imported file, with their counts: a file may mix kinds (an
 * Azure Monitor export of several categories, a Duo log-sync file), each read by its own
 * parser, and records of kinds without authentication meaning are skipped, not rejected.
 */
import type { ImportRecordKind } from '../../../shared/api/jobs.js';
import { count } from '../../../shared/format/count.js';

function counts(k: ImportRecordKind): string {
  const parts = [count(k.records, 'record')];
  if (k.format !== null) parts.push(count(k.events, 'event'));
  if (k.skipped > 0) parts.push(`${k.skipped.toLocaleString('en-US')} skipped, not authentication`);
  if (k.rejected > 0) parts.push(`${k.rejected.toLocaleString('en-US')} rejected`);
  return parts.join(', ');
}

export function RecordKinds({ kinds }: { kinds: readonly ImportRecordKind[] }) {
  if (kinds.length === 0) return <>—</>;
  return (
    <ul className="record-kinds">
      {kinds.map((k) => (
        <li key={k.kind}>
          {k.kind}
          {k.format === null ? '' : ` [${k.format}]`}: {counts(k)}
        </li>
      ))}
    </ul>
  );
}
