/** Key to the timeline: each outcome present, with its shape and colour, and what a span means. */
import type { Outcome } from '../../../shared/model/event.js';
import { colorOf, type ColorScheme, isStroked, OUTCOME_STYLE, shapePath } from '../../../shared/view/palette.js';

export function MarkSymbol({ outcome, scheme, size = 14 }: { outcome: Outcome; scheme: ColorScheme; size?: number }) {
  const style = OUTCOME_STYLE[outcome];
  const color = colorOf(style.color, scheme);
  const stroked = isStroked(style.shape);
  return (
    <svg width={size} height={size} viewBox="-8 -8 16 16" aria-hidden="true" focusable="false" className="seq-symbol">
      <path d={shapePath(style.shape, 5.2)} fill={stroked ? 'none' : color} stroke={stroked ? color : 'none'} strokeWidth={stroked ? 2 : 0} />
    </svg>
  );
}

export function MarkLegend({ outcomes, scheme, analyst = false }: { outcomes: readonly Outcome[]; scheme: ColorScheme; analyst?: boolean }) {
  return (
    <ul className="seq-legend" aria-label="Legend">
      {outcomes.map((o) => (
        <li key={o}>
          <MarkSymbol outcome={o} scheme={scheme} />
          {OUTCOME_STYLE[o].label}
        </li>
      ))}
      <li>
        <span className="seq-legend-span" aria-hidden="true" />
        Finding (rule · severity)
      </li>
      {analyst && (
        <li>
          <span className="seq-legend-analyst" aria-hidden="true">
            A
          </span>
          Analyst-entered (not evidence)
        </li>
      )}
      <li>
        <span className="seq-legend-playhead" aria-hidden="true" />
        Current event
      </li>
    </ul>
  );
}
