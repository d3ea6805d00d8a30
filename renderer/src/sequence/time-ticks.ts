/** Axis ticks at round times of the display zone, from d3's round UTC times (see shared/view/time-axis.ts). */
import { scaleUtc } from 'd3';
import { zoneTicks as ticksInZone, type Ticks } from '../../../shared/view/time-axis.js';

export function zoneTicks(d0: number, d1: number, count: number, zone: string): Ticks {
  return ticksInZone(d0, d1, zone, (a, b) =>
    scaleUtc()
      .domain([a, b])
      .ticks(count)
      .map((d) => d.getTime()),
  );
}
