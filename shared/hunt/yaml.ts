/**
 * Just enough YAML to write Sigma rules: block mappings and sequences, with every string written
 * as a double-quoted scalar (JSON's escaping is valid YAML), so no value can change the document's
 * structure whatever it contains. Keys are written plain and must be simple names.
 */
export type YamlValue = string | number | boolean | readonly YamlValue[] | { readonly [key: string]: YamlValue | undefined };

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_.|{}-]*$/;

function key(k: string): string {
  return PLAIN_KEY.test(k) ? k : JSON.stringify(k);
}

function scalar(v: string | number | boolean): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

function isScalar(v: YamlValue): v is string | number | boolean {
  return typeof v !== 'object';
}

function lines(value: YamlValue, indent: string): string[] {
  if (isScalar(value)) return [`${indent}${scalar(value)}`];
  if (Array.isArray(value)) {
    return (value as readonly YamlValue[]).flatMap((item) => {
      if (isScalar(item)) return [`${indent}- ${scalar(item)}`];
      const [first = '', ...rest] = lines(item, `${indent}  `);
      return [`${indent}- ${first.trimStart()}`, ...rest];
    });
  }
  const out: string[] = [];
  for (const [k, v] of Object.entries(value as { readonly [key: string]: YamlValue | undefined })) {
    if (v === undefined) continue;
    if (isScalar(v)) out.push(`${indent}${key(k)}: ${scalar(v)}`);
    else if (Array.isArray(v) && v.length === 0) out.push(`${indent}${key(k)}: []`);
    else out.push(`${indent}${key(k)}:`, ...lines(v, `${indent}  `));
  }
  return out;
}

/** One YAML document. */
export function toYaml(value: YamlValue): string {
  return `${lines(value, '').join('\n')}\n`;
}
