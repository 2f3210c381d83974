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

/** A metric AWS publishes for the target. */
export interface AwsMetricSource<T> {
  readonly source: 'aws';
  readonly namespace: string;
  readonly metricName: string;
  readonly statistic: Statistic;
  readonly dimensions: (target: T) => Readonly<Record<string, string>>;
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
  /** The metric exists only in us-east-1: the alarm lives in the us-east-1 stack. */
  readonly usEast1Only?: boolean;
  /** Candidates in order: the first whose plan applies acts; empty: no safe automatic fix, escalate. */
  readonly remediation: readonly RemediationId[];
  /** For targets served by backends (APIs, health checks, custom metrics): the remediation by backend type. */
  readonly backendRemediation?: { readonly [B in BackendType]?: readonly RemediationId[] };
}

export type SignalsByTarget = { readonly [T in TargetType]?: Signal<TargetProps<T>> };
