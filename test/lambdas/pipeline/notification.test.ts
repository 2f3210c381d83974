import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  InvalidInputError,
  parseInvocation,
  type AlarmNotification,
  type Invocation,
  type ParseOutcome,
} from '../../../lambdas/pipeline/notification';

const EVENTS = join(__dirname, '..', '..', 'events');

type Json = Record<string, unknown>;

function isJson(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function asRecord(v: unknown): Json {
  if (!isJson(v)) throw new Error(`not an object: ${String(v)}`);
  return v;
}
function asArray(v: unknown): unknown[] {
  if (!Array.isArray(v)) throw new Error(`not an array: ${String(v)}`);
  return v;
}

function fixture(name: string): Json {
  const parsed: unknown = JSON.parse(readFileSync(join(EVENTS, name), 'utf8'));
  return asRecord(parsed);
}

/** A copy of an SNS fixture whose alarm message (and optionally envelope) `edit` has changed. */
function withMessage(name: string, edit: (message: Json) => void): Json {
  const event = fixture(name);
  const sns = asRecord(asRecord(asArray(event.Records)[0]).Sns);
  const parsed: unknown = JSON.parse(String(sns.Message));
  const message = asRecord(parsed);
  edit(message);
  sns.Message = JSON.stringify(message);
  return event;
}

function withRawMessage(name: string, raw: string): Json {
  const event = fixture(name);
  asRecord(asRecord(asArray(event.Records)[0]).Sns).Message = raw;
  return event;
}

function only(event: unknown): ParseOutcome {
  const outcomes = parseInvocation(event);
  expect(outcomes).toHaveLength(1);
  const [first] = outcomes;
  if (first === undefined) throw new Error('no outcome');
  return first;
}

function value(event: unknown): Invocation {
  const outcome = only(event);
  if (!outcome.ok) throw new Error(`expected success, got: ${outcome.error.message}`);
  return outcome.value;
}

function alarm(event: unknown): AlarmNotification {
  const v = value(event);
  if (v.source !== 'sns') throw new Error(`expected an alarm notification, got ${v.source}`);
  return v;
}

function error(event: unknown): InvalidInputError {
  const outcome = only(event);
  if (outcome.ok) throw new Error(`expected an error, got ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(InvalidInputError);
  expect(outcome.error.name).toBe('InvalidInputError');
  return outcome.error;
}

const ACCOUNT = '123456789012';
const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:ar-high-alerts`;
const LATENCY = 'ar-rung-high-latency-rung-api-prod';

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

describe('parseInvocation: manual payloads', () => {
  const name = 'ar-rung-high-latency-rung-api-prod';

  it('defaults dryRun to true when not given', () => {
    expect(value({ alarmName: name })).toEqual({ source: 'manual', action: 'respond', alarmName: name, dryRun: true });
  });

  it('enforces only on an explicit dryRun: false, and keeps the request id', () => {
    expect(value({ alarmName: name, dryRun: false, requestId: 'req-42' })).toEqual({
      source: 'manual', action: 'respond', alarmName: name, dryRun: false, requestId: 'req-42',
    });
    expect(value({ undo: 'rec-1', dryRun: false })).toEqual({ source: 'manual', action: 'undo', recordId: 'rec-1', dryRun: false });
  });

  it('rejects a dryRun that is not a boolean', () => {
    const e = error({ alarmName: name, dryRun: 'false' });
    expect(e.field).toBe('dryRun');
    expect(e.message).toBe('dryRun: expected a boolean (true or false), received "false"');
  });

  it('rejects an unknown field, naming it', () => {
    const e = error({ alarmName: name, dryrun: false });
    expect(e.field).toBe('dryrun');
    expect(e.message).toBe('dryrun: unknown field, not accepted, received {"dryrun":false}');
  });

  it('names every unknown field', () => {
    const e = error({ undo: 'rec-1', force: true, target: 'x' });
    expect(e.field).toBe('force, target');
    expect(e.message).toMatch(/^force, target: unknown fields, not accepted/);
  });

  it.each([
    ['empty', '', 'expected an alarm name of 1 to 255 characters, received ""'],
    ['too long', 'a'.repeat(256), 'expected an alarm name of 1 to 255 characters'],
    ['with a control character', 'ar-x\nINFO forged log line', 'expected an alarm name without control characters, received "ar-xINFO forged log line"'],
    ['not a string', 42, 'expected a string, received 42'],
  ])('rejects an alarmName that is %s', (_label, alarmName, problem) => {
    const e = error({ alarmName });
    expect(e.field).toBe('alarmName');
    expect(e.message).toContain(`alarmName: ${problem}`);
  });

  it('rejects both alarmName and undo', () => {
    const e = error({ alarmName: name, undo: 'rec-1' });
    expect(e.field).toBe('alarmName, undo');
    expect(e.message).toMatch(/not both/);
  });

  it('rejects a payload over 16 KB before looking at its fields', () => {
    const e = error({ alarmName: 'a'.repeat(17 * 1024) });
    expect(e.field).toBe('event');
    expect(e.message).toMatch(/^event: too large: \d+ bytes of JSON, over the limit of 16384/);
    expect(e.received?.length).toBeLessThanOrEqual(200);
  });
});

describe('parseInvocation: bad alarm notifications', () => {
  it('rejects a Message that is not JSON', () => {
    const e = error(withRawMessage('sns-metric-alarm.json', 'ALARM: rung is slow'));
    expect(e.field).toBe('Message');
    expect(e.received).toBe('"ALARM: rung is slow"');
    expect(e.message).toMatch(/^Message: expected a CloudWatch alarm notification in JSON, not valid JSON, received "ALARM: rung is slow" \(Records\[0\]/);
    expect(e.cause).toBeInstanceOf(SyntaxError);
  });

  it('rejects a Message that is JSON but not an object', () => {
    const e = error(withRawMessage('sns-metric-alarm.json', '[1,2]'));
    expect(e.field).toBe('Message');
    expect(e.message).toMatch(/^Message: expected a CloudWatch alarm notification \(a JSON object\), received \[1,2\]/);
  });

  it('rejects a notification without AlarmName', () => {
    const e = error(withMessage('sns-metric-alarm.json', (m) => { delete m.AlarmName; }));
    expect(e.field).toBe('Message.AlarmName');
    expect(e.received).toBeUndefined();
    expect(e.message).toMatch(/^Message.AlarmName: expected a string, received nothing/);
  });

  it.each([
    ['Threshold', (m: Json) => { asRecord(m.Trigger).Threshold = '5000'; }, 'Message.Trigger.Threshold', 'expected a number, received "5000"'],
    ['Period', (m: Json) => { asRecord(m.Trigger).Period = 0; }, 'Message.Trigger.Period', 'expected the period in seconds as a positive integer, received 0'],
    ['a dimension value', (m: Json) => { asRecord(m.Trigger).Dimensions = [{ name: 'FunctionName', value: 42 }]; }, 'Message.Trigger.Dimensions[0].value', 'expected a string, received 42'],
    ['MetricName', (m: Json) => { asRecord(m.Trigger).MetricName = ['Duration']; }, 'Message.Trigger.MetricName', 'expected a string, received ["Duration"]'],
    ['NewStateReason', (m: Json) => { m.NewStateReason = null; }, 'Message.NewStateReason', 'expected a string, received null'],
    ['Trigger', (m: Json) => { m.Trigger = 'Duration'; }, 'Message.Trigger', 'expected an object, received "Duration"'],
  ])('rejects a mistyped %s', (_label, edit, field, problem) => {
    const e = error(withMessage('sns-metric-alarm.json', edit));
    expect(e.field).toBe(field);
    expect(e.message).toMatch(new RegExp(`^${escape(`${field}: ${problem}`)}`));
  });

  it('rejects an AlarmArn that is not a CloudWatch alarm ARN', () => {
    const e = error(withMessage('sns-metric-alarm.json', (m) => { m.AlarmArn = TOPIC; }));
    expect(e.field).toBe('Message.AlarmArn');
    expect(e.message).toMatch(/^Message.AlarmArn: expected a CloudWatch alarm ARN, received "arn:aws:sns:us-east-1:123456789012:ar-high-alerts"/);
  });

  it('rejects an AlarmArn whose account is not 12 digits', () => {
    const e = error(withMessage('sns-metric-alarm.json', (m) => { m.AlarmArn = `arn:aws:cloudwatch:us-east-1:ACCOUNT:alarm:${LATENCY}`; }));
    expect(e.field).toBe('Message.AlarmArn');
  });

  it('rejects an AlarmArn naming another alarm', () => {
    const e = error(withMessage('sns-metric-alarm.json', (m) => { m.AlarmArn = `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:ar-other`; }));
    expect(e.field).toBe('Message.AlarmArn');
    expect(e.message).toMatch(/^Message.AlarmArn: expected the ARN of alarm "ar-rung-high-latency-rung-api-prod" \(AlarmName\), received ".*:alarm:ar-other"/);
  });

  it('rejects an AWSAccountId that differs from the account in the ARN', () => {
    const e = error(withMessage('sns-metric-alarm.json', (m) => { m.AWSAccountId = '210987654321'; }));
    expect(e.field).toBe('Message.AWSAccountId');
    expect(e.message).toMatch(/^Message.AWSAccountId: expected 123456789012, the account in AlarmArn, received "210987654321"/);
  });

  it.each(['NewStateValue', 'OldStateValue'])('rejects a %s that is not an alarm state', (key) => {
    const e = error(withMessage('sns-metric-alarm.json', (m) => { m[key] = 'ALARMING'; }));
    expect(e.field).toBe(`Message.${key}`);
    expect(e.message).toMatch(new RegExp(`^Message.${key}: expected "ALARM" or "OK" or "INSUFFICIENT_DATA", received "ALARMING"`));
  });

  it.each([
    ['not a timestamp', 'yesterday', 'expected a timestamp like 2015-06-03T17:43:27.123+0000'],
    ['without a zone', '2024-05-14T09:10:27.123', 'expected a timestamp like 2015-06-03T17:43:27.123+0000'],
    ['a day that does not exist', '2024-02-30T09:10:27.123+0000', 'expected a real date and time'],
    ['an hour that does not exist', '2024-05-14T24:10:27.123+0000', 'expected a real date and time'],
    ['a minute that does not exist', '2024-05-14T09:60:27.123+0000', 'expected a real date and time'],
    ['a second that does not exist', '2024-05-14T09:10:60.123+0000', 'expected a real date and time'],
    ['a zone that does not exist', '2024-05-14T09:10:27.123+2500', 'expected a real date and time'],
  ])('rejects a StateChangeTime that is %s', (_label, raw, problem) => {
    const e = error(withMessage('sns-metric-alarm.json', (m) => { m.StateChangeTime = raw; }));
    expect(e.field).toBe('Message.StateChangeTime');
    expect(e.message).toMatch(new RegExp(`^${escape(`Message.StateChangeTime: ${problem}, received "${raw}"`)}`));
  });

  it('rejects a notification with neither a Trigger nor an AlarmRule', () => {
    const e = error(withMessage('sns-metric-alarm.json', (m) => { delete m.Trigger; }));
    expect(e.field).toBe('Message.Trigger');
    expect(e.message).toMatch(/^Message.Trigger: expected a Trigger \(metric alarm\) or an AlarmRule \(composite alarm\), received nothing/);
  });

  it('rejects a math entry with neither MetricStat nor Expression', () => {
    const e = error(withMessage('sns-math-alarm.json', (m) => {
      asRecord(m.Trigger).Metrics = [{ Id: 'm1', ReturnData: true }];
    }));
    expect(e.field).toBe('Message.Trigger.Metrics[0]');
    expect(e.message).toMatch(/expected exactly one of MetricStat and Expression/);
  });

  it('rejects a math metric without a namespace, with the full path', () => {
    const e = error(withMessage('sns-math-alarm.json', (m) => {
      const entry = asRecord(asArray(asRecord(m.Trigger).Metrics)[2]);
      delete asRecord(asRecord(entry.MetricStat).Metric).Namespace;
    }));
    expect(e.field).toBe('Message.Trigger.Metrics[2].MetricStat.Metric.Namespace');
  });

  it('rejects a repeated dimension name', () => {
    const e = error(withMessage('sns-metric-alarm.json', (m) => {
      asRecord(m.Trigger).Dimensions = [{ name: 'FunctionName', value: 'a' }, { name: 'FunctionName', value: 'b' }];
    }));
    expect(e.field).toBe('Message.Trigger.Dimensions[1].name');
  });

  it('rejects a composite child without an ARN', () => {
    const e = error(withMessage('sns-composite-alarm.json', (m) => { m.TriggeringChildren = [{ State: { Value: 'ALARM' } }]; }));
    expect(e.field).toBe('Message.TriggeringChildren[0].Arn');
  });

  it('rejects a Message over 256 KB without parsing it', () => {
    const e = error(withMessage('sns-metric-alarm.json', (m) => { m.AlarmDescription = 'x'.repeat(256 * 1024); }));
    expect(e.field).toBe('Message');
    expect(e.message).toMatch(/^Message: too large: \d+ bytes, over the SNS limit of 262144/);
    expect(e.received?.length).toBeLessThanOrEqual(202);
  });

  it('makes received values safe to log: control characters stripped, 200 characters at most', () => {
    const e = error(withMessage('sns-metric-alarm.json', (m) => {
      m.AlarmArn = `\u001b[31marn:\r\nforged\u2028${'y'.repeat(1000)}`;
    }));
    expect(e.field).toBe('Message.AlarmArn');
    expect(e.received).toMatch(/^"\[31marn:forgedy+…"$/);
    expect(e.received?.length).toBe(202);
    expect(e.message).not.toMatch(/[\u0000-\u001f\u2028]/);
  });

  it('rejects a record that is not from SNS', () => {
    const event = fixture('sns-metric-alarm.json');
    asRecord(asArray(event.Records)[0]).EventSource = 'aws:sqs';
    const e = error(event);
    expect(e.field).toBe('Records[0].EventSource');
    expect(e.message).toBe('Records[0].EventSource: expected "aws:sns", received "aws:sqs"');
  });

  it('rejects a record without an SNS MessageId', () => {
    const event = fixture('sns-metric-alarm.json');
    delete asRecord(asRecord(asArray(event.Records)[0]).Sns).MessageId;
    expect(error(event).field).toBe('Records[0].Sns.MessageId');
  });
});

describe('parseInvocation: garbage', () => {
  it.each([
    ['a string', 'ALARM', 'received "ALARM"'],
    ['null', null, 'received null'],
    ['undefined', undefined, 'received nothing'],
    ['a number', 42, 'received 42'],
    ['an array', [], 'received []'],
    ['an empty object', {}, 'received {}'],
    ['a bare SNS record', { EventSource: 'aws:sns' }, 'received {"EventSource":"aws:sns"}'],
  ])('gives exactly one error for %s', (_label, event, received) => {
    const e = error(event);
    expect(e.field).toBe('event');
    expect(e.message).toBe(
      `event: expected an SNS event {"Records": [...]} or a manual payload {"alarmName": ...} or {"undo": ...}, ${received}`,
    );
  });

  it.each([
    ['empty', []],
    ['not an array', 'x'],
  ])('gives exactly one error for Records %s', (_label, records) => {
    const e = error({ Records: records });
    expect(e.field).toBe('Records');
    expect(e.message).toMatch(/^Records: expected a non-empty array of SNS records/);
  });

  it('gives one error, not an exception, for an event that cannot be read', () => {
    const event = Object.defineProperty({}, 'Records', { enumerable: true, get: () => { throw new Error('boom'); } });
    const e = error(event);
    expect(e.field).toBe('event');
    expect(e.cause).toBeInstanceOf(Error);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
