import { DescribeAlarmsCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { Alarm, AlarmState, TriggerMetric } from '../core/alarm';
import type { AwsCallRecord } from '../core/remediation';
import { awsCall } from '../runtime/aws-call';
import { cloudwatchClient } from '../runtime/clients/cloudwatch';

const STATES: readonly string[] = ['ALARM', 'OK', 'INSUFFICIENT_DATA'];

function metricsOf(a: MetricAlarm): TriggerMetric[] {
  const dims = (d: { Name?: string; Value?: string }[] | undefined) =>
    Object.fromEntries((d ?? []).flatMap((x) => (x.Name && x.Value !== undefined ? [[x.Name, x.Value]] : [])));
  if (a.MetricName && a.Namespace) {
    return [{ namespace: a.Namespace, metricName: a.MetricName, dimensions: dims(a.Dimensions), statistic: a.Statistic ?? a.ExtendedStatistic, periodSeconds: a.Period }];
  }
  return (a.Metrics ?? []).flatMap((m) => {
    const metric = m.MetricStat?.Metric;
    if (!metric?.Namespace || !metric.MetricName) return [];
    return [{ id: m.Id, namespace: metric.Namespace, metricName: metric.MetricName, dimensions: dims(metric.Dimensions), statistic: m.MetricStat?.Stat, periodSeconds: m.MetricStat?.Period }];
  });
}

/** Reads an alarm of this account and region for a manual run; undefined when there is none of that name. */
export async function lookupAlarm(name: string, calls: AwsCallRecord[]): Promise<Alarm | undefined> {
  const out = await awsCall(calls, 'cloudwatch', 'DescribeAlarms', () => cloudwatchClient.send(new DescribeAlarmsCommand({ AlarmNames: [name], AlarmTypes: ['MetricAlarm'] })), {
    mutating: false,
  });
  const alarm = out.MetricAlarms?.[0];
  if (!alarm || alarm.AlarmName !== name) return undefined;
  const arnParts = alarm.AlarmArn?.split(':') ?? [];
  const time = alarm.StateUpdatedTimestamp ?? new Date();
  return {
    name,
    arn: alarm.AlarmArn,
    state: (STATES.includes(alarm.StateValue ?? '') ? alarm.StateValue : 'INSUFFICIENT_DATA') as AlarmState,
    reason: alarm.StateReason ?? '',
    stateChangeTime: time,
    stateChangeTimeRaw: time.toISOString(),
    region: arnParts[3],
    account: arnParts[4],
    shape: alarm.MetricName ? 'metric' : 'metric-math',
    metrics: metricsOf(alarm),
    periodSeconds: alarm.Period ?? alarm.Metrics?.find((m) => m.MetricStat)?.MetricStat?.Period,
    evaluationPeriods: alarm.EvaluationPeriods,
  };
}
