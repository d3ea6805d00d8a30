/** The timeline's label column: group headers, lane labels and their counts. Text only, through .text(). */
import type { Selection } from 'd3';
import { count } from '../../../shared/format/count.js';
import type { LaneLayout } from '../../../shared/view/lanes.js';
import { groupTextY, laneLabelRoom, laneTextY, spanBarY, type ChartLayout } from '../../../shared/view/chart-layout.js';

/**
 * Draws the gutter; returns the function that (re)labels the lanes for a replay limit: in a
 * replay a lane stays anonymous and uncounted until its first event has been shown.
 */
export function drawGutter(svg: Selection<SVGSVGElement, unknown, null, undefined>, chart: ChartLayout, layout: LaneLayout, hasFindings: boolean): (through: number) => void {
  const M = chart.metrics;
  const gutter = svg.append('g').attr('class', 'seq-gutter');
  if (hasFindings) {
    gutter
      .append('text')
      .attr('class', 'seq-group-label')
      .attr('x', M.groupLabelX)
      .attr('y', spanBarY(chart, 0).labelY)
      .text('Findings');
  }
  layout.groups.forEach((g, gi) => {
    gutter
      .append('text')
      .attr('class', 'seq-group-label')
      .attr('x', M.groupLabelX)
      .attr('y', groupTextY(chart, gi))
      .text(g.label);
  });
  const laneLabels = gutter
    .selectAll('g.seq-lane')
    .data(layout.lanes)
    .join('g')
    .attr('class', 'seq-lane')
    .attr('transform', (_, l) => `translate(0,${laneTextY(chart, l)})`);
  laneLabels.append('title').text((lane) => `${lane.title}: ${count(lane.count, lane.unit)}`);
  const laneName = laneLabels.append('text').attr('class', 'seq-lane-label').attr('x', M.laneLabelX);
  const laneCount = laneLabels
    .append('text')
    .attr('class', 'seq-lane-count')
    .attr('x', M.countRight)
    .attr('text-anchor', 'end');
  return (upTo) => {
    laneCount.text((lane) => (Number.isFinite(upTo) ? '' : lane.count.toLocaleString('en-US')));
    laneName.text((lane) => (lane.firstIndex >= 0 && lane.firstIndex > upTo ? '…' : lane.label));
    // Measured truncation: the label ends before its count, whatever the font and layout.
    const counts = laneCount.nodes();
    laneName.each(function (lane, l) {
      const room = laneLabelRoom(M, counts[l]?.getComputedTextLength() ?? 0);
      const full = this.getComputedTextLength();
      if (full <= room) return;
      // First cut in proportion, then trim the last few characters by measurement.
      let keep = Math.max(4, Math.floor((lane.label.length * room) / full));
      this.textContent = `${lane.label.slice(0, keep).trimEnd()}…`;
      while (keep > 4 && this.getComputedTextLength() > room) {
        keep--;
        this.textContent = `${lane.label.slice(0, keep).trimEnd()}…`;
      }
    });
  };
}
