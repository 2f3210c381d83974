import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { KILL_SWITCH_UNREADABLE_METRIC, RESPONDER_METRICS_NAMESPACE, UNSIGNED_RECORDS_METRIC, type ResponderFamily } from '../../catalogue';
import type { ResponderFunction } from '../responder-function';
import { escalationAlarm } from './escalation-alarm';
import { responderServiceName } from './responder-env';
import { selfAlarmName, type SelfAlarmKind } from './responder-names';

export interface ResponderAlarmsProps {
  readonly prefix: string;
  readonly system: string;
  /** The system's responders, by family. */
  readonly responders: ReadonlyArray<{ readonly family: ResponderFamily; readonly fn: ResponderFunction }>;
  /** Where the responders' failed asynchronous invocations go (shared by the system's responders). */
  readonly deadLetterQueue: sqs.IQueue;
  /** Where SNS puts notifications it could not deliver to them (shared too). */
  readonly deliveryDeadLetterQueue: sqs.IQueue;
  /** People's topic: never a severity topic, which would feed the responders their own failures. */
  readonly escalationTopic: sns.ITopic;
}

/** CloudWatch allows 10 metrics in an alarm's metric math; a system has at most 9 responder families. */
const MAX_ALARM_METRICS = 10;

/**
 * Watches a system's responders: errors, throttles, records they could not write or sign, and messages
 * stuck in either dead-letter queue, each alarming on the first occurrence in any responder, to
 * the escalation topic only. One alarm per concern and system rather than per responder: a
 * deployment of hundreds of systems would otherwise pay for thousands of alarms watching little.
 */
export class ResponderAlarms extends Construct {
  readonly alarms: readonly cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: ResponderAlarmsProps) {
    super(scope, id);
    if (props.responders.length === 0 || props.responders.length > MAX_ALARM_METRICS) {
      throw new Error(`ResponderAlarms: ${props.responders.length} responders; between 1 and ${MAX_ALARM_METRICS} fit one alarm's metric math`);
    }
    const period = Duration.minutes(1);
    const families = props.responders.map((r) => r.family).join(', ');
    // Lambda publishes Errors and Throttles only for invocations: a quiet responder has no data, which counts as 0.
    const sum = (metric: (r: ResponderAlarmsProps['responders'][number]) => cloudwatch.IMetric): cloudwatch.IMetric =>
      new cloudwatch.MathExpression({
        expression: props.responders.map((_, i) => `FILL(m${i}, 0)`).join(' + '),
        usingMetrics: Object.fromEntries(props.responders.map((r, i) => [`m${i}`, metric(r)])),
        period,
      });
    // What a responder publishes about itself (Powertools metrics): dimension `service`, one per responder.
    const ownMetric = (family: ResponderFamily, metricName: string) =>
      new cloudwatch.Metric({
        namespace: RESPONDER_METRICS_NAMESPACE,
        metricName,
        dimensionsMap: { service: responderServiceName(props.system, family) },
        period,
        statistic: 'Sum',
      });
    const watched: Array<[SelfAlarmKind, cloudwatch.IMetric, string]> = [
      ['errors', sum((r) => r.fn.function.metricErrors({ period, statistic: 'Sum' })), 'failed invocations: notifications may not have been handled'],
      ['throttles', sum((r) => r.fn.function.metricThrottles({ period, statistic: 'Sum' })), 'throttled invocations: raise their reserved concurrency if this repeats'],
      [
        'dlq',
        props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
        'notifications that failed every retry in their dead-letter queue: handle them by hand',
      ],
      [
        'delivery-dlq',
        props.deliveryDeadLetterQueue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
        'notifications SNS could not deliver to them in their delivery dead-letter queue',
      ],
      [
        'lost-records',
        sum((r) => ownMetric(r.family, 'RecordWriteFailures')),
        "records they could not write to the remediation log: those are in the functions' own logs",
      ],
      [
        // Counted per invocation by each responder, under its Powertools `service` dimension
        // (lambdas/pipeline/handler.ts): those invocations ran as `off`, refusing every change.
        'kill-switch-unreadable',
        sum((r) => ownMetric(r.family, KILL_SWITCH_UNREADABLE_METRIC)),
        'found the kill switch (the mode parameter) missing, unreadable or holding no known mode: they refuse every change until it is fixed, and still escalate',
      ],
      [
        'unsigned-records',
        sum((r) => ownMetric(r.family, UNSIGNED_RECORDS_METRIC)),
        'written records unsigned (KMS GenerateMac failed): verify-records cannot tell those from forged ones',
      ],
    ];
    this.alarms = watched.map(([what, metric, why]) =>
      escalationAlarm(this, what, {
        alarmName: selfAlarmName(props.prefix, props.system, what),
        description: `The responders of ${props.system} (${families}) have ${why}.`,
        metric,
        escalationTopic: props.escalationTopic,
      }),
    );
  }
}
