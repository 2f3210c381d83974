import { CloudWatchClient, DescribeAlarmsCommand, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import type { LogLinesSettings } from '../../../lib/catalogue';
import { escalate } from '../../../lambdas/escalation/publish';
import { plainForm } from './envelope';
import { parseInvocation } from '../../../lambdas/pipeline/notification';
import { respond } from '../../../lambdas/pipeline/respond';
import { retryPolicy } from '../../../lambdas/runtime/aws-call';
import { alarmEvent } from '../../helpers/alarm-event';
import { ACCOUNT, settingsForAlarm } from '../../helpers/responder-settings';

/**
 * Issue 11 item 6, end to end: a notification of an alert that only escalates, through the
 * pipeline and the real escalation, to the message SNS is asked to publish.
 */
const logsMock = mockClient(CloudWatchLogsClient);
const cwMock = mockClient(CloudWatchClient);
const snsMock = mockClient(SNSClient);

const ALARM = 'ar-rung-security-violation-security';
const TIME = '2026-11-23T03:12:45.123Z';
/** The line of the review: a patient's name, a date of birth and a bearer token, as an application logged them. */
const REVIEW_LINE =
  '2026-11-23T03:10:00Z ERROR IsolationViolation sync failed patientName="Jane Q Doe" dob=1984-02-29 ' +
  'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqYW5lIn0.c2lnbmF0dXJlLXNlY3JldA';
const PLAIN_LINE = '2026-11-23T03:11:00Z WARN IsolationViolation tenant=42 request 8476a536-e9f4-11e8-9739-2dfe598c3fcd denied';

async function escalateReviewLine(logLines?: LogLinesSettings): Promise<Record<string, unknown>> {
  const settings = settingsForAlarm(ALARM);
  const [outcome] = parseInvocation(alarmEvent({ name: ALARM, time: '2026-11-23T03:12:45.123+0000' }));
  const record = await respond(outcome, {
    settings: logLines ? { ...settings, logLines } : settings,
    remediations: {},
    escalate,
    self: { account: ACCOUNT, region: 'us-east-1' },
    now: () => new Date('2026-11-23T03:13:00Z'),
  });
  expect(record.escalation).toMatchObject({ published: true, messageId: 'msg-1' });
  expect(snsMock).toHaveReceivedCommandTimes(PublishCommand, 1);
  return plainForm(snsMock.commandCalls(PublishCommand)[0]?.args[0].input);
}

beforeEach(() => {
  logsMock.reset();
  cwMock.reset();
  snsMock.reset();
  retryPolicy.baseDelayMs = 0;
  logsMock.on(FilterLogEventsCommand).resolves({
    events: [
      { timestamp: Date.parse('2026-11-23T03:10:00Z'), message: REVIEW_LINE },
      { timestamp: Date.parse('2026-11-23T03:11:00Z'), message: PLAIN_LINE },
    ],
  });
  cwMock.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
  // The alarm as CloudWatch holds it, for a responder that reads it back before acting.
  cwMock.on(DescribeAlarmsCommand).resolves({
    MetricAlarms: [
      {
        AlarmName: ALARM,
        AlarmArn: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:${ALARM}`,
        StateValue: 'ALARM',
        StateReason: 'Threshold Crossed',
        StateUpdatedTimestamp: new Date(TIME),
        StateTransitionedTimestamp: new Date(TIME),
        Namespace: 'AlertResponder/ar',
        MetricName: 'rung-security-violation-security',
        Statistic: 'Sum',
        Period: 300,
        EvaluationPeriods: 1,
        DatapointsToAlarm: 1,
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'notBreaching',
      },
    ],
    CompositeAlarms: [],
  });
  snsMock.on(PublishCommand).resolves({ MessageId: 'msg-1' });
});

describe('escalation log lines (issue 11 item 6)', () => {
  it('publishes the review line with no name, date of birth or token left, and says lines were redacted', async () => {
    const body = await escalateReviewLine();
    const text = JSON.stringify(body);
    for (const secret of ['Jane', 'Doe', '1984-02-29', 'eyJhbGciOiJIUzI1NiJ9', 'c2lnbmF0dXJlLXNlY3JldA']) expect(text).not.toContain(secret);
    const logEvents = (body.diagnostics as { logEvents: { events: { message: string }[]; redaction: string } }).logEvents;
    expect(logEvents.events.map((e) => e.message)).toEqual([
      '2026-11-23T03:10:00Z ERROR IsolationViolation sync failed patientName="[REDACTED:name]" dob=[REDACTED:date-of-birth] Authorization: Bearer [REDACTED:token]',
      PLAIN_LINE,
    ]);
    expect(logEvents.redaction).toBe(
      '1 of 2 log line(s) were redacted before sending (date-of-birth, name, token); the full lines stay in CloudWatch Logs.',
    );
  });

  it("sends no log line with include: 'none', and says where the lines are", async () => {
    const body = await escalateReviewLine({ include: 'none', maxLines: 20, redactPatterns: [] });
    expect(logsMock).not.toHaveReceivedCommand(FilterLogEventsCommand);
    const text = JSON.stringify(body);
    expect(text).not.toContain('IsolationViolation sync failed');
    expect(body.diagnostics).toMatchObject({
      logEvents: {
        logGroupName: '/rung/security/prod',
        events: [],
        redaction: 'Log lines are not sent (escalation.logLines.include is "none"): read them in CloudWatch Logs, log group /rung/security/prod.',
      },
    });
  });

  it('asks for no more than maxLines lines and applies the configured patterns after the built-in rules', async () => {
    logsMock.on(FilterLogEventsCommand).resolves({
      events: [
        { timestamp: 1, message: 'record MRN-004217 locked' },
        { timestamp: 2, message: PLAIN_LINE },
        { timestamp: 3, message: 'a third line the limit leaves out' },
      ],
    });
    const body = await escalateReviewLine({ include: 'redacted', maxLines: 2, redactPatterns: ['MRN-\\d{6}'] });
    expect(logsMock).toHaveReceivedCommandWith(FilterLogEventsCommand, { limit: 2 });
    const logEvents = (body.diagnostics as { logEvents: { events: { message: string }[] } }).logEvents;
    expect(logEvents.events.map((e) => e.message)).toEqual(['record [REDACTED:configured] locked', PLAIN_LINE]);
  });
});
