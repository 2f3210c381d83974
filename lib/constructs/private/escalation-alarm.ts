import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';

export interface EscalationAlarmProps {
  readonly alarmName: string;
  readonly description: string;
  readonly metric: cloudwatch.IMetric;
  /** People's topic. Never a severity topic: that would feed the responders their own failures. */
  readonly escalationTopic: sns.ITopic;
}

/** An alarm on alert-responder itself: fires on the first occurrence, tells people, and when it clears. */
export function escalationAlarm(scope: Construct, id: string, props: EscalationAlarmProps): cloudwatch.Alarm {
  const alarm = new cloudwatch.Alarm(scope, id, {
    alarmName: props.alarmName,
    alarmDescription: props.description,
    metric: props.metric,
    threshold: 0,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
  const action = new actions.SnsAction(props.escalationTopic);
  alarm.addAlarmAction(action);
  alarm.addOkAction(action);
  return alarm;
}
