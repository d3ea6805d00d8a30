/**
 * Events over time per source: one small histogram per source on a shared time axis (so no
 * series depends on colour to be told apart). The bins arrive counted by the case file.
 */
import { useMemo, useRef } from 'react';
import { max, scaleLinear } from 'd3';
import type { EventSpread, OutlierSpan, SourceSeries, TimeBins } from '../../../shared/api/activity.js';
import { formatTime } from '../../../shared/format/time.js';
import { formatDuration } from '../../../shared/view/time-axis.js';
import { zoneTicks } from '../sequence/time-ticks.js';
import { useElementWidth } from '../sequence/useElementWidth.js';

const LABEL_WIDTH = 150;
const ROW_HEIGHT = 46;
/** Tick labels, then a line for the marks of events left out at either end. */
const AXIS_HEIGHT = 36;

function outlierText(o: OutlierSpan, side: string, zone: string): string {
  const when = o.first === o.last ? formatTime(o.first, zone) : `${formatTime(o.first, zone)} to ${formatTime(o.last, zone)}`;
  return `${o.events.toLocaleString('en-US')} ${o.events === 1 ? 'event' : 'events'} ${side} (${when})`;
}

/** Events left out of the chart because they lie far from the rest: said in words, and marked at the axis ends. */
function OutlierNote({ spread, zone }: { spread: EventSpread; zone: string }) {
  const parts = [spread.before === null ? null : outlierText(spread.before, 'earlier', zone), spread.after === null ? null : outlierText(spread.after, 'later', zone)];
  const said = parts.filter((p) => p !== null);
  if (said.length === 0) return null;
  return <p className="histogram-outliers">Not drawn, far outside the main activity: {said.join('; ')}.</p>;
}

export function ActivityHistogram({ range, spread, sources, zone }: { range: TimeBins; spread: EventSpread; sources: readonly SourceSeries[]; zone: string }) {
  const box = useRef<HTMLDivElement>(null);
  const width = useElementWidth(box) ?? 0;
  const plot = Math.max(0, width - LABEL_WIDTH);
  const end = range.start + range.bins * range.binMs;
  const x = useMemo(() => scaleLinear().domain([range.start, end]).range([0, plot]), [range.start, end, plot]);
  const ticks = useMemo(() => zoneTicks(range.start, end, Math.max(2, Math.floor(plot / 110)), zone), [range.start, end, plot, zone]);
  const barWidth = Math.max(1, plot / range.bins - 1);
  const height = sources.length * ROW_HEIGHT + AXIS_HEIGHT;

  return (
    <div ref={box} className="histogram">
      <p className="muted histogram-caption">
        {formatTime(range.start, zone)} to {formatTime(end, zone)}, one bar per {formatDuration(range.binMs)}
      </p>
      <OutlierNote spread={spread} zone={zone} />
      {plot > 0 && (
        <svg width={width} height={height} role="img" aria-label={sources.map((s) => `${s.source}: ${s.total.toLocaleString('en-US')} events`).join('; ')}>
          {sources.map((s, row) => {
            const top = row * ROW_HEIGHT;
            const peak = max(s.counts) ?? 0;
            const y = scaleLinear().domain([0, Math.max(1, peak)]).range([0, ROW_HEIGHT - 10]);
            return (
              <g key={s.source} transform={`translate(0, ${top})`}>
                <text className="histogram-source" x={0} y={ROW_HEIGHT / 2 - 2}>
                  {s.source}
                </text>
                <text className="histogram-total" x={0} y={ROW_HEIGHT / 2 + 13}>
                  {s.total.toLocaleString('en-US')} · peak {peak.toLocaleString('en-US')}
                </text>
                <g transform={`translate(${LABEL_WIDTH}, 0)`}>
                  <line className="histogram-base" x1={0} x2={plot} y1={ROW_HEIGHT - 4} y2={ROW_HEIGHT - 4} />
                  {s.counts.map((n, i) =>
                    n === 0 ? null : (
                      <rect key={i} className="histogram-bar" x={x(range.start + i * range.binMs)} width={barWidth} y={ROW_HEIGHT - 4 - Math.max(1, y(n))} height={Math.max(1, y(n))}>
                        <title>{`${s.source}: ${n.toLocaleString('en-US')} events from ${formatTime(range.start + i * range.binMs, zone)}`}</title>
                      </rect>
                    ),
                  )}
                </g>
              </g>
            );
          })}
          <g className="histogram-axis" transform={`translate(${LABEL_WIDTH}, ${sources.length * ROW_HEIGHT})`}>
            {spread.before !== null && (
              <text className="histogram-outlier-mark" x={0} y={31} textAnchor="start">
                {`◀ ${spread.before.events.toLocaleString('en-US')} earlier`}
              </text>
            )}
            {spread.after !== null && (
              <text className="histogram-outlier-mark" x={plot} y={31} textAnchor="end">
                {`${spread.after.events.toLocaleString('en-US')} later ▶`}
              </text>
            )}
            {ticks.values.map((v, i) => (
              <g key={v} transform={`translate(${x(v)}, 0)`}>
                <line y1={0} y2={4} />
                <text y={16} textAnchor="middle">
                  {ticks.labels[i]}
                </text>
              </g>
            ))}
          </g>
        </svg>
      )}
    </div>
  );
}
