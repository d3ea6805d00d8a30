/** The timeline's time axis above the findings band, and its grid lines down through the lanes. */
import { axisTop, type ScaleLinear, type Selection } from 'd3';
import { axisTickCount, type ChartLayout } from '../../../shared/view/chart-layout.js';
import { zoneTicks } from './time-ticks.js';

export function axisLayer(plot: Selection<SVGGElement, unknown, null, undefined>, chart: ChartLayout, zone: string, clipId: string): (xs: ScaleLinear<number, number>) => void {
  const grid = plot.append('g').attr('class', 'seq-grid').attr('clip-path', `url(#${clipId})`);
  const axisG = plot.append('g').attr('class', 'seq-axis').attr('transform', `translate(0,${chart.metrics.axisHeight})`);
  return (xs) => {
    const [d0 = 0, d1 = 0] = xs.domain();
    const ticks = zoneTicks(d0, d1, axisTickCount(chart.plotWidth), zone);
    axisG.call(
      axisTop(xs)
        .tickValues(ticks.values)
        .tickFormat((_, i) => ticks.labels[i] ?? '')
        .tickSizeOuter(0),
    );
    grid
      .selectAll('line')
      .data(ticks.values)
      .join('line')
      .attr('x1', (t) => xs(t))
      .attr('x2', (t) => xs(t))
      .attr('y1', chart.findingsTop)
      .attr('y2', chart.lanesBottom);
  };
}
