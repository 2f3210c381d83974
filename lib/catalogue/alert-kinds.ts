import { apiGatewayMetric, appRunnerMetric, ecsMetric, lambdaLogGroupName, lambdaMetric, lambdaReportMetric } from './metric-helpers';
import type { Severity } from './severity';
import type { SignalsByTarget } from './signals';

/** One alert kind of ALERTS.md: how it is measured per target type, how bad it is, what fixes it. */
export interface AlertKindSpec {
  readonly title: string;
  readonly severity: Severity;
  /** Unit of the threshold, for docs and messages. */
  readonly unit: 'percent' | 'milliseconds' | 'count' | 'status' | 'USD per day' | 'value';
  /** Inclusive bounds a configured threshold must fall within. */
  readonly thresholdRange: { readonly min: number; readonly max: number };
  readonly signals: SignalsByTarget;
  /** Default filter pattern for log-group targets of this kind. */
  readonly defaultFilterPattern?: string;
  readonly runbook: { readonly refs: readonly string[]; readonly steps: readonly string[] };
}

const LATENCY_RANGE = { min: 1, max: 900000 } as const;
const PERCENT_RANGE = { min: 0, max: 100 } as const;
const COUNT_RANGE = { min: 0, max: 1e9 } as const;

const kinds = {
  'api-down': {
    title: 'API down: health check failing',
    severity: 'P0',
    unit: 'status',
    thresholdRange: { min: 0, max: 1 },
    signals: {
      healthCheck: {
        metrics: { status: { source: 'healthCheck', statistic: 'Minimum' } },
        comparison: 'LessThanThreshold',
        threshold: 1,
        periodSeconds: 60,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        treatMissingData: 'breaching',
        usEast1Only: true,
        remediation: ['escalate'],
        backendRemediation: { appRunner: ['redeploy-apprunner-service'], ecs: ['redeploy-ecs-service'], lambda: ['escalate'] },
      },
    },
    runbook: {
      refs: ['telehealth-crm.md api_down', 'healthhub.md System Down (P0)'],
      steps: [
        'Check the service status (App Runner, ECS, Lambda) and its dependencies (RDS, ElastiCache)',
        'Review recent deployments and CloudWatch logs for errors',
        'If the service is down: restart it; if a deployment caused it: roll back',
        'If the cause is unknown: escalate to a senior engineer',
      ],
    },
  },
  'high-error-rate': {
    title: 'High 5xx error rate',
    severity: 'P1',
    unit: 'percent',
    thresholdRange: PERCENT_RANGE,
    signals: {
      lambda: {
        metrics: { errors: lambdaMetric('Errors', 'Sum'), invocations: lambdaMetric('Invocations', 'Sum') },
        expression: () => '100 * errors / invocations',
        comparison: 'GreaterThanThreshold',
        threshold: 5,
        periodSeconds: 300,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        treatMissingData: 'notBreaching',
        remediation: ['rollback-lambda-alias', 'raise-reserved-concurrency'],
      },
      apiGateway: {
        metrics: { errors: apiGatewayMetric('5XXError', 'Sum'), requests: apiGatewayMetric('Count', 'Sum') },
        expression: () => '100 * errors / requests',
        comparison: 'GreaterThanThreshold',
        threshold: 5,
        periodSeconds: 300,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        treatMissingData: 'notBreaching',
        remediation: ['escalate'],
        backendRemediation: { lambda: ['rollback-lambda-alias', 'raise-reserved-concurrency'] },
      },
      appRunner: {
        metrics: { errors: appRunnerMetric('5xxStatusResponses', 'Sum'), requests: appRunnerMetric('Requests', 'Sum') },
        expression: () => '100 * errors / requests',
        comparison: 'GreaterThanThreshold',
        threshold: 5,
        periodSeconds: 300,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        treatMissingData: 'notBreaching',
        remediation: ['escalate'],
      },
    },
    runbook: {
      refs: ['healthhub.md High Error Rate (P1)', 'rung.md 1.2', 'telehealth-crm.md high_error_rate', 'hlekkr.md Key Metrics'],
      steps: [
        'Identify the failing service from the error logs and review recent deployments',
        'Roll back a deployment that caused the errors',
        'Scale up: increase Lambda concurrency',
        'Check dependencies (database connections, external APIs)',
      ],
    },
  },
  'high-latency': {
    title: 'High p95 latency',
    severity: 'P1',
    unit: 'milliseconds',
    thresholdRange: LATENCY_RANGE,
    signals: {
      lambda: {
        metrics: { latency: lambdaMetric('Duration', 'p95') },
        comparison: 'GreaterThanThreshold',
        threshold: 500,
        periodSeconds: 300,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        treatMissingData: 'notBreaching',
        remediation: ['raise-provisioned-concurrency'],
      },
      apiGateway: {
        metrics: { latency: apiGatewayMetric('Latency', 'p95') },
        comparison: 'GreaterThanThreshold',
        threshold: 500,
        periodSeconds: 300,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        treatMissingData: 'notBreaching',
        remediation: ['escalate'],
        backendRemediation: {
          lambda: ['raise-provisioned-concurrency'],
          appRunner: ['raise-apprunner-max-size'],
          ecs: ['scale-out-ecs-service'],
        },
      },
      appRunner: {
        metrics: { latency: appRunnerMetric('RequestLatency', 'p95') },
        comparison: 'GreaterThanThreshold',
        threshold: 500,
        periodSeconds: 300,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        treatMissingData: 'notBreaching',
        remediation: ['raise-apprunner-max-size'],
      },
    },
    runbook: {
      refs: ['rung.md 1.1', 'ai-lifestyle-app.md Issue 1', 'telehealth-crm.md high_response_time'],
      steps: [
        'Check API Gateway latency and Lambda duration (p95) against load',
        'Cold starts: enable or raise provisioned concurrency',
        'Load: scale up the service',
        'Check slow database queries and external API response times',
      ],
    },
  },
  'lambda-throttles': {
    title: 'Lambda throttles',
    severity: 'P1',
    unit: 'count',
    thresholdRange: COUNT_RANGE,
    signals: {
      lambda: {
        metrics: { throttles: lambdaMetric('Throttles', 'Sum') },
        comparison: 'GreaterThanThreshold',
        threshold: 0,
        periodSeconds: 60,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        treatMissingData: 'notBreaching',
        remediation: ['raise-reserved-concurrency'],
      },
    },
    runbook: {
      refs: ['healthhub.md High Error Rate: "Increase Lambda concurrency"'],
      steps: ['Check the function and account concurrency', 'Increase the reserved concurrency of the function'],
    },
  },
  'lambda-timeouts': {
    title: 'Lambda timeouts',
    severity: 'P1',
    unit: 'count',
    thresholdRange: COUNT_RANGE,
    signals: {
      lambda: {
        metrics: {
          timeouts: {
            source: 'log',
            logGroupName: lambdaLogGroupName,
            filterPattern: () => '"Task timed out"',
            metricValue: '1',
            statistic: 'Sum',
          },
        },
        comparison: 'GreaterThanOrEqualToThreshold',
        threshold: 1,
        periodSeconds: 60,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        treatMissingData: 'notBreaching',
        remediation: ['double-lambda-timeout'],
      },
    },
    runbook: {
      refs: ['healthhub.md AI Service Timeouts', 'ai-lifestyle-app.md Issue 4 (3 s to 30 s)', 'hlekkr.md Extend Timeouts'],
      steps: ['Check the function timeout setting and external API status', 'Increase the Lambda timeout (max 15 min)', 'Add retries and a circuit breaker'],
    },
  },
  'lambda-memory': {
    title: 'Lambda memory near its limit',
    severity: 'P1',
    unit: 'percent',
    thresholdRange: PERCENT_RANGE,
    signals: {
      lambda: {
        metrics: { used: lambdaReportMetric('max_memory_used'), size: lambdaReportMetric('memory_size') },
        expression: () => '100 * used / size',
        comparison: 'GreaterThanOrEqualToThreshold',
        threshold: 80,
        periodSeconds: 300,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        treatMissingData: 'notBreaching',
        remediation: ['double-lambda-memory'],
      },
    },
    runbook: {
      refs: ['healthhub.md High Memory Usage', 'ai-lifestyle-app.md Issue 4 (256 to 512 MB)', 'hlekkr.md Increase Memory'],
      steps: ['Profile memory use and look for leaks', 'Increase the Lambda memory size'],
    },
  },
  'dynamodb-throttling': {
    title: 'DynamoDB throttling',
    severity: 'P1',
    unit: 'count',
    thresholdRange: COUNT_RANGE,
    signals: {
      dynamodb: {
        metrics: {
          reads: { source: 'aws', namespace: 'AWS/DynamoDB', metricName: 'ReadThrottleEvents', statistic: 'Sum', dimensions: (t) => ({ TableName: t.name }) },
          writes: { source: 'aws', namespace: 'AWS/DynamoDB', metricName: 'WriteThrottleEvents', statistic: 'Sum', dimensions: (t) => ({ TableName: t.name }) },
        },
        expression: () => 'FILL(reads, 0) + FILL(writes, 0)',
        comparison: 'GreaterThanThreshold',
        threshold: 0,
        periodSeconds: 60,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        treatMissingData: 'notBreaching',
        remediation: ['switch-dynamodb-on-demand'],
      },
    },
    runbook: {
      refs: ['ai-lifestyle-app.md Issue 2', 'hlekkr.md 6', 'healthhub.md Database Performance'],
      steps: ['Check consumed against provisioned capacity', 'Switch the table to on-demand billing (PAY_PER_REQUEST)', 'Use exponential backoff in clients'],
    },
  },
  'ecs-service-down': {
    title: 'ECS service has no running tasks',
    severity: 'P1',
    unit: 'count',
    thresholdRange: COUNT_RANGE,
    signals: {
      ecs: {
        metrics: { running: ecsMetric('ECS/ContainerInsights', 'RunningTaskCount', 'Minimum') },
        comparison: 'LessThanThreshold',
        threshold: 1,
        periodSeconds: 60,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        treatMissingData: 'breaching',
        remediation: ['redeploy-ecs-service'],
      },
    },
    runbook: {
      refs: ['rung.md 3.1 (n8n)'],
      steps: ['Check the service health endpoint and its logs', 'Restart the ECS service: update-service --force-new-deployment'],
    },
  },
  'high-cpu': {
    title: 'High CPU utilization',
    severity: 'P1',
    unit: 'percent',
    thresholdRange: PERCENT_RANGE,
    signals: {
      ecs: {
        metrics: { cpu: ecsMetric('AWS/ECS', 'CPUUtilization', 'Average') },
        comparison: 'GreaterThanThreshold',
        threshold: 80,
        periodSeconds: 300,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        treatMissingData: 'notBreaching',
        remediation: ['scale-out-ecs-service'],
      },
      appRunner: {
        metrics: { cpu: appRunnerMetric('CPUUtilization', 'Average') },
        comparison: 'GreaterThanThreshold',
        threshold: 80,
        periodSeconds: 300,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        treatMissingData: 'notBreaching',
        remediation: ['raise-apprunner-max-size'],
      },
    },
    runbook: {
      refs: ['telehealth-crm.md high_cpu_usage'],
      steps: ['Check current load and recent deployments', 'Scale up the service', 'Optimise CPU-intensive operations'],
    },
  },
  'high-memory': {
    title: 'High memory utilization',
    severity: 'P1',
    unit: 'percent',
    thresholdRange: PERCENT_RANGE,
    signals: {
      ecs: {
        metrics: { memory: ecsMetric('AWS/ECS', 'MemoryUtilization', 'Average') },
        comparison: 'GreaterThanThreshold',
        threshold: 80,
        periodSeconds: 300,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        treatMissingData: 'notBreaching',
        remediation: ['redeploy-ecs-service'],
      },
      appRunner: {
        metrics: { memory: appRunnerMetric('MemoryUtilization', 'Average') },
        comparison: 'GreaterThanThreshold',
        threshold: 80,
        periodSeconds: 300,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        treatMissingData: 'notBreaching',
        remediation: ['redeploy-apprunner-service'],
      },
    },
    runbook: {
      refs: ['telehealth-crm.md high_memory_usage'],
      steps: ['Check for memory leaks and connection pools', 'Restart the service to clear memory', 'Scale up the service if needed'],
    },
  },
  'database-connections': {
    title: 'Database connections exhausted or failing',
    severity: 'P0',
    unit: 'percent',
    thresholdRange: COUNT_RANGE,
    signals: {
      rds: {
        metrics: {
          connections: {
            source: 'aws',
            namespace: 'AWS/RDS',
            metricName: 'DatabaseConnections',
            statistic: 'Maximum',
            dimensions: (t) => ({ DBInstanceIdentifier: t.instanceId }),
          },
        },
        expression: (t) => `100 * connections / ${t.maxConnections}`,
        comparison: 'GreaterThanThreshold',
        threshold: 90,
        periodSeconds: 60,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        treatMissingData: 'notBreaching',
        remediation: ['reboot-rds-instance'],
      },
      customMetric: {
        metrics: { failures: { source: 'configured', statistic: 'Sum' } },
        comparison: 'GreaterThanThreshold',
        threshold: 0,
        periodSeconds: 60,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        treatMissingData: 'notBreaching',
        remediation: ['escalate'],
        backendRemediation: { rds: ['reboot-rds-instance'] },
      },
    },
    runbook: {
      refs: ['telehealth-crm.md database_connection_failed', 'rung.md 4.1'],
      steps: [
        'Check the RDS instance status, CPU and memory',
        'Verify security group rules and connection pool settings',
        'Restart the RDS instance if unresponsive',
        'Scale up the instance if resource constrained',
      ],
    },
  },
  'redis-connection-failed': {
    title: 'Redis connections failing',
    severity: 'P1',
    unit: 'count',
    thresholdRange: COUNT_RANGE,
    signals: {
      elastiCache: {
        metrics: {
          connections: {
            source: 'aws',
            namespace: 'AWS/ElastiCache',
            metricName: 'CurrConnections',
            statistic: 'Minimum',
            dimensions: (t) => ({ CacheClusterId: t.clusterId }),
          },
        },
        comparison: 'LessThanThreshold',
        threshold: 1,
        periodSeconds: 60,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        treatMissingData: 'breaching',
        remediation: ['reboot-elasticache-cluster'],
      },
      customMetric: {
        metrics: { failures: { source: 'configured', statistic: 'Sum' } },
        comparison: 'GreaterThanThreshold',
        threshold: 0,
        periodSeconds: 60,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        treatMissingData: 'notBreaching',
        remediation: ['escalate'],
        backendRemediation: { elastiCache: ['reboot-elasticache-cluster'] },
      },
    },
    runbook: {
      refs: ['telehealth-crm.md redis_connection_failed'],
      steps: ['Check the ElastiCache cluster status and memory', 'Verify security group rules', 'Restart the cluster if unresponsive'],
    },
  },
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
        periodSeconds: 300,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        treatMissingData: 'notBreaching',
        remediation: ['block-source-ips'],
      },
      customMetric: {
        metrics: { failures: { source: 'configured', statistic: 'Sum' } },
        comparison: 'GreaterThanThreshold',
        threshold: 20,
        periodSeconds: 300,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        treatMissingData: 'notBreaching',
        remediation: ['escalate'],
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
        periodSeconds: 300,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        treatMissingData: 'notBreaching',
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
        periodSeconds: 60,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        treatMissingData: 'notBreaching',
        remediation: ['escalate'],
      },
    },
    runbook: {
      refs: ['rung.md 6.1'],
      steps: ['Read the matching events in the security log group', 'Check recent failures in the audit log', 'Escalate to security: data isolation is at stake'],
    },
  },
  'frontend-errors': {
    title: 'CloudFront 5xx error rate',
    severity: 'P1',
    unit: 'percent',
    thresholdRange: PERCENT_RANGE,
    signals: {
      cloudFront: {
        metrics: {
          rate: {
            source: 'aws',
            namespace: 'AWS/CloudFront',
            metricName: '5xxErrorRate',
            statistic: 'Average',
            dimensions: (t) => ({ DistributionId: t.distributionId, Region: 'Global' }),
          },
        },
        comparison: 'GreaterThanThreshold',
        threshold: 5,
        periodSeconds: 300,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        treatMissingData: 'notBreaching',
        usEast1Only: true,
        remediation: ['invalidate-cloudfront'],
      },
    },
    runbook: {
      refs: ['healthhub.md 4. Frontend Not Loading'],
      steps: ['Check the CloudFront distribution and its origin bucket', 'Clear the CloudFront cache', 'Redeploy the frontend'],
    },
  },
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
        periodSeconds: 300,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        treatMissingData: 'notBreaching',
        remediation: ['escalate'],
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
        periodSeconds: 300,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        treatMissingData: 'notBreaching',
        remediation: ['escalate'],
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
        periodSeconds: 300,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        treatMissingData: 'notBreaching',
        remediation: ['escalate'],
      },
      customMetric: {
        metrics: { failed: { source: 'configured', statistic: 'Sum' } },
        comparison: 'GreaterThanThreshold',
        threshold: 0,
        periodSeconds: 300,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        treatMissingData: 'notBreaching',
        remediation: ['escalate'],
      },
    },
    runbook: {
      refs: ['telehealth-crm.md notification_delivery_failed'],
      steps: ['Check the notification queue and external notification services', 'Verify the templates', 'Retry the failed deliveries'],
    },
  },
  'ai-throttling': {
    title: 'Bedrock throttling',
    severity: 'P1',
    unit: 'count',
    thresholdRange: COUNT_RANGE,
    signals: {
      bedrock: {
        metrics: {
          throttled: {
            source: 'aws',
            namespace: 'AWS/Bedrock',
            metricName: 'ThrottledCount',
            statistic: 'Sum',
            dimensions: (t): Record<string, string> => (t.modelId ? { ModelId: t.modelId } : {}),
          },
        },
        comparison: 'GreaterThanThreshold',
        threshold: 0,
        periodSeconds: 300,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        treatMissingData: 'notBreaching',
        remediation: ['escalate'],
      },
    },
    runbook: {
      refs: ['rung.md 3.2'],
      steps: ['Check Bedrock service health and throttling', 'Request a quota increase (needs a person)'],
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
        remediation: ['escalate'],
      },
    },
    runbook: {
      refs: ['healthhub.md Alert Thresholds (cost > $100/day)'],
      steps: ['Check Cost Explorer for the service driving the increase', 'Escalate to the owner of the account'],
    },
  },
  'integration-latency': {
    title: 'API Gateway integration near its 29 s limit',
    severity: 'P1',
    unit: 'milliseconds',
    thresholdRange: { min: 1, max: 29000 },
    signals: {
      apiGateway: {
        metrics: { latency: apiGatewayMetric('IntegrationLatency', 'Maximum') },
        comparison: 'GreaterThanOrEqualToThreshold',
        threshold: 26100,
        periodSeconds: 300,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        treatMissingData: 'notBreaching',
        remediation: ['escalate'],
      },
    },
    runbook: {
      refs: ['ai-lifestyle-app.md Issue 5'],
      steps: ['Check API Gateway logs and integration latency', 'Check the health of the backend function', 'Enable caching or move the work off the request path'],
    },
  },
} as const satisfies Record<string, AlertKindSpec>;

export type AlertKindId = keyof typeof kinds;

export interface AlertKind extends AlertKindSpec {
  readonly id: AlertKindId;
}

/** The alert catalogue, keyed by kind id. */
export const ALERT_KINDS: { readonly [K in AlertKindId]: AlertKind } = Object.fromEntries(
  Object.entries(kinds).map(([id, spec]) => [id, { id, ...spec }]),
) as unknown as { readonly [K in AlertKindId]: AlertKind };

export const ALERT_KIND_IDS = Object.keys(kinds) as AlertKindId[];

export function isAlertKindId(value: string): value is AlertKindId {
  return Object.prototype.hasOwnProperty.call(kinds, value);
}
