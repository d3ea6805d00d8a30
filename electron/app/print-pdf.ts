/**
 * The desktop app's PDF printer: Electron's own `printToPDF` (Chromium's engine, as the CLI's
 * Debian Chromium), in a hidden window of its own in-memory session that runs no script and
 * may load nothing but the report's file. The report lives in a temporary file because a
 * multi-megabyte page does not fit in a data: URL. A session holds one request filter, so the
 * print partition gets one filter, installed once, that lets through the files of every print
 * under way: two exports at once must not refuse each other's file.
 */
import { BrowserWindow, session, type Session } from 'electron';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FOOTER_TEMPLATE, PDF_MARGINS_MM, headerTemplate, type PdfPrinter } from '../report/print-report.js';

const inches = (mm: number): number => mm / 25.4;

/** The report files being printed right now: the only URLs the print partition may load. */
const printing = new Set<string>();
let printSession: Session | null = null;

function printPartition(): Session {
  if (printSession === null) {
    printSession = session.fromPartition('pushtrail-print');
    printSession.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !printing.has(details.url) }));
  }
  return printSession;
}

export const electronPrinter: PdfPrinter = async (page, options) => {
  const dir = mkdtempSync(join(tmpdir(), 'pushtrail-print-'));
  const file = join(dir, 'report.html');
  const url = pathToFileURL(file).href;
  const win = new BrowserWindow({
    show: false,
    webPreferences: { session: printPartition(), javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false },
  });
  printing.add(url);
  try {
    writeFileSync(file, page);
    await win.loadURL(url);
    return await win.webContents.printToPDF({
      pageSize: options.paper,
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: headerTemplate(options.header),
      footerTemplate: FOOTER_TEMPLATE,
      margins: {
        top: inches(PDF_MARGINS_MM.top),
        bottom: inches(PDF_MARGINS_MM.bottom),
        left: inches(PDF_MARGINS_MM.left),
        right: inches(PDF_MARGINS_MM.right),
      },
      generateDocumentOutline: true,
      generateTaggedPDF: true,
    });
  } finally {
    win.destroy();
    printing.delete(url);
    rmSync(dir, { recursive: true, force: true });
  }
};
