/** The case's chain-of-custody log as a table; details are shown as text, never markup. */
import type { CustodyEntry } from '../../../shared/model/case.js';
import { formatTime } from '../../../shared/format/time.js';

export function CustodyLog({ entries, zone }: { entries: CustodyEntry[]; zone: string }) {
  return (
    <section aria-labelledby="custody-heading" className="panel">
      <h2 id="custody-heading">Chain of custody</h2>
      <table className="custody">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Action</th>
            <th scope="col">Detail</th>
            <th scope="col">Tool</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.seq}>
              <td>{e.seq}</td>
              <td className="nowrap">{formatTime(e.at, zone)}</td>
              <td>{e.actor}</td>
              <td>{e.action}</td>
              <td className="detail">{JSON.stringify(e.detail)}</td>
              <td className="nowrap">PushTrail {e.toolVersion}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
