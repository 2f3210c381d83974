import type { AlertKindId } from '../../lib/catalogue';

export type AlarmState = 'ALARM' | 'OK' | 'INSUFFICIENT_DATA';

/** Metric alarm: its one metric; metric math: one per MetricStat entry; composite: none. */
export type AlarmShape = 'metric' | 'metric-math' | 'composite';

/** A metric the alarm watches, with its dimensions as name → value. */
export interface TriggerMetric {
  readonly id?: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly statistic?: string;
  readonly periodSeconds?: number;
}

/**
 * The alarm as the responder reasons about it: the one alarm type, whether it came by SNS or was
 * looked up (a manual run, a verification).
 */
export interface Alarm {
  readonly name: string;
  readonly arn?: string;
  readonly state: AlarmState;
  readonly previousState?: AlarmState;
  readonly reason: string;
  readonly stateChangeTime: Date;
  /** As received: with the ARN, the idempotency key of a notification, so never re-formatted. */
  readonly stateChangeTimeRaw: string;
  /** From the alarm's ARN (the notification's `Region` is a display name). */
  readonly region?: string;
  readonly account?: string;
  readonly shape?: AlarmShape;
  readonly metrics: readonly TriggerMetric[];
  readonly periodSeconds?: number;
  readonly evaluationPeriods?: number;
}

/** The alarm of a notification: its ARN, hence its account and region, always known. */
export type NotifiedAlarm = Alarm & {
  readonly arn: string;
  /** From AlarmArn; the notification's AWSAccountId is only cross-checked against it. */
  readonly account: string;
  /** From AlarmArn; the notification's `Region` is a display name ("US East (N. Virginia)"). */
  readonly region: string;
  readonly previousState: AlarmState;
  readonly shape: AlarmShape;
};

/**
 * What a remediation or an escalation knows of the incident: the alarm, the alert kind it was
 * resolved to, and where the resources acted on live.
 */
export interface Incident {
  readonly alarm: Alarm;
  readonly kind: AlertKindId;
  /** The region of the resources acted on (the responder's own), not necessarily the alarm's. */
  readonly region: string;
  readonly account?: string;
  /** Evaluation window of the alarm, for log queries over the same period. */
  readonly windowSeconds: number;
}

/** One query of GetMetricData, as the alarm defines it: a metric with its statistic, or an expression. */
export interface MetricQuery {
  readonly id: string;
  readonly metric?: { readonly namespace: string; readonly metricName: string; readonly dimensions: Readonly<Record<string, string>> };
  readonly stat?: string;
  readonly periodSeconds?: number;
  readonly expression?: string;
  /** The query whose values the alarm compares with its threshold. */
  readonly returnData: boolean;
}

/** How the alarm decides it is breaching: what a confirmation from metric data evaluates again. */
export interface BreachRule {
  readonly queries: readonly MetricQuery[];
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly comparison: string;
  readonly threshold: number;
  /** `breaching`, `notBreaching`, `ignore` or `missing`: only `breaching` counts a missing point against it. */
  readonly treatMissingData: string;
}

/** The alarm as CloudWatch describes it now (DescribeAlarms): what the responder trusts, not the notification. */
export interface ObservedAlarm {
  readonly name: string;
  readonly arn: string;
  readonly region: string;
  readonly account: string;
  readonly state: AlarmState;
  readonly reason: string;
  /** When its StateValue last changed (StateTransitionedTimestamp, else StateUpdatedTimestamp). */
  readonly stateTimestamp: Date;
  readonly shape: AlarmShape;
  readonly metrics: readonly TriggerMetric[];
  readonly periodSeconds?: number;
  readonly evaluationPeriods?: number;
  /** Undefined for a composite alarm, or one whose rule cannot be evaluated from data (an anomaly band). */
  readonly rule?: BreachRule;
}
