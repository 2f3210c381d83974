import { GetMetricDataCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { BreachRule, MetricQuery, ObservedAlarm } from '../core/alarm';
import type { AwsCallRecord, BreachConfirmation } from '../core/record';
import { awsCall, describeError } from '../runtime/aws-call';
import { cloudwatchClientFor } from '../runtime/clients/cloudwatch';

/** A datapoint of the series the alarm compares with its threshold. */
export interface Datapoint {
  readonly timestamp: Date;
  readonly value: number;
}

const BREACHES: Readonly<Record<string, (value: number, threshold: number) => boolean>> = {
  GreaterThanOrEqualToThreshold: (v, t) => v >= t,
  GreaterThanThreshold: (v, t) => v > t,
  LessThanThreshold: (v, t) => v < t,
  LessThanOrEqualToThreshold: (v, t) => v <= t,
};

/**
 * The alarm's evaluation window ending at its transition: its last `evaluationPeriods` whole
 * periods before the state timestamp (CloudWatch evaluates whole periods, stamped by their start).
 */
export function evaluationWindow(rule: Pick<BreachRule, 'periodSeconds' | 'evaluationPeriods'>, stateTimestamp: Date): { start: Date; end: Date } {
  const period = rule.periodSeconds * 1000;
  const end = Math.floor(stateTimestamp.getTime() / period) * period;
  return { start: new Date(end - rule.evaluationPeriods * period), end: new Date(end) };
}

/**
 * Evaluates the alarm's rule again on its data: of the periods of the window, those whose value
 * breaches the threshold by the alarm's comparison, plus the missing ones where the alarm treats
 * missing data as breaching, must reach `datapointsToAlarm`.
 */
export function evaluateBreach(rule: BreachRule, points: readonly Datapoint[], window: { start: Date; end: Date }): BreachConfirmation {
  const breaches = BREACHES[rule.comparison];
  if (!breaches) return { confirmed: null, reason: `comparison ${rule.comparison} is not a threshold: the breach cannot be confirmed from data` };
  const period = rule.periodSeconds * 1000;
  const starts = Array.from({ length: rule.evaluationPeriods }, (_, i) => window.start.getTime() + i * period);
  const valueAt = (start: number) => points.find((p) => p.timestamp.getTime() >= start && p.timestamp.getTime() < start + period)?.value;
  const values = starts.map(valueAt);
  const breaching = values.filter((v) => v !== undefined && breaches(v, rule.threshold)).length;
  const missing = values.filter((v) => v === undefined).length;
  const counted = breaching + (rule.treatMissingData === 'breaching' ? missing : 0);
  const seen = values.map((v) => (v === undefined ? 'missing' : String(Math.round(v * 1000) / 1000))).join(', ');
  const facts = `${counted} of ${rule.evaluationPeriods} periods breach ${rule.comparison} ${rule.threshold} (values ${seen}; missing data ${rule.treatMissingData}), ${rule.datapointsToAlarm} needed`;
  return counted >= rule.datapointsToAlarm
    ? { confirmed: true, reason: `the metric data confirms the breach: ${facts}` }
    : { confirmed: false, reason: `the metric data does not show the breach: ${facts}` };
}

function queryOf(q: MetricQuery): MetricDataQuery {
  if (q.expression !== undefined) return { Id: q.id, Expression: q.expression, ReturnData: q.returnData };
  const dims = Object.entries(q.metric?.dimensions ?? {}).map(([Name, Value]) => ({ Name, Value }));
  return {
    Id: q.id,
    MetricStat: { Metric: { Namespace: q.metric?.namespace, MetricName: q.metric?.metricName, Dimensions: dims }, Period: q.periodSeconds, Stat: q.stat },
    ReturnData: q.returnData,
  };
}

/**
 * Confirms the breach an alarm reports from its own metric data before anything changes: an
 * alarm put into ALARM by hand (`set-alarm-state`) whose metric does not breach is not a
 * reason to act. A composite alarm (or an anomaly band) cannot be confirmed this way, and says so.
 */
export async function confirmBreach(alarm: ObservedAlarm, calls: AwsCallRecord[]): Promise<BreachConfirmation> {
  const rule = alarm.rule;
  if (!rule) return { confirmed: null, reason: `a ${alarm.shape} alarm not decided by a threshold on its data: its breach cannot be confirmed from metric data; acting on the read-back alone` };
  const window = evaluationWindow(rule, alarm.stateTimestamp);
  const returned = rule.queries.find((q) => q.returnData)?.id;
  const client = cloudwatchClientFor(alarm.region);
  try {
    const out = await awsCall(calls, 'cloudwatch', 'GetMetricData', () =>
      client.send(new GetMetricDataCommand({ MetricDataQueries: rule.queries.map(queryOf), StartTime: window.start, EndTime: window.end, ScanBy: 'TimestampAscending' })),
      { mutating: false },
    );
    const series = out.MetricDataResults?.find((r) => r.Id === returned);
    const points = (series?.Timestamps ?? []).flatMap((timestamp, i) => {
      const value = series?.Values?.[i];
      return value === undefined ? [] : [{ timestamp, value }];
    });
    return evaluateBreach(rule, points, window);
  } catch (err) {
    return { confirmed: false, reason: `the breach could not be confirmed: the metric data could not be read (${describeError(err)})` };
  }
}
