import type { FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { GetIPSetResponse } from '@aws-sdk/client-wafv2';
import { STATE_CHANGE_TIME, WAF_IP_SET } from './service-fixtures';

/** The filter pattern of rung's failed-auth log group: the metric filter counts these events. */
export const FAILED_LOGIN = '{ $.event_type = "authentication" && $.action = "login_failed" }';

/** One JSON event of rung's audit log, as the application writes it. */
export function auditEvent(sourceIp: string | undefined, action: 'login_failed' | 'login_succeeded', at = STATE_CHANGE_TIME.getTime() - 60_000): FilteredLogEvent {
  return { timestamp: at, message: JSON.stringify({ event_type: 'authentication', action, ...(sourceIp === undefined ? {} : { sourceIp }) }) };
}

const times = (n: number, ip: string | undefined, action: 'login_failed' | 'login_succeeded') => Array.from({ length: n }, () => auditEvent(ip, action));

/** The audit log over the window: one source of each case the plan must sort out. */
export const AUDIT_LOG: readonly FilteredLogEvent[] = [
  ...times(50, '-', 'login_failed'), // a proxy that logged no client address
  ...times(40, '203.0.113.7', 'login_failed'),
  ...times(30, '2001:db8::1', 'login_failed'), // IPv6 cannot go into an IPV4 set
  ...times(12, '198.51.100.9', 'login_failed'),
  ...times(9, '192.0.2.44', 'login_failed'), // inside the already blocked 192.0.2.0/24
  ...times(3, '203.0.113.99', 'login_failed'), // below the threshold
  ...times(60, '198.51.100.50', 'login_succeeded'), // the busiest source, with no failed request at all
];

/** What FilterLogEvents returns for the alert's own pattern: the failed logins only. */
export function matching(events: readonly FilteredLogEvent[], filterPattern: string | undefined): FilteredLogEvent[] {
  if (filterPattern !== FAILED_LOGIN) throw new Error(`FilterLogEvents was asked for ${String(filterPattern)}, not the alert's pattern`);
  return events.filter((e) => (e.message ?? '').includes('"login_failed"'));
}

/** rung's failed-auth alarm as CloudWatch holds it: 2 x 5 minutes, in ALARM since STATE_CHANGE_TIME. */
export function storedAlarm(name: string, overrides: Partial<MetricAlarm> = {}): MetricAlarm {
  return {
    AlarmName: name,
    StateValue: 'ALARM',
    StateTransitionedTimestamp: STATE_CHANGE_TIME,
    StateUpdatedTimestamp: STATE_CHANGE_TIME,
    Period: 300,
    EvaluationPeriods: 2,
    ...overrides,
  };
}

/** Route 53's health checker ranges (an excerpt of the real answer's shape). */
export const CHECKER_RANGES = ['15.177.0.0/18', '54.183.255.128/26', '2600:1f14:7ff:f800::/56'];

export const EXISTING = ['192.0.2.0/24', '10.0.0.1/32'];

export function ipSet(addresses: string[], lockToken: string): GetIPSetResponse {
  return {
    IPSet: {
      Name: WAF_IP_SET.name,
      Id: WAF_IP_SET.id,
      ARN: `arn:aws:wafv2:us-east-1:123456789012:regional/ipset/${WAF_IP_SET.name}/${WAF_IP_SET.id}`,
      IPAddressVersion: 'IPV4',
      Addresses: addresses,
      Description: 'blocked by alert-responder',
    },
    LockToken: lockToken,
  };
}
