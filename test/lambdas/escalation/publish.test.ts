import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { retryPolicy } from '../../../lambdas/runtime/aws-call';
import { MAX_MESSAGE_BYTES, snsSubject } from '../../../lambdas/escalation/message';
import { escalate, type EscalationInput } from '../../../lambdas/escalation/publish';
import { plainForm } from './envelope';
import type { AwsCallRecord } from '../../../lambdas/core/remediation';
import { DEFAULT_LOG_LINES } from '../../../lib/catalogue';
import { awsError, logGroupTarget, NOW, serviceContext } from '../remediations/service-fixtures';

const logsMock = mockClient(CloudWatchLogsClient);
const cwMock = mockClient(CloudWatchClient);
const snsMock = mockClient(SNSClient);
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:rung-critical-alerts';
const METRIC = { namespace: 'Rung/Security', metricName: 'IsolationViolations', dimensions: { Environment: 'prod' }, statistic: 'Sum', periodSeconds: 60 };

function input(overrides: Partial<EscalationInput> = {}): EscalationInput {
  return {
    calls: [],
    topicArn: TOPIC,
    subject: '[P0] rung-security-violation-rung-security',
    incident: serviceContext(logGroupTarget(), 'security-violation'),
    reason: 'no safe automatic fix',
    record: { decision: 'escalated' },
    diagnostics: { logGroupName: '/rung/security/prod', filterPattern: 'IsolationViolation', metrics: [METRIC] },
    logLines: DEFAULT_LOG_LINES,
    now: () => NOW,
    ...overrides,
  };
}

/** The plain form of the first publish: what email subscribers get (the envelope's `default`). */
function publishedMessage(): Record<string, unknown> {
  return plainForm(snsMock.commandCalls(PublishCommand)[0]?.args[0].input);
}

beforeEach(() => {
  logsMock.reset();
  cwMock.reset();
  snsMock.reset();
  retryPolicy.baseDelayMs = 0;
  snsMock.on(PublishCommand).resolves({ MessageId: 'msg-1' });
});

describe('escalate', () => {
  it('gathers the window\'s log events and the last hour of metrics, then publishes them', async () => {
    logsMock.on(FilterLogEventsCommand).resolves({
      events: [{ timestamp: Date.parse('2026-03-01T11:50:00Z'), message: `IsolationViolation tenant=42 ${'x'.repeat(600)}` }],
    });
    cwMock.on(GetMetricDataCommand).resolves({
      MetricDataResults: [{ Id: 'm0', StatusCode: 'Complete', Timestamps: [new Date('2026-03-01T11:54:00Z')], Values: [3] }],
    });
    const calls: AwsCallRecord[] = [];
    const result = await escalate(input({ calls }));

    expect(logsMock).toHaveReceivedCommandWith(FilterLogEventsCommand, {
      logGroupName: '/rung/security/prod',
      filterPattern: 'IsolationViolation',
      startTime: Date.parse('2026-03-01T11:45:00Z'),
      endTime: Date.parse('2026-03-01T11:55:00Z'),
      limit: 20,
    });
    expect(cwMock).toHaveReceivedCommandWith(GetMetricDataCommand, {
      StartTime: new Date('2026-03-01T11:00:00Z'),
      EndTime: NOW,
      MetricDataQueries: [
        {
          Id: 'm0',
          ReturnData: true,
          MetricStat: { Metric: { Namespace: 'Rung/Security', MetricName: 'IsolationViolations', Dimensions: [{ Name: 'Environment', Value: 'prod' }] }, Period: 60, Stat: 'Sum' },
        },
      ],
    });
    const event = result.diagnostics.logEvents?.events[0];
    expect(event?.timestamp).toBe('2026-03-01T11:50:00.000Z');
    expect(event?.message).toHaveLength(500);
    expect(result.diagnostics.metrics?.series[0]?.points).toEqual([{ timestamp: '2026-03-01T11:54:00.000Z', value: 3 }]);
    expect(result.messageId).toBe('msg-1');

    expect(snsMock).toHaveReceivedCommandWith(PublishCommand, { TopicArn: TOPIC, Subject: '[P0] rung-security-violation-rung-security' });
    expect(publishedMessage()).toMatchObject({
      alarm: { name: 'rung-security-violation-rung-audit', stateChangeTime: '2026-03-01T11:55:00.000Z' },
      reason: 'no safe automatic fix',
      record: { decision: 'escalated' },
      diagnostics: JSON.parse(JSON.stringify(result.diagnostics)) as unknown,
    });
    expect(calls.map((c) => [c.operation, c.mutating])).toEqual([['FilterLogEvents', false], ['GetMetricData', false], ['Publish', false]]);
  });

  it('follows empty FilterLogEvents pages while the scan continues', async () => {
    logsMock.on(FilterLogEventsCommand).resolvesOnce({ events: [], nextToken: 't1' }).resolves({ events: [{ timestamp: 1, message: 'hit' }] });
    const result = await escalate(input({ diagnostics: { logGroupName: '/rung/security/prod' } }));
    expect(logsMock).toHaveReceivedCommandTimes(FilterLogEventsCommand, 2);
    expect(logsMock.commandCalls(FilterLogEventsCommand).map((c) => c.args[0].input.nextToken)).toEqual([undefined, 't1']);
    expect(result.diagnostics.logEvents?.events).toHaveLength(1);
  });

  it('reports failed diagnostics inside the message and still escalates', async () => {
    logsMock.on(FilterLogEventsCommand).rejects(awsError('AccessDeniedException'));
    cwMock.on(GetMetricDataCommand).rejects(awsError('InvalidParameterValueException'));
    const calls: AwsCallRecord[] = [];
    const result = await escalate(input({ calls }));
    expect(result.diagnostics.logEvents?.error).toContain('AccessDeniedException');
    expect(result.diagnostics.metrics?.error).toContain('InvalidParameterValueException');
    expect(snsMock).toHaveReceivedCommandTimes(PublishCommand, 1);
    expect(calls.filter((c) => !c.ok).map((c) => c.operation)).toEqual(['FilterLogEvents', 'GetMetricData']);
  });

  it('makes no diagnostic calls when there is nothing to look at', async () => {
    const result = await escalate(input({ diagnostics: {} }));
    expect(result.diagnostics).toEqual({});
    expect(logsMock).not.toHaveReceivedCommand(FilterLogEventsCommand);
    expect(cwMock).not.toHaveReceivedCommand(GetMetricDataCommand);
  });

  it('keeps the message under the SNS limit, cutting log events before the record', async () => {
    logsMock.on(FilterLogEventsCommand).resolves({ events: Array.from({ length: 20 }, (_, i) => ({ timestamp: i, message: 'e'.repeat(500) })) });
    cwMock.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
    await escalate(input({ record: { detail: 'r'.repeat(MAX_MESSAGE_BYTES - 5_000) } }));
    const message = snsMock.commandCalls(PublishCommand)[0]?.args[0].input.Message ?? '';
    expect(Buffer.byteLength(message)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    const body = publishedMessage() as { record: { detail?: string }; truncated: string[] };
    expect(body.record.detail).toHaveLength(MAX_MESSAGE_BYTES - 5_000);
    expect(body.truncated[0]).toMatch(/^log events cut to \d+ of 20$/);
  });

  it('cuts the record when nothing else makes room', async () => {
    await escalate(input({ diagnostics: {}, record: { detail: 'r'.repeat(400_000) } }));
    const body = publishedMessage() as { record: { preview?: string }; truncated: string[] };
    expect(body.record.preview).toHaveLength(20_000);
    expect(body.truncated).toEqual(['record cut to 20000 characters']);
  });

  it('fails when the publish fails, without a retry that could page people twice', async () => {
    snsMock.on(PublishCommand).rejects(awsError('TimeoutError'));
    const calls: AwsCallRecord[] = [];
    await expect(escalate(input({ calls, diagnostics: {} }))).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(snsMock).toHaveReceivedCommandTimes(PublishCommand, 1);
    expect(calls).toEqual([expect.objectContaining({ operation: 'Publish', mutating: false, ok: false, attempts: 1 })]);
  });

  it('retries a throttled publish: SNS refused it, so nobody was paged yet', async () => {
    snsMock.on(PublishCommand).rejectsOnce(awsError('ThrottlingException')).resolves({ MessageId: 'm-2' });
    const calls: AwsCallRecord[] = [];
    await expect(escalate(input({ calls, diagnostics: {} }))).resolves.toMatchObject({ messageId: 'm-2' });
    expect(snsMock).toHaveReceivedCommandTimes(PublishCommand, 2);
  });
});

describe('snsSubject', () => {
  it('makes a single ASCII line of fewer than 100 characters', () => {
    const subject = snsSubject(`[P0] café\nalarm\t${'x'.repeat(200)}`);
    expect(subject).toMatch(/^[\x20-\x7E]+$/);
    expect(subject.length).toBe(99);
    expect(subject.startsWith('[P0] caf? alarm x')).toBe(true);
    expect(subject.endsWith('...')).toBe(true);
  });

  it('keeps a short subject and replaces an empty one', () => {
    expect(snsSubject('[P1] rung-high-latency')).toBe('[P1] rung-high-latency');
    expect(snsSubject(' \n ')).toBe('alert-responder escalation');
  });
});

describe('escalate to the operations account (multi-account)', () => {
  const CENTRAL = 'arn:aws:sns:eu-central-1:999999999999:ar-all-escalations';

  it('publishes the same message to the central topic after the account\'s own, and records its message id', async () => {
    snsMock.on(PublishCommand, { TopicArn: CENTRAL }).resolves({ MessageId: 'central-1' });
    const calls: AwsCallRecord[] = [];

    const result = await escalate(input({ calls, centralTopicArn: CENTRAL, diagnostics: {} }));

    const [own, central] = snsMock.commandCalls(PublishCommand).map((c) => c.args[0].input);
    expect(own?.TopicArn).toBe(TOPIC);
    expect(central?.TopicArn).toBe(CENTRAL);
    expect(central?.Message).toBe(own?.Message);
    expect(central?.Subject).toBe(own?.Subject);
    expect(result).toMatchObject({ messageId: 'msg-1', central: { topicArn: CENTRAL, messageId: 'central-1' } });
    expect(calls.filter((c) => c.operation === 'Publish')).toHaveLength(2);
  });

  it('keeps the account\'s escalation when the central publish fails, and records the failure', async () => {
    snsMock.on(PublishCommand, { TopicArn: CENTRAL }).rejects(awsError('AuthorizationErrorException'));

    const result = await escalate(input({ centralTopicArn: CENTRAL, diagnostics: {} }));

    expect(result.messageId).toBe('msg-1');
    expect(result.central?.topicArn).toBe(CENTRAL);
    expect(result.central?.error).toContain('AuthorizationErrorException');
  });

  it('publishes once when there is no central topic', async () => {
    const result = await escalate(input({ centralTopicArn: null, diagnostics: {} }));

    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(1);
    expect(result.central).toBeUndefined();
  });
});
