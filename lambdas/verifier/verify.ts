import { randomUUID } from 'node:crypto';
import { DEFAULT_LOG_LINES, isAlertKindId, type LogLinesSettings } from '../../lib/catalogue';
import type { Alarm } from '../core/alarm';
import type { EscalationRecord, VerificationRecord } from '../core/record';
import type { AwsCallRecord } from '../core/remediation';
import { describeError } from '../runtime/aws-call';
import { metricRequests } from '../escalation/diagnostics';
import { escalate } from '../escalation/publish';
import { lookupAlarm } from '../pipeline/lookup-alarm';
import type { VerificationRequest } from '../pipeline/verification-request';

export interface VerifyDeps {
  readonly escalationTopicArn: string;
  /** `escalation.logLines`; @default redacted lines */
  readonly logLines?: LogLinesSettings;
  readonly lookup?: typeof lookupAlarm;
  readonly escalate?: typeof escalate;
  readonly now?: () => Date;
}

async function escalateStill(request: VerificationRequest, alarm: Alarm, deps: VerifyDeps, calls: AwsCallRecord[]): Promise<EscalationRecord> {
  const reason = `still in ALARM after the applied action (${request.summary}); record ${request.recordId}`;
  try {
    const result = await (deps.escalate ?? escalate)({
      calls,
      topicArn: deps.escalationTopicArn,
      subject: `[${request.severity ?? 'P1'}] still firing after remediation: ${request.alarmName}`,
      incident: {
        alarm,
        kind: request.alertKind && isAlertKindId(request.alertKind) ? request.alertKind : 'high-error-rate',
        region: alarm.region ?? '',
        account: alarm.account,
        windowSeconds: (alarm.periodSeconds ?? 300) * (alarm.evaluationPeriods ?? 1),
      },
      reason,
      record: { verifies: request.recordId, appliedAt: request.appliedAt, summary: request.summary },
      diagnostics: { metrics: metricRequests(alarm, 300) },
      logLines: deps.logLines ?? DEFAULT_LOG_LINES,
    });
    return { published: true, topicArn: deps.escalationTopicArn, messageId: result.messageId, reason };
  } catch (err) {
    return { published: false, topicArn: deps.escalationTopicArn, reason, error: describeError(err) };
  }
}

/** Re-reads the alarm some minutes after an applied action: recovered is recorded, still firing is escalated. */
export async function verify(request: VerificationRequest, deps: VerifyDeps): Promise<VerificationRecord> {
  const started = Date.now();
  const calls: AwsCallRecord[] = [];
  const base = {
    recordVersion: 1 as const,
    recordType: 'verification' as const,
    recordId: randomUUID(),
    verifies: request.recordId,
    responder: { system: request.system, family: request.family },
  };
  const finish = (rest: Pick<VerificationRecord, 'alarm' | 'outcome' | 'reason'> & { escalation?: EscalationRecord }): VerificationRecord => ({
    ...base,
    ...rest,
    time: (deps.now ?? (() => new Date()))().toISOString(),
    calls,
    durationMs: Date.now() - started,
  });
  let alarm: Alarm | undefined;
  try {
    alarm = await (deps.lookup ?? lookupAlarm)(request.alarmName, calls);
  } catch (err) {
    return finish({ alarm: { name: request.alarmName }, outcome: 'failed', reason: `could not read the alarm: ${describeError(err)}` });
  }
  if (!alarm) return finish({ alarm: { name: request.alarmName }, outcome: 'alarm-not-found', reason: 'the alarm no longer exists' });
  const seen = { name: alarm.name, state: alarm.state, reason: alarm.reason };
  if (alarm.state === 'OK') return finish({ alarm: seen, outcome: 'recovered', reason: 'alarm is OK: the action helped' });
  if (alarm.state === 'INSUFFICIENT_DATA') {
    return finish({ alarm: seen, outcome: 'insufficient-data', reason: 'alarm has insufficient data: cannot tell whether the action helped' });
  }
  const escalation = await escalateStill(request, alarm, deps, calls);
  return finish({ alarm: seen, outcome: 'still-alarm', reason: 'alarm still in ALARM after the action: escalated', escalation });
}
