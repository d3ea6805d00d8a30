/**
 * Prints the report's HTML to PDF with page numbers in its contents: a first printing tells on
 * which page each section landed (pdf-pages.ts), the numbers go into the contents' empty page
 * cells, and the page is printed again. The numbers only fill cells of a fixed width, so the
 * layout, and with it the pages, stay the same; a third printing is made if they did not.
 * The printer is Chromium's engine either way: playwright-core's Chromium (CLI, web mode, tests)
 * or Electron's printToPDF (the desktop app).
 */
import type { Paper } from '../../shared/api/report.js';
import { escapeHtml } from './html.js';
import { namedDestinationPages } from './pdf-pages.js';

export interface PdfOptions {
  paper: Paper;
  /** Shown in every page header, e.g. the case name and id. */
  header: string;
}

export type PdfPrinter = (page: string, options: PdfOptions) => Promise<Uint8Array>;

/** Header and footer of every page; Electron's printToPDF takes the same templates. */
export const headerTemplate = (text: string): string =>
  `<div style="font-size:8px;width:100%;padding:0 12mm;color:#555;display:flex;justify-content:space-between">` +
  `<span>${escapeHtml(text)}</span><span>PushTrail case report</span></div>`;

export const FOOTER_TEMPLATE =
  '<div style="font-size:8px;width:100%;padding:0 12mm;color:#555;text-align:right">' +
  'Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>';

/** Page margins: room for the header and footer (both printers use them). */
export const PDF_MARGINS_MM = { top: 18, bottom: 16, left: 12, right: 12 } as const;

/** Put page numbers into the contents' `<span class="toc-page" data-toc="id">` cells. */
export function fillContentsPages(page: string, pages: ReadonlyMap<string, number>): string {
  return page.replace(/<span class="toc-page" data-toc="([^"<>]*)">[0-9]*<\/span>/g, (whole, id: string) => {
    const n = pages.get(id);
    return n === undefined ? whole : `<span class="toc-page" data-toc="${id}">${n}</span>`;
  });
}

function samePages(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  return a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
}

export async function printReportPdf(page: string, print: PdfPrinter, options: PdfOptions): Promise<Uint8Array> {
  let pages = namedDestinationPages(await print(page, options));
  for (let pass = 0; pass < 2; pass++) {
    const pdf = await print(fillContentsPages(page, pages), options);
    const now = namedDestinationPages(pdf);
    if (samePages(now, pages)) return pdf;
    pages = now;
  }
  return print(fillContentsPages(page, pages), options);
}
