/**
 * Finding spans on the timeline: a tinted box over the lanes their events sit in, and a
 * labelled bar in the band above the lanes (shared/view/span-band.ts places them, as in the
 * report).
 */
import type { ScaleLinear, Selection } from 'd3';
import { SEVERITY_COLOR, colorOf, type ColorScheme } from '../../../shared/view/palette.js';
import { placeSpans, spanLabel } from '../../../shared/view/span-band.js';
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
  const color = (s: SpanLayout): string => colorOf(SEVERITY_COLOR[s.finding.severity], scheme);

  return (xs) => {
    const charW = spans.length > 0 ? labelCharW() : 0;
    const { placed } = placeSpans(spans, {
      x: xs,
      plotWidth: chart.plotWidth,
      maxRows: rows,
      // Measured on a probe, so allow for labels with wider letters than the probe's.
      labelWidth: (label) => label.length * charW * 1.08 + 6,
    });
    const place = new Map(placed.map((p) => [p.span.finding.id, p]));
    const spanX = (s: SpanLayout): [number, number] => {
      const p = place.get(s.finding.id);
      return p === undefined ? [0, 0] : [p.x, p.w];
    };
    const groups = spansG
      .selectAll<SVGGElement, SpanLayout>('g.seq-span')
      .data(spans, (s) => String(s.finding.id))
      .join((enter) => {
        const g = enter.append('g').attr('class', 'seq-span');
        g.append('title');
        g.append('rect').attr('class', 'seq-span-box');
        g.append('rect').attr('class', 'seq-span-bar');
        g.append('text').attr('class', 'seq-span-label');
        return g;
      });
    const rowOf = (s: SpanLayout): number => place.get(s.finding.id)?.row ?? 0;
    const labelX = new Map([...place].map(([id, p]) => [id, p.labelX]));
    groups.select('title').text((s) => `${s.finding.rule} (${s.finding.severity}): ${s.finding.summary}`);
    groups
      .select('rect.seq-span-box')
      .attr('x', (s) => spanX(s)[0])
      .attr('width', (s) => spanX(s)[1])
      .attr('y', (s) => spanBoxY(chart, s).y)
      .attr('height', (s) => spanBoxY(chart, s).height)
      .attr('fill', color)
      .attr('stroke', color);
    groups
      .select('rect.seq-span-bar')
      .attr('x', (s) => spanX(s)[0])
      .attr('width', (s) => spanX(s)[1])
      .attr('y', (s) => spanBarY(chart, rowOf(s)).y)
      .attr('height', spanBarY(chart, 0).height)
      .attr('fill', color);
    groups
      .select('text.seq-span-label')
      .attr('x', (s) => labelX.get(s.finding.id) ?? 0)
      .attr('y', (s) => spanBarY(chart, rowOf(s)).labelY)
      .attr('display', (s) => (labelX.get(s.finding.id) === null ? 'none' : null))
      .text((s) => spanLabel(s.finding));
  };
}
