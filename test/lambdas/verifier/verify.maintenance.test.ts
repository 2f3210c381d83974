import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import type { ScopedWindow } from '../../../lib/catalogue';
import type { Alarm } from '../../../lambdas/core/alarm';
import type { VerificationRequest } from '../../../lambdas/pipeline/verification';
import { verify, type VerifierState } from '../../../lambdas/verifier/verify';

const sns = mockClient(SNSClient);
const cloudwatch = mockClient(CloudWatchClient);
const logs = mockClient(CloudWatchLogsClient);

/** The re-check runs at 03:23Z on Monday 2026-11-23: 04:23 in Berlin. */
const NOW = new Date('2026-11-23T03:23:00.000Z');
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:ar-escalations';
const MONDAY_NIGHT: ScopedWindow = { name: 'monday patching', level: 'system', cron: '0 4 * * MON', durationMinutes: 60, timeZone: 'Europe/Berlin' };

const request = (maintenanceWindows?: unknown): VerificationRequest => ({
  recordId: '0b7c1a52-3f7e-4b8e-9c35-6a1d2e4f5a6b',
  alarmName: 'ar-rung-high-latency-rung-api-prod',
  system: 'rung',
  family: 'lambda',
  alertKind: 'high-latency',
  severity: 'P0',
  appliedAt: '2026-11-23T03:13:00.000Z',
  summary: 'rung-api-prod:prod: provisioned concurrency 2 -> 4',
  resourceKey: 'rung-api-prod',
  deadline: '2026-11-23T03:14:00.000Z',
  ...(maintenanceWindows === undefined ? {} : { maintenanceWindows }),
});

const applied: VerifierState = {
  readApplied: async () => ({ recordId: request().recordId, system: 'rung', family: 'lambda', status: 'applied', appliedAt: '2026-11-23T03:13:00.000Z', actions: [] }),
  readIntent: async () => undefined,
};

const firing: Alarm = {
  name: 'ar-rung-high-latency-rung-api-prod',
  state: 'ALARM',
  reason: 'Threshold Crossed',
  stateChangeTime: new Date('2026-11-23T03:12:45Z'),
  stateChangeTimeRaw: '2026-11-23T03:12:45.000+0000',
  region: 'us-east-1',
  metrics: [],
};

const check = (req: VerificationRequest) => verify(req, { escalationTopicArn: TOPIC, state: applied, lookup: async () => firing, now: () => NOW });

beforeEach(() => {
  sns.reset();
  cloudwatch.reset();
  logs.reset();
  sns.on(PublishCommand).resolves({ MessageId: 'escalation-1' });
  cloudwatch.resolves({});
  logs.resolves({});
});

describe('a re-check inside a maintenance window', () => {
  it('does not escalate a still-firing alarm, and its record names the window', async () => {
    const record = await check(request([MONDAY_NIGHT]));
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
    expect(record.escalation).toBeUndefined();
    expect(record).toMatchObject({
      outcome: 'still-alarm',
      maintenance: { name: 'monday patching', level: 'system', start: '2026-11-23T03:00:00.000Z', end: '2026-11-23T04:00:00.000Z' },
    });
    expect(record.reason).toContain('the re-check falls inside maintenance window "monday patching"');
    expect(record.reason).toContain('not escalated');
  });

  it('escalates as usual outside the window, and when the request names no window', async () => {
    const tuesday = { ...MONDAY_NIGHT, cron: '0 4 * * TUE' };
    for (const req of [request([tuesday]), request()]) {
      const record = await check(req);
      expect(record).toMatchObject({ outcome: 'still-alarm', escalation: { published: true, messageId: 'escalation-1' } });
      expect(record.maintenance).toBeUndefined();
    }
    expect(sns.commandCalls(PublishCommand)).toHaveLength(2);
  });

  it('escalates when the windows sent cannot be read: a malformed request never silences an alarm', async () => {
    const record = await check(request([{ name: 'broken' }]));
    expect(record).toMatchObject({ outcome: 'still-alarm', escalation: { published: true } });
  });
});
