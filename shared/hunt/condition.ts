/**
 * Which records a hunt looks at, written once per vendor as a small expression over the vendor's
 * own field names, then rendered into each query language (Sigma, SPL, KQL, ES|QL). Keeping the
 * selection as data is what lets one definition feed five languages without five copies.
 */
export type Condition =
  | { op: 'eq'; field: string; value: string | number }
  | { op: 'in'; field: string; values: readonly (string | number)[] }
  | { op: 'contains'; field: string; value: string }
  | { op: 'all'; of: readonly Condition[] }
  | { op: 'any'; of: readonly Condition[] }
  | { op: 'not'; of: Condition };

export const eq = (field: string, value: string | number): Condition => ({ op: 'eq', field, value });
export const oneOf = (field: string, values: readonly (string | number)[]): Condition => ({ op: 'in', field, values });
export const contains = (field: string, value: string): Condition => ({ op: 'contains', field, value });
export const all = (...of: Condition[]): Condition => ({ op: 'all', of });
export const any = (...of: Condition[]): Condition => ({ op: 'any', of });
export const not = (of: Condition): Condition => ({ op: 'not', of });

/** Every field a condition reads, in first-use order (for the field-mapping notes). */
export function fieldsOf(c: Condition, out: string[] = []): string[] {
  switch (c.op) {
    case 'all':
    case 'any':
      for (const inner of c.of) fieldsOf(inner, out);
      break;
    case 'not':
      fieldsOf(c.of, out);
      break;
    default:
      if (!out.includes(c.field)) out.push(c.field);
  }
  return out;
}

/** How one language writes the leaves and joins of a condition; fields arrive as the platform names them. */
export interface ConditionSyntax {
  eq(field: string, value: string | number): string;
  in(field: string, values: readonly (string | number)[]): string;
  contains(field: string, value: string): string;
  and: string;
  or: string;
  not(inner: string): string;
}

/** Render a condition; `field` maps a vendor field to the platform's name (or expression) for it. */
export function renderCondition(c: Condition, syntax: ConditionSyntax, field: (name: string) => string): string {
  const go = (x: Condition, nested: boolean): string => {
    switch (x.op) {
      case 'eq':
        return syntax.eq(field(x.field), x.value);
      case 'in':
        return syntax.in(field(x.field), x.values);
      case 'contains':
        return syntax.contains(field(x.field), x.value);
      case 'not':
        return syntax.not(go(x.of, true));
      case 'all':
      case 'any': {
        const parts = x.of.map((inner) => go(inner, true));
        if (parts.length === 1) return parts[0] ?? '';
        const joined = parts.join(` ${x.op === 'all' ? syntax.and : syntax.or} `);
        return nested ? `(${joined})` : joined;
      }
    }
  };
  return go(c, false);
}

/** A double-quoted string literal as Splunk, KQL and ES|QL all read it (backslash escapes). */
export function quoted(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
