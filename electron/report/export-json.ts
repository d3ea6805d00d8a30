/**
 * The report as data: the same model the PDF and HTML are printed from, with times as ISO 8601
 * UTC strings (and the display zone named), for scripts and other tools. Top-level keys:
 * report, case, summary, findings, users, evidence, method, custody, records, analystEvents.
 * `analystEvents` are the analyst's own entries for the users with a section: kept apart from
 * every evidence list (findings, key events, records, counts), as the printed report marks them.
 */
import { findingJson } from '../../shared/export/finding-json.js';
import type { StoredEvent } from '../../shared/model/event.js';
import { RULES } from '../../shared/rules/index.js';
import type { ReportModel } from './model.js';
import { summarySentences } from './sections/summary.js';

/** JSON export format version: bump when a field changes meaning or is removed. */
export const REPORT_JSON_VERSION = 1;

const iso = (ms: number): string => new Date(ms).toISOString();

export function eventJson(e: StoredEvent): Record<string, unknown> {
  return { ...e, time: iso(e.time) };
}

export function reportJson(model: ReportModel): Record<string, unknown> {
  const sections = new Map(model.users.map((u) => [u.assessment.user, u]));
  return {
    report: {
      format: 'pushtrail-report',
      version: REPORT_JSON_VERSION,
      generatedAt: iso(model.generatedAt),
      toolVersion: model.toolVersion,
      displayTimeZone: model.zone,
      times: 'ISO 8601 in UTC; the display time zone is what the PDF and HTML reports show',
      scope: model.scope,
      analystEvents: "the analyst's own entries (what a witness or the analyst reported), not evidence: no finding, count or record rests on them",
    },
    case: {
      ...model.meta,
      createdAt: iso(model.meta.createdAt),
      path: model.casePath,
      schemaVersion: model.schemaVersion,
      counts: model.counts,
      firstEvent: model.caseSpan === null ? null : iso(model.caseSpan.first),
      lastEvent: model.caseSpan === null ? null : iso(model.caseSpan.last),
      vendors: model.vendors,
    },
    summary: summarySentences(model),
    findings: model.findings.map((f) => ({ ...findingJson(f), detail: f.detail })),
    users: model.assessments.map((a) => {
      const section = sections.get(a.user);
      return {
        user: a.user,
        verdict: a.verdict,
        risk: a.risk,
        reasons: a.reasons,
        counts: a.counts,
        findingIds: a.findingIds,
        ...(section === undefined
          ? {}
          : {
              displayNames: section.displayNames,
              identities: section.identities,
              incident: section.window === null ? null : { start: iso(section.window.start), end: iso(section.window.end) },
              keyEvents: section.keyEvents.map(eventJson),
              keyEventsTotal: section.keyEventsTotal,
            }),
      };
    }),
    evidence: model.evidence.map((e) => ({
      ...e,
      importedAt: iso(e.importedAt),
      period: e.period === null ? null : { first: iso(e.period.first), last: iso(e.period.last) },
      gaps: e.gaps.map((g) => ({ start: iso(g.start), end: iso(g.end) })),
    })),
    importProblems: model.importProblems.map((p) => ({ ...p, at: iso(p.at) })),
    method: {
      engineVersion: model.detection?.engineVersion ?? null,
      run:
        model.detection === null
          ? null
          : { startedAt: iso(model.detection.startedAt), finishedAt: iso(model.detection.finishedAt), stats: model.detection.stats },
      timesStored: 'UTC milliseconds',
      displayTimeZone: model.zone,
      rules: RULES.map((r) => ({
        id: r.id,
        title: r.title,
        description: r.description,
        scope: r.scope,
        attack: r.attack,
        enabled: model.settings[r.id].enabled,
        params: model.settings[r.id].params,
        defaults: r.params,
      })),
    },
    custody: model.custody.map((c) => ({ ...c, at: iso(c.at) })),
    integrity: model.seal === null ? null : { digest: model.seal.entry.digest, seq: model.seal.entry.seq, entryHash: model.seal.entry.hash, keys: model.seal.keys },
    records: [...model.appendix.records.values()].map((r) => ({
      eventId: r.detail.event.id,
      findingIds: r.findingIds,
      evidence: r.detail.evidence,
      raw: r.detail.raw,
    })),
    analystEvents: model.users.flatMap((u) => u.analystEvents.map((a) => ({ ...a, time: iso(a.time), createdAt: iso(a.createdAt), evidence: false }))),
  };
}
