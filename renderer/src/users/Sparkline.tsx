/**
 * A tiny area chart of one user's prompt volume over the span the overview draws. Each line is
 * scaled to its own peak (a shared scale would need every user's counts, the table loads only
 * the rows on screen), so the peak is written beside it: rows compare by that number.
 */
import { area, max, scaleLinear } from 'd3';
import { formatDuration } from '../../../shared/view/time-axis.js';

const WIDTH = 96;
const HEIGHT = 22;

export function Sparkline({ counts, binMs }: { counts: readonly number[] | null | undefined; binMs: number | undefined }) {
  if (counts === undefined) return <span className="sparkline-pending" aria-hidden="true" />;
  if (counts === null) return <span className="muted">no prompts</span>;
  const peak = max(counts) ?? 0;
  const total = counts.reduce((a, b) => a + b, 0);
  const x = scaleLinear().domain([0, Math.max(1, counts.length - 1)]).range([1, WIDTH - 1]);
  const y = scaleLinear().domain([0, Math.max(1, peak)]).range([HEIGHT - 1, 2]);
  const d = area<number>()
    .x((_, i) => x(i))
    .y0(HEIGHT - 1)
    .y1((n) => y(n))(counts);
  const per = binMs === undefined ? 'one period' : formatDuration(binMs);
  const label = `${total.toLocaleString('en-US')} prompt events over time, at most ${peak.toLocaleString('en-US')} in ${per}`;
  return (
    <span className="sparkline-box" title={`${label}; the line is scaled to that peak`}>
      <svg className="sparkline" width={WIDTH} height={HEIGHT} role="img" aria-label={label}>
        <path d={d ?? ''} />
      </svg>
      <span className="sparkline-peak" aria-hidden="true">
        {peak.toLocaleString('en-US')}
      </span>
    </span>
  );
}
