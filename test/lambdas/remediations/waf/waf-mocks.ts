import { CloudWatchClient, DescribeAlarmsCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, FilterLogEventsCommand, type FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { GetCheckerIpRangesCommand, Route53Client } from '@aws-sdk/client-route-53';
import { GetIPSetCommand, WAFV2Client } from '@aws-sdk/client-wafv2';
import { mockClient } from 'aws-sdk-client-mock';
import { forgetHealthCheckerRanges } from '../../../../lambdas/remediations/waf/never-block';
import { retryPolicy } from '../../../../lambdas/runtime/aws-call';
import { logGroupTarget, serviceContext } from '../service-fixtures';
import { AUDIT_LOG, CHECKER_RANGES, EXISTING, FAILED_LOGIN, ipSet, matching, storedAlarm } from '../waf-fixtures';

/** The clients block-source-ips calls, mocked once for every waf test file that imports them. */
export const logsMock = mockClient(CloudWatchLogsClient);
export const cwMock = mockClient(CloudWatchClient);
export const route53Mock = mockClient(Route53Client);
export const wafMock = mockClient(WAFV2Client);

/** A plan's context on rung's failed-auth log group, whose pattern counts failed logins. */
export const wafContext = (o: Parameters<typeof logGroupTarget>[0] = {}) =>
  serviceContext(logGroupTarget({ ...o, props: { filterPattern: FAILED_LOGIN, ...o.props } }), 'auth-failures');

export function resetWafMocks(): void {
  logsMock.reset();
  cwMock.reset();
  route53Mock.reset();
  wafMock.reset();
  retryPolicy.baseDelayMs = 0;
  // Each test is a new container: the health checkers' ranges are read again.
  forgetHealthCheckerRanges();
}

/** AWS as the plan finds it: the alarm in CloudWatch, the log group's events, Route 53's ranges, the IP set. */
export function givenAws(o: { events?: readonly FilteredLogEvent[]; existing?: string[]; alarm?: Partial<MetricAlarm> } = {}): void {
  const events = o.events ?? AUDIT_LOG;
  cwMock.on(DescribeAlarmsCommand).callsFake((input: { AlarmNames?: string[] }) => ({
    MetricAlarms: (input.AlarmNames ?? []).map((name) => storedAlarm(name, o.alarm)),
  }));
  logsMock.on(FilterLogEventsCommand).callsFake((input: { filterPattern?: string }) => ({ events: matching(events, input.filterPattern) }));
  route53Mock.on(GetCheckerIpRangesCommand).resolves({ CheckerIpRanges: CHECKER_RANGES });
  wafMock.on(GetIPSetCommand).resolves(ipSet(o.existing ?? EXISTING, 'token-1'));
}
