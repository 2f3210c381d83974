import type { ResultField } from '@aws-sdk/client-cloudwatch-logs';
import type { GetIPSetResponse } from '@aws-sdk/client-wafv2';
import { WAF_IP_SET } from './service-fixtures';

/** One Logs Insights result row of the top-sources query on rung's audit log. */
export const row = (ip: string, hits: number): ResultField[] => [
  { field: 'sourceIp', value: ip },
  { field: 'hits', value: String(hits) },
];

/** Top sources as the query returns them, one of each case the plan must sort out. */
export const TOP_ROWS = [
  row('-', 50), // a proxy that logged no client address
  row('203.0.113.7', 40),
  row('2001:db8::1', 30), // IPv6 cannot go into an IPV4 set
  row('198.51.100.9', 12),
  row('192.0.2.44', 9), // inside the already blocked 192.0.2.0/24
  row('203.0.113.99', 3), // below the threshold
];

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
