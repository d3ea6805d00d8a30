/** The case report: the analyst's text, the report screen's outline and preview, exports and their download. */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PushTrailError } from '../../../shared/api/errors.js';
import {
  EXPORT_FORMATS,
  PAPERS,
  REPORT_SECTIONS,
  isExportFormat,
  type Paper,
  type ReportFile,
  type ReportRequest,
  type ReportSection,
  type ReportSelection,
  type ReportTextPatch,
} from '../../../shared/api/report.js';
import { annotationTarget, bad, nothing, optionalChoice, optionalRecord, record, text } from '../../../shared/api/validation.js';
import { FORMAT_EXTENSION } from '../../report/export.js';
import { reportOutline } from '../../report/outline.js';
import { renderReportPreview } from '../../report/preview.js';
import { startPrintingJob } from '../../report/printing-job.js';
import { caseFolder, caseStem } from '../../store/case-store.js';
import { readReportText, writeReportText } from '../../store/report-text.js';
import { domain } from '../method.js';
import type { Session } from '../session.js';
import { announce, startSessionJob } from '../session-jobs.js';

function paperOf(method: string, o: Record<string, unknown>): { paper?: Paper } {
  const paper = optionalChoice(method, o, 'paper', PAPERS);
  return paper === undefined ? {} : { paper };
}

/** Users, sections and annotations of a report; each list may be left out (meaning: the default). */
function reportSelection(method: string, o: Record<string, unknown>): ReportSelection {
  const out: ReportSelection = {};
  const users = o['users'];
  if (users !== undefined) {
    if (!Array.isArray(users) || users.length > 10_000 || !users.every((u): u is string => typeof u === 'string' && u.trim() !== '' && u.length <= 1000)) {
      bad(method, '"users" must be a list of up to 10,000 user names');
    }
    out.users = users;
  }
  const sections = o['sections'];
  if (sections !== undefined) {
    if (!Array.isArray(sections) || !sections.every((s): s is ReportSection => (REPORT_SECTIONS as readonly unknown[]).includes(s))) {
      bad(method, `"sections" must be a list of ${REPORT_SECTIONS.join(', ')}`);
    }
    out.sections = sections;
  }
  const annotations = o['annotations'];
  if (annotations !== undefined) {
    if (!Array.isArray(annotations) || annotations.length > 100_000) bad(method, '"annotations" must be a list of up to 100,000 targets');
    out.annotations = annotations.map((t) => annotationTarget(method, t));
  }
  return out;
}

function reportTextPatch(method: string, raw: unknown): ReportTextPatch {
  const o = record(method, raw);
  const patch: ReportTextPatch = {};
  for (const [key, max] of [
    ['client', 1000],
    ['reference', 200],
    ['narrative', 100_000],
  ] as const) {
    const v = o[key];
    if (v === undefined) continue;
    if (typeof v !== 'string' || v.length > max) bad(method, `"${key}" must be text of at most ${max.toLocaleString('en-US')} characters`);
    patch[key] = v;
  }
  return patch;
}

/**
 * Where a report goes: the path the analyst picks in the desktop app's save dialog, or a new
 * file in `<case>-reports/` beside the case (web mode, where the browser then downloads it).
 */
async function reportPath(session: Session, casePath: string, request: ReportRequest): Promise<string> {
  const stem = caseStem(casePath);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const name = `${stem}-${request.format === 'csv' || request.format === 'ocsf' ? 'events' : 'report'}-${stamp}${FORMAT_EXTENSION[request.format]}`;
  const dir = caseFolder(casePath, 'reports');
  if (session.chooseReportPath !== null) {
    const chosen = await session.chooseReportPath(join(dirname(casePath), name), request.format);
    if (chosen === null) throw new PushTrailError('cancelled', 'No file was chosen');
    return resolve(chosen);
  }
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}

export const reportMethods = domain({
  'report/text': {
    validate: (raw) => nothing('report/text', raw),
    handle: async (_arg, session) => readReportText(session.requireCase().db),
  },

  'report/setText': {
    validate: (raw) => reportTextPatch('report/setText', raw),
    handle: async (patch, session) => {
      const store = session.requireCase();
      const saved = store.change(session.actor, 'report/text', { changed: Object.keys(patch) }, () => writeReportText(store.db, patch, session.actor, Date.now()));
      announce(session);
      return saved;
    },
  },

  'report/outline': {
    validate: (raw) => reportSelection('report/outline', optionalRecord('report/outline', raw)),
    handle: async (selection, session) => reportOutline(session.requireCase(), selection),
  },

  'report/preview': {
    validate: (raw) => {
      const o = optionalRecord('report/preview', raw);
      return { ...reportSelection('report/preview', o), ...paperOf('report/preview', o) };
    },
    handle: async (request, session) => ({ path: session.previews.put(renderReportPreview(session.requireCase(), request)) }),
  },

  'report/start': {
    validate: (raw) => {
      const method = 'report/start';
      const o = record(method, raw);
      if (!isExportFormat(o['format'])) bad(method, `"format" must be one of ${EXPORT_FORMATS.join(', ')}`);
      return { format: o['format'], ...reportSelection(method, o), ...paperOf(method, o) };
    },
    handle: async (request, session) => {
      const store = session.requireCase();
      const out = await reportPath(session, store.path, request);
      const arg = { casePath: store.path, actor: session.actor, request, out };
      const done = (file: ReportFile): void => {
        session.reports.add(file.path);
      };
      const announceCase = (): void => announce(session);
      if (request.format === 'pdf' && session.pdfPrinter !== null) return startPrintingJob(session, arg, session.pdfPrinter, announceCase, done);
      return startSessionJob(session, 'report', arg, announceCase, done);
    },
  },

  'report/download': {
    validate: (raw) => ({ path: text('report/download', record('report/download', raw), 'path', 4096) }),
    handle: async ({ path }, session) => {
      const offered = session.reports.offer(path);
      if (offered === undefined) throw new PushTrailError('not_found', 'No such report from this session', { path });
      return offered;
    },
  },
});
