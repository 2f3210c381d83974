/**
 * For tests of what happens after the trust boundary: CloudWatch agreeing with each notification
 * (its alarm read back in ALARM at the notified transition, its breach confirmed) and a queue
 * that only records the re-checks scheduled. The boundary itself is tested with the real
 * read-back against the fake AWS (test/lambdas/responders/bundled-trust.test.ts) and in
 * test/lambdas/pipeline/trust.test.ts.
 */
import type { ObservedAlarm } from '../../lambdas/core/alarm';
import type { ParseOutcome } from '../../lambdas/pipeline/notification';
import type { RespondDeps } from '../../lambdas/pipeline/respond';
import type { VerificationRequest } from '../../lambdas/pipeline/verification';

/** The notified alarm as CloudWatch would describe it: the same ARN, in ALARM since the notified transition. */
export function observedOf(outcome: ParseOutcome): ObservedAlarm | undefined {
  if (!outcome.ok || outcome.value.source !== 'sns') return undefined;
  const { alarm } = outcome.value;
  return { ...alarm, state: 'ALARM', stateTimestamp: alarm.stateChangeTime };
}

/** Deps that read each notification's alarm back as notified: give per delivery. */
export function echoOf(outcome: ParseOutcome): Pick<RespondDeps, 'readAlarm'> {
  const observed = observedOf(outcome);
  return { readAlarm: async () => observed };
}

/** A clock at `now`, every breach confirmed, every re-check recorded instead of sent. */
export function trusting(now: Date) {
  const scheduled: VerificationRequest[] = [];
  const deps: Pick<RespondDeps, 'now' | 'confirm' | 'scheduleVerification'> = {
    now: () => now,
    confirm: async () => ({ confirmed: true, reason: 'confirmed (test)' }),
    scheduleVerification: async (request) => {
      scheduled.push(request);
      return { scheduled: true, afterSeconds: 600, messageId: `verify-${scheduled.length}` };
    },
  };
  return { deps, scheduled };
}
