/** Builds SNS events carrying CloudWatch alarm notifications, shaped as CloudWatch sends them. */
export interface AlarmEventOptions {
  readonly name: string;
  readonly state?: 'ALARM' | 'OK' | 'INSUFFICIENT_DATA';
  readonly oldState?: 'ALARM' | 'OK' | 'INSUFFICIENT_DATA';
  readonly account?: string;
  readonly region?: string;
  readonly time?: string;
  readonly messageId?: string;
}

export function alarmMessage(o: AlarmEventOptions): Record<string, unknown> {
  const account = o.account ?? '123456789012';
  const region = o.region ?? 'us-east-1';
  return {
    AlarmName: o.name,
    AlarmDescription: 'test alarm',
    AWSAccountId: account,
    AlarmConfigurationUpdatedTimestamp: '2026-11-20T10:00:00.000+0000',
    NewStateValue: o.state ?? 'ALARM',
    NewStateReason: 'Threshold Crossed: 2 out of the last 2 datapoints were greater than the threshold (500.0).',
    StateChangeTime: o.time ?? '2026-11-23T03:12:45.123+0000',
    Region: 'US East (N. Virginia)',
    AlarmArn: `arn:aws:cloudwatch:${region}:${account}:alarm:${o.name}`,
    OldStateValue: o.oldState ?? (o.state === 'OK' ? 'ALARM' : 'OK'),
    OKActions: [],
    AlarmActions: [],
    InsufficientDataActions: [],
    Trigger: {
      MetricName: 'Duration',
      Namespace: 'AWS/Lambda',
      StatisticType: 'ExtendedStatistic',
      ExtendedStatistic: 'p95',
      Unit: null,
      Dimensions: [{ value: 'rung-api-prod', name: 'FunctionName' }],
      Period: 300,
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 500,
      TreatMissingData: 'notBreaching',
      EvaluateLowSampleCountPercentile: '',
    },
  };
}

export function snsEvent(messages: readonly Record<string, unknown>[], topic = 'ar-high-alerts'): Record<string, unknown> {
  return {
    Records: messages.map((m, i) => ({
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: `arn:aws:sns:us-east-1:123456789012:${topic}:1f2e3d4c-0000-4000-8000-00000000000${i}`,
      Sns: {
        Type: 'Notification',
        MessageId: `5b1a3c2e-0000-4000-8000-00000000000${i}`,
        TopicArn: `arn:aws:sns:us-east-1:123456789012:${topic}`,
        Subject: `ALARM: "${String(m.AlarmName)}" in US East (N. Virginia)`,
        Message: JSON.stringify(m),
        Timestamp: '2026-11-23T03:12:45.456Z',
        SignatureVersion: '1',
        Signature: 'EXAMPLE',
        SigningCertUrl: 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0000.pem',
        UnsubscribeUrl: 'https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe',
        MessageAttributes: {},
      },
    })),
  };
}

export function alarmEvent(o: AlarmEventOptions): Record<string, unknown> {
  return snsEvent([alarmMessage(o)]);
}
