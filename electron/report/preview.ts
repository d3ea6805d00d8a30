/**
 * The report screen's preview: the report's own HTML, as it will print, for the choices on the
 * screen. The app's pages may not hold inline styles, and the report is made of them, so the
 * preview is a page of its own that a sandboxed frame loads by URL: `report/preview` renders
 * it and keeps it under a random id, and the web server and the desktop app's scheme serve it
 * from here under PREVIEW_HEADERS (no script at all).
 */
import { randomBytes } from 'node:crypto';
import type { ReportPreviewRequest } from '../../shared/api/report.js';
import type { CaseStore } from '../store/case-store.js';
import type { AppendixLimits } from './model-appendix.js';
import { buildReportModel } from './model.js';
import { renderReportHtml } from './render-html.js';

/** URL path of a preview page: PREVIEW_PATH + its id. */
export const PREVIEW_PATH = '/report-preview/';

/** Verbatim records the preview prints: enough to see what the appendix looks like, fast to redraw. */
export const PREVIEW_APPENDIX: AppendixLimits = { recordsPerFinding: 5, recordsTotal: 60 };

/** The last pages rendered: the frame loads the newest; one older page covers a quick second change. */
const KEPT = 2;

export function renderReportPreview(store: CaseStore, request: ReportPreviewRequest): string {
  const { paper = 'A4', ...selection } = request;
  const model = buildReportModel(store, { ...selection, appendixLimits: PREVIEW_APPENDIX });
  return renderReportHtml(model, { preview: { paper } });
}

/** Rendered previews of one session, by id. */
export class ReportPreviews {
  private readonly pages = new Map<string, string>();

  /** Keep a page; returns the path it is served at. */
  put(page: string): string {
    const id = randomBytes(16).toString('hex');
    this.pages.set(id, page);
    for (const old of this.pages.keys()) {
      if (this.pages.size <= KEPT) break;
      this.pages.delete(old);
    }
    return `${PREVIEW_PATH}${id}`;
  }

  /** The page at a URL path, or undefined when the path is no preview this session kept. */
  get(urlPath: string): string | undefined {
    if (!urlPath.startsWith(PREVIEW_PATH)) return undefined;
    return this.pages.get(urlPath.slice(PREVIEW_PATH.length));
  }

  clear(): void {
    this.pages.clear();
  }
}
