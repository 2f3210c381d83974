import 'aws-sdk-client-mock-jest';
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import type { BreachRule, ObservedAlarm } from '../../../lambdas/core/alarm';
import type { AwsCallRecord } from '../../../lambdas/core/record';
import { confirmBreach, evaluateBreach, evaluationWindow } from '../../../lambdas/pipeline/confirm-breach';
import { retryPolicy } from '../../../lambdas/runtime/aws-call';

const cloudwatch = mockClient(CloudWatchClient);
beforeEach(() => {
  cloudwatch.reset();
  retryPolicy.baseDelayMs = 0;
});

/** rung's latency alarm: p95 Duration over 5000 ms in 2 of 2 periods of 5 minutes. */
const RULE: BreachRule = {
  queries: [{ id: 'm', metric: { namespace: 'AWS/Lambda', metricName: 'Duration', dimensions: { FunctionName: 'rung-api-prod' } }, stat: 'p95', periodSeconds: 300, returnData: true }],
  periodSeconds: 300,
  evaluationPeriods: 2,
  datapointsToAlarm: 2,
  comparison: 'GreaterThanThreshold',
  threshold: 5000,
  treatMissingData: 'notBreaching',
};
const TRANSITION = new Date('2024-05-14T09:10:27.123Z');
const WINDOW = evaluationWindow(RULE, TRANSITION);
const point = (iso: string, value: number) => ({ timestamp: new Date(iso), value });

describe('evaluateBreach', () => {
  it('evaluates the whole periods before the transition', () => {
    expect(WINDOW).toEqual({ start: new Date('2024-05-14T09:00:00.000Z'), end: new Date('2024-05-14T09:10:00.000Z') });
  });

  it.each([
    ['both periods breach', true, [point('2024-05-14T09:00:00Z', 6120.8), point('2024-05-14T09:05:00Z', 7312.45)], {}],
    ['one period breaches of the two needed', false, [point('2024-05-14T09:00:00Z', 6120.8), point('2024-05-14T09:05:00Z', 4000)], {}],
    ['the threshold is reached but not crossed', false, [point('2024-05-14T09:00:00Z', 5000), point('2024-05-14T09:05:00Z', 5000)], {}],
    ['one of one needed (DatapointsToAlarm 1)', true, [point('2024-05-14T09:05:00Z', 9000)], { datapointsToAlarm: 1 }],
    ['a missing period treated as not breaching', false, [point('2024-05-14T09:05:00Z', 9000)], {}],
    ['a missing period treated as breaching', true, [point('2024-05-14T09:05:00Z', 9000)], { treatMissingData: 'breaching' }],
    ['a lower bound: LessThanThreshold', true, [point('2024-05-14T09:00:00Z', 0), point('2024-05-14T09:05:00Z', 0)], { comparison: 'LessThanThreshold', threshold: 1 }],
    ['a point outside the window', false, [point('2024-05-14T09:10:00Z', 9000), point('2024-05-14T09:05:00Z', 9000)], {}],
  ])('%s: confirmed %s', (_, confirmed, points, rule) => {
    expect(evaluateBreach({ ...RULE, ...rule }, points, WINDOW).confirmed).toBe(confirmed);
  });

  it('says what it counted', () => {
    const result = evaluateBreach(RULE, [point('2024-05-14T09:05:00Z', 9000)], WINDOW);
    expect(result.reason).toBe('the metric data does not show the breach: 1 of 2 periods breach GreaterThanThreshold 5000 (values missing, 9000; missing data notBreaching), 2 needed');
  });
});

describe('confirmBreach', () => {
  const alarm: ObservedAlarm = {
    name: 'ar-rung-high-latency-rung-api-prod',
    arn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:ar-rung-high-latency-rung-api-prod',
    region: 'us-east-1',
    account: '123456789012',
    state: 'ALARM',
    reason: 'set by hand',
    stateTimestamp: TRANSITION,
    shape: 'metric',
    metrics: [],
    rule: RULE,
  };

  it('asks GetMetricData for the alarm\'s own query over its window, and evaluates what comes back', async () => {
    cloudwatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [{ Id: 'm', Timestamps: [new Date('2024-05-14T09:05:00Z'), new Date('2024-05-14T09:00:00Z')], Values: [7312.45, 6120.8] }] });
    const calls: AwsCallRecord[] = [];
    expect(await confirmBreach(alarm, calls)).toMatchObject({ confirmed: true });
    expect(cloudwatch).toHaveReceivedCommandWith(GetMetricDataCommand, {
      StartTime: WINDOW.start,
      EndTime: WINDOW.end,
      MetricDataQueries: [{ Id: 'm', MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Duration', Dimensions: [{ Name: 'FunctionName', Value: 'rung-api-prod' }] }, Period: 300, Stat: 'p95' }, ReturnData: true }],
    });
    expect(calls.map((c) => [c.operation, c.mutating])).toEqual([['GetMetricData', false]]);
  });

  it('does not confirm an alarm set by hand whose metric does not breach, nor one whose data cannot be read', async () => {
    cloudwatch.on(GetMetricDataCommand).resolvesOnce({ MetricDataResults: [{ Id: 'm', Timestamps: [], Values: [] }] }).rejects(Object.assign(new Error('no'), { name: 'AccessDenied' }));
    expect(await confirmBreach(alarm, [])).toMatchObject({ confirmed: false, reason: expect.stringContaining('0 of 2 periods') });
    expect(await confirmBreach(alarm, [])).toMatchObject({ confirmed: false, reason: expect.stringContaining('could not be read (AccessDenied: no)') });
  });

  it('cannot confirm an alarm without a threshold rule, says so, and reads nothing', async () => {
    expect(await confirmBreach({ ...alarm, shape: 'composite', rule: undefined }, [])).toMatchObject({ confirmed: null, reason: expect.stringContaining('acting on the read-back alone') });
    expect(cloudwatch).not.toHaveReceivedCommand(GetMetricDataCommand);
  });
});
