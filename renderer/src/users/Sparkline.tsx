/** A tiny area chart of one user's prompt volume over the case's time span. */
import { area, max, scaleLinear } from 'd3';

const WIDTH = 120;
const HEIGHT = 22;

export function Sparkline({ counts }: { counts: readonly number[] | null | undefined }) {
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
  return (
    <svg className="sparkline" width={WIDTH} height={HEIGHT} role="img" aria-label={`${total.toLocaleString('en-US')} prompt events over time, at most ${peak.toLocaleString('en-US')} in one period`}>
      <path d={d ?? ''} />
    </svg>
  );
}
