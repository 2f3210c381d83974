import { parseInvocation } from '../../../lambdas/pipeline/notification';
import { ACCOUNT, alarm, asArray, asRecord, fixture, LATENCY, TOPIC, value, withMessage, withRawMessage } from './notification-helpers';

describe('parseInvocation: the fixtures', () => {
  it('parses a metric alarm, taking account and region from the ARN', () => {
    const a = alarm(fixture('sns-metric-alarm.json'));
    expect(a).toMatchObject({
      source: 'sns',
      messageId: '4b8f6a7e-2c1d-5e3f-9a8b-7c6d5e4f3a2b',
      topicArn: TOPIC,
      alarm: {
        name: LATENCY,
        arn: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:${LATENCY}`,
        account: ACCOUNT,
        region: 'us-east-1',
        state: 'ALARM',
        previousState: 'OK',
        stateChangeTimeRaw: '2024-05-14T09:10:27.123+0000',
        shape: 'metric',
        periodSeconds: 300,
        evaluationPeriods: 2,
      },
      alarmDescription: 'rung: p95 latency of rung-api-prod above 5 s (runbook rung 1.1)',
      expressions: [],
      threshold: 5000,
      comparison: 'GreaterThanThreshold',
      triggeringChildren: [],
    });
    expect(a.alarm.reason).toMatch(/^Threshold Crossed: 2 out of the last 2 datapoints/);
    expect(a.alarm.stateChangeTime).toBeInstanceOf(Date);
    expect(a.alarm.stateChangeTime.toISOString()).toBe('2024-05-14T09:10:27.123Z');
    expect(a.alarm.metrics).toEqual([
      {
        namespace: 'AWS/Lambda',
        metricName: 'Duration',
        dimensions: { FunctionName: 'rung-api-prod', Resource: 'rung-api-prod:prod' },
        statistic: 'p95',
        periodSeconds: 300,
      },
    ]);
    expect(a.alarmRule).toBeUndefined();
  });

  it('parses a metric-math alarm into its metrics and its expressions', () => {
    const a = alarm(fixture('sns-math-alarm.json'));
    const dimensions = { FunctionName: 'hlekkr-prod-media-upload' };
    expect(a.alarm.shape).toBe('metric-math');
    expect(a.alarm.name).toBe('ar-hlekkr-high-error-rate-hlekkr-prod-media-upload');
    expect(a.alarm.account).toBe(ACCOUNT);
    expect(a.alarm.region).toBe('us-east-1');
    expect(a.alarm.metrics).toEqual([
      { id: 'errors', namespace: 'AWS/Lambda', metricName: 'Errors', dimensions, statistic: 'Sum', periodSeconds: 300 },
      { id: 'invocations', namespace: 'AWS/Lambda', metricName: 'Invocations', dimensions, statistic: 'Sum', periodSeconds: 300 },
    ]);
    expect(a.expressions).toEqual([{ id: 'error_rate', expression: '100 * errors / invocations', label: 'Error rate (%)' }]);
    expect(a).toMatchObject({ threshold: 1, alarm: { periodSeconds: 300, evaluationPeriods: 2 }, comparison: 'GreaterThanThreshold' });
    expect(a.alarm.stateChangeTime.getTime()).toBe(Date.UTC(2024, 4, 14, 12, 0, 41, 907));
  });

  it('parses a composite alarm: no metrics, its rule and the children that tripped it', () => {
    const a = alarm(fixture('sns-composite-alarm.json'));
    expect(a.alarm.shape).toBe('composite');
    expect(a.alarm.name).toBe('ar-rung-composite-api-degraded-rung-api-prod');
    expect(a.alarm.metrics).toEqual([]);
    expect(a.expressions).toEqual([]);
    expect(a.alarmRule).toBe(`ALARM("${LATENCY}") OR ALARM("ar-rung-high-error-rate-rung-api-prod")`);
    expect(a.triggeringChildren).toEqual([
      {
        arn: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:${LATENCY}`,
        state: 'ALARM',
        timestamp: '2024-05-14T09:10:27.123+0000',
      },
    ]);
    expect(a.alarm.periodSeconds).toBeUndefined();
    expect(a.threshold).toBeUndefined();
    expect(a.alarm.stateChangeTime.toISOString()).toBe('2024-05-14T09:10:28.640Z');
  });

  it('parses an OK transition', () => {
    const a = alarm(fixture('sns-ok.json'));
    expect(a.alarm).toMatchObject({ state: 'OK', previousState: 'ALARM', shape: 'metric', name: LATENCY });
    expect(a.alarm.stateChangeTime.toISOString()).toBe('2024-05-14T09:40:27.456Z');
  });

  it('parses an INSUFFICIENT_DATA transition, a null description and a capitalised statistic', () => {
    const a = alarm(fixture('sns-insufficient-data.json'));
    expect(a.alarm.state).toBe('INSUFFICIENT_DATA');
    expect(a.alarm.previousState).toBe('OK');
    expect(a.alarmDescription).toBeUndefined();
    expect(a.alarm.metrics).toEqual([
      {
        namespace: 'AWS/DynamoDB',
        metricName: 'WriteThrottleEvents',
        dimensions: { TableName: 'ai-lifestyle-app-goals-prod' },
        statistic: 'Sum',
        periodSeconds: 60,
      },
    ]);
    expect(a.threshold).toBe(0);
  });

  it('parses a manual dry run', () => {
    expect(value(fixture('manual-dry-run.json'))).toEqual({
      source: 'manual',
      action: 'respond',
      alarmName: 'ar-ai-lifestyle-app-dynamodb-throttling-ai-lifestyle-app-goals-prod',
      dryRun: true,
    });
  });

  it('parses a manual undo, dry run unless said otherwise', () => {
    expect(value(fixture('manual-undo.json'))).toEqual({
      source: 'manual',
      action: 'undo',
      recordId: '3f1c9e2a-7b4d-4e8f-a6c5-1d2e3f4a5b6c',
      dryRun: true,
    });
  });
});

describe('parseInvocation: variations that real payloads take', () => {
  it.each([
    ['2024-05-14T09:10:27.123+0000', '2024-05-14T09:10:27.123Z'],
    ['2024-05-14T09:10:27.123Z', '2024-05-14T09:10:27.123Z'],
    ['2024-05-14T09:10:27.123+00:00', '2024-05-14T09:10:27.123Z'],
    ['2024-05-14T09:10:27Z', '2024-05-14T09:10:27.000Z'],
    ['2024-05-14T11:10:27.5+0200', '2024-05-14T09:10:27.500Z'],
    ['2024-05-14T04:10:27.123-05:00', '2024-05-14T09:10:27.123Z'],
  ])('reads StateChangeTime %s as %s and keeps the raw text', (raw, iso) => {
    const a = alarm(withMessage('sns-metric-alarm.json', (m) => { m.StateChangeTime = raw; }));
    expect(a.alarm.stateChangeTime.toISOString()).toBe(iso);
    expect(a.alarm.stateChangeTimeRaw).toBe(raw);
  });

  it('accepts dimensions written {Name, Value}', () => {
    const a = alarm(withMessage('sns-metric-alarm.json', (m) => {
      asRecord(m.Trigger).Dimensions = [{ Name: 'FunctionName', Value: 'rung-api-prod' }];
    }));
    expect(a.alarm.metrics[0]?.dimensions).toEqual({ FunctionName: 'rung-api-prod' });
  });

  it('takes the standard statistic and gives it the API casing', () => {
    const a = alarm(withMessage('sns-metric-alarm.json', (m) => {
      Object.assign(asRecord(m.Trigger), { StatisticType: 'Statistic', Statistic: 'MAXIMUM', ExtendedStatistic: undefined });
    }));
    expect(a.alarm.metrics[0]?.statistic).toBe('Maximum');
  });

  it('does not need AWSAccountId', () => {
    const a = alarm(withMessage('sns-metric-alarm.json', (m) => { delete m.AWSAccountId; }));
    expect(a.alarm.account).toBe(ACCOUNT);
  });

  it('takes region and account from a non-default partition ARN, ignoring the Region display name', () => {
    const name = 'ar-rung-high-latency-rung-api-prod';
    const a = alarm(withMessage('sns-metric-alarm.json', (m) => {
      m.AlarmArn = `arn:aws-us-gov:cloudwatch:us-gov-west-1:${ACCOUNT}:alarm:${name}`;
      m.Region = 'AWS GovCloud (US-West)';
    }));
    expect(a.alarm.region).toBe('us-gov-west-1');
  });

  it('accepts a composite child whose state is a bare string', () => {
    const a = alarm(withMessage('sns-composite-alarm.json', (m) => {
      m.TriggeringChildren = [{ Arn: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:${LATENCY}`, State: 'ALARM' }];
    }));
    expect(a.triggeringChildren).toEqual([{ arn: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:${LATENCY}`, state: 'ALARM' }]);
  });

  it.each([
    ['absent', undefined],
    ['empty', []],
  ])('accepts a composite whose TriggeringChildren is %s, as []', (_label, children) => {
    const a = alarm(withMessage('sns-composite-alarm.json', (m) => { m.TriggeringChildren = children; }));
    expect(a.alarm.shape).toBe('composite');
    expect(a.triggeringChildren).toEqual([]);
  });

  it('ignores fields AWS may add to the payload', () => {
    const a = alarm(withMessage('sns-metric-alarm.json', (m) => { m.ActionsSuppressedBy = 'WaitPeriod'; }));
    expect(a.alarm.name).toBe(LATENCY);
  });

  it('gives one outcome per SNS record, in order, a bad record not hiding a good one', () => {
    const event = fixture('sns-metric-alarm.json');
    const good = asArray(event.Records)[0];
    const bad = asArray(withRawMessage('sns-ok.json', 'not json').Records)[0];
    const third = asArray(fixture('sns-composite-alarm.json').Records)[0];
    event.Records = [good, bad, third];
    const outcomes = parseInvocation(event);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    const failed = outcomes[1];
    if (failed === undefined || failed.ok) throw new Error('expected the second record to fail');
    expect(failed.error.field).toBe('Message');
    expect(failed.error.message).toContain('(Records[1], SNS MessageId "9d2e7f1a-3b4c-5d6e-8f7a-1b2c3d4e5f6a")');
    const last = outcomes[2];
    expect(last?.ok && last.value.source === 'sns' && last.value.alarm.shape).toBe('composite');
  });
});
