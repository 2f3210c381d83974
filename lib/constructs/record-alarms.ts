import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { escalationAlarm } from './private/escalation-alarm';

export interface RecordAlarmsProps {
  readonly prefix: string;
  readonly remediationLog: logs.ILogGroup;
  /** People's topic only: a severity topic would feed the responders their own failures. */
  readonly escalationTopic: sns.ITopic;
}

/**
 * Alarms on what the records say: a failed remediation. (A record that could not be written at
 * all is watched per responder, by its RecordWriteFailures metric.)
 */
export class RecordAlarms extends Construct {
  /** Failed records per 5 minutes (Sum): what the alarm watches and the dashboard graphs. */
  readonly failedRecords: cloudwatch.Metric;

  constructor(scope: Construct, id: string, props: RecordAlarmsProps) {
    super(scope, id);
    const namespace = `AlertResponder/${props.prefix}`;
    const failed = new logs.MetricFilter(this, 'FailedRecords', {
      logGroup: props.remediationLog,
      filterPattern: logs.FilterPattern.stringValue('$.decision', '=', 'failed'),
      metricNamespace: namespace,
      metricName: 'FailedRecords',
      metricValue: '1',
      defaultValue: 0,
    });
    this.failedRecords = failed.metric({ period: Duration.minutes(5), statistic: 'Sum' });
    const watched: Array<[string, cloudwatch.IMetric, string]> = [
      ['failed-records', this.failedRecords, 'a remediation failed: the record and its escalation say which and why'],
    ];
    for (const [what, metric, why] of watched) {
      escalationAlarm(this, what, {
        alarmName: `${props.prefix}-records-${what}`,
        description: `alert-responder ${props.prefix}: ${why}.`,
        metric,
        escalationTopic: props.escalationTopic,
      });
    }
  }
}
