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

function render(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  if (typeof value === 'string') return escapeHtml(value);
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

/** Mark markup PushTrail generated itself (its own CSS, its own SVG drawings) as safe. */
export function trusted(markup: string): Html {
  return new Html(markup);
}
