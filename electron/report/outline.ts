/** The report screen's list of sections, with what each would hold for a selection, and its choices. */
import type { ReportOutline } from '../../shared/api/contract.js';
import { REPORT_SECTIONS, SECTION_TITLE, type ReportSelection } from '../../shared/api/report.js';
import { listAnnotations } from '../store/annotations.js';
import type { CaseStore } from '../store/case-store.js';
import { readAssessments } from '../store/detection-store.js';
import { buildReportModel, sectionedByDefault } from './model.js';
import { summarySentences } from './sections/summary.js';
import { count } from '../../shared/format/count.js';

export function reportOutline(store: CaseStore, selection: ReportSelection): ReportOutline {
  // The appendix reads every cited record; the list only needs to know how many there are.
  const chosen = selection.sections ?? REPORT_SECTIONS;
  const model = buildReportModel(store, { ...selection, sections: chosen.filter((s) => s !== 'appendix') });
  const cited = new Set(model.findings.flatMap((f) => f.eventIds)).size;
  const entries = model.users.reduce((n, u) => n + u.analystEvents.length, 0);
  const detail = {
    summary: `${count(summarySentences(model).length, 'sentence')}${model.text.narrative.trim() === '' ? ', no narrative yet' : ' and the narrative'}`,
    users: `${count(model.users.length, 'user section')}, ${count(model.findings.length, 'finding')}${entries > 0 ? `, ${count(entries, "analyst's entry", "analyst's entries")} (marked, not evidence)` : ''}`,
    evidence: `${count(model.evidence.length, 'file')} with SHA-256`,
    method: `engine ${model.detection?.engineVersion ?? 'not run'}, every rule with its parameters`,
    custody: count(model.custody.length, 'entry', 'entries'),
    appendix: `the verbatim records behind the findings (${count(cited, 'event')} cited)`,
  } as const;

  return {
    sections: chosen.map((id) => ({ id, title: SECTION_TITLE[id], detail: detail[id] })),
    annotations: listAnnotations(store.db).map((a) => ({ ...a, label: a.kind === 'event' ? `Event #${a.target}` : `${a.kind[0]?.toUpperCase() ?? ''}${a.kind.slice(1)} ${a.target}` })),
    defaultUsers: readAssessments(store.db)
      .filter(sectionedByDefault)
      .map((a) => a.user),
  };
}
