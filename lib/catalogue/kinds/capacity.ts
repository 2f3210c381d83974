import { appRunnerMetric, ecsMetric, lambdaLogGroupName, lambdaMetric, lambdaReportMetric } from '../metric-helpers';
import { COUNT_RANGE, ONCE_1_MIN, ONCE_5_MIN, PERCENT_RANGE, TWICE_1_MIN, TWICE_1_MIN_MISSING_BREACHES, TWICE_5_MIN, type AlertKindSpec } from './spec';

/** Is it short of something: concurrency, memory, time, throughput, connections, quota. */
export const capacityKinds = {
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
        ...ONCE_1_MIN,
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
        ...ONCE_1_MIN,
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
        ...ONCE_5_MIN,
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
        ...ONCE_1_MIN,
        remediation: ['switch-dynamodb-on-demand'],
      },
    },
    runbook: {
      refs: ['ai-lifestyle-app.md Issue 2', 'hlekkr.md 6', 'healthhub.md Database Performance'],
      steps: ['Check consumed against provisioned capacity', 'Switch the table to on-demand billing (PAY_PER_REQUEST)', 'Use exponential backoff in clients'],
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
        ...TWICE_5_MIN,
        remediation: ['scale-out-ecs-service'],
      },
      appRunner: {
        metrics: { cpu: appRunnerMetric('CPUUtilization', 'Average') },
        comparison: 'GreaterThanThreshold',
        threshold: 80,
        ...TWICE_5_MIN,
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
        ...TWICE_5_MIN,
        remediation: ['redeploy-ecs-service'],
      },
      appRunner: {
        metrics: { memory: appRunnerMetric('MemoryUtilization', 'Average') },
        comparison: 'GreaterThanThreshold',
        threshold: 80,
        ...TWICE_5_MIN,
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
        ...TWICE_1_MIN,
        remediation: ['reboot-rds-instance'],
      },
      customMetric: {
        metrics: { failures: { source: 'configured', statistic: 'Sum' } },
        comparison: 'GreaterThanThreshold',
        threshold: 0,
        ...TWICE_1_MIN,
        remediation: [],
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
        ...TWICE_1_MIN_MISSING_BREACHES,
        missingDataBreachesBecause:
          'ElastiCache reports host-level metrics of every node of a running cluster every minute: no data means the cluster stopped reporting',
        remediation: ['reboot-elasticache-cluster'],
      },
      customMetric: {
        metrics: { failures: { source: 'configured', statistic: 'Sum' } },
        comparison: 'GreaterThanThreshold',
        threshold: 0,
        ...TWICE_1_MIN,
        remediation: [],
        backendRemediation: { elastiCache: ['reboot-elasticache-cluster'] },
      },
    },
    runbook: {
      refs: ['telehealth-crm.md redis_connection_failed'],
      steps: ['Check the ElastiCache cluster status and memory', 'Verify security group rules', 'Restart the cluster if unresponsive'],
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
          // The runbook's ThrottledCount is not a metric AWS publishes: the runtime metric is InvocationThrottles
          // (https://docs.aws.amazon.com/bedrock/latest/userguide/monitoring-runtime-metrics.html).
          throttled: {
            source: 'aws',
            namespace: 'AWS/Bedrock',
            metricName: 'InvocationThrottles',
            statistic: 'Sum',
            dimensions: (t): Record<string, string> => (t.modelId ? { ModelId: t.modelId } : {}),
          },
        },
        comparison: 'GreaterThanThreshold',
        threshold: 0,
        ...ONCE_5_MIN,
        remediation: [],
      },
    },
    runbook: {
      refs: ['rung.md 3.2'],
      steps: ['Check Bedrock service health and throttling', 'Request a quota increase (needs a person)'],
    },
  },
} as const satisfies Record<string, AlertKindSpec>;
