import 'aws-sdk-client-mock-jest';
import { CloudWatchClient, DescribeAlarmsCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { readAlarm } from '../../../lambdas/pipeline/lookup-alarm';
import { cloudwatchClientFor } from '../../../lambdas/runtime/clients/cloudwatch';

const cloudwatch = mockClient(CloudWatchClient);
beforeEach(() => cloudwatch.reset());

const NAME = 'ar-hlekkr-high-error-rate-hlekkr-prod-media-upload';
const ARN = `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${NAME}`;
const math: MetricAlarm = {
  AlarmName: NAME,
  AlarmArn: ARN,
  StateValue: 'ALARM',
  StateReason: 'Threshold Crossed',
  StateUpdatedTimestamp: new Date('2024-05-14T12:30:00.000Z'),
  StateTransitionedTimestamp: new Date('2024-05-14T12:00:41.907Z'),
  EvaluationPeriods: 2,
  Threshold: 1,
  ComparisonOperator: 'GreaterThanThreshold',
  TreatMissingData: 'notBreaching',
  Metrics: [
    { Id: 'error_rate', Expression: '100 * errors / invocations', ReturnData: true },
    { Id: 'errors', MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Errors', Dimensions: [{ Name: 'FunctionName', Value: 'hlekkr-prod-media-upload' }] }, Period: 300, Stat: 'Sum' }, ReturnData: false },
  ],
};

describe('readAlarm', () => {
  it('reads the metric alarm of that name in its region, keyed on when its state last changed, with the rule it evaluates', async () => {
    cloudwatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [math] });
    const alarm = await readAlarm(NAME, 'us-east-1', []);
    expect(cloudwatch).toHaveReceivedCommandWith(DescribeAlarmsCommand, { AlarmNames: [NAME], AlarmTypes: ['MetricAlarm'] });
    expect(alarm).toMatchObject({ arn: ARN, region: 'us-east-1', account: '123456789012', state: 'ALARM', shape: 'metric-math', stateTimestamp: new Date('2024-05-14T12:00:41.907Z') });
    expect(alarm?.rule).toEqual({
      queries: [
        { id: 'error_rate', expression: '100 * errors / invocations', returnData: true },
        { id: 'errors', metric: { namespace: 'AWS/Lambda', metricName: 'Errors', dimensions: { FunctionName: 'hlekkr-prod-media-upload' } }, stat: 'Sum', periodSeconds: 300, returnData: false },
      ],
      periodSeconds: 300,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
      comparison: 'GreaterThanThreshold',
      threshold: 1,
      treatMissingData: 'notBreaching',
    });
  });

  it('finds nothing for an alarm that does not exist, or of another name', async () => {
    cloudwatch.on(DescribeAlarmsCommand).resolvesOnce({ MetricAlarms: [] }).resolves({ MetricAlarms: [{ ...math, AlarmName: `${NAME}-other` }] });
    expect(await readAlarm(NAME, 'us-east-1', [])).toBeUndefined();
    expect(await readAlarm(NAME, 'us-east-1', [])).toBeUndefined();
  });

  it('has no rule for an anomaly band, which a threshold does not decide', async () => {
    cloudwatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [{ ...math, ComparisonOperator: 'LessThanLowerOrGreaterThanUpperThreshold', Threshold: undefined, ThresholdMetricId: 'band' }] });
    expect((await readAlarm(NAME, 'us-east-1', []))?.rule).toBeUndefined();
  });
});

describe('cloudwatchClientFor', () => {
  it('keeps one client per region, and the shared one for the responder\'s own', async () => {
    const useast = cloudwatchClientFor('us-east-1');
    expect(cloudwatchClientFor('us-east-1')).toBe(useast);
    expect(await cloudwatchClientFor('eu-west-1').config.region()).toBe('eu-west-1');
    expect(cloudwatchClientFor('eu-west-1')).toBe(cloudwatchClientFor('eu-west-1'));
  });
});
