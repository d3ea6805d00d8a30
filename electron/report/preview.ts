/**
 * The report screen's preview: the report's own HTML, as it will print, for the choices on the
 * screen. The app's pages may not hold inline styles, and the report is made of them, so the
 * preview is a page of its own that a sandboxed frame loads by URL: `report/preview` renders
 * it and keeps it under a random id, and the web server and the desktop app's scheme serve it
 * from here under PREVIEW_HEADERS (no script at all).
 */
import type { ReportPreviewRequest } from '../../shared/api/report.js';
import { ServedPaths } from './served-paths.js';
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

/** Rendered previews of one session, served at PREVIEW_PATH + a random id. */
export class ReportPreviews extends ServedPaths<string> {
  constructor() {
    super(PREVIEW_PATH, KEPT);
  }
}
