/**
 * Integrity check of a case file, run in a worker on a read-only connection: SQLite's own
 * integrity check and foreign keys, the custody chain with its signatures and the keys that
 * made them, the content digest recomputed and compared with the last sealed one (naming the
 * tables and rows that differ), events whose evidence is gone; then, as asked, the original
 * evidence files hashed again, detection run again on a copy, a report's printed digest.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { SigningKey, VerifyReport } from '../../shared/api/jobs.js';
import { analystKey } from '../integrity/analyst-key.js';
import { checkContent, describeContent } from '../integrity/content-check.js';
import { checkDetection } from '../integrity/detection-check.js';
import { checkEvidence, describeEvidence } from '../integrity/evidence-check.js';
import { checkReport, describeReport } from '../integrity/report-check.js';
import { CaseStore } from '../store/case-store.js';
import { removedTail, sealedDigest, signingKeys, verifyCustodyChain, type ChainCheck } from '../store/custody.js';
import type { JobFn } from './job.js';

function keysOf(chain: ChainCheck, held: readonly { fingerprint: string; analyst: string }[], trusted: ReadonlySet<string>): SigningKey[] {
  const own = analystKey().fingerprint;
  return held.map((k) => ({
    fingerprint: k.fingerprint,
    analyst: k.analyst,
    entries: chain.signers.get(k.fingerprint) ?? 0,
    thisInstallation: k.fingerprint === own,
    trusted: k.fingerprint === own || trusted.has(k.fingerprint),
  }));
}

function keyProblems(keys: readonly SigningKey[]): string[] {
  return keys
    .filter((k) => k.entries > 0 && !k.trusted)
    .map(
      (k) =>
        `${k.entries} custody entries are signed by key ${k.fingerprint} (${k.analyst}), which is not this installation's: ` +
        'compare it with the key printed in the case\'s report and pass --trust with it, or --report with that report',
    );
}

/** Room for the copy detection runs on: beside the case (same disk, same size limits), else the temp folder. */
function scratchDir(casePath: string): string {
  try {
    return mkdtempSync(join(dirname(casePath), '.pushtrail-verify-'));
  } catch {
    return mkdtempSync(join(tmpdir(), 'pushtrail-verify-'));
  }
}

export const verifyCase: JobFn<'case/verify'> = async (arg, ctx) => {
  const store = CaseStore.open(arg.path, 'verify', { readOnly: true });
  const scratch = scratchDir(arg.path);
  try {
    const db = store.db;
    ctx.progress({ phase: 'integrity', done: 0, total: 0, unit: 'steps' });
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    const foreignKeyViolations = (db.pragma('foreign_key_check') as unknown[]).length;
    ctx.throwIfCancelled();

    const custodyTotal = (db.prepare('SELECT count(*) AS n FROM custody_log').get() as { n: number }).n;
    const chain = verifyCustodyChain(db, (done) => {
      ctx.progress({ phase: 'custody chain', done, total: custodyTotal, unit: 'rows' });
      ctx.throwIfCancelled();
    });

    const events = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    const orphanEvents = (db.prepare('SELECT count(*) AS n FROM events e LEFT JOIN evidence v ON v.id = e.evidence_id WHERE v.id IS NULL').get() as { n: number }).n;

    let hashed = 0;
    const content = checkContent(db, (n) => {
      hashed += n;
      if (hashed % 20_480 < n) {
        ctx.progress({ phase: 'content digest', done: hashed, total: 0, unit: 'rows' });
        ctx.throwIfCancelled();
      }
    });

    const report = arg.reportFile === undefined ? null : checkReport(arg.reportFile, (seq) => sealedDigest(db, seq), chain.head?.seq ?? 0);
    const trusted = new Set([...(arg.trust ?? []), ...(report?.matches === true ? report.keys : [])]);
    const keys = keysOf(chain, signingKeys(db), trusted);
    const evidence = arg.evidenceDir === undefined ? null : await checkEvidence(store.evidence(), arg.evidenceDir, ctx);
    ctx.progress({ phase: 'detection', done: 0, total: events, unit: 'records' });
    const detection = arg.detection === false ? null : await checkDetection(store, scratch, ctx);

    const problems = [
      ...(integrity.length === 1 && integrity[0] === 'ok' ? [] : integrity.map((line) => `SQLite integrity: ${line}`)),
      ...(foreignKeyViolations === 0 ? [] : [`${foreignKeyViolations} rows refer to rows that do not exist (foreign keys)`]),
      ...chain.problems.map((p) => `custody log: ${p.problem}`),
      ...[removedTail(db, chain.head)].filter((p) => p !== null).map((p) => `custody log: ${p}`),
      ...keyProblems(keys),
      ...(orphanEvents === 0 ? [] : [`${orphanEvents} events refer to evidence the case does not hold`]),
      ...describeContent(content),
      ...(evidence === null ? [] : describeEvidence(evidence)),
      ...(detection === null ? [] : detection.differences.map((d) => `detection: ${d}`)),
      ...(detection !== null && detection.more > 0 ? [`detection: and ${detection.more} more differences`] : []),
      ...(report === null ? [] : describeReport(report, sealedDigest(db, report.seq))),
    ];
    const result: VerifyReport = {
      ok: problems.length === 0,
      integrity,
      foreignKeyViolations,
      custodyEntries: chain.entries,
      custodyBroken: [...new Set(chain.problems.map((p) => p.seq))],
      keys,
      events,
      orphanEvents,
      content,
      evidence,
      detection,
      report,
      problems,
      checkedAt: Date.now(),
    };
    return result;
  } finally {
    store.close();
    rmSync(scratch, { recursive: true, force: true });
  }
};
