/**
 * A first invocation per responder that touches only what every notification touches: an OK
 * notification (the kill switch in SSM, the record in CloudWatch Logs: an OK notification is
 * neither read back nor claimed); for the verifier, a re-check request (it reads the state
 * table; a run it does not know is recorded and ignored, without reading the alarm).
 */
import { recordKeyAlias } from '../lib/catalogue';
import type { FunctionRole } from '../lib/constructs/private/bundling-options';
import { alarmMessage, snsEvent } from '../test/helpers/alarm-event';
import { deployedEnvironment, ESCALATION_TOPIC_ARN, functionNameFor, REMEDIATION_LOG_GROUP, REGION, runtimeEnvironment } from '../test/helpers/deployed-responder';
import { emptyState, type FakeState } from '../test/helpers/fake-aws-services';
import { ACCOUNT, defaultPlan } from '../test/helpers/responder-settings';

export interface Invocation {
  /** The environment of the function (the construct's and the runtime's), pointed at the fake. */
  readonly env: Record<string, string>;
  /** A fresh event each time: the same notification twice would be a duplicate. */
  readonly event: (run: number) => unknown;
  /** What its answer should say (decision and reason, or the verifier's failures). */
  readonly expected: string;
}

const VERIFIED_ALARM = 'ar-rung-high-error-rate-rung-api-prod';

/** CloudWatch's StateChangeTime, one second apart per run. */
const stateChangeTime = (run: number) => new Date(Date.UTC(2026, 10, 23, 3, 0, 0) + run * 1000).toISOString().replace('Z', '+0000');

/** What the fake AWS holds: the kill switch at `enforce`, and the alarm the verifier re-checks, OK. */
export function fakeState(): FakeState {
  const state = emptyState();
  state.cloudwatch.alarms[VERIFIED_ALARM] = {
    AlarmName: VERIFIED_ALARM,
    AlarmArn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${VERIFIED_ALARM}`,
    StateValue: 'OK',
    StateReason: 'Threshold Crossed',
    StateUpdatedTimestamp: Date.parse('2026-11-23T03:21:09.004Z') / 1000,
    MetricName: 'Errors',
    Namespace: 'AWS/Lambda',
    Statistic: 'Sum',
    Dimensions: [{ Name: 'FunctionName', Value: 'rung-api-prod' }],
    Period: 60,
    EvaluationPeriods: 1,
  };
  return state;
}

function verifierInvocation(endpoint: string, stateTable: string): Invocation {
  const request = (run: number) => ({
    recordId: `0b7c1a52-3f7e-4b8e-9c35-${String(run).padStart(12, '0')}`,
    alarmName: VERIFIED_ALARM,
    system: 'rung',
    family: 'lambda',
    appliedAt: '2026-11-23T03:11:09.004Z',
    summary: 'rung-api-prod: provisioned concurrency 0 -> 2',
  });
  return {
    env: {
      AR_REMEDIATION_LOG_GROUP: REMEDIATION_LOG_GROUP,
      AR_ESCALATION_TOPIC_ARN: ESCALATION_TOPIC_ARN,
      AR_STATE_TABLE: stateTable,
      AR_RECORD_KEY: recordKeyAlias('ar'),
      POWERTOOLS_SERVICE_NAME: 'alert-responder-verifier',
      POWERTOOLS_METRICS_NAMESPACE: 'AlertResponder',
      POWERTOOLS_LOG_LEVEL: 'INFO',
      ...runtimeEnvironment(endpoint, 'ar-verifier'),
    },
    event: (run) => ({ Records: [{ messageId: `m${run}`, body: JSON.stringify(request(run)), eventSource: 'aws:sqs' }] }),
    expected: '{"batchItemFailures":[]}',
  };
}

/** The first responder of `role` in the default configuration, and an OK notification of its first alarm. */
export function invocationOf(role: FunctionRole, endpoint: string, stateTable: string): Invocation {
  if (role === 'verifier') return verifierInvocation(endpoint, stateTable);
  const system = defaultPlan().systems.find((s) => s.responders.some((r) => r.family === role));
  const alarm = system?.responders.find((r) => r.family === role)?.alarms[0];
  if (!system || !alarm) throw new Error(`the default configuration has no ${role} responder`);
  return {
    env: { ...deployedEnvironment(system.id, role, { endpoint, stateTable }).env, ...runtimeEnvironment(endpoint, functionNameFor(system.id, role)) },
    event: (run) => snsEvent([alarmMessage({ name: alarm.name, state: 'OK', time: stateChangeTime(run) })]),
    expected: 'skipped/resolved',
  };
}

/**
 * The function's environment with tracing as deployed (active tracing): the Tracer on, the X-Ray
 * SDK in Lambda mode with a sampled trace id, its segments sent over UDP to a daemon address where
 * nothing listens.
 */
export function tracedEnvironment(env: Readonly<Record<string, string>>): Record<string, string> {
  const { POWERTOOLS_TRACE_ENABLED: _off, ...rest } = env;
  return {
    ...rest,
    LAMBDA_TASK_ROOT: '/var/task',
    _X_AMZN_TRACE_ID: 'Root=1-6744b1c0-3f1e2d4c5b6a798812345678;Parent=53995c3f42cd8ad8;Sampled=1',
    AWS_XRAY_DAEMON_ADDRESS: '127.0.0.1:2000',
  };
}

/** What an answer says, in the terms of `Invocation.expected`. */
export function summarise(answer: unknown): string {
  const records = (answer as { records?: Array<{ decision?: string; reasonCode?: string }> } | undefined)?.records;
  if (records?.length === 1) return `${records[0].decision ?? '?'}/${records[0].reasonCode ?? '?'}`;
  return JSON.stringify(answer);
}
