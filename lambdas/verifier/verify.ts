import { randomUUID } from 'node:crypto';
import { DEFAULT_LOG_LINES, isAlertKindId, type LogLinesSettings } from '../../lib/catalogue';
import type { Alarm } from '../core/alarm';
import type { OpenWindow } from '../core/context';
import type { EscalationRecord, VerificationRecord } from '../core/record';
import type { AwsCallRecord } from '../core/remediation';
import { describeError } from '../runtime/aws-call';
import { scopedWindows } from '../runtime/maintenance-settings';
import { openWindow } from '../context/maintenance';
import { describeWindow } from '../context/maintenance-hold';
import type { AppliedRecord } from '../guardrails/applied-items';
import type { Intent } from '../guardrails/resource-admission';
import { metricRequests } from '../escalation/diagnostics';
import { escalate } from '../escalation/publish';
import { lookupAlarm } from '../pipeline/lookup-alarm';
import type { VerificationRequest } from '../pipeline/verification-request';
import { recheckHeld } from './held';
import { countOutcome, type RecordOutcome } from './score';

/** What the verifier reads of the state table: what a run applied, and the intent left on a resource. */
export interface VerifierState {
  readApplied(recordId: string): Promise<AppliedRecord | undefined>;
  readIntent(system: string, resourceKey: string): Promise<Intent | undefined>;
  /** Counts a verdict into the fix score of a remediation on a resource. @default not counted */
  readonly recordOutcome?: RecordOutcome;
}

export interface VerifyDeps {
  readonly escalationTopicArn: string;
  /** `escalation.logLines`; @default redacted lines */
  readonly logLines?: LogLinesSettings;
  readonly state: VerifierState;
  readonly lookup?: typeof lookupAlarm;
  readonly escalate?: typeof escalate;
  readonly now?: () => Date;
}

type Finish = (rest: Pick<VerificationRecord, 'alarm' | 'outcome' | 'reason'> & { escalation?: EscalationRecord; maintenance?: OpenWindow; scores?: VerificationRecord['scores'] }) => VerificationRecord;

/** The maintenance window the re-check falls in, from the windows the responder sent with it; none when it sent none (or none it could read). */
function windowAt(request: VerificationRequest, at: Date): OpenWindow | undefined {
  if (request.maintenanceWindows === undefined) return undefined;
  const read = scopedWindows.read(request.maintenanceWindows, 'maintenanceWindows');
  return read.ok ? openWindow(read.value, at) : undefined;
}

async function escalateWith(request: VerificationRequest, alarm: Alarm, subject: string, reason: string, deps: VerifyDeps, calls: AwsCallRecord[]): Promise<EscalationRecord> {
  try {
    const result = await (deps.escalate ?? escalate)({
      calls,
      topicArn: deps.escalationTopicArn,
      subject: `[${request.severity ?? 'P1'}] ${subject}: ${request.alarmName}`,
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
    return { published: true, topicArn: deps.escalationTopicArn, messageId: result.messageId, reason, ...(result.central ? { central: result.central } : {}) };
  } catch (err) {
    return { published: false, topicArn: deps.escalationTopicArn, reason, error: describeError(err) };
  }
}

/** The alarm's region, from its ARN: alarms on us-east-1-only metrics live there. */
const regionOf = (request: VerificationRequest) => request.alarmArn?.split(':')[3] || undefined;

/**
 * No applied record: either the run that scheduled this died between apply and record (its intent
 * still names it on the resource: escalate, someone must look), or no such run ever was (a message
 * the responders did not send: record it, do nothing else).
 */
async function withoutAppliedRecord(request: VerificationRequest, deps: VerifyDeps, calls: AwsCallRecord[], finish: Finish): Promise<VerificationRecord> {
  const named = { name: request.alarmName };
  const intent = request.resourceKey === undefined ? undefined : await deps.state.readIntent(request.system, request.resourceKey);
  if (intent?.recordId !== request.recordId) {
    return finish({ alarm: named, outcome: 'unknown-record', reason: `no run ${request.recordId} in the state table: not a re-check the responders scheduled; ignored` });
  }
  const now = (deps.now ?? (() => new Date()))();
  if (now.getTime() <= intent.deadline.getTime()) {
    return finish({ alarm: named, outcome: 'failed', reason: `run ${request.recordId} is still in progress (until ${intent.deadline.toISOString()}); checked again later` });
  }
  const alarm: Alarm = (await (deps.lookup ?? lookupAlarm)(request.alarmName, calls, regionOf(request))) ?? {
    name: request.alarmName, state: 'INSUFFICIENT_DATA', reason: '', stateChangeTime: now, stateChangeTimeRaw: now.toISOString(), metrics: [],
  };
  const reason =
    `interrupted: run ${request.recordId} (${request.summary}) ended at ${intent.deadline.toISOString()} without recording what it did; ` +
    `${request.resourceKey ?? 'the resource'} may have been changed: check it by hand`;
  const escalation = await escalateWith(request, alarm, 'interrupted remediation', reason, deps, calls);
  return finish({ alarm: { name: alarm.name, state: alarm.state, reason: alarm.reason }, outcome: 'interrupted', reason, escalation });
}

/**
 * Re-reads the alarm some minutes after an action, for runs the state table knows: recovered is
 * recorded, still firing is escalated (inside a maintenance window of the resource, only recorded); an apply that failed has nothing to verify (it was
 * escalated already); a run that died after applying is escalated; anything else is ignored.
 */
export async function verify(request: VerificationRequest, deps: VerifyDeps): Promise<VerificationRecord> {
  const started = Date.now();
  const calls: AwsCallRecord[] = [];
  const finish: Finish = (rest) => ({
    recordVersion: 1,
    recordType: 'verification',
    recordId: randomUUID(),
    verifies: request.recordId,
    responder: { system: request.system, family: request.family },
    ...rest,
    time: (deps.now ?? (() => new Date()))().toISOString(),
    calls,
    durationMs: Date.now() - started,
  });
  const { hold } = request;
  if (hold !== undefined) {
    let found: Alarm | undefined;
    try {
      found = await (deps.lookup ?? lookupAlarm)(request.alarmName, calls, regionOf(request));
    } catch (err) {
      return finish({ alarm: { name: request.alarmName }, outcome: 'failed', reason: `could not check: ${describeError(err)}` });
    }
    return recheckHeld({ ...request, hold }, found, calls, finish, (r, a, subject, reason, c) => escalateWith(r, a, subject, reason, deps, c));
  }
  let applied: AppliedRecord | undefined;
  let alarm: Alarm | undefined;
  try {
    applied = await deps.state.readApplied(request.recordId);
    if (!applied) return await withoutAppliedRecord(request, deps, calls, finish);
    if (applied.system !== request.system || applied.family !== request.family) {
      return finish({ alarm: { name: request.alarmName }, outcome: 'unknown-record', reason: `run ${request.recordId} was the ${applied.system} ${applied.family} responder's, not this request's; ignored` });
    }
    if (applied.status === 'failed') return finish({ alarm: { name: request.alarmName }, outcome: 'nothing-applied', reason: 'the apply failed (escalated then): nothing to verify' });
    alarm = await (deps.lookup ?? lookupAlarm)(request.alarmName, calls, regionOf(request));
  } catch (err) {
    return finish({ alarm: { name: request.alarmName }, outcome: 'failed', reason: `could not check: ${describeError(err)}` });
  }
  if (!alarm) return finish({ alarm: { name: request.alarmName }, outcome: 'alarm-not-found', reason: 'the alarm no longer exists' });
  const seen = { name: alarm.name, state: alarm.state, reason: alarm.reason };
  const now = (deps.now ?? (() => new Date()))();
  const counted = async (outcome: 'recovered' | 'still-alarm', reason: string) => {
    if (!deps.state.recordOutcome) return { reason };
    const { scores, problems } = await countOutcome(applied, outcome, now, deps.state.recordOutcome);
    return { reason: [reason, ...problems].join('; '), scores };
  };
  if (alarm.state === 'OK') return finish({ alarm: seen, outcome: 'recovered', ...(await counted('recovered', 'alarm is OK: the action helped')) });
  if (alarm.state === 'INSUFFICIENT_DATA') {
    return finish({ alarm: seen, outcome: 'insufficient-data', reason: 'alarm has insufficient data: cannot tell whether the action helped' });
  }
  const window = windowAt(request, (deps.now ?? (() => new Date()))());
  if (window) {
    const held = `alarm still in ALARM after the action; the re-check falls inside ${describeWindow(window)}: not escalated`;
    return finish({ alarm: seen, outcome: 'still-alarm', reason: held, maintenance: window });
  }
  const reason = `still in ALARM after the applied action (${request.summary}); record ${request.recordId}`;
  const [escalation, score] = await Promise.all([
    escalateWith(request, alarm, 'still firing after remediation', reason, deps, calls),
    counted('still-alarm', 'alarm still in ALARM after the action: escalated'),
  ]);
  return finish({ alarm: seen, outcome: 'still-alarm', escalation, ...score });
}
