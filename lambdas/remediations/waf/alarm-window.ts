import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import type { AwsCallRecord } from '../../core/record';
import { awsCall } from '../../runtime/aws-call';
import { cloudwatchClient } from '../../runtime/clients/cloudwatch';

/** However the alarm is configured, sources are counted over at most this long a window. */
export const MAX_WINDOW_SECONDS = 3600;

/** The period whose failing requests are counted, or why there is none. */
export type AlarmWindow =
  | { readonly ok: true; readonly startMs: number; readonly endMs: number; readonly seconds: number; readonly capped: boolean }
  | { readonly ok: false; readonly reason: string };

/**
 * The alarm's evaluation window (Period × EvaluationPeriods) ending at its state timestamp, as
 * CloudWatch holds the alarm, capped at MAX_WINDOW_SECONDS and never past `now`. Read from
 * CloudWatch (DescribeAlarms, granted to every responder), never from the notification, whose
 * Trigger and StateChangeTime anyone able to invoke the responder could write.
 */
export async function alarmWindow(calls: AwsCallRecord[], alarmName: string, now: Date): Promise<AlarmWindow> {
  const out = await awsCall(calls, 'cloudwatch', 'DescribeAlarms', () =>
    cloudwatchClient().send(new DescribeAlarmsCommand({ AlarmNames: [alarmName], AlarmTypes: ['MetricAlarm'] })),
    { mutating: false },
  );
  const alarm = out.MetricAlarms?.find((a) => a.AlarmName === alarmName);
  if (!alarm) return { ok: false, reason: `alarm ${alarmName} was not found in CloudWatch: nothing to block` };
  if (alarm.StateValue !== 'ALARM') return { ok: false, reason: `alarm ${alarmName} is ${alarm.StateValue ?? 'in no state'} now: nothing to block` };
  const period = alarm.Period ?? alarm.Metrics?.find((m) => m.MetricStat)?.MetricStat?.Period;
  const periods = alarm.EvaluationPeriods;
  // "The date and time that the alarm's StateValue most recently changed"; older alarms have only StateUpdatedTimestamp.
  const stateTime = alarm.StateTransitionedTimestamp ?? alarm.StateUpdatedTimestamp;
  if (!period || !periods || !stateTime) {
    return { ok: false, reason: `alarm ${alarmName} as CloudWatch holds it has no period, evaluation periods or state timestamp: no window to count sources in` };
  }
  const endMs = Math.min(stateTime.getTime(), now.getTime());
  const seconds = Math.min(period * periods, MAX_WINDOW_SECONDS);
  return { ok: true, startMs: endMs - seconds * 1000, endMs, seconds, capped: period * periods > MAX_WINDOW_SECONDS };
}
