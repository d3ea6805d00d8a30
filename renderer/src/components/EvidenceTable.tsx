/** The evidence files of the case with their formats, counts and hashes. */
import type { EvidenceFile } from '../../../shared/model/case.js';
import { useId } from 'react';
import { formatTime } from '../../../shared/format/time.js';

export function EvidenceTable({ files, zone }: { files: EvidenceFile[]; zone: string }) {
  // Shown on both the overview and the import screen: each heading needs its own id.
  const heading = useId();
  return (
    <section aria-labelledby={heading} className="panel">
      <h2 id={heading}>Evidence</h2>
      {files.length === 0 ? (
        <p className="muted">No evidence imported yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Format</th>
              <th scope="col">Events</th>
              <th scope="col">Duplicates</th>
              <th scope="col">Rejected</th>
              <th scope="col">Size</th>
              <th scope="col">SHA-256</th>
              <th scope="col">Imported</th>
            </tr>
          </thead>
          <tbody>
            {files.map((f) => (
              <tr key={f.id}>
                <td className="detail">{f.path}</td>
                <td>{f.format ?? '—'}</td>
                <td>{f.events.toLocaleString('en-US')}</td>
                <td>{f.duplicates.toLocaleString('en-US')}</td>
                <td>{f.rejected.toLocaleString('en-US')}</td>
                <td className="nowrap">{f.size.toLocaleString('en-US')} B</td>
                <td className="detail hash">{f.sha256}</td>
                <td className="nowrap">{formatTime(f.importedAt, zone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
