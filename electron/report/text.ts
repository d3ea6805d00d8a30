/**
 * Wording and small building blocks shared by the report sections: times (always with their
 * zone), sizes, counts, places, and the severity and verdict badges. Everything returns text or
 * `Html` built with the escaping builder.
 */
import type { Severity } from '../../shared/model/case.js';
import type { Network, StoredEvent } from '../../shared/model/event.js';
import type { UserVerdict } from '../../shared/model/finding.js';
import { count, num } from '../../shared/format/count.js';
import { formatTime } from '../../shared/format/time.js';
import { FACTOR_LABEL, networkOf, placeOf } from '../../shared/view/labels.js';
import { colorOf, isStroked, OUTCOME_STYLE, shapePath } from '../../shared/view/palette.js';
import { html, type Html } from './html.js';

/** "2025-03-14 02:05:02 UTC": every time in a report goes through here and names its zone. */
export function at(ms: number, zone: string): string {
  return formatTime(ms, zone);
}

/** "2025-03-14 02:05:02 – 02:31:09 UTC", or both stamps in full when the day or zone name differs. */
export function span(start: number, end: number, zone: string): string {
  const a = formatTime(start, zone);
  const b = formatTime(end, zone);
  if (a === b) return a;
  const zoneA = a.slice(20);
  const zoneB = b.slice(20);
  if (a.slice(0, 10) === b.slice(0, 10) && zoneA === zoneB) return `${a.slice(0, 19)} – ${b.slice(11)}`;
  return `${a} – ${b}`;
}

/** "8,182,707 bytes (7.8 MiB)". */
export function bytes(n: number): string {
  if (n < 1024) return count(n, 'byte');
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${num(n)} bytes (${v.toFixed(1)} ${units[u] ?? 'TiB'})`;
}

/** "English list, of, words and more". */
export function list(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1] ?? ''}`;
}

/** "146.70.117.86 (Amsterdam, Netherlands, AS9009 M247)", or just the address. */
export function describeNet(net: Network | undefined): string {
  if (net === undefined || net.ip === '') return '';
  const more = [placeOf(net), networkOf(net)].filter((p): p is string => p !== undefined && p !== '');
  return more.length === 0 ? net.ip : `${net.ip} (${more.join(', ')})`;
}

export const VERDICT_LABEL: Readonly<Record<UserVerdict, string>> = {
  compromised: 'Compromised',
  attacked: 'Attacked',
  suspicious: 'Suspicious',
  clear: 'Clear',
};

const VERDICT_CLASS: Readonly<Record<UserVerdict, string>> = {
  compromised: 'v-compromised',
  attacked: 'v-attacked',
  suspicious: 'v-suspicious',
  clear: 'v-clear',
};

export function verdictBadge(verdict: UserVerdict): Html {
  return html`<span class="badge ${VERDICT_CLASS[verdict]}">${VERDICT_LABEL[verdict]}</span>`;
}

export function severityBadge(severity: Severity): Html {
  return html`<span class="badge sev sev-${severity}">${severity}</span>`;
}

/** The outcome's mark from shared/view/palette.ts, small, for tables and legends. */
export function outcomeSymbol(outcome: StoredEvent['outcome'], size = 10): Html {
  const style = OUTCOME_STYLE[outcome];
  const color = colorOf(style.color, 'light');
  const stroked = isStroked(style.shape);
  return html`<svg class="sym" width="${size}" height="${size}" viewBox="-8 -8 16 16" aria-hidden="true"><path d="${shapePath(style.shape, 5.2)}" fill="${stroked ? 'none' : color}" stroke="${stroked ? color : 'none'}" stroke-width="${stroked ? 2.2 : 0}"/></svg>`;
}

/** "Denied (Push)". */
export function outcomeText(e: StoredEvent): string {
  const label = OUTCOME_STYLE[e.outcome].label;
  return e.factor === undefined ? label : `${label} (${FACTOR_LABEL[e.factor]})`;
}
