/**
 * A tiny HTML builder that escapes by default. Report pages carry log content, which is
 * attacker-controlled: every interpolated value is text unless it is already `Html` that this
 * code built itself.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/**
 * Longest text printed as it is; longer text (a 500 KB user name from a hostile log) is cut
 * with a note, so the report stays a readable size and Chromium prints it in time. Verbatim
 * records have their own, larger limit (`clipped`).
 */
export const TEXT_MAX_CHARS = 4096;

/** `text` escaped, cut after `max` characters (never inside a surrogate pair) with a note saying so. */
export function clipped(text: string, max: number): Html {
  if (text.length <= max) return new Html(escapeHtml(text));
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  const note = `… [cut here for the report: ${text.length.toLocaleString('en-US')} characters in all; the case holds the whole text]`;
  // Plain text, no markup: the value may be printed inside an attribute.
  return new Html(escapeHtml(`${text.slice(0, end)}${note}`));
}

function render(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  if (typeof value === 'string') return clipped(value, TEXT_MAX_CHARS).value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  // Objects are never rendered implicitly: a report must say which field it shows.
  throw new TypeError('html``: only text, numbers, Html and arrays of them can be interpolated');
}

/** Tagged template: `html\`<td>${userAgent}</td>\`` escapes userAgent. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/**
 * SVG path data PushTrail drew itself (a map's land, a chart's line): printed whole, however
 * long, because cutting it like text would break the drawing. Only path commands and numbers
 * pass, so no log content can travel this way.
 */
export function svgPath(d: string): Html {
  if (!/^[MmLlHhVvCcSsQqTtAaZz0-9eE.,\s+-]*$/.test(d)) throw new TypeError('svgPath: not SVG path data');
  return new Html(d);
}

/** Mark markup PushTrail generated itself (its own CSS, its own SVG drawings) as safe. */
export function trusted(markup: string): Html {
  return new Html(markup);
}
