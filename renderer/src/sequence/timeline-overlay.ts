/**
 * What the timeline draws over the canvas marks in SVG: the frames of analyst-entered events
 * and the playhead. Both are few elements, redrawn on every pan, zoom or step.
 */
import type { ScaleLinear, Selection } from 'd3';
import { OUTCOME_STYLE, colorOf, isStroked, shapePath, type ColorScheme } from '../../../shared/view/palette.js';
import type { SequenceModel } from '../../../shared/view/sequence.js';
import { ANALYST_MARK, analystFrame, laneMid, type ChartLayout } from '../../../shared/view/chart-layout.js';

type Plot = Selection<SVGGElement, unknown, null, undefined>;

/**
 * Analyst-entered events: a dashed frame and an "A" around their mark, so they are never read
 * as evidence. Few per user, so SVG; created before the playhead so the current mark stays on top.
 */
export function analystLayer(plot: Plot, chart: ChartLayout, model: SequenceModel, analyst: readonly number[], clipId: string): (xs: ScaleLinear<number, number>, through: number) => void {
  const layer = plot.append('g').attr('class', 'seq-analyst').attr('clip-path', `url(#${clipId})`);
  return (xs, through) => {
    const marks = layer
      .selectAll<SVGGElement, number>('g')
      .data(analyst.filter((a) => a <= through))
      .join((enter) => {
        const g = enter.append('g');
        g.append('title').text(ANALYST_MARK.title);
        g.append('rect').attr('class', 'seq-analyst-frame');
        g.append('text').attr('class', 'seq-analyst-letter').text(ANALYST_MARK.letter);
        return g;
      });
    const frameOf = (a: number): ReturnType<typeof analystFrame> =>
      analystFrame(chart.metrics, xs(model.events[a]?.time ?? 0), laneMid(chart, model.layout.laneOf[a] ?? 0));
    marks
      .select('rect')
      .attr('x', (a) => frameOf(a).x)
      .attr('y', (a) => frameOf(a).y)
      .attr('width', (a) => frameOf(a).size)
      .attr('height', (a) => frameOf(a).size);
    marks
      .select('text')
      .attr('x', (a) => frameOf(a).letterX)
      .attr('y', (a) => frameOf(a).letterY);
  };
}

/** The playhead: a vertical line, a halo and the current event's mark drawn large. Hidden for index -1 or an event past the replay. */
export function playheadLayer(plot: Plot, chart: ChartLayout, model: SequenceModel, clipId: string, scheme: ColorScheme): (xs: ScaleLinear<number, number>, index: number) => void {
  const playG = plot.append('g').attr('class', 'seq-playhead').attr('clip-path', `url(#${clipId})`);
  const line = playG.append('line').attr('y1', chart.findingsTop).attr('y2', chart.lanesBottom);
  const halo = playG.append('circle').attr('class', 'seq-halo').attr('r', 10.5);
  const mark = playG.append('path').attr('class', 'seq-current-mark');
  return (xs, index) => {
    const e = model.events[index];
    if (e === undefined) {
      playG.attr('display', 'none');
      return;
    }
    const x = xs(e.time);
    const y = laneMid(chart, model.layout.laneOf[index] ?? 0);
    const style = OUTCOME_STYLE[e.outcome];
    const color = colorOf(style.color, scheme);
    const stroked = isStroked(style.shape);
    playG.attr('display', null);
    line.attr('x1', x).attr('x2', x);
    halo.attr('cx', x).attr('cy', y);
    mark
      .attr('d', shapePath(style.shape, 6.4, x, y))
      .attr('fill', stroked ? 'none' : color)
      .attr('stroke', stroked ? color : 'none');
  };
}
