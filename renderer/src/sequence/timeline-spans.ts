/**
 * Finding spans on the timeline: a tinted box over the lanes their events sit in, and a
 * labelled bar in the band above the lanes (shared/view/span-band.ts places them, as in the
 * report).
 */
import type { ScaleLinear, Selection } from 'd3';
import { SEVERITY_COLOR, colorOf, type ColorScheme } from '../../../shared/view/palette.js';
import { moreLabel, placeSpans, spanLabel, type PlacedSpan } from '../../../shared/view/span-band.js';
import type { SpanLayout } from '../../../shared/view/spans.js';
import { spanBarY, spanBoxY, type ChartLayout } from '../../../shared/view/chart-layout.js';

/** Probe text for the average advance of the span-label font (its size changes with the layout). */
const LABEL_PROBE = 'approval-after-denials · critical';

export interface SpanLayerInput {
  chart: ChartLayout;
  spans: readonly SpanLayout[];
  rows: number;
  clipId: string;
  scheme: ColorScheme;
}

/** Creates the layer in `plot`; returns the function that draws it for a zoomed scale. */
export function spanLayer(plot: Selection<SVGGElement, unknown, null, undefined>, input: SpanLayerInput): (xs: ScaleLinear<number, number>) => void {
  const { chart, spans, rows, scheme } = input;
  const spansG = plot.append('g').attr('class', 'seq-spans').attr('clip-path', `url(#${input.clipId})`);
  const probe = plot.append('text').attr('class', 'seq-span-label').attr('visibility', 'hidden').text(LABEL_PROBE);
  /** Width per character of span labels, measured (presentation layout enlarges them). */
  const labelCharW = (): number => (probe.node()?.getComputedTextLength() ?? LABEL_PROBE.length * 7) / LABEL_PROBE.length;

  // "+N more" sits in the gutter beside the band's last row, outside the plot's clip.
  const more = plot.append('text').attr('class', 'seq-span-more').attr('x', -8).attr('text-anchor', 'end');
  const moreTitle = more.append('title');
  const moreText = more.append('tspan');

  return (xs) => {
    const charW = spans.length > 0 ? labelCharW() : 0;
    const { placed, hidden } = placeSpans(spans, {
      x: xs,
      plotWidth: chart.plotWidth,
      maxRows: rows,
      // Measured on a probe, so allow for labels with wider letters than the probe's.
      labelWidth: (label) => label.length * charW * 1.08 + 6,
    });
    const color = (p: PlacedSpan): string => colorOf(SEVERITY_COLOR[p.span.finding.severity], scheme);
    const groups = spansG
      .selectAll<SVGGElement, PlacedSpan>('g.seq-span')
      .data(placed, (p) => String(p.span.finding.id))
      .join((enter) => {
        const g = enter.append('g').attr('class', 'seq-span');
        g.append('title');
        g.append('rect').attr('class', 'seq-span-box');
        g.append('rect').attr('class', 'seq-span-bar');
        g.append('text').attr('class', 'seq-span-label');
        return g;
      });
    groups.select('title').text((p) => `${p.span.finding.rule} (${p.span.finding.severity}): ${p.span.finding.summary}`);
    groups
      .select('rect.seq-span-box')
      .attr('x', (p) => p.x)
      .attr('width', (p) => p.w)
      .attr('y', (p) => spanBoxY(chart, p.span).y)
      .attr('height', (p) => spanBoxY(chart, p.span).height)
      .attr('fill', color)
      .attr('stroke', color);
    groups
      .select('rect.seq-span-bar')
      .attr('x', (p) => p.x)
      .attr('width', (p) => p.w)
      .attr('y', (p) => spanBarY(chart, p.row).y)
      .attr('height', spanBarY(chart, 0).height)
      .attr('fill', color);
    groups
      .select('text.seq-span-label')
      .attr('x', (p) => p.labelX)
      .attr('y', (p) => spanBarY(chart, p.row).labelY)
      .text((p) => spanLabel(p.span.finding));
    const label = moreLabel(hidden);
    more.attr('display', label === null ? 'none' : null).attr('y', spanBarY(chart, Math.max(0, rows - 1)).labelY);
    moreText.text(label ?? '');
    moreTitle.text(hidden.map((h) => spanLabel(h.finding)).join('\n'));
  };
}
