import { ECS_RUNNING_TASKS, apiGatewayMetric, appRunnerMetric, lambdaMetric } from '../metric-helpers';
import { COUNT_RANGE, LATENCY_RANGE, PERCENT_RANGE, TWICE_1_MIN_MISSING_BREACHES, TWICE_5_MIN, type AlertKindSpec } from './spec';

/** Is it up and answering fast enough: health, errors, latency. */
export const availabilityKinds = {
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
        ...TWICE_1_MIN_MISSING_BREACHES,
        missingDataBreachesBecause:
          'the app creates the health check next to the alarm, and Route 53 reports its status every minute in us-east-1, where the alarm lives: ' +
          'no data means the check stopped reporting',
        usEast1Only: true,
        remediation: [],
        backendRemediation: { appRunner: ['redeploy-apprunner-service'], ecs: ['redeploy-ecs-service'], lambda: [] },
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
        ...TWICE_5_MIN,
        remediation: ['rollback-lambda-alias', 'raise-reserved-concurrency'],
      },
      apiGateway: {
        metrics: { errors: apiGatewayMetric('5XXError', 'Sum'), requests: apiGatewayMetric('Count', 'Sum') },
        expression: () => '100 * errors / requests',
        comparison: 'GreaterThanThreshold',
        threshold: 5,
        ...TWICE_5_MIN,
        remediation: [],
        backendRemediation: { lambda: ['rollback-lambda-alias', 'raise-reserved-concurrency'] },
      },
      appRunner: {
        metrics: { errors: appRunnerMetric('5xxStatusResponses', 'Sum'), requests: appRunnerMetric('Requests', 'Sum') },
        expression: () => '100 * errors / requests',
        comparison: 'GreaterThanThreshold',
        threshold: 5,
        ...TWICE_5_MIN,
        remediation: [],
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
        ...TWICE_5_MIN,
        remediation: ['raise-provisioned-concurrency'],
      },
      apiGateway: {
        metrics: { latency: apiGatewayMetric('Latency', 'p95') },
        comparison: 'GreaterThanThreshold',
        threshold: 500,
        ...TWICE_5_MIN,
        remediation: [],
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
        ...TWICE_5_MIN,
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
  'ecs-service-down': {
    title: 'ECS service has no running tasks',
    severity: 'P1',
    unit: 'count',
    thresholdRange: COUNT_RANGE,
    signals: {
      ecs: {
        metrics: { running: ECS_RUNNING_TASKS },
        comparison: 'LessThanThreshold',
        threshold: 1,
        ...TWICE_1_MIN_MISSING_BREACHES,
        missingDataBreachesBecause:
          'without Container Insights, ECS reports service metrics only while tasks run, so no data is what no running task looks like; ' +
          'with it (as the configuration states), RunningTaskCount is reported every minute',
        remediation: ['redeploy-ecs-service'],
      },
    },
    runbook: {
      refs: ['rung.md 3.1 (n8n)'],
      steps: ['Check the service health endpoint and its logs', 'Restart the ECS service: update-service --force-new-deployment'],
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
        ...TWICE_5_MIN,
        usEast1Only: true,
        remediation: ['invalidate-cloudfront'],
      },
    },
    runbook: {
      refs: ['healthhub.md 4. Frontend Not Loading'],
      steps: ['Check the CloudFront distribution and its origin bucket', 'Clear the CloudFront cache', 'Redeploy the frontend'],
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
        ...TWICE_5_MIN,
        remediation: [],
      },
    },
    runbook: {
      refs: ['ai-lifestyle-app.md Issue 5'],
      steps: ['Check API Gateway logs and integration latency', 'Check the health of the backend function', 'Enable caching or move the work off the request path'],
    },
  },
} as const satisfies Record<string, AlertKindSpec>;
