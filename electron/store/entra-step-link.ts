/**
 * The join of Entra authentication steps (the portal's authentication details CSV, one event
 * per step with the request id as its session and no user) to the sign-ins they belong to
 * (the sign-in's `vendor_uid` is its request id). Either file may be imported first, in one
 * import or in two: the join runs when a file holding either kind commits, and finds every
 * step still unlinked whose sign-in is in the case. What a step changes in its sign-in is the
 * caller's (`StepMerge`, ingest/vendors/entra-step-merge.ts); here is only the SQL.
 *
 * A step is looked for within LINK_WINDOW_MS of its sign-in: the steps of one sign-in happen
 * while it lasts, and the window keeps the look-up on the events_by_time index (vendor_uid
 * has none). A sign-in that names no user leaves its steps as they are: they could take
 * nothing from it.
 */
import type { Database, Statement } from 'better-sqlite3';

/** The stored event name of a step (ingest/vendors/entra-auth-details.ts AUTH_STEP_EVENT). */
const STEP_EVENT = 'Authentication step';
export const LINK_WINDOW_MS = 15 * 60_000;

export interface StoredStep {
  id: number;
  outcome: string;
  factor: string | null;
  reason: string | null;
}

export interface StoredSignIn {
  id: number;
  outcome: string;
  factor: string | null;
  reason: string | null;
}

/** What the sign-in becomes once it has its steps. */
export interface SignInChange {
  outcome: string;
  factor: string | null;
  reason: string | null;
}

export type StepMerge = (signIn: StoredSignIn, steps: readonly StoredStep[]) => SignInChange;

interface PairRow {
  step_id: number;
  step_outcome: string;
  step_factor: string | null;
  step_reason: string | null;
  signin_id: number;
  outcome: string;
  factor: string | null;
  reason: string | null;
}

export class EntraStepLinker {
  private readonly pairs: Statement<[{ window: number; step: string }], PairRow>;
  private readonly updateSignIn: Statement<[string, string | null, string | null, number]>;
  private readonly updateStep: Statement<[{ signIn: number; step: number }]>;

  constructor(db: Database) {
    this.pairs = db.prepare(`
      SELECT st.id AS step_id, st.outcome AS step_outcome, st.factor AS step_factor, st.reason AS step_reason,
             si.id AS signin_id, si.outcome, si.factor, si.reason
        FROM events st
        JOIN events si ON si.time BETWEEN st.time - @window AND st.time + @window
                      AND si.vendor = 'entra' AND si.vendor_uid = st.session_id AND si.vendor_event <> @step AND si.user <> ''
       WHERE st.user = '' AND st.vendor = 'entra' AND st.vendor_event = @step
       ORDER BY si.id, st.time, st.id`);
    this.updateSignIn = db.prepare('UPDATE events SET outcome = ?, factor = ?, reason = ? WHERE id = ?');
    // The step takes its sign-in's user, place and client; its meaning now lives in the sign-in.
    this.updateStep = db.prepare(`
      UPDATE events SET (outcome, user, user_display, user_vendor_id, src_ip, src_city, src_region, src_country, src_lat, src_lon,
                         src_geo_source, src_asn, src_as_org, user_agent, device, app) =
        (SELECT 'other', user, user_display, user_vendor_id, src_ip, src_city, src_region, src_country, src_lat, src_lon,
                src_geo_source, src_asn, src_as_org, user_agent, device, app FROM events WHERE id = @signIn)
       WHERE id = @step`);
  }

  /** Join every unlinked step whose sign-in is in the case; returns how many steps were joined. */
  link(merge: StepMerge): number {
    const bySignIn = new Map<number, { signIn: StoredSignIn; steps: StoredStep[] }>();
    for (const r of this.pairs.all({ window: LINK_WINDOW_MS, step: STEP_EVENT })) {
      let group = bySignIn.get(r.signin_id);
      if (group === undefined) {
        group = { signIn: { id: r.signin_id, outcome: r.outcome, factor: r.factor, reason: r.reason }, steps: [] };
        bySignIn.set(r.signin_id, group);
      }
      group.steps.push({ id: r.step_id, outcome: r.step_outcome, factor: r.step_factor, reason: r.step_reason });
    }
    let linked = 0;
    for (const { signIn, steps } of bySignIn.values()) {
      const change = merge(signIn, steps);
      this.updateSignIn.run(change.outcome, change.factor, change.reason, signIn.id);
      for (const step of steps) this.updateStep.run({ signIn: signIn.id, step: step.id });
      linked += steps.length;
    }
    return linked;
  }
}
