import { CloudWatchLogsClient, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GenerateMacCommand, KMSClient } from '@aws-sdk/client-kms';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import type { SQSEvent } from 'aws-lambda';
import type { Alarm } from '../../../lambdas/core/alarm';
import { retryPolicy } from '../../../lambdas/runtime/aws-call';
import type { AppliedRecord } from '../../../lambdas/guardrails/applied-items';
import type { Intent } from '../../../lambdas/guardrails/resource-admission';
import { sqsVerification, type VerificationRequest } from '../../../lambdas/pipeline/verification';
import { verifierEnv, verifyBatch } from '../../../lambdas/verifier/handler';
import { verify, type VerifierState } from '../../../lambdas/verifier/verify';
import { recordMacMessage } from '../../../lambdas/runtime/record-mac';
import { hmac, RECORD_KEY_ARN, useRecordKey } from '../../helpers/record-key';

const request: VerificationRequest = {
  recordId: '0b7c1a52-3f7e-4b8e-9c35-6a1d2e4f5a6b',
  alarmName: 'ar-rung-high-latency-rung-api-prod',
  system: 'rung',
  family: 'lambda',
  alertKind: 'high-latency',
  severity: 'P1',
  appliedAt: '2026-11-23T03:13:00.000Z',
  summary: 'rung-api-prod:prod: provisioned concurrency 2 -> 4',
  resourceKey: 'rung-api-prod',
  deadline: '2026-11-23T03:14:00.000Z',
};
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:ar-escalations';

/** The state table as the verifier reads it: the run's applied-action item and the intent on its resource. */
function state(applied?: Partial<AppliedRecord> | null, intent?: Intent): VerifierState {
  const item: AppliedRecord | undefined =
    applied === null ? undefined : { recordId: request.recordId, system: 'rung', family: 'lambda', status: 'applied', appliedAt: request.appliedAt, actions: [], ...applied };
  return { readApplied: async () => item, readIntent: async () => intent };
}
const APPLIED = state();

const view = (state: Alarm['state']): Alarm => ({
  name: request.alarmName,
  state,
  reason: 'Threshold Crossed',
  stateChangeTime: new Date('2026-11-23T03:12:45Z'),
  stateChangeTimeRaw: '2026-11-23T03:12:45.000+0000',
  region: 'us-east-1',
  account: '123456789012',
  metrics: [{ namespace: 'AWS/Lambda', metricName: 'Duration', dimensions: { FunctionName: 'rung-api-prod' }, statistic: 'p95', periodSeconds: 300 }],
});

function escalator() {
  const subjects: string[] = [];
  const fn = async (input: { subject: string }) => {
    subjects.push(input.subject);
    return { messageId: 'esc-1', diagnostics: {} };
  };
  return { fn: fn as unknown as NonNullable<Parameters<typeof verify>[1]['escalate']>, subjects };
}

describe('verify', () => {
  it('records a recovery when the alarm is OK, and escalates nothing', async () => {
    const esc = escalator();
    const record = await verify(request, { escalationTopicArn: TOPIC, state: APPLIED, lookup: async () => view('OK'), escalate: esc.fn });
    expect(record).toMatchObject({ recordType: 'verification', verifies: request.recordId, outcome: 'recovered', alarm: { state: 'OK' } });
    expect(esc.subjects).toEqual([]);
  });

  it('escalates with the record when the alarm still fires', async () => {
    const esc = escalator();
    const record = await verify(request, { escalationTopicArn: TOPIC, state: APPLIED, lookup: async () => view('ALARM'), escalate: esc.fn });
    expect(record).toMatchObject({ outcome: 'still-alarm', escalation: { published: true, messageId: 'esc-1' } });
    expect(esc.subjects).toEqual([`[P1] still firing after remediation: ${request.alarmName}`]);
  });

  type Lookup = () => Promise<Alarm | undefined>;
  const cases: Array<[string, Lookup, string]> = [
    ['INSUFFICIENT_DATA', async () => view('INSUFFICIENT_DATA'), 'insufficient-data'],
    ['a deleted alarm', async () => undefined, 'alarm-not-found'],
    ['a failed read', async () => Promise.reject(Object.assign(new Error('denied'), { name: 'AccessDenied' })), 'failed'],
  ];
  it.each(cases)('records %s without escalating', async (_, lookup, outcome) => {
    const esc = escalator();
    const record = await verify(request, { escalationTopicArn: TOPIC, state: APPLIED, lookup, escalate: esc.fn });
    expect(record.outcome).toBe(outcome);
    expect(esc.subjects).toEqual([]);
  });
});

describe('verify checks the request against the state table (item 5)', () => {
  const after = () => new Date('2026-11-23T03:24:00.000Z');

  it('escalates a run that died after scheduling its re-check: no applied record, its intent still on the resource', async () => {
    const esc = escalator();
    const lookup = jest.fn(async () => view('ALARM'));
    const record = await verify(request, { escalationTopicArn: TOPIC, state: state(null, { recordId: request.recordId, deadline: new Date(request.deadline ?? '') }), lookup, escalate: esc.fn, now: after });
    expect(record).toMatchObject({ outcome: 'interrupted', escalation: { published: true }, reason: expect.stringContaining('check it by hand') });
    expect(esc.subjects).toEqual([`[P1] interrupted remediation: ${request.alarmName}`]);
  });

  it('records and ignores a request for a run the state table does not know (a message the responders did not send)', async () => {
    const esc = escalator();
    const lookup = jest.fn(async () => view('ALARM'));
    for (const intent of [undefined, { recordId: 'another-run', deadline: new Date(0) }]) {
      const record = await verify(request, { escalationTopicArn: TOPIC, state: state(null, intent), lookup, escalate: esc.fn, now: after });
      expect(record).toMatchObject({ outcome: 'unknown-record', reason: expect.stringContaining('ignored') });
    }
    expect(lookup).not.toHaveBeenCalled();
    expect(esc.subjects).toEqual([]);
  });

  it('has nothing to verify after a failed apply (escalated then), and checks again later while the run may still be going', async () => {
    const esc = escalator();
    const failed = await verify(request, { escalationTopicArn: TOPIC, state: state({ status: 'failed' }), lookup: async () => view('ALARM'), escalate: esc.fn });
    expect(failed.outcome).toBe('nothing-applied');
    const early = await verify(request, { escalationTopicArn: TOPIC, state: state(null, { recordId: request.recordId, deadline: new Date('2026-11-23T04:00:00Z') }), escalate: esc.fn, now: after });
    expect(early.outcome).toBe('failed');
    expect(esc.subjects).toEqual([]);
  });

  it('reads the alarm in its own region (alarms on us-east-1-only metrics live there)', async () => {
    const lookup = jest.fn(async () => view('OK'));
    await verify({ ...request, alarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:ar-healthhub-api-down-health' }, { escalationTopicArn: TOPIC, state: APPLIED, lookup });
    expect(lookup).toHaveBeenCalledWith(request.alarmName, expect.any(Array), 'us-east-1');
  });
});

describe('verifier handler', () => {
  const logs = mockClient(CloudWatchLogsClient);
  const kms = mockClient(KMSClient);
  beforeEach(() => {
    logs.reset();
    logs.resolves({});
    useRecordKey(kms);
    process.env.AR_RECORD_KEY = 'alias/ar-alert-responder-records';
    process.env.AR_REMEDIATION_LOG_GROUP = '/alert-responder/ar/remediations';
    process.env.AR_ESCALATION_TOPIC_ARN = TOPIC;
    process.env.AR_STATE_TABLE = 'ar-state';
  });

  const event = (bodies: string[]): SQSEvent => ({
    Records: bodies.map((body, i) => ({ messageId: `m${i}`, body }) as SQSEvent['Records'][number]),
  });

  it('writes one verification record per valid message and drops unreadable ones', async () => {
    const out = await verifyBatch(event([JSON.stringify(request), 'not json', JSON.stringify({ recordId: 1 })]), { state: APPLIED, lookup: async () => view('OK') });
    expect(out.batchItemFailures).toEqual([]);
    const written = logs.commandCalls(PutLogEventsCommand).map((c) => JSON.parse(c.args[0].input.logEvents?.[0]?.message ?? '{}'));
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ recordType: 'verification', outcome: 'recovered', verifies: request.recordId });
  });

  it('reads its environment, the state table and log lines included, naming every problem', () => {
    const vars = { AR_REMEDIATION_LOG_GROUP: '/alert-responder/ar/remediations', AR_ESCALATION_TOPIC_ARN: TOPIC, AR_STATE_TABLE: 'ar-state', AR_RECORD_KEY: 'alias/ar-alert-responder-records' };
    expect(verifierEnv({ ...vars, AR_LOG_LINES: '{"include":"none","maxLines":5,"redactPatterns":[]}' })).toMatchObject({ AR_STATE_TABLE: 'ar-state', AR_LOG_LINES: expect.stringContaining('none') });
    expect(() => verifierEnv({ ...vars, AR_STATE_TABLE: undefined, AR_ESCALATION_TOPIC_ARN: 'topic' })).toThrow(
      'Verifier environment is invalid: AR_ESCALATION_TOPIC_ARN: expected an SNS topic ARN, got "topic"; AR_STATE_TABLE: missing, expected a DynamoDB table name',
    );
  });

  it('item 10: signs each verification record with the record key, over the record as written', async () => {
    await verifyBatch(event([JSON.stringify(request)]), { state: APPLIED, lookup: async () => view('OK') });
    expect(kms.commandCalls(GenerateMacCommand).map((c) => c.args[0].input)).toEqual([
      { KeyId: 'alias/ar-alert-responder-records', MacAlgorithm: 'HMAC_SHA_256', Message: expect.any(Uint8Array) },
    ]);
    const written: unknown = JSON.parse(logs.commandCalls(PutLogEventsCommand)[0]?.args[0].input.logEvents?.[0]?.message ?? '{}');
    expect(written).toMatchObject({ integrity: { alg: 'HMAC_SHA_256', keyId: RECORD_KEY_ARN, mac: Buffer.from(hmac(recordMacMessage(written as object))).toString('base64') } });
  });

  it('returns a failed read as a batch item failure so SQS tries again', async () => {
    const out = await verifyBatch(event([JSON.stringify(request)]), { state: APPLIED, lookup: async () => Promise.reject(new Error('throttled')) });
    expect(out.batchItemFailures).toEqual([{ itemIdentifier: 'm0' }]);
  });
});

describe('sqsVerification', () => {
  const sqs = mockClient(SQSClient);
  const schedule = sqsVerification('https://sqs.us-east-1.amazonaws.com/123456789012/ar-verify');
  beforeEach(() => {
    sqs.reset();
    retryPolicy.baseDelayMs = 0;
  });

  it('sends the request delayed by the configured minutes, capped at SQS’s 15', async () => {
    sqs.on(SendMessageCommand).resolves({ MessageId: 'sqs-1' });
    await expect(schedule(request, 10)).resolves.toEqual({ scheduled: true, afterSeconds: 600, messageId: 'sqs-1' });
    await schedule(request, 60);
    const delays = sqs.commandCalls(SendMessageCommand).map((c) => c.args[0].input.DelaySeconds);
    expect(delays).toEqual([600, 900]);
    expect(JSON.parse(sqs.commandCalls(SendMessageCommand)[0].args[0].input.MessageBody ?? '{}')).toEqual(request);
  });

  it('reports a failure to schedule instead of throwing', async () => {
    sqs.on(SendMessageCommand).rejects(Object.assign(new Error('nope'), { name: 'AccessDenied' }));
    await expect(schedule(request, 10)).resolves.toMatchObject({ scheduled: false, error: 'AccessDenied: nope' });
  });
});
