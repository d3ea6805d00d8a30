/**
 * Where the report's anchors landed in a PDF that Chromium printed. Chromium (Skia) writes
 * every linked `id` of the page as a named destination, `/name [pageRef /XYZ x y 0]`, in the
 * catalogue's `/Dests` dictionary, and writes its page tree uncompressed; reading those two
 * gives the page number of each section, which the contents then print.
 */

/** Each object's dictionary text by object number (stream data cut off). */
function dictionaries(text: string): Map<number, string> {
  const objects = new Map<number, string>();
  for (const chunk of text.split('endobj')) {
    const m = /(\d+) 0 obj\s*<<([\s\S]*)$/.exec(chunk);
    if (m === null) continue;
    const body = m[2] ?? '';
    const stream = body.indexOf('stream');
    objects.set(Number(m[1]), stream < 0 ? body : body.slice(0, stream));
  }
  return objects;
}

/** Page references (object numbers) in document order, walking the page tree from its root. */
function pageOrder(objects: ReadonlyMap<number, string>): number[] {
  const catalog = [...objects.values()].find((body) => /\/Type\s*\/Catalog\b/.test(body));
  const root = catalog === undefined ? undefined : /\/Pages\s+(\d+) 0 R/.exec(catalog)?.[1];
  const out: number[] = [];
  const walk = (id: number, depth: number): void => {
    const body = objects.get(id);
    if (body === undefined || depth > 64) return;
    if (/\/Type\s*\/Pages\b/.test(body)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(body)?.[1] ?? '';
      for (const k of kids.matchAll(/(\d+) 0 R/g)) walk(Number(k[1]), depth + 1);
    } else out.push(id);
  };
  if (root !== undefined) walk(Number(root), 0);
  return out;
}

/** Page number (1-based) of every named destination in the PDF. */
export function namedDestinationPages(pdf: Uint8Array): Map<string, number> {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const objects = dictionaries(text);
  const index = new Map(pageOrder(objects).map((id, i) => [id, i + 1]));
  const pages = new Map<string, number>();
  const catalog = [...objects.values()].find((body) => /\/Type\s*\/Catalog\b/.test(body));
  const destsId = catalog === undefined ? undefined : /\/Dests\s+(\d+) 0 R/.exec(catalog)?.[1];
  const dests = destsId === undefined ? '' : (objects.get(Number(destsId)) ?? '');
  for (const m of dests.matchAll(/\/([^\s/[\]<>()]+)\s*\[\s*(\d+) 0 R/g)) {
    const page = index.get(Number(m[2]));
    // Names are PDF-escaped (#xx); the report's own ids are plain ASCII, so only decode those.
    if (page !== undefined) pages.set((m[1] ?? '').replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), page);
  }
  return pages;
}

/** Pages in the PDF. */
export function pdfPageCount(pdf: Uint8Array): number {
  return pageOrder(dictionaries(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1'))).length;
}
