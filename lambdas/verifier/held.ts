import type { Alarm } from '../core/alarm';
import type { EscalationRecord, VerificationRecord } from '../core/record';
import type { AwsCallRecord } from '../core/remediation';
import type { VerificationRequest } from '../pipeline/verification-request';

type Finish = (rest: Pick<VerificationRecord, 'alarm' | 'outcome' | 'reason'> & { escalation?: EscalationRecord }) => VerificationRecord;
type EscalateWith = (request: VerificationRequest, alarm: Alarm, subject: string, reason: string, calls: AwsCallRecord[]) => Promise<EscalationRecord>;

/**
 * The re-check of an action the responder held rather than applied (a deployment was changing
 * the resource): nothing was applied, so there is no applied record to find. After the
 * deployment's expected end, an alarm back to OK is recorded; one still in ALARM goes to people
 * with what held the action (the deployment) and the plan that waited; one with insufficient data
 * is recorded. The verifier does not act: people decide whether the held fix still makes sense.
 */
export async function recheckHeld(request: VerificationRequest & { readonly hold: string }, alarm: Alarm | undefined, calls: AwsCallRecord[], finish: Finish, escalateWith: EscalateWith): Promise<VerificationRecord> {
  if (!alarm) return finish({ alarm: { name: request.alarmName }, outcome: 'alarm-not-found', reason: 'the alarm no longer exists' });
  const seen = { name: alarm.name, state: alarm.state, reason: alarm.reason };
  if (alarm.state === 'OK') return finish({ alarm: seen, outcome: 'recovered', reason: `alarm is OK after the hold (${request.hold}): nothing to do` });
  if (alarm.state === 'INSUFFICIENT_DATA') {
    return finish({ alarm: seen, outcome: 'insufficient-data', reason: `alarm has insufficient data after the hold (${request.hold})` });
  }
  const reason = `still in ALARM after the hold: ${request.hold}. The held plan (${request.summary}) was not applied; record ${request.recordId}`;
  const escalation = await escalateWith(request, alarm, 'still firing after the deployment it waited for', reason, calls);
  return finish({ alarm: seen, outcome: 'still-alarm', reason: 'alarm still in ALARM after the hold: escalated', escalation });
}
