import { DescribeAlarmsCommand, type MetricAlarm, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { Alarm, AlarmState, BreachRule, MetricQuery, ObservedAlarm, TriggerMetric } from '../core/alarm';
import type { AwsCallRecord } from '../core/remediation';
import { awsCall } from '../runtime/aws-call';
import { cloudwatchClientFor } from '../runtime/clients/cloudwatch';

const STATES: readonly string[] = ['ALARM', 'OK', 'INSUFFICIENT_DATA'];
/** The comparisons a threshold decides; the anomaly-band ones compare with a band metric instead. */
const THRESHOLD_COMPARISONS = ['GreaterThanOrEqualToThreshold', 'GreaterThanThreshold', 'LessThanThreshold', 'LessThanOrEqualToThreshold'];

type Dimensions = { Name?: string; Value?: string }[] | undefined;
const dims = (d: Dimensions) => Object.fromEntries((d ?? []).flatMap((x) => (x.Name && x.Value !== undefined ? [[x.Name, x.Value]] : [])));

function metricsOf(a: MetricAlarm): TriggerMetric[] {
  if (a.MetricName && a.Namespace) {
    return [{ namespace: a.Namespace, metricName: a.MetricName, dimensions: dims(a.Dimensions), statistic: a.Statistic ?? a.ExtendedStatistic, periodSeconds: a.Period }];
  }
  return (a.Metrics ?? []).flatMap((m) => {
    const metric = m.MetricStat?.Metric;
    if (!metric?.Namespace || !metric.MetricName) return [];
    return [{ id: m.Id, namespace: metric.Namespace, metricName: metric.MetricName, dimensions: dims(metric.Dimensions), statistic: m.MetricStat?.Stat, periodSeconds: m.MetricStat?.Period }];
  });
}

function queryOf(m: MetricDataQuery): MetricQuery | undefined {
  if (!m.Id) return undefined;
  const metric = m.MetricStat?.Metric;
  if (metric?.Namespace && metric.MetricName) {
    const stat = { namespace: metric.Namespace, metricName: metric.MetricName, dimensions: dims(metric.Dimensions) };
    return { id: m.Id, metric: stat, stat: m.MetricStat?.Stat, periodSeconds: m.MetricStat?.Period, returnData: m.ReturnData !== false };
  }
  return m.Expression ? { id: m.Id, expression: m.Expression, returnData: m.ReturnData !== false } : undefined;
}

/** What the alarm evaluates, to evaluate it again from data; undefined where a threshold does not decide it. */
function ruleOf(a: MetricAlarm): BreachRule | undefined {
  const period = a.Period ?? a.Metrics?.find((m) => m.MetricStat)?.MetricStat?.Period;
  if (a.Threshold === undefined || !THRESHOLD_COMPARISONS.includes(a.ComparisonOperator ?? '') || !period || !a.EvaluationPeriods) return undefined;
  const single: MetricQuery | undefined =
    a.MetricName && a.Namespace
      ? { id: 'm', metric: { namespace: a.Namespace, metricName: a.MetricName, dimensions: dims(a.Dimensions) }, stat: a.Statistic ?? a.ExtendedStatistic, periodSeconds: period, returnData: true }
      : undefined;
  const queries = single ? [single] : (a.Metrics ?? []).flatMap((m) => queryOf(m) ?? []);
  if (queries.filter((q) => q.returnData).length !== 1) return undefined;
  return {
    queries,
    periodSeconds: period,
    evaluationPeriods: a.EvaluationPeriods,
    datapointsToAlarm: a.DatapointsToAlarm ?? a.EvaluationPeriods,
    comparison: a.ComparisonOperator ?? '',
    threshold: a.Threshold,
    treatMissingData: a.TreatMissingData ?? 'missing',
  };
}

/**
 * Reads an alarm back from CloudWatch in its region; undefined when there is no metric alarm of
 * that name. Metric alarms only: the deployment plans no composite alarm, and reading those needs
 * DescribeAlarms on `*` (API_DescribeAlarms: "You can't return information about composite alarms
 * if your cloudwatch:DescribeAlarms permission has a narrower scope"), which responders do not hold.
 */
export async function readAlarm(name: string, region: string | undefined, calls: AwsCallRecord[]): Promise<ObservedAlarm | undefined> {
  const client = cloudwatchClientFor(region);
  const out = await awsCall(calls, 'cloudwatch', 'DescribeAlarms', () => client.send(new DescribeAlarmsCommand({ AlarmNames: [name], AlarmTypes: ['MetricAlarm'] })), {
    mutating: false,
  });
  const alarm = out.MetricAlarms?.find((a) => a.AlarmName === name);
  if (!alarm?.AlarmArn) return undefined;
  const [, , , arnRegion = region ?? '', account = ''] = alarm.AlarmArn.split(':');
  return {
    name,
    arn: alarm.AlarmArn,
    region: arnRegion,
    account,
    state: (STATES.includes(alarm.StateValue ?? '') ? alarm.StateValue : 'INSUFFICIENT_DATA') as AlarmState,
    reason: alarm.StateReason ?? '',
    stateTimestamp: alarm.StateTransitionedTimestamp ?? alarm.StateUpdatedTimestamp ?? new Date(0),
    shape: alarm.MetricName ? 'metric' : 'metric-math',
    metrics: metricsOf(alarm),
    periodSeconds: alarm.Period ?? alarm.Metrics?.find((m) => m.MetricStat)?.MetricStat?.Period,
    evaluationPeriods: alarm.EvaluationPeriods,
    rule: ruleOf(alarm),
  };
}

/** The alarm as remediations and escalations reason about it, from what CloudWatch says of it. */
export function alarmOf(observed: ObservedAlarm): Alarm {
  const { stateTimestamp, rule: _rule, ...rest } = observed;
  return { ...rest, stateChangeTime: stateTimestamp, stateChangeTimeRaw: stateTimestamp.toISOString() };
}

/** Reads an alarm of this account (in `region`, by default the responder's) as remediations see it; undefined when there is none. */
export async function lookupAlarm(name: string, calls: AwsCallRecord[], region?: string): Promise<Alarm | undefined> {
  const observed = await readAlarm(name, region, calls);
  return observed && alarmOf(observed);
}
