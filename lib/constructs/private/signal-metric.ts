import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct, type IDependable } from 'constructs';
import { HEALTH_CHECK_STATUS, publishedMetric, type MetricSource, type Statistic, type TargetProps, type TargetType } from '../../catalogue';
import type { PlannedAlarm } from '../../deployment';

/** What building an alarm's metric may need to create next to it. */
export interface SignalMetricContext {
  /** Namespace of the metrics derived from log groups: `AlertResponder/<prefix>`. */
  readonly logMetricNamespace: string;
  /** The id of the health check of a healthCheck target (created once per target). */
  readonly healthCheckId: (alarm: PlannedAlarm) => string;
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

/** One metric of a signal, as CloudWatch names it. */
interface MetricIdentity {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly statistic: Statistic | string;
}

function identity(scope: Construct, alarm: PlannedAlarm, id: string, source: MetricSource<unknown>, ctx: SignalMetricContext): MetricIdentity {
  const props = alarm.target.props;
  switch (source.source) {
    case 'aws': {
      const metric = publishedMetric(source, props);
      // The plan withholds alarms whose preconditions do not hold: reaching here without a metric is a bug.
      if (!metric) throw new Error(`Alarm ${alarm.name}: ${source.namespace} ${source.metricName} needs ${source.requires?.field}, which does not hold`);
      return { namespace: metric.namespace, metricName: metric.metricName, dimensions: metric.dimensions(props), statistic: metric.statistic };
    }
    case 'log': {
      const metricName = logMetricName(alarm, id);
      // A construct holding the L1 filter under the id the L2 MetricFilter gave it, so logical ids stay.
      const holder = new Construct(scope, `Filter-${id}`);
      new logs.CfnMetricFilter(holder, 'Resource', {
        logGroupName: source.logGroupName(props),
        filterPattern: source.filterPattern(props),
        metricTransformations: [{ metricNamespace: ctx.logMetricNamespace, metricName, metricValue: source.metricValue }],
      });
      if (ctx.logGroupsReady) holder.node.addDependency(ctx.logGroupsReady);
      return { namespace: ctx.logMetricNamespace, metricName, dimensions: {}, statistic: source.statistic };
    }
    case 'configured': {
      const custom = propsOf(alarm, 'customMetric');
      return { namespace: custom.namespace, metricName: custom.metricName, dimensions: custom.dimensions, statistic: custom.statistic ?? source.statistic };
    }
    case 'healthCheck':
      return {
        namespace: HEALTH_CHECK_STATUS.namespace,
        metricName: HEALTH_CHECK_STATUS.metricName,
        dimensions: { [HEALTH_CHECK_STATUS.dimension]: ctx.healthCheckId(alarm) },
        statistic: source.statistic,
      };
  }
}

/** Sorted by name, as cloudwatch.Metric renders them (CloudWatch itself ignores their order). */
const dimensionList = (dims: Readonly<Record<string, string>>): cloudwatch.CfnAlarm.DimensionProperty[] | undefined => {
  const list = Object.entries(dims)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => ({ name, value }));
  return list.length > 0 ? list : undefined;
};

/** Percentiles (`p95`, `tm99`, ...) go in ExtendedStatistic; the five plain statistics in Statistic. */
const PLAIN_STATISTICS = new Set(['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount']);

/** The metric part of an alarm, as CloudFormation takes it. */
export type AlarmMetricProps = Pick<cloudwatch.CfnAlarmProps, 'namespace' | 'metricName' | 'dimensions' | 'statistic' | 'extendedStatistic' | 'period' | 'metrics'>;

/**
 * The metric an alarm watches, derived from its signal, rendered straight into the alarm's
 * CloudFormation properties: the single metric, or the signal's metric math over its metrics.
 * Metric filters are created in `scope`. (Rendered here rather than through cloudwatch.Metric and
 * MathExpression: with tens of thousands of alarms, the L2 objects and their tokens dominated synth.)
 */
export function signalMetricProps(scope: Construct, alarm: PlannedAlarm, ctx: SignalMetricContext): AlarmMetricProps {
  const entries = Object.entries(alarm.signal.metrics);
  const metrics = entries.map(([id, source]) => [id, identity(scope, alarm, id, source, ctx)] as const);
  const period = alarm.periodSeconds;
  const expression = alarm.signal.expression?.(alarm.target.props);
  if (expression !== undefined) {
    return {
      metrics: [
        { id: 'expr_1', expression, returnData: true },
        ...metrics.map(([id, m]) => ({
          id,
          metricStat: { metric: { namespace: m.namespace, metricName: m.metricName, dimensions: dimensionList(m.dimensions) }, period, stat: m.statistic },
          returnData: false,
        })),
      ],
    };
  }
  const [only, ...rest] = metrics;
  if (only === undefined || rest.length > 0) {
    throw new Error(`Alarm ${alarm.name}: a signal without an expression must have exactly one metric (has ${entries.length})`);
  }
  const m = only[1];
  const plain = PLAIN_STATISTICS.has(m.statistic);
  return {
    namespace: m.namespace,
    metricName: m.metricName,
    dimensions: dimensionList(m.dimensions),
    statistic: plain ? m.statistic : undefined,
    extendedStatistic: plain ? undefined : m.statistic,
    period,
  };
}

/** The number of metric filters an alarm's signal creates. */
export function logMetricCount(alarm: PlannedAlarm): number {
  return Object.values(alarm.signal.metrics).filter((m) => m.source === 'log').length;
}

/** The log groups an alarm's metric filters read. */
export function logGroupNamesOf(alarm: PlannedAlarm): string[] {
  return Object.values(alarm.signal.metrics).flatMap((m) => (m.source === 'log' ? [m.logGroupName(alarm.target.props)] : []));
}
