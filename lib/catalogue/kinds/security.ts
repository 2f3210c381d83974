import { COUNT_RANGE, ONCE_1_MIN, ONCE_5_MIN, TWICE_5_MIN, type AlertKindSpec } from './spec';

/** Is someone attacking it: failed sign-ins, denied requests, isolation violations. */
export const securityKinds = {
  'auth-failures': {
    title: 'Spike of failed sign-ins',
    severity: 'P0',
    unit: 'count',
    thresholdRange: COUNT_RANGE,
    defaultFilterPattern: '?"Authentication failed" ?"authentication failed" ?NotAuthorizedException',
    signals: {
      logGroup: {
        metrics: {
          failures: { source: 'log', logGroupName: (t) => t.logGroupName, filterPattern: (t) => t.filterPattern ?? '', metricValue: '1', statistic: 'Sum' },
        },
        comparison: 'GreaterThanThreshold',
        threshold: 20,
        ...TWICE_5_MIN,
        remediation: ['block-source-ips'],
      },
      customMetric: {
        metrics: { failures: { source: 'configured', statistic: 'Sum' } },
        comparison: 'GreaterThanThreshold',
        threshold: 20,
        ...TWICE_5_MIN,
        remediation: [],
      },
    },
    runbook: {
      refs: ['telehealth-crm.md authentication_failures', 'rung.md 2.1 and 7.1', 'healthhub.md Authentication Failures', 'hlekkr.md 1'],
      steps: ['Check for brute-force attacks: failed login patterns and source IPs', 'Block suspicious IP addresses', 'Rate-limit auth endpoints', 'Escalate to security'],
    },
  },
  'unauthorized-access': {
    title: 'Unauthorized access attempts',
    severity: 'P0',
    unit: 'count',
    thresholdRange: COUNT_RANGE,
    defaultFilterPattern: '{ ($.status = 401) || ($.status = 403) }',
    signals: {
      logGroup: {
        metrics: {
          denied: { source: 'log', logGroupName: (t) => t.logGroupName, filterPattern: (t) => t.filterPattern ?? '', metricValue: '1', statistic: 'Sum' },
        },
        comparison: 'GreaterThanThreshold',
        // ALERTS.md gives no number: 50 denied requests in 5 minutes is a reasonable default.
        threshold: 50,
        ...ONCE_5_MIN,
        remediation: ['block-source-ips'],
      },
    },
    runbook: {
      refs: ['telehealth-crm.md unauthorized_access_attempts'],
      steps: ['Check access logs for patterns and the source of the attempts', 'Block unauthorized IP addresses', 'Revoke compromised tokens', 'Notify the security team'],
    },
  },
  'security-violation': {
    title: 'Security violation in logs',
    severity: 'P0',
    unit: 'count',
    thresholdRange: COUNT_RANGE,
    defaultFilterPattern: '?SecurityViolation ?IsolationViolation',
    signals: {
      logGroup: {
        metrics: {
          violations: { source: 'log', logGroupName: (t) => t.logGroupName, filterPattern: (t) => t.filterPattern ?? '', metricValue: '1', statistic: 'Sum' },
        },
        comparison: 'GreaterThanThreshold',
        threshold: 0,
        ...ONCE_1_MIN,
        remediation: [],
      },
    },
    runbook: {
      refs: ['rung.md 6.1'],
      steps: ['Read the matching events in the security log group', 'Check recent failures in the audit log', 'Escalate to security: data isolation is at stake'],
    },
  },
} as const satisfies Record<string, AlertKindSpec>;
