import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { ResponderFamily } from '../../catalogue';
import type { ResponderFunction } from '../responder-function';
import { escalationAlarm } from './escalation-alarm';
import { responderServiceName } from './responder-env';
import { selfAlarmName, type SelfAlarmKind } from './responder-names';

export interface ResponderAlarmsProps {
  readonly prefix: string;
  readonly system: string;
  readonly family: ResponderFamily;
  readonly responder: ResponderFunction;
  readonly deliveryDeadLetterQueue: sqs.IQueue;
  /** People's topic: never a severity topic, which would feed the responders their own failures. */
  readonly escalationTopic: sns.ITopic;
}

/**
 * Watches the responder itself: errors, throttles, and messages stuck in either dead-letter queue
 * each alarm on the first occurrence, to the escalation topic only.
 */
export class ResponderAlarms extends Construct {
  readonly alarms: readonly cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: ResponderAlarmsProps) {
    super(scope, id);
    const fn = props.responder.function;
    const period = Duration.minutes(1);
    const watched: Array<[SelfAlarmKind, cloudwatch.IMetric, string]> = [
      ['errors', fn.metricErrors({ period, statistic: 'Sum' }), 'failed invocations: notifications may not have been handled'],
      ['throttles', fn.metricThrottles({ period, statistic: 'Sum' }), 'throttled invocations: raise its reserved concurrency if this repeats'],
      [
        'dlq',
        props.responder.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
        'notifications that failed every retry are in its dead-letter queue: handle them by hand',
      ],
      [
        'delivery-dlq',
        props.deliveryDeadLetterQueue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
        'SNS could not deliver notifications to it: they are in its delivery dead-letter queue',
      ],
      [
        'lost-records',
        new cloudwatch.Metric({
          namespace: 'AlertResponder',
          metricName: 'RecordWriteFailures',
          dimensionsMap: { service: responderServiceName(props.system, props.family) },
          period,
          statistic: 'Sum',
        }),
        "records it could not write to the remediation log: they are in the function's own log",
      ],
    ];
    this.alarms = watched.map(([what, metric, why]) =>
      escalationAlarm(this, what, {
        alarmName: selfAlarmName(props.prefix, props.system, props.family, what),
        description: `The ${props.family} responder of ${props.system} has ${why}.`,
        metric,
        escalationTopic: props.escalationTopic,
      }),
    );
  }
}
