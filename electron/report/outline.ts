/** The report screen's preview: what a report with a given selection would hold, from its model. */
import type { ReportOutline } from '../../shared/api/contract.js';
import { REPORT_SECTIONS, SECTION_TITLE, type ReportSelection } from '../../shared/api/report.js';
import { listAnnotations } from '../store/annotations.js';
import type { CaseStore } from '../store/case-store.js';
import { buildReportModel } from './model.js';
import { summarySentences } from './sections/summary.js';
import { count } from './text.js';

export function reportOutline(store: CaseStore, selection: ReportSelection): ReportOutline {
  // The appendix reads every cited record; the preview only needs to know how many there are.
  const chosen = selection.sections ?? REPORT_SECTIONS;
  const model = buildReportModel(store, { ...selection, sections: chosen.filter((s) => s !== 'appendix') });
  const cited = new Set(model.findings.flatMap((f) => f.eventIds)).size;
  const detail = {
    summary: `${count(summarySentences(model).length, 'sentence')}${model.text.narrative.trim() === '' ? ', no narrative yet' : ' and the narrative'}`,
    users: `${count(model.users.length, 'user section')}, ${count(model.findings.length, 'finding')}`,
    evidence: `${count(model.evidence.length, 'file')} with SHA-256`,
    method: `engine ${model.detection?.engineVersion ?? 'not run'}, every rule with its parameters`,
    custody: count(model.custody.length, 'entry', 'entries'),
    appendix: `the verbatim records behind the findings (${count(cited, 'event')} cited)`,
  } as const;
  const ranked = buildReportModel(store, { sections: [] });
  return {
    sections: chosen.map((id) => ({ id, title: SECTION_TITLE[id], detail: detail[id] })),
    summary: summarySentences(model),
    users: model.users.map((u) => ({
      user: u.assessment.user,
      verdict: u.assessment.verdict,
      risk: u.assessment.risk,
      findings: u.findings.length,
      notes: (u.notes.user === null ? 0 : 1) + u.notes.findings.length + u.notes.events.length + u.notes.entities.length,
    })),
    annotations: listAnnotations(store.db).map((a) => ({ ...a, label: a.kind === 'event' ? `Event #${a.target}` : `${a.kind[0]?.toUpperCase() ?? ''}${a.kind.slice(1)} ${a.target}` })),
    defaultUsers: ranked.users.map((u) => u.assessment.user),
  };
}
