/**
 * What a sign-in takes from its authentication steps (docs/log-sources.md §2): the portal's
 * sign-ins CSV carries one MFA method and result per sign-in at most, the details file every
 * step with its own result, so the step says what the sign-in could not. A failed strong
 * authentication (500121) becomes the refusal, time-out or fraud report the failed step names;
 * a success whose MFA step the user completed is an approval; the factor is the MFA step's;
 * the steps' results are added to the reason. The steps themselves become 'other' events
 * (store/entra-step-link.ts), so one prompt is counted once.
 */
import type { Outcome } from '../../../shared/model/event.js';
import type { SignInChange, StoredSignIn, StoredStep } from '../../store/entra-step-link.js';
import { MFA_FAILED_CODE } from './microsoft.js';

const NOT_MFA = new Set(['password', 'remembered']);
const REFUSALS: ReadonlySet<string> = new Set<Outcome>(['denied', 'timeout', 'fraud_reported', 'failed_other']);

function isMfa(step: StoredStep): boolean {
  return step.factor !== null && !NOT_MFA.has(step.factor);
}

function mergedOutcome(signIn: StoredSignIn, mfa: readonly StoredStep[]): string {
  const failedStrongAuth = signIn.outcome === 'failed_other' && signIn.reason?.startsWith(`${MFA_FAILED_CODE}`) === true;
  const failed = mfa.find((s) => REFUSALS.has(s.outcome));
  if (failedStrongAuth && failed !== undefined) return failed.outcome;
  if (signIn.outcome === 'auth_success' && mfa.some((s) => s.outcome === 'approved')) return 'approved';
  return signIn.outcome;
}

function mergedReason(signIn: StoredSignIn, steps: readonly StoredStep[]): string | null {
  const parts = signIn.reason === null ? [] : [signIn.reason];
  for (const step of steps) if (step.reason !== null && !parts.some((p) => p.includes(step.reason ?? ''))) parts.push(step.reason);
  return parts.length === 0 ? null : parts.join(' | ');
}

export function mergeSteps(signIn: StoredSignIn, steps: readonly StoredStep[]): SignInChange {
  const mfa = steps.filter(isMfa);
  const outcome = mergedOutcome(signIn, mfa);
  const failedStep = mfa.find((s) => REFUSALS.has(s.outcome));
  const named = REFUSALS.has(outcome) ? (failedStep ?? mfa.at(-1)) : mfa.at(-1);
  const vague = signIn.factor === null || signIn.factor === 'unknown' || signIn.factor === 'password';
  return { outcome, factor: vague && named !== undefined ? named.factor : signIn.factor, reason: mergedReason(signIn, steps) };
}
