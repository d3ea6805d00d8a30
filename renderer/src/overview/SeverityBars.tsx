/** Findings by severity, most severe first; the severity is written out, colour only repeats it. */
import { scaleLinear } from 'd3';
import type { Severity } from '../../../shared/model/case.js';

const ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export function SeverityBars({ counts }: { counts: Record<Severity, number> }) {
  const peak = Math.max(1, ...ORDER.map((s) => counts[s]));
  const width = scaleLinear().domain([0, peak]).range([0, 100]);
  return (
    <table className="severity-bars">
      <caption className="visually-hidden">Findings by severity</caption>
      <thead className="visually-hidden">
        <tr>
          <th scope="col">Severity</th>
          <th scope="col">Findings</th>
        </tr>
      </thead>
      <tbody>
        {ORDER.map((s) => (
          <tr key={s}>
            <th scope="row">
              <span className={`seq-severity seq-severity-${s}`}>{s}</span>
            </th>
            <td>
              <span className="severity-bar">
                <span className={`severity-fill seq-severity-${s}`} style={{ width: `${width(counts[s])}%` }} />
              </span>
              <span className="severity-count">{counts[s].toLocaleString('en-US')}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
