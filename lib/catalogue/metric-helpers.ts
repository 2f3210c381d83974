import type { AwsMetricSource, LogMetricSource, Statistic } from './signals';
import type { TargetProps } from './target-schemas';

type Lambda = TargetProps<'lambda'>;

/** Lambda metrics by alias carry `Resource` = `function:alias`; without an alias, the function. */
export function lambdaDimensions(t: Lambda): Record<string, string> {
  return t.alias ? { FunctionName: t.name, Resource: `${t.name}:${t.alias}` } : { FunctionName: t.name };
}

export function lambdaLogGroupName(t: Lambda): string {
  return t.logGroupName ?? `/aws/lambda/${t.name}`;
}

export function lambdaMetric(metricName: string, statistic: Statistic): AwsMetricSource<Lambda> {
  return { source: 'aws', namespace: 'AWS/Lambda', metricName, statistic, dimensions: lambdaDimensions };
}

/**
 * The REPORT line Lambda writes after each invocation (text log format):
 * `REPORT RequestId: <id> Duration: 1.2 ms Billed Duration: 2 ms Memory Size: 128 MB Max Memory Used: 70 MB ...`
 */
export const LAMBDA_REPORT_PATTERN =
  '[report="REPORT", rid_label, rid, dur_label, duration, dur_unit, billed_label, billed_label2, billed_duration, billed_unit, ' +
  'mem_label, size_label, memory_size, mem_unit, max_label, max_label2, used_label, max_memory_used, ...]';

export function lambdaReportMetric(field: 'memory_size' | 'max_memory_used'): LogMetricSource<Lambda> {
  return {
    source: 'log',
    logGroupName: lambdaLogGroupName,
    filterPattern: () => LAMBDA_REPORT_PATTERN,
    metricValue: `$${field}`,
    statistic: 'Maximum',
  };
}

type Api = TargetProps<'apiGateway'>;
export function apiGatewayMetric(metricName: string, statistic: Statistic): AwsMetricSource<Api> {
  return {
    source: 'aws',
    namespace: 'AWS/ApiGateway',
    metricName,
    statistic,
    dimensions: (t): Record<string, string> => (t.stage ? { ApiName: t.name, Stage: t.stage } : { ApiName: t.name }),
  };
}

type AppRunner = TargetProps<'appRunner'>;
export function appRunnerMetric(metricName: string, statistic: Statistic): AwsMetricSource<AppRunner> {
  return {
    source: 'aws',
    namespace: 'AWS/AppRunner',
    metricName,
    statistic,
    dimensions: (t) => ({ ServiceName: t.name, ServiceID: t.serviceId }),
  };
}

type Ecs = TargetProps<'ecs'>;
export function ecsMetric(namespace: 'AWS/ECS' | 'ECS/ContainerInsights', metricName: string, statistic: Statistic): AwsMetricSource<Ecs> {
  return {
    source: 'aws',
    namespace,
    metricName,
    statistic,
    dimensions: (t) => ({ ClusterName: t.cluster, ServiceName: t.service }),
  };
}

/**
 * Running tasks of a service. Container Insights counts them (RunningTaskCount); without it, ECS
 * publishes its service metrics only while tasks run ("If a cluster, service, or other resource has
 * no running tasks, no metrics will be reported", Amazon ECS CloudWatch metrics,
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/available-metrics.html), so the
 * number of CPUUtilization samples is at least 1 a minute while any task runs.
 */
export const ECS_RUNNING_TASKS: AwsMetricSource<Ecs> = {
  ...ecsMetric('ECS/ContainerInsights', 'RunningTaskCount', 'Minimum'),
  requires: {
    field: 'containerInsights',
    holds: (t) => t.containerInsights,
    enable: 'Container Insights on the cluster, then "containerInsights": true on the ecs resource',
  },
  otherwise: ecsMetric('AWS/ECS', 'CPUUtilization', 'SampleCount'),
};
