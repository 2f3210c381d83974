import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as route53 from 'aws-cdk-lib/aws-route53';
import type { Construct, IDependable } from 'constructs';
import { HEALTH_CHECK_STATUS, publishedMetric, type MetricSource, type TargetProps, type TargetType } from '../../catalogue';
import type { PlannedAlarm } from '../../deployment';

/** What building an alarm's metric may need to create next to it. */
export interface SignalMetricContext {
  /** Namespace of the metrics derived from log groups: `AlertResponder/<prefix>`. */
  readonly logMetricNamespace: string;
  /** The health check of a healthCheck target (created once per target). */
  readonly healthCheck: (alarm: PlannedAlarm) => route53.IHealthCheck;
  /** What makes sure the log groups of the metric filters exist; each filter depends on it. */
  readonly logGroupsReady?: IDependable;
}

/** The props of a target of a known type; the plan guarantees the type, this checks it. */
export function propsOf<T extends TargetType>(alarm: PlannedAlarm, type: T): TargetProps<T> {
  if (alarm.target.type !== type) {
    throw new Error(`Alarm ${alarm.name}: its signal reads ${type} props, but its target is a ${alarm.target.type}`);
  }
  return alarm.target.props as TargetProps<T>;
}

/** The metric name of a log-derived metric: unique per system, resource, alert kind and metric id. */
export function logMetricName(alarm: PlannedAlarm, metricId: string): string {
  return `${alarm.system}.${alarm.target.key}.${alarm.kind.id}.${metricId}`;
}

function sourceMetric(scope: Construct, alarm: PlannedAlarm, id: string, source: MetricSource<unknown>, ctx: SignalMetricContext): cloudwatch.Metric {
  const period = Duration.seconds(alarm.periodSeconds);
  const props = alarm.target.props;
  switch (source.source) {
    case 'aws': {
      const metric = publishedMetric(source, props);
      // The plan withholds alarms whose preconditions do not hold: reaching here without a metric is a bug.
      if (!metric) throw new Error(`Alarm ${alarm.name}: ${source.namespace} ${source.metricName} needs ${source.requires?.field}, which does not hold`);
      return new cloudwatch.Metric({
        namespace: metric.namespace,
        metricName: metric.metricName,
        dimensionsMap: { ...metric.dimensions(props) },
        statistic: metric.statistic,
        period,
      });
    }
    case 'log': {
      const filter = new logs.MetricFilter(scope, `Filter-${id}`, {
        logGroup: logs.LogGroup.fromLogGroupName(scope, `LogGroup-${id}`, source.logGroupName(props)),
        filterPattern: logs.FilterPattern.literal(source.filterPattern(props)),
        metricNamespace: ctx.logMetricNamespace,
        metricName: logMetricName(alarm, id),
        metricValue: source.metricValue,
      });
      if (ctx.logGroupsReady) filter.node.addDependency(ctx.logGroupsReady);
      return filter.metric({ statistic: source.statistic, period });
    }
    case 'configured': {
      const custom = propsOf(alarm, 'customMetric');
      return new cloudwatch.Metric({
        namespace: custom.namespace,
        metricName: custom.metricName,
        dimensionsMap: { ...custom.dimensions },
        statistic: custom.statistic ?? source.statistic,
        period,
      });
    }
    case 'healthCheck':
      return new cloudwatch.Metric({
        namespace: HEALTH_CHECK_STATUS.namespace,
        metricName: HEALTH_CHECK_STATUS.metricName,
        dimensionsMap: { [HEALTH_CHECK_STATUS.dimension]: ctx.healthCheck(alarm).healthCheckId },
        statistic: source.statistic,
        period,
      });
  }
}

/**
 * The metric an alarm watches, derived from its signal: the single metric, or the signal's
 * metric math over its metrics. Metric filters are created in `scope`.
 */
export function signalMetric(scope: Construct, alarm: PlannedAlarm, ctx: SignalMetricContext): cloudwatch.IMetric {
  const entries = Object.entries(alarm.signal.metrics);
  const metrics = Object.fromEntries(entries.map(([id, source]) => [id, sourceMetric(scope, alarm, id, source, ctx)]));
  const expression = alarm.signal.expression?.(alarm.target.props);
  if (expression !== undefined) {
    return new cloudwatch.MathExpression({ expression, usingMetrics: metrics, period: Duration.seconds(alarm.periodSeconds) });
  }
  const [only, ...rest] = Object.values(metrics);
  if (only === undefined || rest.length > 0) {
    throw new Error(`Alarm ${alarm.name}: a signal without an expression must have exactly one metric (has ${entries.length})`);
  }
  return only;
}

/** The number of metric filters an alarm's signal creates. */
export function logMetricCount(alarm: PlannedAlarm): number {
  return Object.values(alarm.signal.metrics).filter((m) => m.source === 'log').length;
}

/** The log groups an alarm's metric filters read. */
export function logGroupNamesOf(alarm: PlannedAlarm): string[] {
  return Object.values(alarm.signal.metrics).flatMap((m) => (m.source === 'log' ? [m.logGroupName(alarm.target.props)] : []));
}
