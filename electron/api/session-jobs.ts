/** What the domain handlers share: telling the UI the case changed, and running jobs for a session. */
import type { JobStarted } from '../../shared/api/contract.js';
import type { JobArg, JobKind, JobResultOf } from '../../shared/api/jobs.js';
import { startJob, type RunningJob } from '../jobs/runner.js';
import type { Session } from './session.js';

/** Every screen that shows the case reloads on this. */
export function announce(session: Session): void {
  if (session.store !== null) session.emit('case/changed', session.store.info());
}

/** A job whose progress goes out to the session's listeners. */
export function sessionJob<K extends JobKind>(session: Session, kind: K, arg: JobArg<K>): RunningJob<K> {
  return startJob(kind, arg, (progress) => session.emit('job/progress', progress));
}

/** Start a job for a session: progress and the outcome go out as push events. */
export function startSessionJob<K extends JobKind>(
  session: Session,
  kind: K,
  arg: JobArg<K>,
  after?: () => void,
  onResult?: (result: JobResultOf<K>) => void,
): JobStarted {
  return session.track(sessionJob(session, kind, arg), after, onResult);
}
