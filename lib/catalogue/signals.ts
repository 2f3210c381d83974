import type { RemediationId } from './remediations';
import type { TargetProps } from './target-schemas';
import type { BackendType, TargetType } from './target-types';

export type Statistic = 'Average' | 'Sum' | 'Minimum' | 'Maximum' | 'SampleCount' | `p${number}`;
export type Comparison =
  | 'GreaterThanThreshold'
  | 'GreaterThanOrEqualToThreshold'
  | 'LessThanThreshold'
  | 'LessThanOrEqualToThreshold';
export type MissingData = 'breaching' | 'notBreaching' | 'ignore' | 'missing';

/**
 * A setting outside this app that must be on for AWS to publish a metric (Container Insights on
 * an ECS cluster, billing alerts on the account). The app cannot see it at synth: the target's
 * configuration states it.
 */
export interface Precondition<T> {
  /** The configuration field that states it, for messages. */
  readonly field: string;
  readonly holds: (target: T) => boolean;
  /** What to turn on, and where, for the synth warning when it does not hold. */
  readonly enable: string;
}

/** A metric AWS publishes for the target. */
export interface AwsMetricSource<T> {
  readonly source: 'aws';
  readonly namespace: string;
  readonly metricName: string;
  readonly statistic: Statistic;
  readonly dimensions: (target: T) => Readonly<Record<string, string>>;
  /**
   * AWS publishes the metric only while this holds.
   * @default - always published
   */
  readonly requires?: Precondition<T>;
  /**
   * The metric AWS publishes instead when `requires` does not hold; without one, no alarm is
   * created and synth warns what to enable.
   * @default - none
   */
  readonly otherwise?: AwsMetricSource<T>;
}

/** A metric the app derives from a log group with a metric filter it creates. */
export interface LogMetricSource<T> {
  readonly source: 'log';
  readonly logGroupName: (target: T) => string;
  readonly filterPattern: (target: T) => string;
  /** `1` to count matches, or `$field` of a space-delimited or JSON pattern. */
  readonly metricValue: string;
  readonly statistic: Statistic;
}

/** The metric a custom-metric target names in the configuration. */
export interface ConfiguredMetricSource {
  readonly source: 'configured';
  /** Used where the configuration names no statistic. */
  readonly statistic: Statistic;
}

/** What a healthCheck source reads: Route 53's status of the health check, by its id. */
export const HEALTH_CHECK_STATUS = { namespace: 'AWS/Route53', metricName: 'HealthCheckStatus', dimension: 'HealthCheckId' } as const;

/** The status of a Route 53 health check the app creates for the target's URL. */
export interface HealthCheckSource {
  readonly source: 'healthCheck';
  readonly statistic: 'Minimum';
}

export type MetricSource<T> = AwsMetricSource<T> | LogMetricSource<T> | ConfiguredMetricSource | HealthCheckSource;

/** How an alert kind is measured on one target type, and what fixes it there. */
export interface Signal<T> {
  /** Metric ids must be lowercase identifiers; they are the names metric math uses. */
  readonly metrics: Readonly<Record<string, MetricSource<T>>>;
  /** Metric math over the metric ids; absent: the alarm watches the single metric. */
  readonly expression?: (target: T) => string;
  readonly comparison: Comparison;
  readonly threshold: number;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly treatMissingData: MissingData;
  /**
   * Required when missing data breaches: why no data means trouble here rather than a metric
   * that does not exist (which would keep the alarm firing, and its fix running, for ever).
   */
  readonly missingDataBreachesBecause?: string;
  /** The metric exists only in us-east-1: the alarm lives in the us-east-1 stack. */
  readonly usEast1Only?: boolean;
  /** Candidates in order: the first whose plan applies acts; empty: no safe automatic fix, escalate. */
  readonly remediation: readonly RemediationId[];
  /** For targets served by backends (APIs, health checks, custom metrics): the remediation by backend type. */
  readonly backendRemediation?: { readonly [B in BackendType]?: readonly RemediationId[] };
}

export type SignalsByTarget = { readonly [T in TargetType]?: Signal<TargetProps<T>> };

/** The metric an AWS source resolves to for a target: itself, or its `otherwise` where its precondition does not hold. */
export function publishedMetric<T>(source: AwsMetricSource<T>, target: T): AwsMetricSource<T> | undefined {
  if (!source.requires || source.requires.holds(target)) return source;
  return source.otherwise ? publishedMetric(source.otherwise, target) : undefined;
}

/** The preconditions of a signal's metrics that do not hold for a target and leave it without a metric. */
export function unmetPreconditions<T>(signal: Signal<T>, target: T): Precondition<T>[] {
  const unmet: Precondition<T>[] = [];
  for (const m of Object.values(signal.metrics)) {
    if (m.source === 'aws' && m.requires && publishedMetric(m, target) === undefined) unmet.push(m.requires);
  }
  return unmet;
}
