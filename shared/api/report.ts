/**
 * What an analyst asks a case report or export to contain: the format, the paper, which
 * sections, which users and which of their own annotations. The CLI (`pushtrail report`), the
 * report job and the app's report screen all speak this one type.
 */
import type { AnnotationTarget } from '../model/annotation.js';

export const EXPORT_FORMATS = ['pdf', 'html', 'json', 'csv', 'ocsf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
}

export const PAPERS = ['A4', 'Letter'] as const;
export type Paper = (typeof PAPERS)[number];

/** Sections of the printed report besides the cover and contents, in print order. */
export const REPORT_SECTIONS = ['summary', 'users', 'evidence', 'method', 'custody', 'appendix'] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

export const SECTION_TITLE: Readonly<Record<ReportSection, string>> = {
  summary: 'Executive summary',
  users: 'Users',
  evidence: 'Evidence',
  method: 'Method',
  custody: 'Chain of custody',
  appendix: 'Original records',
};

export interface ReportSelection {
  /**
   * Users with a section of their own (CSV and OCSF: whose events). Omitted: every attacked
   * or compromised user (CSV and OCSF: every event).
   */
  users?: string[];
  /** Sections to print (PDF and HTML); omitted: all. */
  sections?: ReportSection[];
  /** The analyst's stars, tags and notes to print; omitted: all of them. */
  annotations?: AnnotationTarget[];
}

export interface ReportRequest extends ReportSelection {
  format: ExportFormat;
  /** PDF only; default A4. */
  paper?: Paper;
}

/** A report's HTML as the report screen previews it: the choices of a PDF, without the format. */
export interface ReportPreviewRequest extends ReportSelection {
  /** The paper the preview's pages are as wide as; default A4. */
  paper?: Paper;
}

/** The words the analyst writes for the report, kept in the case (custody-logged). */
export interface ReportText {
  /** The client the investigation is for. */
  client: string;
  /** The analyst's own case or engagement number. */
  reference: string;
  /** The analyst's narrative, printed at the top of the executive summary. */
  narrative: string;
  /** Who last changed it, and when (UTC ms); null before anyone has. */
  updatedBy: string | null;
  updatedAt: number | null;
}

export type ReportTextPatch = Partial<Pick<ReportText, 'client' | 'reference' | 'narrative'>>;

/** A finished report or export. */
export interface ReportFile {
  format: ExportFormat;
  /** Where it was written (the server's disk in web mode; see `downloadName`). */
  path: string;
  /** The file name offered to a browser that downloads it. */
  downloadName: string;
  bytes: number;
  sha256: string;
  /** What the file holds, in words: "6 user sections, 62 findings", "4,244 events". */
  contents: string;
  /** PDF only. */
  pages?: number;
  paper?: Paper;
  /** Why the export is not in the case's custody log (the case could not be written), when it is not. */
  notRecorded?: string;
}
