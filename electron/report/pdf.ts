/**
 * Prints a self-contained report page to PDF with Chromium's engine (Debian's Chromium through
 * playwright-core for the CLI; the desktop app uses Electron's own printToPDF). Every network
 * request from the page is refused: a report must stand on its own.
 */
import { existsSync } from 'node:fs';
import { PushTrailError } from '../../shared/api/errors.js';
import { FOOTER_TEMPLATE, PDF_MARGINS_MM, headerTemplate, type PdfOptions, type PdfPrinter } from './print-report.js';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export function findChromium(): string {
  const fromEnv = process.env['PUSHTRAIL_CHROMIUM'];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const found = CANDIDATES.find((p) => existsSync(p));
  if (found === undefined) {
    throw new PushTrailError('not_found', `No Chromium found for PDF printing (looked in ${CANDIDATES.join(', ')}); install Debian's chromium or set PUSHTRAIL_CHROMIUM`);
  }
  return found;
}

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Run `fn` with a printer backed by one Chromium, closed afterwards. */
export async function withChromiumPrinter<T>(fn: (print: PdfPrinter) => Promise<T>): Promise<T> {
  // Loaded on first use: playwright-core costs ~90 MB per thread that loads it, and every
  // CLI command and job worker imports this module whether it prints or not.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: ARGS });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const print: PdfPrinter = async (page, options) => {
      const tab = await context.newPage();
      try {
        await tab.route('**/*', (route) => route.abort());
        await tab.setContent(page, { waitUntil: 'load' });
        return await tab.pdf({
          format: options.paper,
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: headerTemplate(options.header),
          footerTemplate: FOOTER_TEMPLATE,
          margin: { top: `${PDF_MARGINS_MM.top}mm`, bottom: `${PDF_MARGINS_MM.bottom}mm`, left: `${PDF_MARGINS_MM.left}mm`, right: `${PDF_MARGINS_MM.right}mm` },
          outline: true,
          tagged: true,
        });
      } finally {
        await tab.close();
      }
    };
    return await fn(print);
  } finally {
    await browser.close();
  }
}

export async function printPdf(page: string, options: PdfOptions): Promise<Uint8Array> {
  return withChromiumPrinter((print) => print(page, options));
}
