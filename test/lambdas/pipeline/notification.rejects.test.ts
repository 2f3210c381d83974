import { ACCOUNT, asArray, asRecord, error, escape, fixture, LATENCY, TOPIC, withMessage, withRawMessage, type Json } from './notification-helpers';

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
