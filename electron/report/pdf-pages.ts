/**
 * Where the report's anchors landed in a PDF that Chromium printed. Chromium writes every
 * linked `id` of the page as a named destination, `[pageRef /XYZ x y 0]`; its page number is
 * the position of that page in the page tree. Read by PDF's rules, not by one writer's layout:
 * the page tree is walked through every level of `/Kids`, destinations are taken from the
 * catalogue's `/Dests` dictionary and from the `/Names` → `/Dests` name tree (PDF 1.2), as
 * arrays or `<< /D [...] >>` dictionaries, direct or by reference, and objects may be packed in
 * compressed object streams (pdf-objects.ts). Debian's Chromium and Electron's may write them
 * differently; both are read the same way.
 */
import { isName, PdfObjects, PdfRef, PdfString, type PdfDict, type PdfValue } from './pdf-objects.js';

/** Deeper than any real page or name tree; stops a cyclic or hostile one. */
const MAX_DEPTH = 64;

class PdfDocument {
  private readonly objects: PdfObjects;
  readonly catalog: PdfDict | undefined;

  constructor(pdf: Uint8Array) {
    this.objects = new PdfObjects(pdf);
    this.catalog = this.objects.catalog();
  }

  resolve(value: PdfValue | undefined): PdfValue | undefined {
    let v = value;
    for (let hops = 0; v instanceof PdfRef && hops < MAX_DEPTH; hops++) v = this.objects.get(v.num);
    return v;
  }

  dict(value: PdfValue | undefined): PdfDict | undefined {
    const v = this.resolve(value);
    return v instanceof Map ? v : undefined;
  }

  array(value: PdfValue | undefined): PdfValue[] {
    const v = this.resolve(value);
    return Array.isArray(v) ? v : [];
  }

  /** Object numbers of the pages, in document order. */
  pageOrder(): number[] {
    const pages: number[] = [];
    const seen = new Set<number>();
    const walk = (ref: PdfValue | undefined, depth: number): void => {
      if (!(ref instanceof PdfRef) || seen.has(ref.num) || depth > MAX_DEPTH) return;
      seen.add(ref.num);
      const node = this.dict(ref);
      if (node === undefined) return;
      if (isName(node.get('Type'), 'Pages')) for (const kid of this.array(node.get('Kids'))) walk(kid, depth + 1);
      else if (isName(node.get('Type'), 'Page')) pages.push(ref.num);
    };
    walk(this.catalog?.get('Pages'), 0);
    return pages;
  }

  /** Every named destination: name → the value it points at. */
  destinations(): Map<string, PdfValue> {
    const out = new Map<string, PdfValue>();
    const dests = this.dict(this.catalog?.get('Dests'));
    for (const [name, value] of dests ?? []) out.set(name, value);
    const seen = new Set<PdfDict>();
    const walk = (node: PdfDict | undefined, depth: number): void => {
      if (node === undefined || seen.has(node) || depth > MAX_DEPTH) return;
      seen.add(node);
      const names = this.array(node.get('Names'));
      for (let i = 0; i + 1 < names.length; i += 2) {
        const key = this.resolve(names[i]);
        if (key instanceof PdfString) out.set(key.text(), names[i + 1] ?? null);
      }
      for (const kid of this.array(node.get('Kids'))) walk(this.dict(kid), depth + 1);
    };
    walk(this.dict(this.dict(this.catalog?.get('Names'))?.get('Dests')), 0);
    return out;
  }

  /** The page object a destination points at: `[page …]` or `<< /D [page …] >>`. */
  destinationPage(value: PdfValue): number | undefined {
    const resolved = this.resolve(value);
    const array = resolved instanceof Map ? this.array(resolved.get('D')) : Array.isArray(resolved) ? resolved : [];
    const page = array[0];
    return page instanceof PdfRef ? page.num : undefined;
  }
}

/** Page number (1-based) of every named destination in the PDF. */
export function namedDestinationPages(pdf: Uint8Array): Map<string, number> {
  const doc = new PdfDocument(pdf);
  const index = new Map(doc.pageOrder().map((num, i) => [num, i + 1]));
  const pages = new Map<string, number>();
  for (const [name, value] of doc.destinations()) {
    const num = doc.destinationPage(value);
    const page = num === undefined ? undefined : index.get(num);
    if (page !== undefined) pages.set(name, page);
  }
  return pages;
}

/** Pages in the PDF. */
export function pdfPageCount(pdf: Uint8Array): number {
  return new PdfDocument(pdf).pageOrder().length;
}
