/**
 * Addresses as numbers, for range lookups (the reserved blocks, the AS ranges). Read once per
 * distinct address of an import, so IPv4 is parsed by hand: splitting and matching each part
 * cost more than the lookups they serve.
 */

/** A dotted-quad IPv4 address as a number, or undefined for anything else (leading zeros too, as node:net refuses them). */
export function ipv4Number(ip: string): number | undefined {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < ip.length; i += 1) {
    const c = ip.charCodeAt(i);
    if (c === 0x2e) {
      if (digits === 0 || dots === 3) return undefined;
      value = value * 256 + part;
      part = 0;
      digits = 0;
      dots += 1;
    } else {
      if (c < 0x30 || c > 0x39 || (digits > 0 && part === 0)) return undefined;
      part = part * 10 + c - 0x30;
      digits += 1;
      if (part > 255) return undefined;
    }
  }
  return dots === 3 && digits > 0 ? value * 256 + part : undefined;
}

/** An IPv6 address (valid, as node:net's isIP says) as four 32-bit words, most significant first. */
export function ipv6Words(ip: string): number[] {
  const address = ip.replace(/%.*$/, '');
  const [head = '', tail] = address.split('::');
  const groups = (text: string): string[] => (text === '' ? [] : text.split(':'));
  const sixteens = (parts: string[]): number[] =>
    parts.flatMap((part) => {
      const v4 = part.includes('.') ? ipv4Number(part) : undefined;
      return v4 === undefined ? [parseInt(part, 16)] : [Math.floor(v4 / 65536), v4 % 65536];
    });
  const front = sixteens(groups(head));
  const back = tail === undefined ? [] : sixteens(groups(tail));
  const all = [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
  return [0, 1, 2, 3].map((i) => (all[2 * i] ?? 0) * 65536 + (all[2 * i + 1] ?? 0));
}
