/** Axis ticks at round times of the display zone, labelled through formatTime. */
import { scaleUtc } from 'd3';
import { tickLabel, zoneOffsetMs } from '../../../shared/view/time-axis.js';

export interface Ticks {
  values: number[];
  labels: string[];
}

/**
 * d3 places ticks at round UTC times; shifting the domain by the zone's offset first puts
 * them at round local times instead (midnight in the display zone, not in UTC). One offset
 * for the whole window: across a DST change the ticks land an hour off round, never mislabelled.
 */
export function zoneTicks(d0: number, d1: number, count: number, zone: string): Ticks {
  const off = zoneOffsetMs((d0 + d1) / 2, zone);
  const values = scaleUtc()
    .domain([d0 + off, d1 + off])
    .ticks(count)
    .map((d) => d.getTime() - off);
  const a = values[0];
  const b = values[1];
  const stepMs = a !== undefined && b !== undefined ? b - a : d1 - d0;
  const labels = values.map((v, i) => tickLabel(v, zone, stepMs, i === 0 ? undefined : values[i - 1]));
  return { values, labels };
}
