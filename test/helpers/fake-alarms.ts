/**
 * CloudWatch as the responder reads it back: an SNS notification made fresh (its StateChangeTime
 * moved to a given instant), and the alarm it describes as DescribeAlarms returns it (JSON
 * protocol: timestamps in epoch seconds), in the state a test chooses.
 */
import type { FakeState } from './fake-aws-services';

/** `2026-11-23T03:12:45.123+0000`, as CloudWatch writes StateChangeTime. */
export function stateChangeTime(at: Date): string {
  return at.toISOString().replace('Z', '+0000');
}

type Json = Record<string, unknown>;

function messageOf(event: unknown): Json {
  const records = (event as { Records: { Sns: { Message: string } }[] }).Records;
  return JSON.parse(records[0].Sns.Message) as Json;
}

/** The SNS event with its (first) notification's fields replaced, e.g. a fresh StateChangeTime. */
export function withMessage(event: unknown, fields: Json): unknown {
  const copy = JSON.parse(JSON.stringify(event)) as { Records: { Sns: { Message: string } }[] };
  copy.Records[0].Sns.Message = JSON.stringify({ ...messageOf(event), ...fields });
  return copy;
}

/** The event as if CloudWatch had just sent it: its transition `agoMs` before now. */
export function freshEvent(event: unknown, agoMs = 60_000): { event: unknown; at: Date } {
  const at = new Date(Date.now() - agoMs);
  return { event: withMessage(event, { StateChangeTime: stateChangeTime(at) }), at };
}

const capitalDims = (dims: unknown) => (Array.isArray(dims) ? (dims as { name: string; value: string }[]).map((d) => ({ Name: d.name, Value: d.value })) : []);

export interface AlarmState {
  readonly stateValue?: 'ALARM' | 'OK' | 'INSUFFICIENT_DATA';
  /** When its StateValue last changed. @default the notification's StateChangeTime */
  readonly transitioned?: Date;
}

/** The alarm the notification describes, as DescribeAlarms returns it: from the notification's Trigger. */
export function describedAlarm(event: unknown, state: AlarmState = {}): Json {
  const m = messageOf(event);
  const t = (m.Trigger ?? {}) as Json;
  const at = state.transitioned ?? new Date(Date.parse(String(m.StateChangeTime).replace(/\+0000$/, 'Z')));
  const seconds = at.getTime() / 1000;
  const metrics = Array.isArray(t.Metrics)
    ? {
        Metrics: (t.Metrics as Json[]).map((q) => {
          const stat = q.MetricStat as { Metric: Json; Period: number; Stat: string } | undefined;
          return stat ? { ...q, MetricStat: { ...stat, Metric: { ...stat.Metric, Dimensions: capitalDims(stat.Metric.Dimensions) } } } : q;
        }),
      }
    : {
        MetricName: t.MetricName,
        Namespace: t.Namespace,
        Dimensions: capitalDims(t.Dimensions),
        ...(t.StatisticType === 'ExtendedStatistic' ? { ExtendedStatistic: t.ExtendedStatistic } : { Statistic: t.Statistic }),
        Period: t.Period,
      };
  return {
    AlarmName: m.AlarmName,
    AlarmArn: m.AlarmArn,
    StateValue: state.stateValue ?? 'ALARM',
    StateReason: m.NewStateReason,
    StateTransitionedTimestamp: seconds,
    StateUpdatedTimestamp: seconds,
    EvaluationPeriods: t.EvaluationPeriods,
    DatapointsToAlarm: t.DatapointsToAlarm,
    Threshold: t.Threshold,
    ComparisonOperator: t.ComparisonOperator,
    TreatMissingData: t.TreatMissingData,
    ...metrics,
  };
}

/** Puts the notification's alarm into the fake's CloudWatch, with the series GetMetricData returns. */
export function inCloudWatch(state: FakeState, event: unknown, alarm: AlarmState = {}, series: Record<string, number[]> = {}): FakeState {
  const described = describedAlarm(event, alarm);
  state.cloudwatch.alarms[String(described.AlarmName)] = described;
  Object.assign(state.cloudwatch.series, series);
  return state;
}
