import { COUNT_RANGE, ONCE_5_MIN, TWICE_5_MIN, type AlertKindSpec } from './spec';

/** Is the work itself going wrong: queues, data, notifications, cost. */
export const businessKinds = {
  'queue-depth': {
    title: 'Work queue too deep',
    severity: 'P2',
    unit: 'count',
    thresholdRange: COUNT_RANGE,
    signals: {
      customMetric: {
        metrics: { depth: { source: 'configured', statistic: 'Average' } },
        comparison: 'GreaterThanThreshold',
        threshold: 100,
        ...TWICE_5_MIN,
        remediation: [],
      },
    },
    runbook: {
      refs: ['hlekkr.md 5 and its put-metric-alarm example'],
      steps: ['Check the review queue items and moderator availability', 'Escalate to the team owning the workflow'],
    },
  },
  'data-inconsistency': {
    title: 'Data inconsistency detected',
    severity: 'P2',
    unit: 'count',
    thresholdRange: COUNT_RANGE,
    signals: {
      customMetric: {
        metrics: { inconsistencies: { source: 'configured', statistic: 'Sum' } },
        comparison: 'GreaterThanThreshold',
        threshold: 0,
        ...ONCE_5_MIN,
        remediation: [],
      },
    },
    runbook: {
      refs: ['telehealth-crm.md data_inconsistency_detected'],
      steps: ['Check data synchronisation processes and transaction logs', 'Verify integrity constraints', 'Fix the inconsistent records'],
    },
  },
  'notification-delivery-failed': {
    title: 'Notification delivery failing',
    severity: 'P2',
    unit: 'count',
    thresholdRange: COUNT_RANGE,
    signals: {
      snsTopic: {
        metrics: {
          failed: { source: 'aws', namespace: 'AWS/SNS', metricName: 'NumberOfNotificationsFailed', statistic: 'Sum', dimensions: (t) => ({ TopicName: t.name }) },
        },
        comparison: 'GreaterThanThreshold',
        threshold: 0,
        ...ONCE_5_MIN,
        remediation: [],
      },
      customMetric: {
        metrics: { failed: { source: 'configured', statistic: 'Sum' } },
        comparison: 'GreaterThanThreshold',
        threshold: 0,
        ...ONCE_5_MIN,
        remediation: [],
      },
    },
    runbook: {
      refs: ['telehealth-crm.md notification_delivery_failed'],
      steps: ['Check the notification queue and external notification services', 'Verify the templates', 'Retry the failed deliveries'],
    },
  },
  'daily-cost': {
    title: 'Estimated charges growing fast',
    severity: 'P2',
    unit: 'USD per day',
    thresholdRange: { min: 0, max: 1e9 },
    signals: {
      billing: {
        metrics: {
          charges: {
            source: 'aws',
            namespace: 'AWS/Billing',
            metricName: 'EstimatedCharges',
            statistic: 'Maximum',
            dimensions: (t) => ({ Currency: t.currency }),
            requires: {
              field: 'billingAlerts',
              holds: (t) => t.billingAlerts,
              enable: '"Receive Billing Alerts" in the Billing console preferences, then "billingAlerts": true on the billing resource',
            },
          },
        },
        // Billing data arrives every few hours: a 6-hour rate, scaled to a day.
        expression: () => 'RATE(charges) * 86400',
        comparison: 'GreaterThanThreshold',
        threshold: 100,
        periodSeconds: 21600,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        treatMissingData: 'notBreaching',
        usEast1Only: true,
        remediation: [],
      },
    },
    runbook: {
      refs: ['healthhub.md Alert Thresholds (cost > $100/day)'],
      steps: ['Check Cost Explorer for the service driving the increase', 'Escalate to the owner of the account'],
    },
  },
} as const satisfies Record<string, AlertKindSpec>;
