/**
 * The overview strip under the lanes: the whole sequence's density (drawn on its canvas by
 * timeline-draw.ts), its own axis, the visible window, the playhead's place and the brush.
 */
import { axisBottom, type Selection } from 'd3';
import { zoneTicks } from './time-ticks.js';
import type { TimeScale } from './timeline-scale.js';

export const OVERVIEW_H = 38;

export interface OverviewStrip {
  brushG: Selection<SVGGElement, unknown, null, undefined>;
  /** Marks the visible window, or hides the marker when the whole sequence is shown. */
  showWindow(window: readonly [number, number] | null): void;
  /** Marks the playhead's time, or hides it. */
  showPlay(time: number | null): void;
}

export function overviewStrip(plot: Selection<SVGGElement, unknown, null, undefined>, top: number, scale: TimeScale, zone: string): OverviewStrip {
  const { x0, full, plotW } = scale;
  const overview = plot.append('g').attr('transform', `translate(0,${top})`);
  overview.append('rect').attr('class', 'seq-overview-frame').attr('width', plotW).attr('height', OVERVIEW_H);
  const ticks = zoneTicks(full[0], full[1], Math.max(2, Math.floor(plotW / 120)), zone);
  overview
    .append('g')
    .attr('class', 'seq-axis')
    .attr('transform', `translate(0,${OVERVIEW_H})`)
    .call(
      axisBottom(x0)
        .tickValues(ticks.values)
        .tickFormat((_, i) => ticks.labels[i] ?? '')
        .tickSizeOuter(0),
    );
  // The brushed window can be a pixel wide (minutes out of weeks); this marker never is.
  const windowMark = overview.append('rect').attr('class', 'seq-overview-window').attr('y', -4).attr('height', OVERVIEW_H + 8);
  const play = overview.append('line').attr('class', 'seq-overview-play').attr('y1', -3).attr('y2', OVERVIEW_H + 3);
  const brushG = overview.append('g').attr('class', 'seq-brush');
  return {
    brushG,
    showWindow(window) {
      if (window === null) {
        windowMark.attr('display', 'none');
        return;
      }
      const w0 = x0(window[0]);
      const ww = Math.max(6, x0(window[1]) - w0);
      windowMark
        .attr('display', null)
        .attr('x', Math.min(plotW - ww, Math.max(0, (w0 + x0(window[1])) / 2 - ww / 2)))
        .attr('width', ww);
    },
    showPlay(time) {
      if (time === null) play.attr('display', 'none');
      else play.attr('display', null).attr('x1', x0(time)).attr('x2', x0(time));
    },
  };
}
